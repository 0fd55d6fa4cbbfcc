"""Settings: one object, KURZBRIEF_* environment, validated, paths resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from service.settings import REPO_ROOT, Settings


def test_settings_read_the_kurzbrief_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KURZBRIEF_MODEL_DIR", str(tmp_path))
    monkeypatch.setenv("KURZBRIEF_TRANSLATION_BEAMS", "2")
    monkeypatch.setenv("KURZBRIEF_BACKEND", "ctranslate2")
    monkeypatch.setenv("KURZBRIEF_API_KEYS", " a, b ,,")
    settings = Settings()
    assert settings.model_dir == tmp_path
    assert settings.translation_beams == 2 and settings.backend == "ctranslate2"
    assert settings.api_keys == ["a", "b"]
    assert settings.translation_path == tmp_path / "opus-mt-de-en"
    assert settings.summarization_path == tmp_path / "distilbart-cnn-12-6"


def test_model_names_may_be_absolute_paths(tmp_path: Path) -> None:
    settings = Settings(model_dir=tmp_path / "models", translation_model=str(tmp_path / "elsewhere"))
    assert settings.translation_path == tmp_path / "elsewhere"
    assert settings.summarization_path == tmp_path / "models" / "distilbart-cnn-12-6"


def test_checkout_default_model_dir_is_the_models_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KURZBRIEF_MODEL_DIR", raising=False)
    assert Settings().model_dir == REPO_ROOT / "models"


@pytest.mark.parametrize(
    ("name", "value"),
    [("translation_beams", 0), ("backend", "onnx"), ("device", "tpu"), ("max_text_chars", 10), ("port", 0)],
)
def test_invalid_values_are_refused(name: str, value: object) -> None:
    with pytest.raises(ValidationError, match=name):
        Settings(**{name: value})


def test_threads_and_device_resolve() -> None:
    assert Settings(threads=3).resolved_threads() == 3
    assert Settings().resolved_threads() >= 1
    assert Settings(device="cpu").resolved_device() == "cpu"
    assert Settings(device="auto").resolved_device() in ("cpu", "cuda")


def test_body_limit_leaves_room_for_json_escapes() -> None:
    assert Settings(max_text_chars=1_000).body_limit() == 12 * 1_000 + 64 * 1024
    assert Settings(max_body_bytes=4096).body_limit() == 4096
