"""Every way a request can go wrong gets a clear 4xx (or a generic 5xx) in the one error envelope.

Bad input, limits, overload, deadlines, crashes, API keys and rate limits, plus pathological
texts that must never produce a 500 or a hang. The engine's own guarantees (no expired job
is started, slots are released, stop drains) are tested directly at the end.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.auth import RateLimiter
from service.engine import DeadlineExceededError, EngineStoppedError, InferenceEngine, QueueFullError
from service.errors import CATALOGUE
from service.settings import Settings
from service.stages import TranslationResult
from tests.doubles import DictTranslator
from tests.test_api import ARTICLE, ENGLISH, assert_error, make_client, wait_ready


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with make_client(Settings(max_text_chars=5_000)) as c:
        wait_ready(c)
        yield c


def post_raw(client: TestClient, body: bytes, content_type: str | None = "application/json") -> Any:
    headers = {"content-type": content_type} if content_type else {}
    return client.post("/v1/brief", content=body, headers=headers)


def test_the_catalogue_has_unique_codes() -> None:
    codes = [kind.code for kind in CATALOGUE]
    assert len(codes) == len(set(codes))


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_or_blank_text_is_422(client: TestClient, text: str) -> None:
    error = assert_error(client.post("/v1/brief", json={"text": text}), 422, "validation_error")
    assert error["details"][0]["field"] == "text"


def test_missing_field_is_422_naming_it(client: TestClient) -> None:
    error = assert_error(client.post("/v1/brief", json={"format": "text"}), 422, "validation_error")
    assert {"field": "text", "message": "Field required", "type": "missing"} in error["details"]
    assert "text: Field required" in error["message"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": 42}, "text"),
        ({"text": ["Satz."]}, "text"),
        ({"text": ARTICLE, "sentences": "viele"}, "sentences"),
        ({"text": ARTICLE, "sentences": 0}, "sentences"),
        ({"text": ARTICLE, "sentences": 21}, "sentences"),
        ({"text": ARTICLE, "format": "pdf"}, "format"),
        ({"text": ARTICLE, "allow_english": True}, "allow_english"),
    ],
)
def test_wrong_types_ranges_and_unknown_fields_are_422(
    client: TestClient, payload: dict[str, Any], field: str
) -> None:
    error = assert_error(client.post("/v1/brief", json=payload), 422, "validation_error")
    assert field in {d["field"] for d in error["details"]}


@pytest.mark.parametrize("body", [b"[1, 2]", b'"just a string"', b"null", b"17"])
def test_a_body_that_is_not_an_object_is_422(client: TestClient, body: bytes) -> None:
    assert_error(post_raw(client, body), 422, "validation_error")


def test_validation_errors_do_not_echo_the_article(client: TestClient) -> None:
    response = client.post("/v1/brief", json={"text": ARTICLE, "sentences": 99})
    assert "Radwegenetz" not in response.text


@pytest.mark.parametrize("body", [b"{", b'{"text": "Satz."', b"{'text': 'Satz.'}", b'{"text": }'])
def test_malformed_json_is_400(client: TestClient, body: bytes) -> None:
    error = assert_error(post_raw(client, body), 400, "invalid_json")
    assert "position" in error["details"]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None]
)
def test_a_body_that_is_not_json_is_415(client: TestClient, content_type: str | None) -> None:
    error = assert_error(post_raw(client, b'{"text": "Satz."}', content_type), 415, "unsupported_media_type")
    assert "application/json" in error["message"]


def test_a_json_body_in_another_charset_is_415(client: TestClient) -> None:
    response = post_raw(client, '{"text": "Straße"}'.encode("latin-1"), "application/json; charset=latin-1")
    assert_error(response, 415, "unsupported_media_type")


def test_json_with_a_utf8_charset_parameter_is_accepted(client: TestClient) -> None:
    response = post_raw(client, json.dumps({"text": ARTICLE}).encode(), "application/json; charset=UTF-8")
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "body",
    [
        '{"text": "Stra\u00dfe"}'.encode("latin-1"),  # Latin-1 sent as if it were UTF-8
        bytes(range(256)) * 4,  # a binary file
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_invalid_utf8_or_binary_body_is_400(client: TestClient, body: bytes) -> None:
    error = assert_error(post_raw(client, body), 400, "invalid_encoding")
    assert isinstance(error["details"]["offset"], int)


def test_control_character_garbage_in_the_text_is_422(client: TestClient) -> None:
    garbage = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t") * 20
    assert_error(client.post("/v1/brief", json={"text": garbage}), 422, "invalid_text")


def test_lone_surrogate_escapes_are_a_clear_422(client: TestClient) -> None:
    # Valid JSON ("\\ud800" is a legal escape) that decodes to a string no UTF-8 encoder accepts.
    body = b'{"text": "' + ARTICLE.replace("\n", "\\n").encode() + b' \\ud800"}'
    error = assert_error(post_raw(client, body), 422, "validation_error")
    assert error["details"][0]["field"] == "text"
    assert "unicode" in error["message"]


def test_text_over_the_limit_is_413_naming_the_limit(client: TestClient) -> None:
    text = (ARTICLE + "\n") * 20  # > 5,000 characters
    error = assert_error(client.post("/v1/brief", json={"text": text}), 413, "text_too_long")
    assert "5,000" in error["message"] and "KURZBRIEF_MAX_TEXT_CHARS" in error["message"]
    assert error["details"] == {"field": "text", "length": len(text), "limit": 5_000}


def test_a_huge_body_is_refused_before_it_is_read() -> None:
    translator = DictTranslator(ENGLISH)
    with make_client(Settings(max_text_chars=1_000), translator=translator) as c:
        wait_ready(c)
        limit = c.app.state.kurzbrief.body_limit  # type: ignore[attr-defined]
        huge = b'{"text": "' + b"a" * (50 * 1024 * 1024) + b'"}'
        error = assert_error(post_raw(c, huge), 413, "body_too_large")
        assert error["details"] == {"limit_bytes": limit}
        assert f"{limit:,}" in error["message"]

        # Without a Content-Length (chunked upload) the limit applies while streaming.
        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(200):
                yield b"a" * 8192
            yield b'"}'

        streamed = c.post("/v1/brief", content=chunks(), headers={"content-type": "application/json"})
        assert_error(streamed, 413, "body_too_large")
    assert translator.calls == [], "nothing reached the model"


def test_english_text_is_422_naming_the_language(client: TestClient) -> None:
    english = (
        "The city council approved a new network of cycle paths on Tuesday. The mayor said the work "
        "would start in spring, while the opposition criticised the cost of the plan."
    )
    error = assert_error(client.post("/v1/brief", json={"text": english}), 422, "not_german")
    assert error["details"]["detected"]["iso"] == "en"
    assert "English" in error["message"]


def test_only_boilerplate_is_422_no_body_text(client: TestClient) -> None:
    boilerplate = "Startseite > Politik > Inland\nFoto: Max Muster\nJetzt Newsletter abonnieren\nKommentare"
    assert_error(client.post("/v1/brief", json={"text": boilerplate}), 422, "no_body_text")


def test_html_without_visible_text_is_422(client: TestClient) -> None:
    page = "<html><head><script>var x = 1;</script><style>p {}</style></head><body><div></div></body></html>"
    response = client.post("/v1/brief", json={"text": page, "format": "html"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] in {"no_article_in_html", "invalid_text", "no_body_text"}


def test_audit_needs_exactly_one_source(client: TestClient) -> None:
    neither = assert_error(client.post("/v1/audit", json={"brief": "A brief."}), 422, "validation_error")
    assert "exactly one of 'text'" in neither["message"]
    both = {"brief": "A brief.", "text": ARTICLE, "bitext": [{"de": "Satz.", "en": "Sentence."}]}
    assert_error(client.post("/v1/audit", json=both), 422, "validation_error")
    blank_row = {"brief": "A brief.", "bitext": [{"de": "  ", "en": "Sentence."}]}
    assert_error(client.post("/v1/audit", json=blank_row), 422, "validation_error")
    assert_error(client.post("/v1/audit", json={"brief": "A brief.", "bitext": []}), 422, "validation_error")


def test_unknown_path_and_wrong_method_use_the_envelope(client: TestClient) -> None:
    error = assert_error(client.get("/v1/summarise"), 404, "not_found")
    assert "/v1/brief" in error["message"]
    wrong = client.get("/v1/brief")
    error = assert_error(wrong, 405, "method_not_allowed")
    assert "POST" in error["message"] and wrong.headers["allow"] == "POST"


# --- pathological text: a correct answer or a clear 4xx, never a 500 or a hang --------------------

SENTENCE = "Der Gemeinderat hat nach langer Diskussion über die Verkehrsplanung der Stadt entschieden"
PATHOLOGICAL = {
    "one 20,000-character sentence": " ".join([SENTENCE] * 220)[:20_000] + ".",
    "no punctuation at all": " ".join([SENTENCE] * 40),
    "5,000 tiny lines": "\n".join(["Ja."] * 2_500 + ["Der Rat stimmte zu."] * 2_500),
    "emoji": "Die Stadt 🏙️ feiert 🎉 das neue Radwegenetz 🚲🚲. Alle sind begeistert 😀😀😀! 👍" * 10,
    "mixed scripts": "Der Präsident sagte: „Мы готовы“, und der Gast antwortete 好的. Die Gespräche dauerten "
    "bis in die Nacht, berichtete die Zeitung. مرحبا",
    "control characters": "Der Stadtrat\x00 hat\x07 am Dienstag\x1b[31m getagt.\x08 Die Sitzung dauerte lange.",
    "bidi and zero-width": "Der\u200b Stadtrat\u202e hat\u2066 getagt.\ufeff Die Sitzung\u00ad dauerte lange.",
    "only quotes and dashes": "„“ — ‚‘ – »« " * 50,
    "a single word": "Radwegenetz",
    "html-like prose": "Der Wert ist <b>größer</b> als 5 < 7 und <i>kleiner</i> als 9. Das sagte der Rat.",
    "deep html": "<div>" * 2_000 + "Der Stadtrat hat getagt." + "</div>" * 2_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_never_crashes(name: str) -> None:
    text = PATHOLOGICAL[name]
    # The deadline turns a hang into a 504, which this test then reports as a failure.
    with make_client(Settings(max_text_chars=100_000, request_timeout_s=30)) as c:
        wait_ready(c)
        for endpoint in ("/v1/brief", "/v1/translate"):
            # ensure_ascii: escapes every non-ASCII character, as many clients do
            body = json.dumps({"text": text}).encode("ascii")
            response = c.post(endpoint, content=body, headers={"content-type": "application/json"})
            assert response.status_code < 500, f"{name} on {endpoint}: {response.text[:500]}"
            if response.status_code == 200:
                body = response.json()
                assert body["sentences"], f"{name}: a 200 must carry sentences"
            else:
                assert_error(response, response.status_code, response.json()["error"]["code"])


# --- overload, deadlines, crashes ------------------------------------------------------------------


def test_overload_is_429_with_retry_after() -> None:
    config = Settings(max_concurrency=1, max_queue=1, request_timeout_s=30)
    translator = DictTranslator(ENGLISH, delay=0.3)
    with make_client(settings=config, translator=translator) as c:
        wait_ready(c)
        with ThreadPoolExecutor(max_workers=6) as pool:
            responses = list(pool.map(lambda _: c.post("/v1/translate", json={"text": ARTICLE}), range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) == {200, 429}, statuses
    assert statuses.count(200) >= 2, "one running and one queued job are always accepted"
    for response in responses:
        if response.status_code == 429:
            error = assert_error(response, 429, "overloaded")
            assert int(response.headers["retry-after"]) >= 1
            assert error["details"] == {"max_concurrency": 1, "max_queue": 1}


class GatedTranslator(DictTranslator):
    """Blocks every call until the test opens the gate; counts the calls that started."""

    def __init__(self) -> None:
        super().__init__(ENGLISH)
        self.gate = threading.Event()
        self.started = 0

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        self.started += 1
        self.gate.wait(30)
        return super().translate_sentences(sentences)


def test_deadline_is_504_and_a_queued_job_past_its_deadline_never_starts() -> None:
    config = Settings(max_concurrency=1, max_queue=4, request_timeout_s=0.5)
    translator = GatedTranslator()
    with make_client(settings=config, translator=translator) as c:
        wait_ready(c)
        with ThreadPoolExecutor(max_workers=2) as pool:
            first, second = pool.map(lambda _: c.post("/v1/translate", json={"text": ARTICLE}), range(2))
        for response in (first, second):
            error = assert_error(response, 504, "timeout")
            assert "KURZBRIEF_REQUEST_TIMEOUT_S" in error["message"]
        assert sorted(r.json()["error"]["details"]["started"] for r in (first, second)) == [False, True]
        engine = c.app.state.kurzbrief.engine  # type: ignore[attr-defined]
        assert engine.running == 1, "the timed-out running job keeps its slot until it returns"
        translator.gate.set()
        deadline = time.monotonic() + 10
        while engine.running and time.monotonic() < deadline:
            time.sleep(0.01)
        assert engine.running == 0
        assert translator.started == 1, "the queued job whose caller gave up was never started"
        # The slot is free again: the next request is served normally.
        assert c.post("/v1/translate", json={"text": ARTICLE}).status_code == 200


class ExplodingTranslator(DictTranslator):
    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        raise RuntimeError("CUDA kernel exploded at /secret/path/model.bin")


def test_a_crashing_worker_is_a_generic_500_logged_with_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with make_client(translator=ExplodingTranslator()) as c:
        wait_ready(c)
        with caplog.at_level(logging.ERROR, logger="kurzbrief"):
            response = c.post("/v1/brief", json={"text": ARTICLE}, headers={"X-Request-ID": "crash-1"})
        error = assert_error(response, 500, "internal_error")
        assert "secret" not in response.text and "CUDA" not in response.text
        assert error["details"] == {"request_id": "crash-1"}
        (record,) = [r for r in caplog.records if r.getMessage() == "unhandled error"]
        assert record.request_id == "crash-1"  # type: ignore[attr-defined]
        assert record.exc_info is not None and "CUDA kernel exploded" in str(record.exc_info[1])
        # The worker survived: the service still answers.
        assert c.get("/healthz").status_code == 200
        assert 'kurzbrief_errors_total{code="internal_error"} 1.0' in c.get("/metrics").text


def test_a_stopped_engine_refuses_work_with_503() -> None:
    with make_client() as c:
        wait_ready(c)
        c.app.state.kurzbrief.engine.stop(timeout_s=5)  # type: ignore[attr-defined]
        response = c.post("/v1/translate", json={"text": ARTICLE})
        assert_error(response, 503, "shutting_down")
        assert response.headers["retry-after"]


# --- API keys and rate limits ----------------------------------------------------------------------


def test_api_keys_protect_v1_but_not_health_ready_metrics_or_docs(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text("file-key\n", encoding="utf-8")
    config = Settings(api_keys=["s3cret"], api_keys_file=keys_file)
    with make_client(settings=config) as c:
        wait_ready(c)
        missing = c.post("/v1/brief", json={"text": ARTICLE})
        assert_error(missing, 401, "unauthorized")
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert_error(
            c.post("/v1/brief", json={"text": ARTICLE}, headers={"X-API-Key": "wrong"}), 401, "unauthorized"
        )
        assert_error(
            c.post("/v1/brief", json={"text": ARTICLE}, headers={"Authorization": "Basic czNjcmV0"}),
            401,
            "unauthorized",
        )
        # Refused before the body is read: even a malformed body gets the 401.
        assert_error(post_raw(c, b"{"), 401, "unauthorized")
        ok = c.post("/v1/brief", json={"text": ARTICLE}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200, ok.text
        assert (
            c.post("/v1/translate", json={"text": ARTICLE}, headers={"X-API-Key": "file-key"}).status_code
            == 200
        )
        for path in ("/healthz", "/readyz", "/metrics", "/docs", "/openapi.json"):
            assert c.get(path).status_code == 200, path
        schema = c.get("/openapi.json").json()
        assert schema["paths"]["/v1/brief"]["post"]["security"] == [{"bearer": []}, {"apiKey": []}]


def test_an_unreadable_key_file_stops_the_app_with_a_clear_error(tmp_path: Path) -> None:
    from service.api import create_app
    from service.auth import ApiKeyFileError

    with pytest.raises(ApiKeyFileError, match="KURZBRIEF_API_KEYS_FILE"):
        create_app(Settings(api_keys_file=tmp_path / "absent"))


def test_rate_limit_per_key_is_429_with_retry_after() -> None:
    config = Settings(api_keys=["a", "b"], rate_limit_per_minute=2)
    with make_client(settings=config) as c:
        wait_ready(c)

        def call(key: str) -> Any:
            return c.post("/v1/translate", json={"text": ARTICLE}, headers={"X-API-Key": key})

        assert [call("a").status_code for _ in range(2)] == [200, 200]
        limited = call("a")
        error = assert_error(limited, 429, "rate_limited")
        assert 1 <= int(limited.headers["retry-after"]) <= 30
        assert error["details"] == {"limit_per_minute": 2.0}
        assert call("b").status_code == 200, "each key has its own bucket"


def test_token_bucket_allows_a_burst_then_refills_at_the_rate() -> None:
    now = [1000.0]
    limiter = RateLimiter(per_minute=6, burst=2, clock=lambda: now[0])  # one token per 10 s
    assert limiter.acquire("k") is None and limiter.acquire("k") is None
    assert limiter.acquire("k") == pytest.approx(10.0)
    now[0] += 4.0
    assert limiter.acquire("k") == pytest.approx(6.0)
    now[0] += 6.0
    assert limiter.acquire("k") is None
    assert limiter.acquire("other") is None, "clients do not share a bucket"


def test_without_keys_the_rate_limit_applies_per_client_address() -> None:
    with make_client(settings=Settings(rate_limit_per_minute=1)) as c:
        wait_ready(c)
        assert c.post("/v1/translate", json={"text": ARTICLE}).status_code == 200
        assert_error(c.post("/v1/translate", json={"text": ARTICLE}), 429, "rate_limited")
        assert c.get("/healthz").status_code == 200, "probes are never rate-limited"


# --- the engine itself -----------------------------------------------------------------------------


def test_engine_refuses_beyond_the_queue_and_reports_its_state() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=1)
    gate = threading.Event()
    running = engine.submit(lambda: gate.wait(10), timeout_s=10)
    queued = engine.submit(lambda: "second", timeout_s=10)
    with pytest.raises(QueueFullError) as refused:
        engine.submit(lambda: "third", timeout_s=10)
    assert refused.value.retry_after_s >= 1
    deadline = time.monotonic() + 5
    while engine.running != 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (engine.running, engine.queued) == (1, 1)
    gate.set()
    assert running.result(5) is True and queued.result(5) == "second"
    assert engine.stop(timeout_s=5)


def test_engine_skips_a_queued_job_whose_deadline_passed() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=4)
    gate = threading.Event()
    ran: list[str] = []
    blocker = engine.submit(lambda: gate.wait(10), timeout_s=10)
    expired = engine.submit(lambda: ran.append("expired"), timeout_s=0.05)
    time.sleep(0.1)
    gate.set()
    assert blocker.result(5) is True
    with pytest.raises(DeadlineExceededError) as late:
        expired.result(5)
    assert late.value.started is False
    assert ran == []
    assert engine.stats().expired == 1
    assert engine.stop(timeout_s=5)


def test_engine_stop_waits_for_running_and_queued_jobs() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=4)
    done: list[int] = []

    def job(n: int) -> None:
        time.sleep(0.05)
        done.append(n)

    futures = [engine.submit(lambda n=n: job(n), timeout_s=10) for n in range(3)]
    assert engine.stop(timeout_s=10) is True
    assert done == [0, 1, 2] and all(f.done() for f in futures)
    with pytest.raises(EngineStoppedError):
        engine.submit(lambda: None, timeout_s=1)


def test_engine_run_passes_errors_through_and_keeps_its_worker() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=1)

    def boom() -> None:
        raise ValueError("bad input")

    async def scenario() -> str:
        with pytest.raises(ValueError, match="bad input"):
            await engine.run(boom, timeout_s=5)
        return await engine.run(lambda: "still working", timeout_s=5)

    assert asyncio.run(scenario()) == "still working"
    assert engine.stop(timeout_s=5)


def test_engine_frees_the_places_of_queued_jobs_that_expired() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=1)
    gate = threading.Event()
    blocker = engine.submit(lambda: gate.wait(10), timeout_s=10)
    expired = engine.submit(lambda: "never", timeout_s=0.05)
    time.sleep(0.1)
    # The queue's one place is held by a job nobody waits for any more: it must not cause a 429.
    admitted = engine.submit(lambda: "admitted", timeout_s=10)
    with pytest.raises(DeadlineExceededError):
        expired.result(0)
    gate.set()
    assert blocker.result(5) is True and admitted.result(5) == "admitted"
    assert engine.stop(timeout_s=5)


def test_engine_refuses_a_job_that_could_only_start_after_its_deadline() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=8)
    engine.submit(lambda: time.sleep(0.2), timeout_s=10).result(5)  # teaches the engine a job's duration
    gate = threading.Event()
    blocker = engine.submit(lambda: gate.wait(10), timeout_s=10)
    with pytest.raises(QueueFullError, match="after its 0.1 s deadline"):
        engine.submit(lambda: None, timeout_s=0.1)
    queued = engine.submit(lambda: "fits", timeout_s=10)  # a generous deadline is still admitted
    gate.set()
    assert blocker.result(5) is True and queued.result(5) == "fits"
    assert engine.stop(timeout_s=5)


def test_engine_turns_system_exit_in_a_job_into_an_error_and_survives() -> None:
    engine = InferenceEngine(max_concurrency=1, max_queue=1)

    def exits() -> None:
        raise SystemExit(3)

    with pytest.raises(RuntimeError, match="aborted by SystemExit"):
        engine.submit(exits, timeout_s=5).result(5)
    assert engine.submit(lambda: "alive", timeout_s=5).result(5) == "alive"
    assert engine.stop(timeout_s=5)
