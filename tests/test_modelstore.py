"""The model manifest, the (monkeypatched) download, and the missing-model error."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import huggingface_hub
import pytest

from service.modelstore import (
    MODEL_INFO_FILE,
    ManifestError,
    ModelMissingError,
    ModelSpec,
    check_model_dir,
    choose_weights,
    download_models,
    is_pinned,
    load_manifest,
    read_model_info,
)
from service.settings import Settings

ENTRY = """
[[model]]
role = "translation"
id = "org/model"
revision = "0123456789abcdef0123456789abcdef01234567"
licence = "CC-BY-4.0"
dir = "m"
files = ["config.json"]
"""


def test_default_manifest_pins_both_models_under_the_settings_folder_names() -> None:
    specs = {spec.role: spec for spec in load_manifest()}
    settings = Settings(model_dir=Path("/nonexistent"))
    translation, summarization = specs["translation"], specs["summarization"]
    assert translation.id == "Helsinki-NLP/opus-mt-de-en"
    assert translation.licence == "CC-BY-4.0"
    assert translation.dir == settings.translation_model
    assert {"source.spm", "target.spm", "vocab.json", "config.json"} <= set(translation.files)
    assert summarization.id == "sshleifer/distilbart-cnn-12-6"
    assert summarization.licence == "Apache-2.0"
    assert summarization.dir == settings.summarization_model
    assert {"vocab.json", "merges.txt", "config.json"} <= set(summarization.files)
    for spec in specs.values():
        assert is_pinned(spec), f"{spec.id} is not pinned to a commit: {spec.revision}"
        assert spec.weights[0] == "model.safetensors"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml = [", "not valid TOML"),
        ("schema = 1\n", "no [[model]] entries"),
        (ENTRY.replace('licence = "CC-BY-4.0"\n', ""), "missing licence"),
        (ENTRY.replace('role = "translation"', 'role = "speech"'), "role must be one of"),
        (ENTRY.replace('files = ["config.json"]', "files = []"), "files must be a non-empty list"),
        (ENTRY + ENTRY, "more than one translation model"),
    ],
)
def test_malformed_manifests_are_rejected_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "manifest.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert message in str(caught.value)


def test_a_manifest_entry_without_weights_gets_the_default_preference(tmp_path: Path) -> None:
    path = tmp_path / "manifest.toml"
    path.write_text(ENTRY, encoding="utf-8")
    (spec,) = load_manifest(path)
    assert spec.weights == ("model.safetensors", "pytorch_model.bin")
    assert spec.files == ("config.json",)


def test_branch_revisions_do_not_count_as_pinned() -> None:
    spec = ModelSpec("translation", "org/m", "main", "MIT", "m", ("config.json",))
    assert not is_pinned(spec)


def test_weights_are_chosen_by_preference_among_what_the_revision_holds() -> None:
    spec = ModelSpec("translation", "org/m", "a" * 40, "MIT", "m", ("config.json",))
    assert (
        choose_weights(spec, ["config.json", "pytorch_model.bin", "model.safetensors"]) == "model.safetensors"
    )
    assert choose_weights(spec, ["config.json", "pytorch_model.bin", "tf_model.h5"]) == "pytorch_model.bin"
    with pytest.raises(ManifestError, match="none of the weight files"):
        choose_weights(spec, ["config.json", "tf_model.h5"])


# Files each role needs, as the fake hub serves them.
FAKE_REPO = {
    "Helsinki-NLP/opus-mt-de-en": [
        "config.json",
        "source.spm",
        "target.spm",
        "vocab.json",
        "pytorch_model.bin",
        "tf_model.h5",
    ],
    "sshleifer/distilbart-cnn-12-6": [
        "config.json",
        "vocab.json",
        "merges.txt",
        "model.safetensors",
        "pytorch_model.bin",
    ],
}


def test_download_fetches_the_pinned_revision_and_only_the_listed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, object]] = []

    def fake_list_repo_files(repo_id: str, *, revision: str) -> list[str]:
        return FAKE_REPO[repo_id]

    def fake_snapshot_download(**kwargs: object) -> str:
        calls.append(kwargs)
        local = Path(str(kwargs["local_dir"]))
        local.mkdir(parents=True, exist_ok=True)
        for name in FAKE_REPO[str(kwargs["repo_id"])]:
            if name in kwargs["allow_patterns"]:  # type: ignore[operator]
                (local / name).write_text("{}", encoding="utf-8")
        return str(local)

    monkeypatch.setattr(huggingface_hub, "list_repo_files", fake_list_repo_files)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    specs = load_manifest()

    folders = download_models(tmp_path, specs)

    assert folders == [tmp_path / spec.dir for spec in specs]
    for spec, call in zip(specs, calls):
        assert call["repo_id"] == spec.id
        assert call["revision"] == spec.revision
        assert Path(str(call["local_dir"])) == tmp_path / spec.dir
        patterns = call["allow_patterns"]
        assert isinstance(patterns, list)
        assert set(spec.files) <= set(patterns)
        assert "tf_model.h5" not in patterns
        info = json.loads((tmp_path / spec.dir / MODEL_INFO_FILE).read_text(encoding="utf-8"))
        assert info == {"id": spec.id, "revision": spec.revision, "licence": spec.licence}
        assert read_model_info(tmp_path / spec.dir) == (spec.id, spec.revision)
    # opus-mt at this revision has no safetensors: the .bin is fetched; distilbart gets safetensors only.
    assert "pytorch_model.bin" in calls[0]["allow_patterns"]  # type: ignore[operator]
    assert "model.safetensors" in calls[1]["allow_patterns"]  # type: ignore[operator]
    assert "pytorch_model.bin" not in calls[1]["allow_patterns"]  # type: ignore[operator]


def test_download_with_convert_adds_the_ct2_conversion_of_each_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service import modelstore

    def fake_snapshot_download(**kwargs: object) -> str:
        local = Path(str(kwargs["local_dir"]))
        local.mkdir(parents=True, exist_ok=True)
        for name in FAKE_REPO[str(kwargs["repo_id"])]:
            (local / name).write_text("{}", encoding="utf-8")
        return str(local)

    converted: list[tuple[Path, str]] = []

    def fake_convert(path: Path, role: str) -> Path:
        converted.append((path, role))
        return path.with_name(path.name + "-ct2")

    monkeypatch.setattr(huggingface_hub, "list_repo_files", lambda repo_id, *, revision: FAKE_REPO[repo_id])
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    monkeypatch.setattr(modelstore, "convert_for_ct2", fake_convert)

    folders = download_models(tmp_path, load_manifest(), convert=True)

    assert converted == [
        (tmp_path / "opus-mt-de-en", "translation"),
        (tmp_path / "distilbart-cnn-12-6", "summarization"),
    ]
    assert tmp_path / "opus-mt-de-en-ct2" in folders


def test_a_missing_folder_names_the_path_and_the_fetch_command(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "opus-mt-de-en"
    with pytest.raises(ModelMissingError) as caught:
        check_model_dir(missing, "translation")
    message = str(caught.value)
    assert str(missing) in message
    assert "does not exist" in message
    assert "kurzbrief models download" in message
    assert "KURZBRIEF_MODEL_DIR" in message
    assert caught.value.role == "translation"


@pytest.mark.parametrize(
    ("role", "present", "missing"),
    [
        ("translation", [], "no config.json"),
        ("translation", ["config.json"], "no weights"),
        ("translation", ["config.json", "pytorch_model.bin", "vocab.json"], "source.spm"),
        ("summarization", ["config.json", "model.safetensors", "vocab.json"], "merges.txt"),
    ],
)
def test_an_incomplete_folder_says_what_is_missing(
    tmp_path: Path, role: str, present: list[str], missing: str
) -> None:
    for name in present:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    with pytest.raises(ModelMissingError, match=missing):
        check_model_dir(tmp_path, role)


def test_a_complete_folder_passes_in_either_tokenizer_form(tmp_path: Path) -> None:
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    check_model_dir(tmp_path, "summarization")


def test_missing_model_error_survives_pickling(tmp_path: Path) -> None:
    error = ModelMissingError(tmp_path, "summarization", "no config.json in the folder")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)
    assert copy.path == tmp_path


def test_model_info_of_tiny_models_and_of_hand_copied_folders(tiny_model_dir: Path, tmp_path: Path) -> None:
    assert read_model_info(tiny_model_dir / "opus-mt-de-en") == ("kurzbrief/tiny-opus-mt-de-en", "random-0")
    assert read_model_info(tiny_model_dir / "distilbart-cnn-12-6") == (
        "kurzbrief/tiny-distilbart-cnn",
        "random-0",
    )
    assert read_model_info(tmp_path) == (tmp_path.name, None)
    (tmp_path / MODEL_INFO_FILE).write_text("{broken", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        read_model_info(tmp_path)
