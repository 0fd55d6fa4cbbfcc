#!/usr/bin/env python3
"""Closed-loop load against a running Kurzbrief API: N clients, M requests, latency percentiles.

    python scripts/loadtest.py --url http://127.0.0.1:8000 --requests 200 --concurrency 20 \
        --endpoint /v1/translate --article path/to/article.txt [--api-key KEY] [--json]

Each client sends its next request as soon as the previous one is answered; a 429 counts as
an answer (the client does not retry). Prints counts by status, how many 429s carried
Retry-After, and p50/p95/max latency of all and of the 200 responses. ``run_load`` is also
used by tests/test_load.py against an in-process uvicorn.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

DEFAULT_ARTICLE = (
    "Der Stadtrat hat am Dienstag ein neues Radwegenetz beschlossen. Das sagte Bürgermeisterin Eva Roth "
    "nach der Sitzung.\nLaut dem Verkehrsclub fehlt aber das Geld für den Ausbau."
)


@dataclass
class LoadReport:
    requests: int
    concurrency: int
    wall_s: float
    statuses: dict[int, int]
    transport_errors: int
    retry_after_missing: int  # 429/503 responses without a Retry-After header
    latency_p50_ms: float
    latency_p95_ms: float
    latency_max_ms: float
    ok_latency_p50_ms: float | None
    ok_latency_p95_ms: float | None
    errors: list[str] = field(default_factory=list)  # the first few unexpected answers, for diagnosis

    def summary(self) -> str:
        ok = (
            f"; 200s p50 {self.ok_latency_p50_ms:.0f} ms, p95 {self.ok_latency_p95_ms:.0f} ms"
            if self.ok_latency_p50_ms is not None
            else ""
        )
        return (
            f"{self.requests} requests, {self.concurrency} clients, {self.wall_s:.1f} s: statuses {self.statuses}, "
            f"transport errors {self.transport_errors}; latency p50 {self.latency_p50_ms:.0f} ms, "
            f"p95 {self.latency_p95_ms:.0f} ms, max {self.latency_max_ms:.0f} ms{ok}"
        )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[rank]


async def run_load(
    base_url: str,
    *,
    requests: int = 200,
    concurrency: int = 20,
    endpoint: str = "/v1/translate",
    payload: dict[str, object] | None = None,
    headers: dict[str, str] | None = None,
    timeout_s: float = 60.0,
) -> LoadReport:
    payload = payload or {"text": DEFAULT_ARTICLE}
    remaining = iter(range(requests))
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    ok_latencies: list[float] = []
    transport_errors = 0
    retry_after_missing = 0
    errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal transport_errors, retry_after_missing
        for _ in remaining:  # one shared iterator: the clients split the requests between them
            started = time.perf_counter()
            try:
                response = await client.post(endpoint, json=payload, headers=headers)
            except httpx.HTTPError as exc:
                transport_errors += 1
                if len(errors) < 5:
                    errors.append(f"transport: {type(exc).__name__}: {exc}")
                continue
            elapsed = time.perf_counter() - started
            latencies.append(elapsed)
            statuses[response.status_code] += 1
            if response.status_code == 200:
                ok_latencies.append(elapsed)
            elif response.status_code in (429, 503) and "retry-after" not in response.headers:
                retry_after_missing += 1
            if response.status_code not in (200, 429) and len(errors) < 5:
                errors.append(f"{response.status_code}: {response.text[:300]}")

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout_s, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
    wall = time.perf_counter() - started
    ms = [v * 1000 for v in latencies]
    ok_ms = [v * 1000 for v in ok_latencies]
    return LoadReport(
        requests=requests,
        concurrency=concurrency,
        wall_s=round(wall, 3),
        statuses=dict(sorted(statuses.items())),
        transport_errors=transport_errors,
        retry_after_missing=retry_after_missing,
        latency_p50_ms=round(statistics.median(ms), 1) if ms else 0.0,
        latency_p95_ms=round(percentile(ms, 0.95), 1),
        latency_max_ms=round(max(ms), 1) if ms else 0.0,
        ok_latency_p50_ms=round(statistics.median(ok_ms), 1) if ok_ms else None,
        ok_latency_p95_ms=round(percentile(ok_ms, 0.95), 1) if ok_ms else None,
        errors=errors,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--endpoint", default="/v1/translate", choices=["/v1/translate", "/v1/brief"])
    parser.add_argument("--article", type=Path, help="UTF-8 text file with a German article")
    parser.add_argument("--api-key", help="sent as Authorization: Bearer")
    parser.add_argument("--timeout", type=float, default=300.0, help="per-request client timeout (s)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    text = args.article.read_text(encoding="utf-8") if args.article else DEFAULT_ARTICLE
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.api_key else None
    report = asyncio.run(
        run_load(
            args.url,
            requests=args.requests,
            concurrency=args.concurrency,
            endpoint=args.endpoint,
            payload={"text": text},
            headers=headers,
            timeout_s=args.timeout,
        )
    )
    print(json.dumps(asdict(report), indent=2) if args.json else report.summary())
    server_errors = sum(n for status, n in report.statuses.items() if status >= 500)
    return 1 if server_errors or report.transport_errors else 0


if __name__ == "__main__":
    sys.exit(main())
