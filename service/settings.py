"""One settings object for the whole service; every field can be set as KURZBRIEF_<NAME>."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_model_dir() -> Path:
    # A source checkout keeps weights in ./models (git-ignored); an installed package uses the
    # user's cache. The container sets KURZBRIEF_MODEL_DIR explicitly.
    if (REPO_ROOT / "models" / "manifest.toml").is_file():
        return REPO_ROOT / "models"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kurzbrief" / "models"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KURZBRIEF_", env_file=None, extra="ignore")

    # --- models -------------------------------------------------------------------------------
    model_dir: Path = Field(default_factory=default_model_dir, description="where model folders live")
    translation_model: str = Field(
        "opus-mt-de-en", description="folder name under model_dir, or an absolute path"
    )
    summarization_model: str = Field(
        "distilbart-cnn-12-6", description="folder name under model_dir, or an absolute path"
    )
    backend: Literal["transformers", "ctranslate2"] = "transformers"
    device: Literal["auto", "cpu", "cuda"] = "auto"
    threads: int = Field(0, ge=0, description="torch/CT2 intra-op threads; 0 = one per available core")

    # --- translation --------------------------------------------------------------------------
    translation_beams: int = Field(4, ge=1, le=16)
    translation_batch_size: int = Field(16, ge=1, le=256)
    translation_max_input_tokens: int = Field(
        510, ge=16, description="longest sentence (in tokens) sent to the model in one piece"
    )
    translation_max_length_ratio: float = Field(
        2.0, gt=0, description="max new tokens = ratio x source tokens + 10"
    )

    # --- summarization ------------------------------------------------------------------------
    summary_beams: int = Field(4, ge=1, le=16)
    summary_max_input_tokens: int = Field(1022, ge=64, description="chunk size for long inputs")
    brief_sentences: int = Field(3, ge=1, le=20, description="default target length of a brief")
    summary_no_repeat_ngram_size: int = Field(3, ge=0)
    summary_length_penalty: float = 2.0

    # --- limits and service -------------------------------------------------------------------
    max_text_chars: int = Field(100_000, ge=100)
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)

    @field_validator("model_dir", mode="before")
    @classmethod
    def _expand(cls, v: object) -> object:
        return Path(v).expanduser() if isinstance(v, (str, Path)) else v

    def model_path(self, name: str) -> Path:
        p = Path(name).expanduser()
        return p if p.is_absolute() else self.model_dir / p

    @property
    def translation_path(self) -> Path:
        return self.model_path(self.translation_model)

    @property
    def summarization_path(self) -> Path:
        return self.model_path(self.summarization_model)

    def resolved_device(self) -> str:
        if self.device != "auto":
            return self.device
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"

    def resolved_threads(self) -> int:
        if self.threads:
            return self.threads
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
