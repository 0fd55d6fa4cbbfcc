"""One settings object for the whole service; every field can be set as KURZBRIEF_<NAME>."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
    # CTranslate2 int8 is 6.6x faster end to end than a hand-written transformers script on
    # 2 CPU cores at 1.2 GB peak (docs/benchmarks.md); transformers stays one setting away.
    backend: Literal["transformers", "ctranslate2"] = "ctranslate2"
    ct2_compute_type: str = Field(
        "auto", description="CTranslate2 compute type; auto = int8 on CPU, float16 on CUDA"
    )
    device: Literal["auto", "cpu", "cuda"] = "auto"
    threads: int = Field(0, ge=0, description="torch/CT2 intra-op threads; 0 = one per available core")

    # --- translation --------------------------------------------------------------------------
    translation_beams: int = Field(4, ge=1, le=16)
    translation_batch_size: int = Field(8, ge=1, le=256, description="8 was fastest on CPU; raise it on GPU")
    translation_cache_size: int = Field(10_000, ge=0, description="cached sentence translations; 0 = off")
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
    brief_cache_size: int = Field(256, ge=0, description="cached whole briefs of identical requests; 0 = off")
    summary_no_repeat_ngram_size: int = Field(3, ge=0)
    summary_length_penalty: float = 2.0

    # --- limits and service -------------------------------------------------------------------
    max_text_chars: int = Field(100_000, ge=100)
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_concurrency: int = Field(1, ge=1, le=64, description="model jobs run at once (1 on CPU)")
    max_queue: int = Field(16, ge=0, description="jobs waiting for a slot; beyond it requests get 429")
    request_timeout_s: float = Field(120.0, gt=0, description="deadline per request, queueing included (504)")
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="comma-separated API keys; empty = no authentication"
    )
    api_keys_file: Path | None = Field(
        None, description="file with one API key per line (# comments allowed)"
    )
    rate_limit_per_minute: float = Field(
        0.0, ge=0, description="requests per minute per API key; 0 = no limit"
    )
    rate_limit_burst: int | None = Field(
        None, ge=1, description="token-bucket size; default: one minute's worth (at least 1)"
    )
    log_text: bool = Field(False, description="log the article text of each request (off: only its length)")
    log_level: str = Field("INFO", description="level of the service's JSON log lines")
    max_body_bytes: int | None = Field(
        None, ge=1024, description="raw body limit; default 12 bytes per allowed character + 64 KiB"
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    def body_limit(self) -> int:
        """Largest raw request body accepted before parsing.

        JSON may escape one character as up to 12 bytes (a surrogate pair, ``\\ud83d\\ude00``),
        so the margin keeps every body whose text is within the character limit; the exact
        character check follows after parsing.
        """
        return self.max_body_bytes or 12 * self.max_text_chars + 64 * 1024

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
