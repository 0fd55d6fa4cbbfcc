"""The real model path through the API: ``create_app(settings)`` with the tiny random-weight models.

The output text is noise (random weights); what is tested is the plumbing: the default
factory loads both models in the lifespan, readiness flips, and both endpoints answer with
the full shape and name the models that produced them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api import create_app
from service.settings import Settings

ARTICLE = (
    "Regierung plant neues Gesetz\n"
    "Die Regierung will bis zum Sommer ein neues Gesetz vorlegen. Das sagte die Ministerin am Montag.\n"
    "Laut der Opposition ist der Entwurf zu schwach. Er soll bereits beraten worden sein.\n"
)


@pytest.fixture(scope="module")
def tiny_client(tiny_settings: Settings) -> Iterator[TestClient]:
    app = create_app(tiny_settings.model_copy(update={"request_timeout_s": 120}))
    with TestClient(app) as client:
        assert app.state.kurzbrief.loader.wait(300), "tiny models did not load in time"
        yield client


def _assert_tiny_models(models: list[dict[str, str]], roles: list[str], model_dir: Path) -> None:
    assert [m["role"] for m in models] == roles
    for model in models:
        assert model["id"].startswith("kurzbrief/tiny-"), model
        assert Path(model["path"]).is_relative_to(model_dir), model
        assert model["backend"] == "transformers"


def test_readyz_lists_the_tiny_models(tiny_client: TestClient, tiny_model_dir: Path) -> None:
    response = tiny_client.get("/readyz")
    assert response.status_code == 200, response.text
    _assert_tiny_models(response.json()["models"], ["translation", "summarization"], tiny_model_dir)


def test_brief_with_the_tiny_models(tiny_client: TestClient, tiny_model_dir: Path) -> None:
    response = tiny_client.post("/v1/brief", json={"text": ARTICLE, "sentences": 2})
    assert response.status_code == 200, response.text
    body = response.json()
    _assert_tiny_models(body["models"], ["translation", "summarization"], tiny_model_dir)
    assert len(body["sentences"]) == 4
    assert all(isinstance(s["en"], str) for s in body["sentences"])
    assert body["headline"] == "Regierung plant neues Gesetz" and isinstance(body["headline_en"], str)
    for brief_sentence in body["brief_sentences"]:
        assert all(0 <= i < len(body["sentences"]) for i in brief_sentence["sources"])
    assert body["timings"]["translate"] > 0 and body["timings"]["summarize"] > 0
    metrics = tiny_client.get("/metrics").text
    assert 'kurzbrief_pipeline_stage_duration_seconds_count{stage="summarize"}' in metrics


def test_translate_with_the_tiny_models(tiny_client: TestClient, tiny_model_dir: Path) -> None:
    response = tiny_client.post("/v1/translate", json={"text": ARTICLE})
    assert response.status_code == 200, response.text
    body = response.json()
    _assert_tiny_models(body["models"], ["translation"], tiny_model_dir)
    assert [s["index"] for s in body["sentences"]] == [0, 1, 2, 3]
    assert all(isinstance(s["en"], str) for s in body["sentences"])
