"""Prometheus metrics of one app instance (prometheus-client, Apache-2.0).

Each app gets its own ``CollectorRegistry``: no process-global state, so tests (and a process
serving two apps) never see each other's counts. Queue depth and in-flight jobs are read
live from the engine at scrape time rather than mirrored by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Enum,
    Gauge,
    Histogram,
    generate_latest,
)

# Request latency spans a cached-nothing CPU brief (tens of seconds) down to a 429 (~1 ms).
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300)
STAGE_BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120)
MODEL_STATES = ("loading", "ready", "failed")


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "kurzbrief_http_requests",
            "HTTP requests by route template, method and status code.",
            ("route", "method", "status"),
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "kurzbrief_http_request_duration_seconds",
            "Wall time from request start to the last response byte, by route template.",
            ("route",),
            buckets=REQUEST_BUCKETS,
            registry=self.registry,
        )
        self.stage_seconds = Histogram(
            "kurzbrief_pipeline_stage_duration_seconds",
            "Seconds per pipeline stage (clean, split, attribute, translate, summarize, guard, total).",
            ("stage",),
            buckets=STAGE_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "kurzbrief_errors",
            "Error responses by error code (see the API's error catalogue).",
            ("code",),
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "kurzbrief_engine_queue_depth",
            "Model jobs waiting for a worker.",
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "kurzbrief_engine_in_flight",
            "Model jobs running now (including ones whose caller already timed out).",
            registry=self.registry,
        )
        self.model_state = Enum(
            "kurzbrief_model_load_state",
            "State of model loading: loading, ready or failed.",
            states=list(MODEL_STATES),
            registry=self.registry,
        )

    def bind_engine(self, queued: Callable[[], float], running: Callable[[], float]) -> None:
        self.queue_depth.set_function(queued)
        self.in_flight.set_function(running)

    def observe_timings(self, timings: Mapping[str, float]) -> None:
        for stage, seconds in timings.items():
            self.stage_seconds.labels(stage=stage).observe(seconds)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
