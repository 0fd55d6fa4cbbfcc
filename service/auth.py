"""Optional API keys and per-key rate limits, both in memory.

Keys come from ``KURZBRIEF_API_KEYS`` (comma-separated) and/or ``KURZBRIEF_API_KEYS_FILE``
(one per line, ``#`` comments). With no keys configured, authentication is off. Clients send
``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. Only the ``/v1/*`` endpoints are
protected; ``/healthz``, ``/readyz``, ``/metrics`` and the docs stay open for probes and
scrapers (put them behind the network, not behind a key).

A key is never logged: logs and metrics name a key by ``key_id`` (the first 12 hex digits of
its SHA-256).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


class ApiKeyFileError(ValueError):
    """The configured key file cannot be read."""


def key_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def load_api_keys(keys: Iterable[str] = (), keys_file: Path | None = None) -> list[str]:
    """The configured keys, from the list and the file, without blanks, comments or duplicates."""
    found = [k.strip() for k in keys if k.strip()]
    if keys_file is not None:
        try:
            lines = Path(keys_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ApiKeyFileError(
                f"cannot read KURZBRIEF_API_KEYS_FILE {keys_file}: {exc.strerror or exc}"
            ) from None
        found.extend(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return list(dict.fromkeys(found))


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries, from ``Authorization: Bearer`` or ``X-API-Key``."""
    authorization = headers.get("authorization")
    if authorization:
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
    api_key = headers.get("x-api-key")
    return api_key.strip() if api_key and api_key.strip() else None


class ApiKeyAuth:
    def __init__(self, keys: Iterable[str]) -> None:
        # Digests of equal length: compare_digest then runs in time independent of where
        # a guess differs, and of the keys' lengths.
        self._digests = [(hashlib.sha256(k.encode("utf-8")).digest(), key_id(k)) for k in keys]

    @property
    def enabled(self) -> bool:
        return bool(self._digests)

    def identify(self, presented: str | None) -> str | None:
        """The ``key_id`` of a valid key, else None. Every configured key is compared."""
        if presented is None:
            return None
        digest = hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()
        match: str | None = None
        for known, ident in self._digests:
            if hmac.compare_digest(known, digest):  # no early exit: time does not reveal which
                match = ident
        return match


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token bucket per client: ``per_minute`` tokens refill per minute, up to ``burst``."""

    # Idle clients' buckets are dropped beyond this many, so per-address limiting cannot grow
    # memory without bound.
    max_clients = 10_000

    def __init__(
        self, per_minute: float, burst: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive; leave the limiter out to disable limits")
        self.rate_per_s = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, math.floor(per_minute)))
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def acquire(self, client: str) -> float | None:
        """Take one token for ``client``; None if granted, else seconds until one is available."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.max_clients:
                    self._drop_full_buckets(now)
                bucket = self._buckets[client] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate_per_s)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return (1.0 - bucket.tokens) / self.rate_per_s

    def _drop_full_buckets(self, now: float) -> None:
        # A bucket that has refilled completely carries no state worth keeping.
        full = [
            client
            for client, b in self._buckets.items()
            if b.tokens + (now - b.updated) * self.rate_per_s >= self.burst
        ]
        for client in full:
            del self._buckets[client]
