"""Shared fixtures: tiny random-weight models, built once per test session, fully offline."""

from __future__ import annotations

import os

# Before anything imports huggingface_hub/transformers: tests never touch the network.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from service.settings import Settings

if TYPE_CHECKING:
    from service.summarize import Seq2SeqSummarizer
    from service.translate import MarianTranslator


def _build_tiny(directory: Path) -> None:
    # Through the real CLI command when it exists, so the command itself is exercised.
    if importlib.util.find_spec("service.cli") is None:
        from service.modelbuild import make_tiny

        make_tiny(directory)
        return
    from typer.testing import CliRunner

    from service.cli import app

    result = CliRunner().invoke(app, ["models", "make-tiny", str(directory)])
    assert result.exit_code == 0, f"kurzbrief models make-tiny failed:\n{result.output}\n{result.exception!r}"


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model dir holding tiny opus-mt-de-en and distilbart-cnn-12-6 stand-ins (Settings defaults)."""
    directory = tmp_path_factory.mktemp("tiny-models")
    _build_tiny(directory)
    return directory


@pytest.fixture(scope="session")
def tiny_settings(tiny_model_dir: Path) -> Settings:
    return Settings(
        model_dir=tiny_model_dir,
        backend="transformers",
        threads=1,
        translation_beams=2,
        summary_beams=2,
        # the caches have their own tests; here every call should reach the models
        translation_cache_size=0,
        brief_cache_size=0,
    )


@pytest.fixture(scope="session")
def tiny_translator(tiny_settings: Settings) -> MarianTranslator:
    from service.translate import MarianTranslator

    return MarianTranslator.from_settings(tiny_settings)


@pytest.fixture(scope="session")
def tiny_summarizer(tiny_settings: Settings) -> Seq2SeqSummarizer:
    from service.summarize import Seq2SeqSummarizer

    return Seq2SeqSummarizer.from_settings(tiny_settings)
