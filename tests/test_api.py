"""The HTTP API on a pipeline of doubles: every endpoint, its response shape, readiness, logs.

The model stages are doubles (``DictTranslator``, ``LeadSummarizer``); cleaning, splitting,
attribution, language check and the guard are the real ones, so what the API returns is
what the pipeline really produces. The helpers at the top are shared by the other API tests.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api import create_app, get_pipeline
from service.attribution.extract import RuleAttributionExtractor
from service.attribution.repair import AttributionGuard
from service.logging import JsonFormatter
from service.pipeline import BriefPipeline
from service.settings import Settings
from service.text.clean import ArticleCleaner
from service.text.language import LanguageDetector
from service.text.normalize import normalize_text
from service.text.split import GermanSentenceSplitter
from tests.doubles import DictTranslator, LeadSummarizer

# An invented article with the kinds of lines the cleaner must sort: breadcrumb, headline,
# sub-heading, photo credit, attributed and hedged claims, agency credit.
ARTICLE = """Startseite > Politik > Inland
Stadtrat beschließt neues Radwegenetz
Der Stadtrat hat am Dienstag ein neues Radwegenetz beschlossen. Das sagte Bürgermeisterin Eva Roth nach der Sitzung.
Laut dem Verkehrsclub fehlt aber das Geld für den Ausbau.
Streit um die Kosten
Die Opposition kritisierte den Plan scharf. Die Verwaltung soll die Kosten lange verschwiegen haben.
Foto: Max Muster
Die Arbeiten beginnen im Frühjahr.
(dpa)
"""

# English for the body sentences, so the audit and guard see real English, not "[en] ...".
ENGLISH = {
    "Stadtrat beschließt neues Radwegenetz": "City council approves new cycle path network",
    "Der Stadtrat hat am Dienstag ein neues Radwegenetz beschlossen.": "The city council approved a new cycle path network on Tuesday.",
    "Das sagte Bürgermeisterin Eva Roth nach der Sitzung.": "Mayor Eva Roth said this after the meeting.",
    "Laut dem Verkehrsclub fehlt aber das Geld für den Ausbau.": "According to the transport club, however, the money for the expansion is lacking.",
    "Die Opposition kritisierte den Plan scharf.": "The opposition sharply criticised the plan.",
    "Die Verwaltung soll die Kosten lange verschwiegen haben.": "The administration reportedly kept the costs quiet for a long time.",
    "Die Arbeiten beginnen im Frühjahr.": "The work begins in spring.",
}

_DETECTOR_LOCK = threading.Lock()
_DETECTOR: list[LanguageDetector] = []


def shared_detector() -> LanguageDetector:
    """One language detector for all API tests (building one takes a fraction of a second)."""
    with _DETECTOR_LOCK:
        if not _DETECTOR:
            _DETECTOR.append(LanguageDetector())
        return _DETECTOR[0]


def doubles_pipeline(settings: Settings, *, translator: Any = None, summarizer: Any = None) -> BriefPipeline:
    return BriefPipeline(
        cleaner=ArticleCleaner(),
        splitter=GermanSentenceSplitter(),
        extractor=RuleAttributionExtractor(),
        translator=translator if translator is not None else DictTranslator(ENGLISH),
        summarizer=summarizer if summarizer is not None else LeadSummarizer(),
        guard=AttributionGuard(),
        language=shared_detector(),
        settings=settings,
    )


def doubles_factory(**stages: Any) -> Callable[[Settings], BriefPipeline]:
    return lambda settings: doubles_pipeline(settings, **stages)


def wait_ready(client: TestClient, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if client.get("/readyz").status_code == 200:
            return
        time.sleep(0.01)
    raise AssertionError(f"/readyz not 200 after {timeout_s} s: {client.get('/readyz').json()}")


def make_client(settings: Settings | None = None, **stages: Any) -> TestClient:
    return TestClient(create_app(settings or Settings(), pipeline_factory=doubles_factory(**stages)))


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response has ``status`` and the one error envelope with ``code``; returns the error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and len(error["message"]) > 20, error
    assert response.headers.get("x-request-id"), "every response carries its request id"
    return error


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with make_client() as c:
        wait_ready(c)
        yield c


# --- health and readiness ----------------------------------------------------------------------


def test_healthz_answers_while_models_load_and_readyz_waits_for_them() -> None:
    release = threading.Event()

    def slow_factory(settings: Settings) -> BriefPipeline:
        assert release.wait(10), "test did not release the loader"
        return doubles_pipeline(settings)

    app = create_app(Settings(), pipeline_factory=slow_factory)
    with TestClient(app) as c:
        assert c.get("/healthz").json() == {"status": "ok"}
        not_ready = c.get("/readyz")
        assert_error(not_ready, 503, "not_ready")
        assert int(not_ready.headers["retry-after"]) >= 1
        assert_error(c.post("/v1/brief", json={"text": ARTICLE}), 503, "not_ready")
        assert (
            'kurzbrief_model_load_state{kurzbrief_model_load_state="loading"} 1.0' in c.get("/metrics").text
        )
        release.set()
        wait_ready(c)
        ready = c.get("/readyz").json()
        assert ready["status"] == "ready"
        assert [m["id"] for m in ready["models"]] == ["test/dict-translator", "test/lead-summarizer"]
        assert 'kurzbrief_model_load_state{kurzbrief_model_load_state="ready"} 1.0' in c.get("/metrics").text


def test_readyz_names_a_missing_model_and_how_to_fetch_it(tmp_path: Path) -> None:
    # The real loader on an empty model folder: the failure must say what is missing and what to run.
    app = create_app(Settings(model_dir=tmp_path))
    with TestClient(app) as c:
        app.state.kurzbrief.loader.wait(60)
        error = assert_error(c.get("/readyz"), 503, "model_load_failed")
        assert str(tmp_path) in error["message"]
        assert "kurzbrief models download" in error["message"]
        # API clients get the state, not the operator's details (paths) of the failure.
        api_error = assert_error(c.post("/v1/brief", json={"text": ARTICLE}), 503, "model_load_failed")
        assert str(tmp_path) not in api_error["message"]
        assert c.get("/healthz").status_code == 200


# --- /v1/brief -----------------------------------------------------------------------------------


def test_brief_returns_the_full_brief_shape(client: TestClient) -> None:
    response = client.post("/v1/brief", json={"text": ARTICLE, "sentences": 2})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {
        "headline",
        "headline_en",
        "brief",
        "brief_sentences",
        "sentences",
        "headings",
        "credit",
        "removed",
        "repairs",
        "warnings",
        "models",
        "timings",
    }
    assert body["headline"] == "Stadtrat beschließt neues Radwegenetz"
    assert body["headline_en"] == "City council approves new cycle path network"
    assert [m["id"] for m in body["models"]] == ["test/dict-translator", "test/lead-summarizer"]
    sentences = body["sentences"]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert s["en"] == ENGLISH[s["de"]], "each translation belongs to its own sentence"
    assert body["brief_sentences"] and body["brief"]
    for bs in body["brief_sentences"]:
        assert set(bs) == {"text", "sources", "attributions"}
        assert bs["sources"] and all(0 <= i < len(sentences) for i in bs["sources"])
        assert bs["text"] in body["brief"]
    assert {"translate", "summarize", "guard", "total"} <= set(body["timings"])


def test_brief_keeps_attributions_and_hedges_on_the_source_sentences(client: TestClient) -> None:
    body = client.post("/v1/brief", json={"text": ARTICLE}).json()
    by_text = {s["de"]: s for s in body["sentences"]}
    club = by_text["Laut dem Verkehrsclub fehlt aber das Geld für den Ausbau."]["attributions"]
    assert any("Verkehrsclub" in a["source"] for a in club)
    hedged = by_text["Die Verwaltung soll die Kosten lange verschwiegen haben."]["attributions"]
    assert any(a["hedged"] for a in hedged), "'soll … verschwiegen haben' is a hedge"


def test_brief_accounts_for_every_input_line(client: TestClient) -> None:
    """Nothing is dropped silently: each input line is a headline, heading, credit, removed or body."""
    body = client.post("/v1/brief", json={"text": ARTICLE}).json()
    lines = [line for line in normalize_text(ARTICLE).split("\n")]
    removed_lines = {r["line"] for r in body["removed"]}
    heading_lines = {h["line"] for h in body["headings"]}
    body_text = "".join("".join(s["de"].split()) for s in body["sentences"])
    for n, line in enumerate(lines):
        if not line.strip() or n in removed_lines or n in heading_lines:
            continue
        if line == body["headline"] or line == body["credit"]:
            continue
        squashed = "".join(line.split())
        assert squashed in body_text, f"line {n} {line!r} is neither body text nor accounted for"
    assert "Foto: Max Muster" in {r["text"] for r in body["removed"]}
    assert "Streit um die Kosten" in {h["text"] for h in body["headings"]}
    assert body["credit"] == "(dpa)"


def test_brief_sentences_option_sets_the_brief_length(client: TestClient) -> None:
    one = client.post("/v1/brief", json={"text": ARTICLE, "sentences": 1}).json()
    three = client.post("/v1/brief", json={"text": ARTICLE, "sentences": 3}).json()
    assert len(one["brief_sentences"]) == 1
    assert len(three["brief_sentences"]) == 3


def test_brief_reads_html(client: TestClient) -> None:
    page = (
        "<!doctype html><html><head><title>Stadtrat beschließt neues Radwegenetz</title></head><body>"
        "<nav><a href='/'>Startseite</a></nav><article><h1>Stadtrat beschließt neues Radwegenetz</h1>"
        "<p>Der Stadtrat hat am Dienstag ein neues Radwegenetz beschlossen. Das sagte Bürgermeisterin "
        "Eva Roth nach der Sitzung.</p><p>Laut dem Verkehrsclub fehlt aber das Geld für den Ausbau.</p>"
        "<p>Die Arbeiten beginnen im Frühjahr.</p></article></body></html>"
    )
    for text_format in ("html", "auto"):
        response = client.post("/v1/brief", json={"text": page, "format": text_format})
        assert response.status_code == 200, response.text
        body = response.json()
        german = [s["de"] for s in body["sentences"]]
        assert "Die Arbeiten beginnen im Frühjahr." in german
        assert not any("<" in s for s in german), "no markup reaches the sentences"


# --- /v1/translate -------------------------------------------------------------------------------


def test_translate_returns_the_aligned_bitext(client: TestClient) -> None:
    response = client.post("/v1/translate", json={"text": ARTICLE})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {
        "headline",
        "headline_en",
        "sentences",
        "headings",
        "credit",
        "removed",
        "warnings",
        "models",
        "timings",
    }
    assert [m["id"] for m in body["models"]] == ["test/dict-translator"]
    assert [s["en"] for s in body["sentences"]] == [ENGLISH[s["de"]] for s in body["sentences"]]
    assert "translate" in body["timings"]


# --- /v1/audit -----------------------------------------------------------------------------------


def test_audit_of_a_bitext_flags_a_dropped_source(client: TestClient) -> None:
    bitext = [
        {
            "de": "Laut dem Verkehrsclub fehlt das Geld für den Ausbau.",
            "en": "According to the transport club, the money for the expansion is lacking.",
        },
        {"de": "Die Arbeiten beginnen im Frühjahr.", "en": "The work begins in spring."},
    ]
    faithful = client.post(
        "/v1/audit",
        json={
            "bitext": bitext,
            "brief": "According to the transport club, the money for the expansion is lacking.",
        },
    )
    assert faithful.status_code == 200, faithful.text
    assert faithful.json()["ok"] is True
    unfaithful = client.post(
        "/v1/audit", json={"bitext": bitext, "brief": "The money for the expansion is lacking."}
    ).json()
    assert unfaithful["ok"] is False
    kinds = {f["kind"] for s in unfaithful["sentences"] for f in s["flags"]}
    assert "missing_source" in kinds


def test_audit_of_an_article_translates_it_first(client: TestClient) -> None:
    response = client.post(
        "/v1/audit",
        json={"text": ARTICLE, "brief": "The money for the expansion is lacking. The work begins in spring."},
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert len(report["sentences"]) == 2
    assert report["ok"] is False, "the first sentence drops 'according to the transport club'"
    assert report["sentences"][1]["flags"] == []


# --- wiring ----------------------------------------------------------------------------------------


def test_the_pipeline_dependency_can_be_swapped() -> None:
    class ShoutingTranslator(DictTranslator):
        def translate_sentences(self, sentences: Any) -> Any:
            result = super().translate_sentences(sentences)
            return type(result)([t.upper() for t in result.texts])

    with make_client() as c:
        wait_ready(c)
        replacement = doubles_pipeline(Settings(), translator=ShoutingTranslator(ENGLISH))
        c.app.dependency_overrides[get_pipeline] = lambda: replacement  # type: ignore[attr-defined]
        body = c.post("/v1/translate", json={"text": ARTICLE}).json()
        assert body["sentences"][0]["en"] == ENGLISH[body["sentences"][0]["de"]].upper()


def test_request_id_is_echoed_or_generated(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32
    # A header that could forge log lines is replaced, not echoed.
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" injected {'}).headers["x-request-id"]
    assert forged != 'x" injected {' and len(forged) == 32


def test_metrics_count_requests_stages_and_engine_state() -> None:
    with make_client() as c:
        wait_ready(c)
        assert c.post("/v1/brief", json={"text": ARTICLE}).status_code == 200
        assert c.post("/v1/brief", json={"text": ""}).status_code == 422
        text = c.get("/metrics").text
    assert 'kurzbrief_http_requests_total{method="POST",route="/v1/brief",status="200"} 1.0' in text
    assert 'kurzbrief_http_requests_total{method="POST",route="/v1/brief",status="422"} 1.0' in text
    assert 'kurzbrief_errors_total{code="validation_error"} 1.0' in text
    assert 'kurzbrief_pipeline_stage_duration_seconds_count{stage="translate"} 1.0' in text
    assert 'kurzbrief_http_request_duration_seconds_count{route="/v1/brief"} 2.0' in text
    assert "kurzbrief_engine_queue_depth 0.0" in text
    assert "kurzbrief_engine_in_flight 0.0" in text
    # A second app starts from zero: every app has its own registry.
    with make_client() as other:
        wait_ready(other)
        assert 'route="/v1/brief"' not in other.get("/metrics").text


def test_openapi_documents_the_endpoints_and_the_error_envelope(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/v1/brief", "/v1/translate", "/v1/audit", "/healthz", "/readyz", "/metrics"} <= set(
        schema["paths"]
    )
    brief_responses = schema["paths"]["/v1/brief"]["post"]["responses"]
    for status in ("400", "413", "415", "422", "429", "503", "504"):
        assert brief_responses[status]["content"]["application/json"]["schema"]["$ref"].endswith(
            "ErrorEnvelope"
        )
    assert client.get("/docs").status_code == 200


# --- logs ------------------------------------------------------------------------------------------


def _access_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kurzbrief.access" and r.getMessage() == "request"]


def test_access_log_is_structured_and_never_holds_the_article(caplog: pytest.LogCaptureFixture) -> None:
    with make_client() as c:
        wait_ready(c)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="kurzbrief"):
            c.post("/v1/brief", json={"text": ARTICLE}, headers={"X-Request-ID": "req-42"})
    (record,) = _access_records(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42"
    assert line["route"] == "/v1/brief" and line["status"] == 200 and line["method"] == "POST"
    assert line["duration_ms"] > 0 and line["text_chars"] == len(ARTICLE)
    assert {"ts", "level", "msg"} <= set(line)
    everything = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert "Radwegenetz" not in everything, "article text must not be logged by default"


def test_article_text_is_logged_only_when_switched_on(caplog: pytest.LogCaptureFixture) -> None:
    with make_client(settings=Settings(log_text=True)) as c:
        wait_ready(c)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="kurzbrief"):
            c.post("/v1/brief", json={"text": ARTICLE})
    (record,) = _access_records(caplog)
    assert json.loads(JsonFormatter().format(record))["text"] == ARTICLE


# --- service settings ------------------------------------------------------------------------------


def test_service_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text("# operators\nkey-from-file\n\n", encoding="utf-8")
    monkeypatch.setenv("KURZBRIEF_API_KEYS", "alpha, beta,")
    monkeypatch.setenv("KURZBRIEF_API_KEYS_FILE", str(keys_file))
    monkeypatch.setenv("KURZBRIEF_MAX_QUEUE", "3")
    monkeypatch.setenv("KURZBRIEF_REQUEST_TIMEOUT_S", "7.5")
    config = Settings()
    assert config.api_keys == ["alpha", "beta"]
    assert config.api_keys_file == keys_file
    assert config.max_queue == 3 and config.request_timeout_s == 7.5
    app = create_app(Settings(), pipeline_factory=doubles_factory())
    with TestClient(app) as c:
        wait_ready(c)
        for key in ("alpha", "beta", "key-from-file"):
            ok = c.post("/v1/translate", json={"text": ARTICLE}, headers={"X-API-Key": key})
            assert ok.status_code == 200, ok.text
        assert c.post("/v1/translate", json={"text": ARTICLE}).status_code == 401
