"""A real uvicorn on 127.0.0.1 under load, and its graceful shutdown.

The server runs in a thread on a random free loopback port with a doubles pipeline whose
translator sleeps a little, so the one worker is busy and the bounded queue fills. Bounded in
requests and time; latencies are printed, not asserted.
"""

from __future__ import annotations

import asyncio
import importlib.util
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import httpx
import pytest
import uvicorn

from service.api import create_app
from service.settings import Settings
from tests.doubles import DictTranslator
from tests.test_api import ARTICLE, ENGLISH, doubles_factory

pytestmark = pytest.mark.slow
LOOPBACK = "127.0.0.1"


def _load_script() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "loadtest.py"
    spec = importlib.util.spec_from_file_location("kurzbrief_loadtest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


loadtest = _load_script()


@contextmanager
def running_server(config: Settings, translator: DictTranslator) -> Iterator[tuple[str, uvicorn.Server]]:
    app = create_app(config, pipeline_factory=doubles_factory(translator=translator))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, 0))  # the OS picks a free port; loopback only
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_config=None, timeout_graceful_shutdown=30, lifespan="on", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    base_url = f"http://{LOOPBACK}:{port}"
    assert app.state.kurzbrief.loader.wait(30)
    try:
        yield base_url, server
    finally:
        server.should_exit = True
        thread.join(60)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not shut down"


def test_load_is_answered_with_200_or_429_never_5xx() -> None:
    config = Settings(max_concurrency=1, max_queue=8, request_timeout_s=30)
    translator = DictTranslator(ENGLISH, delay=0.02)
    with running_server(config, translator) as (base_url, _):
        report = asyncio.run(
            asyncio.wait_for(
                loadtest.run_load(
                    base_url,
                    requests=200,
                    concurrency=20,
                    endpoint="/v1/translate",
                    payload={"text": ARTICLE},
                ),
                timeout=120,
            )
        )
        metrics = httpx.get(f"{base_url}/metrics").text
    print("\nload:", report.summary())
    assert report.transport_errors == 0, report.errors
    assert sum(report.statuses.values()) == 200, "every request was answered"
    assert set(report.statuses) <= {200, 429}, report.errors
    assert report.statuses.get(200, 0) >= 9, "the running job and the full queue are always served"
    assert report.statuses.get(429, 0) > 0, "20 clients against 1 worker + 8 queue slots must overflow"
    assert report.retry_after_missing == 0, "every 429 carries Retry-After"
    assert f'kurzbrief_errors_total{{code="overloaded"}} {float(report.statuses[429])}' in metrics


def test_graceful_shutdown_finishes_the_request_in_flight() -> None:
    config = Settings(max_concurrency=1, max_queue=4, request_timeout_s=30)
    translator = DictTranslator(ENGLISH, delay=1.0)
    results: list[httpx.Response] = []
    with running_server(config, translator) as (base_url, server):
        request = threading.Thread(
            target=lambda: results.append(
                httpx.post(f"{base_url}/v1/translate", json={"text": ARTICLE}, timeout=30)
            )
        )
        request.start()
        deadline = time.monotonic() + 10
        while not translator.calls and time.monotonic() < deadline:
            time.sleep(0.01)
        assert translator.calls, "the request reached the model"
        server.should_exit = True  # what SIGTERM does: stop accepting, drain, then the lifespan ends
        request.join(30)
    assert len(results) == 1 and results[0].status_code == 200, results
    assert results[0].json()["sentences"][0]["en"] == ENGLISH[results[0].json()["sentences"][0]["de"]]
