"""Where the model weights come from and how the service tells whether they are there.

The manifest (models/manifest.toml, shipped in the wheel as service/data/manifest.toml) pins
each default model to a Hugging Face commit. ``download_models`` fetches exactly those files
into ``<model_dir>/<dir>`` and writes ``kurzbrief-model.json`` beside them, so the service can
report which model and revision produced a brief, also for models it built itself.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, cast

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 needs the backport
    import tomli as tomllib

from service.settings import REPO_ROOT

log = logging.getLogger("kurzbrief.models")

Role = Literal["translation", "summarization"]
ROLES: tuple[Role, ...] = ("translation", "summarization")

MODEL_INFO_FILE = "kurzbrief-model.json"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# What the transformers backend needs besides weights; either form of tokenizer counts.
TOKENIZER_FILES: dict[Role, tuple[tuple[str, ...], ...]] = {
    "translation": (("source.spm", "target.spm", "vocab.json"),),
    "summarization": (("tokenizer.json",), ("vocab.json", "merges.txt")),
}
FETCH_HINT = (
    "Fetch the default models with `kurzbrief models download` (needs internet), point "
    "KURZBRIEF_MODEL_DIR at a folder that holds them, or build tiny offline test models with "
    "`kurzbrief models make-tiny DIR`."
)


class ManifestError(ValueError):
    """The model manifest is missing or malformed."""


class ModelMissingError(FileNotFoundError):
    """A model folder is absent or incomplete; the message says what to run to fix it."""

    def __init__(self, path: Path, role: str, missing: str) -> None:
        self.path = Path(path)
        self.role = role
        self.missing = missing
        super().__init__(f"{role} model not usable at {self.path}: {missing}. {FETCH_HINT}")

    def __reduce__(self) -> tuple[type[ModelMissingError], tuple[Path, str, str]]:
        # Worker processes of the batch runner send errors back pickled.
        return (type(self), (self.path, self.role, self.missing))


@dataclass(frozen=True)
class ModelSpec:
    """One model of the manifest."""

    role: Role
    id: str
    revision: str
    licence: str
    dir: str
    files: tuple[str, ...]
    weights: tuple[str, ...] = WEIGHT_FILES


def manifest_text(path: Path | None = None) -> tuple[str, str]:
    """(TOML text, where it came from): the given file, the checkout's, else the packaged copy."""
    if path is not None:
        try:
            return Path(path).read_text(encoding="utf-8"), str(path)
        except FileNotFoundError:
            raise ManifestError(f"no model manifest at {path}") from None
    checkout = REPO_ROOT / "models" / "manifest.toml"
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8"), str(checkout)
    packaged = resources.files("service") / "data" / "manifest.toml"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8"), str(packaged)
    raise ManifestError(f"no model manifest: neither {checkout} nor the packaged service/data/manifest.toml")


def load_manifest(path: Path | None = None) -> list[ModelSpec]:
    """The models of the manifest, in file order."""
    text, origin = manifest_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{origin} is not valid TOML: {exc}") from None
    entries = data.get("model")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{origin} has no [[model]] entries")
    specs = [_spec(entry, origin, n) for n, entry in enumerate(entries)]
    for role in ROLES:
        if sum(s.role == role for s in specs) > 1:
            raise ManifestError(f"{origin} lists more than one {role} model")
    return specs


def _spec(entry: object, origin: str, n: int) -> ModelSpec:
    where = f"{origin}, model #{n + 1}"
    if not isinstance(entry, dict):
        raise ManifestError(f"{where}: expected a table")
    required = ("role", "id", "revision", "licence", "dir", "files")
    absent = [key for key in required if key not in entry]
    if absent:
        raise ManifestError(f"{where}: missing {', '.join(absent)}")
    if entry["role"] not in ROLES:
        raise ManifestError(f"{where}: role must be one of {ROLES}, not {entry['role']!r}")
    for key in ("id", "revision", "licence", "dir"):
        if not isinstance(entry[key], str) or not entry[key]:
            raise ManifestError(f"{where}: {key} must be a non-empty string")
    files = entry["files"]
    weights = entry.get("weights", list(WEIGHT_FILES))
    for key, value in (("files", files), ("weights", weights)):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ManifestError(f"{where}: {key} must be a non-empty list of strings")
    return ModelSpec(
        role=cast(Role, entry["role"]),
        id=entry["id"],
        revision=entry["revision"],
        licence=entry["licence"],
        dir=entry["dir"],
        files=tuple(files),
        weights=tuple(weights),
    )


def is_pinned(spec: ModelSpec) -> bool:
    """Whether the revision is an immutable commit SHA (not a branch such as 'main')."""
    rev = spec.revision.lower()
    return len(rev) == 40 and all(c in "0123456789abcdef" for c in rev)


# --- checking a model folder --------------------------------------------------------------------


def check_model_dir(path: Path, role: str) -> None:
    """Raise ModelMissingError unless ``path`` holds a loadable transformers model for ``role``."""
    path = Path(path)
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    if not path.exists():
        raise ModelMissingError(path, role, "the folder does not exist")
    if not path.is_dir():
        raise ModelMissingError(path, role, "it is a file, not a model folder")
    if not (path / "config.json").is_file():
        raise ModelMissingError(path, role, "no config.json in the folder")
    if not any((path / name).is_file() for name in WEIGHT_FILES) and not any(path.glob("*.safetensors")):
        raise ModelMissingError(path, role, f"no weights ({' or '.join(WEIGHT_FILES)})")
    options = TOKENIZER_FILES[cast(Role, role)]
    if not any(all((path / name).is_file() for name in option) for option in options):
        wanted = " or ".join("+".join(option) for option in options)
        raise ModelMissingError(path, role, f"no tokenizer files ({wanted})")


def write_model_info(path: Path, *, model_id: str, revision: str, licence: str | None = None) -> Path:
    """Record which model and revision a folder holds (read back by ``read_model_info``)."""
    info = {"id": model_id, "revision": revision}
    if licence is not None:
        info["licence"] = licence
    target = Path(path) / MODEL_INFO_FILE
    target.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target


def read_model_info(path: Path) -> tuple[str, str | None]:
    """(model id, revision) of a model folder.

    Folders without kurzbrief-model.json (copied by hand) report their folder name and no
    revision rather than failing: the model itself may be fine.
    """
    path = Path(path)
    try:
        info = json.loads((path / MODEL_INFO_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return path.name, None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path / MODEL_INFO_FILE} is not valid JSON: {exc}") from None
    if not isinstance(info, dict) or not isinstance(info.get("id"), str):
        raise ValueError(f"{path / MODEL_INFO_FILE} has no model id")  # noqa: TRY004 - bad content, not a bad argument
    revision = info.get("revision")
    return info["id"], revision if isinstance(revision, str) else None


# --- downloading --------------------------------------------------------------------------------


def choose_weights(spec: ModelSpec, repo_files: Iterable[str]) -> str:
    """The first weight file of the spec's preference list that the pinned revision holds."""
    available = set(repo_files)
    for name in spec.weights:
        if name in available:
            return name
    raise ManifestError(
        f"{spec.id}@{spec.revision} holds none of the weight files {list(spec.weights)}; "
        "fix `weights` in the manifest"
    )


def download_models(model_dir: Path, specs: Sequence[ModelSpec], *, convert: bool = False) -> list[Path]:
    """Fetch each model at its pinned revision into ``model_dir/<spec.dir>``; return the folders.

    With ``convert`` the CTranslate2 backend's conversion of each model is written as well.
    Needs internet access to huggingface.co (or a mirror set through HF_ENDPOINT).
    """
    from huggingface_hub import list_repo_files, snapshot_download

    folders: list[Path] = []
    for spec in specs:
        local = Path(model_dir) / spec.dir
        if not is_pinned(spec):
            log.warning(
                "%s is fetched at %r, not a pinned commit: the weights may change", spec.id, spec.revision
            )
        weights = choose_weights(spec, list_repo_files(spec.id, revision=spec.revision))
        snapshot_download(
            repo_id=spec.id,
            revision=spec.revision,
            local_dir=local,
            allow_patterns=[*spec.files, weights],
        )
        write_model_info(local, model_id=spec.id, revision=spec.revision, licence=spec.licence)
        check_model_dir(local, spec.role)
        folders.append(local)
        if convert:
            folders.append(convert_for_ct2(local, spec.role))
    return folders


def convert_for_ct2(path: Path, role: Role) -> Path:
    """Write the CTranslate2 conversion of a downloaded model (the ct2 backend owns the layout)."""
    from service.backends import ct2

    return Path(ct2.convert_model(path, role=role))
