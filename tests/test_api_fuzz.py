"""Fuzzing: schemathesis drives the app's own OpenAPI schema; hypothesis throws random text at it.

Both run in-process against the doubles-backed app (ASGI, no socket). The property is the
one that matters to clients: no input produces a 5xx, and every response matches the
documented schema (status codes, content types, bodies — the error envelope included).
Example counts are bounded so the file runs in well under a minute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api import create_app
from service.settings import Settings
from tests.test_api import ARTICLE, doubles_factory, wait_ready

# A small text limit keeps generated bodies cheap to process; the timeout turns a hang into
# a 504, which the checks below report as a failure.
APP = create_app(
    Settings(max_text_chars=2_000, max_concurrency=1, max_queue=64, request_timeout_s=30),
    pipeline_factory=doubles_factory(),
)
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)  # also starts the app's lifespan
SCHEMA.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=40, deterministic=True
)


@pytest.fixture(scope="module", autouse=True)
def models_loaded() -> None:
    assert APP.state.kurzbrief.loader.wait(30), "the doubles pipeline did not load"


def no_server_error(ctx: object, response: schemathesis.Response, case: schemathesis.Case) -> None:
    assert response.status_code < 500, (
        f"{case.method} {case.path} -> {response.status_code}: {response.text[:300]}"
    )


@SCHEMA.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_schema_fuzzing_finds_no_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            no_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(
        Settings(max_text_chars=5_000, request_timeout_s=30),
        pipeline_factory=doubles_factory(),
    )
    with TestClient(app) as c:
        wait_ready(c)
        yield c


german_words = st.sampled_from(
    [
        "der",
        "die",
        "das",
        "Stadtrat",
        "sagte",
        "laut",
        "soll",
        "habe",
        "Polizei",
        "Regierung",
        "Millionen",
        "Euro",
        "am",
        "Montag",
        "nicht",
        "und",
        "„Wir",
        "schaffen",
        "das“,",
        "sagte",
        "sie.",
        "—",
        "(dpa)",
        "Foto:",
        "2024",
        "%",
        "§",
        "<p>",
        "</p>",
        "&",
        "😀",
        "Straße",
        "ß",
        "ÄÖÜ",
    ]
)
texts = st.one_of(
    st.text(max_size=600),
    st.lists(german_words, min_size=1, max_size=120).map(" ".join),
    st.lists(st.lists(german_words, min_size=1, max_size=15).map(" ".join), max_size=30).map("\n".join),
    st.just(ARTICLE).flatmap(lambda a: st.integers(0, len(a)).map(lambda cut: a[:cut])),
)


@given(text=texts, fmt=st.sampled_from(["auto", "text", "html"]), sentences=st.none() | st.integers(-2, 25))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_text_never_gets_a_server_error(
    client: TestClient, text: str, fmt: str, sentences: int | None
) -> None:
    payload: dict[str, object] = {"text": text, "format": fmt}
    if sentences is not None:
        payload["sentences"] = sentences
    body = json.dumps(payload).encode("ascii")  # escapes keep lone surrogates representable
    response = client.post("/v1/brief", content=body, headers={"content-type": "application/json"})
    assert response.status_code < 500, response.text[:500]
    if response.status_code == 200:
        brief = response.json()
        assert brief["sentences"] and all(
            0 <= i < len(brief["sentences"]) for s in brief["brief_sentences"] for i in s["sources"]
        )
    else:
        assert set(response.json()) == {"error"}
