"""The HTTP API: ``create_app(settings)`` builds a FastAPI app around one ``BriefPipeline``.

Endpoints
    POST /v1/brief       German article -> English brief with provenance (``Brief``)
    POST /v1/translate   German article -> sentence-aligned English (``Translation``)
    POST /v1/audit       English brief + German article or bitext -> ``AuditReport``
    GET  /healthz        the process answers (always 200)
    GET  /readyz         200 once the models are loaded; 503 with the reason until then
    GET  /metrics        Prometheus text format
    GET  /docs           OpenAPI docs (schema at /openapi.json)

Design
    * Models load once, in the lifespan, on a background thread: /healthz answers while they
      load and /readyz says 503 until they are ready (or names the load error).
    * The pipeline lives on ``app.state`` and reaches handlers through the ``get_pipeline``
      dependency, so tests swap it with ``app.dependency_overrides``; there are no module globals.
    * Model work runs on the ``InferenceEngine`` (bounded workers + bounded queue): overload is
      a 429 with Retry-After, a missed deadline a 504, never a hang.
    * Every error, FastAPI's own included, is one JSON envelope from ``service.errors``.
    * ``/v1/*`` needs an API key when keys are configured; health, readiness, metrics and docs
      stay open for probes and scrapers (keep those off the public network instead).
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import errors
from service.attribution.audit import AttributionAuditor, audit_bitext
from service.auth import ApiKeyAuth, RateLimiter, key_id, load_api_keys, presented_key
from service.document import AuditReport, Brief, Translation
from service.engine import DeadlineExceededError, EngineStoppedError, InferenceEngine, QueueFullError
from service.errors import ApiError, ErrorKind
from service.logging import REQUEST_ID, configure_logging
from service.metrics import ServiceMetrics
from service.pipeline import BriefPipeline
from service.schemas import (
    AuditRequest,
    BriefRequest,
    ErrorEnvelope,
    HealthResponse,
    ReadyResponse,
    TranslateRequest,
)
from service.settings import Settings

log = logging.getLogger("kurzbrief.api")
access_log = logging.getLogger("kurzbrief.access")

PipelineFactory = Callable[[Settings], BriefPipeline]
LoadState = Literal["loading", "ready", "failed"]

# An X-Request-ID from the client is echoed only when it is short and harmless in a header/log.
_REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
# Probes and scrapers poll often; their access lines are logged at debug level only.
_QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
NOT_READY_RETRY_AFTER_S = 5
# Run through the model-free stages once at start-up (invented text).
WARM_UP_TEXT = (
    "Rat beschließt Haushalt\nDer Gemeinderat hat am Montag den Haushalt beschlossen. "
    "Das sagte die Bürgermeisterin. Laut der Opposition soll das Geld nicht reichen."
)
# Methods outside this set are counted as "other": a client must not be able to add labels.
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


# --- model loading ---------------------------------------------------------------------------------


class ModelLoader:
    """Builds the pipeline once, on a background thread, and remembers how that went."""

    def __init__(self, factory: PipelineFactory, settings: Settings, metrics: ServiceMetrics) -> None:
        self._factory = factory
        self._settings = settings
        self._metrics = metrics
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.state: LoadState = "loading"
        self.pipeline: BriefPipeline | None = None
        self.error: BaseException | None = None
        self.load_seconds: float | None = None
        metrics.model_state.state("loading")

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._load, name="kurzbrief-model-loader", daemon=True)
            self._thread.start()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until loading ended (for callers that must not start without models)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
        return self.state != "loading"

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            pipeline = self._factory(self._settings)
        except BaseException as exc:
            self.error = exc
            self.state = "failed"
            self._metrics.model_state.state("failed")
            log.error("model loading failed", exc_info=exc)
            return
        self._warm_up(pipeline)
        self.load_seconds = round(time.perf_counter() - started, 3)
        self.pipeline = pipeline
        self.state = "ready"
        self._metrics.model_state.state("ready")
        log.info(
            "models loaded",
            extra={"load_s": self.load_seconds, "models": [m.id for m in pipeline.models]},
        )

    @staticmethod
    def _warm_up(pipeline: BriefPipeline) -> None:
        # The model-free stages load lexicons and compile patterns on first use (seconds);
        # do that before /readyz says 200, not inside the first client's request.
        try:
            pipeline.prepare(WARM_UP_TEXT, text_format="text")
        except Exception as exc:
            log.warning(
                "warm-up of the text stages failed", extra={"error_type": type(exc).__name__}, exc_info=exc
            )

    def failure_message(self) -> str:
        from service.modelstore import ModelMissingError

        if isinstance(self.error, ModelMissingError):
            return str(self.error)  # names the path and the command that fetches the models
        return (
            f"model loading failed: {type(self.error).__name__}: {self.error}. "
            "Fix the cause (see the service log) and restart the service."
        )


def _default_factory(settings: Settings) -> BriefPipeline:
    return BriefPipeline.from_settings(settings)


# --- per-app state ---------------------------------------------------------------------------------


@dataclass
class ServiceState:
    """Everything one app instance owns (reached as ``app.state.kurzbrief``)."""

    settings: Settings
    metrics: ServiceMetrics
    engine: InferenceEngine
    loader: ModelLoader
    auth: ApiKeyAuth
    limiter: RateLimiter | None
    body_limit: int
    _auditor: AttributionAuditor | None = field(default=None, repr=False)

    def auditor(self) -> AttributionAuditor:
        if self._auditor is None:
            self._auditor = AttributionAuditor()
        return self._auditor


def get_service(request: Request) -> ServiceState:
    return request.app.state.kurzbrief  # type: ignore[no-any-return]


def get_pipeline(request: Request) -> BriefPipeline:
    """The loaded pipeline; 503 while the models load or after loading failed."""
    loader = get_service(request).loader
    if loader.state == "ready" and loader.pipeline is not None:
        return loader.pipeline
    if loader.state == "failed":
        raise ApiError(
            errors.MODEL_LOAD_FAILED,
            "the models failed to load, so the service cannot answer; the operator finds the reason "
            "at GET /readyz and in the service log",
        )
    raise ApiError(
        errors.NOT_READY,
        f"the models are still loading; retry in {NOT_READY_RETRY_AFTER_S} s (GET /readyz says when ready)",
        headers={"Retry-After": str(NOT_READY_RETRY_AFTER_S)},
    )


def get_auditor(request: Request) -> AttributionAuditor:
    return get_service(request).auditor()


ServiceDep = Annotated[ServiceState, Depends(get_service)]
PipelineDep = Annotated[BriefPipeline, Depends(get_pipeline)]
AuditorDep = Annotated[AttributionAuditor, Depends(get_auditor)]


# --- errors ----------------------------------------------------------------------------------------


def _error_response(
    request_scope: Scope,
    service: ServiceState,
    kind: ErrorKind,
    message: str,
    details: Any = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    service.metrics.errors.labels(code=kind.code).inc()
    request_scope.setdefault("state", {})["error_code"] = kind.code
    return JSONResponse(
        errors.error_body(kind.code, message, details), status_code=kind.status, headers=headers
    )


def _field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    service = get_service(request)
    problems = exc.errors()
    for problem in problems:
        if problem.get("type") == "json_invalid":
            position = problem.get("loc", ("body", "?"))[-1]
            reason = (problem.get("ctx") or {}).get("error", "JSON decode error")
            return _error_response(
                request.scope,
                service,
                errors.INVALID_JSON,
                f"the body is not valid JSON ({reason} at character {position}); "
                'send a JSON object such as {"text": "..."}',
                details={"position": position, "reason": reason},
            )
    # The article text is never echoed back: only where the problem is and what it is.
    details = [
        {"field": _field_path(p.get("loc", ())), "message": p.get("msg", ""), "type": p.get("type", "")}
        for p in problems
    ]
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:5])
    more = f" (and {len(details) - 5} more)" if len(details) > 5 else ""
    return _error_response(
        request.scope,
        service,
        errors.VALIDATION_ERROR,
        f"the request body does not match the schema: {summary}{more}. The schema is at /docs.",
        details=details,
    )


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    service = get_service(request)
    if isinstance(exc, ApiError):
        return _error_response(request.scope, service, exc.kind, exc.message, exc.details, exc.headers)
    kind = errors.kind_for_status(exc.status_code)
    if exc.status_code == 404:
        message = (
            f"there is no endpoint at {request.url.path}; the API offers POST /v1/brief, POST /v1/translate, "
            "POST /v1/audit, GET /healthz, GET /readyz and GET /metrics (docs at /docs)"
        )
    elif exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        message = f"{request.method} is not allowed on {request.url.path}; use {allowed or 'another method'}"
    elif kind is errors.INTERNAL_ERROR:
        message = errors.GENERIC_INTERNAL_MESSAGE
    else:
        message = str(exc.detail)
    response = _error_response(request.scope, service, kind, message, headers=exc.headers)
    response.status_code = exc.status_code  # keep e.g. 409/418 from a library as they are
    return response


# --- request guard for the JSON endpoints ----------------------------------------------------------


class GuardedJsonRoute(APIRoute):
    """Checks that run before FastAPI reads the body: key, rate limit, content type, size, UTF-8.

    Doing them first means a request without a key is a 401 whatever its body, and a 50 MB
    body is refused from its Content-Length (or after the limit while streaming) without
    being read into memory.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            service = get_service(request)
            _authorize(request, service)
            _check_content_type(request)
            await _read_body(request, service.body_limit)
            return await handle(request)

        return guarded


def _authorize(request: Request, service: ServiceState) -> None:
    client = None
    if service.auth.enabled:
        client = service.auth.identify(presented_key(request.headers))
        if client is None:
            raise ApiError(
                errors.UNAUTHORIZED,
                "a valid API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
                headers={"WWW-Authenticate": 'Bearer realm="kurzbrief"'},
            )
        request.state.key_id = client
    if service.limiter is not None:
        # Per key when keys are on; per client address otherwise.
        bucket = client or f"addr:{request.client.host if request.client else 'unknown'}"
        wait = service.limiter.acquire(bucket)
        if wait is not None:
            retry_after = max(1, int(wait + 0.999))
            raise ApiError(
                errors.RATE_LIMITED,
                f"rate limit of {service.settings.rate_limit_per_minute:g} requests per minute exceeded; "
                f"retry after {retry_after} s",
                details={"limit_per_minute": service.settings.rate_limit_per_minute},
                headers={"Retry-After": str(retry_after)},
            )


def _check_content_type(request: Request) -> None:
    raw = request.headers.get("content-type", "")
    media_type = raw.split(";", 1)[0].strip().lower()
    if media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    ):
        charset = re.search(r"charset\s*=\s*\"?([\w.-]+)", raw, re.IGNORECASE)
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise ApiError(
                errors.UNSUPPORTED_MEDIA_TYPE,
                f"charset {charset.group(1)} is not supported; send the JSON body as UTF-8",
            )
        return
    shown = f"'{media_type}'" if media_type else "no Content-Type"
    raise ApiError(
        errors.UNSUPPORTED_MEDIA_TYPE,
        f"the body must be JSON: got {shown}; send 'Content-Type: application/json' with a JSON object "
        'such as {"text": "..."}',
        details={"content_type": media_type or None},
    )


async def _read_body(request: Request, limit: int) -> None:
    too_large = ApiError(
        errors.BODY_TOO_LARGE,
        f"the request body is larger than {limit:,} bytes, the most the service reads for "
        f"KURZBRIEF_MAX_TEXT_CHARS; split the article or raise the limit",
        details={"limit_bytes": limit},
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
    except ClientDisconnect:
        # Nobody will read the answer; a 400 keeps it out of the 5xx counts and error logs.
        raise ApiError(
            errors.BAD_REQUEST, "the client closed the connection before the body arrived"
        ) from None
    body = b"".join(chunks)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            errors.INVALID_ENCODING,
            f"the body is not UTF-8 text (invalid byte at offset {exc.start}); send the article as "
            "UTF-8-encoded JSON, not a binary file",
            details={"offset": exc.start},
        ) from None
    # FastAPI reads the body through Request.body(), which returns this cached copy.
    request._body = body


# --- ASGI middleware: request id, access log, metrics, last-resort 500 --------------------------


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, service: ServiceState) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = _header(scope, b"x-request-id")
        request_id = supplied if supplied and _REQUEST_ID_PATTERN.fullmatch(supplied) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 500
        started_response = False
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status = message["status"]
                started_response = True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode("ascii")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            state["error_code"] = errors.INTERNAL_ERROR.code
            self.service.metrics.errors.labels(code=errors.INTERNAL_ERROR.code).inc()
            log.error(
                "unhandled error",
                extra={"request_id": request_id, "route": _route_of(scope), "error_type": type(exc).__name__},
                exc_info=exc,
            )
            if not started_response:
                response = JSONResponse(
                    errors.error_body(
                        errors.INTERNAL_ERROR.code,
                        errors.GENERIC_INTERNAL_MESSAGE,
                        {"request_id": request_id},
                    ),
                    status_code=500,
                )
                await response(scope, receive, send_with_id)
        finally:
            duration = time.perf_counter() - started
            route = _route_of(scope)
            metrics = self.service.metrics
            method = scope["method"] if scope["method"] in _KNOWN_METHODS else "other"
            metrics.requests.labels(route=route, method=method, status=str(status)).inc()
            metrics.request_seconds.labels(route=route).observe(duration)
            self._log_access(scope, route, status, duration)
            REQUEST_ID.reset(token)

    def _log_access(self, scope: Scope, route: str, status: int, duration: float) -> None:
        state = scope.get("state", {})
        extra: dict[str, Any] = {
            "request_id": state.get("request_id"),
            "route": route,
            "method": scope["method"],
            "status": status,
            "duration_ms": round(duration * 1000, 2),
        }
        for name in ("error_code", "key_id", "text_chars"):
            if name in state:
                extra[name] = state[name]
        if self.service.settings.log_text and "text" in state:
            extra["text"] = state["text"]
        level = logging.DEBUG if scope.get("path") in _QUIET_PATHS and status < 400 else logging.INFO
        access_log.log(level, "request", extra=extra)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _route_of(scope: Scope) -> str:
    # The route template, not the raw path: metric labels must stay a small fixed set.
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


# --- handlers --------------------------------------------------------------------------------------


def _documented_errors() -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses of the /v1 endpoints: every catalogue code, grouped by status."""
    by_status: dict[int, list[ErrorKind]] = {}
    for kind in errors.CATALOGUE:
        if kind.status not in (404, 405):  # routing errors, not part of an operation's contract
            by_status.setdefault(kind.status, []).append(kind)
    return {
        status: {
            "model": ErrorEnvelope,
            "description": " ".join(f"`{kind.code}`: {kind.summary}" for kind in kinds),
        }
        for status, kinds in sorted(by_status.items())
    }


def _check_length(service: ServiceState, text: str, what: str, limit: int | None = None) -> None:
    limit = limit or service.settings.max_text_chars
    if len(text) > limit:
        raise ApiError(
            errors.TEXT_TOO_LONG,
            f"{what} has {len(text):,} characters; the limit is {limit:,} (KURZBRIEF_MAX_TEXT_CHARS). "
            "Split the article or raise the limit.",
            details={"field": what, "length": len(text), "limit": limit},
        )


def _note_text(request: Request, text: str) -> None:
    request.state.text_chars = len(text)
    request.state.text = text  # logged only with KURZBRIEF_LOG_TEXT=true


async def _run_model_job(service: ServiceState, job: Callable[[], Any]) -> Any:
    """Run ``job`` on the engine and turn every way it can end into a response or an ApiError."""
    timeout = service.settings.request_timeout_s
    try:
        return await service.engine.run(job, timeout_s=timeout)
    except QueueFullError as exc:
        raise ApiError(
            errors.OVERLOADED,
            f"{exc}; retry after {exc.retry_after_s} s",
            details={"max_concurrency": exc.max_concurrency, "max_queue": exc.max_queue},
            headers={"Retry-After": str(exc.retry_after_s)},
        ) from None
    except DeadlineExceededError as exc:
        raise ApiError(
            errors.TIMEOUT,
            f"{exc}; the limit is KURZBRIEF_REQUEST_TIMEOUT_S. Retry later, send a shorter article, "
            "or raise the limit",
            details={"timeout_s": timeout, "started": exc.started},
        ) from None
    except EngineStoppedError as exc:
        raise ApiError(
            errors.SHUTTING_DOWN,
            f"{exc}; retry against another instance or after the restart",
            headers={"Retry-After": str(NOT_READY_RETRY_AFTER_S)},
        ) from None
    except ApiError:
        raise
    except Exception as exc:
        mapped = errors.from_pipeline_error(exc)
        if mapped is not None:
            raise mapped from None
        raise  # an internal error: the middleware logs it and answers a generic 500


def _build_router() -> APIRouter:
    router = APIRouter(
        prefix="/v1", route_class=GuardedJsonRoute, responses=_documented_errors(), tags=["articles"]
    )

    @router.post("/brief", summary="Brief a German article in English, keeping every attribution")
    async def brief(
        body: BriefRequest, request: Request, service: ServiceDep, pipeline: PipelineDep
    ) -> Brief:
        _check_length(service, body.text, "text")
        _note_text(request, body.text)
        result: Brief = await _run_model_job(
            service,
            lambda: pipeline.brief(body.text, target_sentences=body.sentences, text_format=body.format),
        )
        service.metrics.observe_timings(result.timings)
        return result

    @router.post("/translate", summary="Translate a German article sentence by sentence")
    async def translate(
        body: TranslateRequest, request: Request, service: ServiceDep, pipeline: PipelineDep
    ) -> Translation:
        _check_length(service, body.text, "text")
        _note_text(request, body.text)
        result: Translation = await _run_model_job(
            service, lambda: pipeline.translate(body.text, text_format=body.format)
        )
        service.metrics.observe_timings(result.timings)
        return result

    @router.post(
        "/audit",
        summary="Audit an English brief's attributions against its German source",
        description=(
            "Send the German article as `text` (the service translates it, then audits), or "
            "sentence-aligned `bitext` pairs you already have (no translation)."
        ),
    )
    async def audit(
        body: AuditRequest,
        request: Request,
        service: ServiceDep,
        pipeline: PipelineDep,
        auditor: AuditorDep,
    ) -> AuditReport:
        limit = service.settings.max_text_chars
        _check_length(service, body.brief, "brief")
        if body.bitext is not None:
            rows = [row.model_dump() for row in body.bitext]
            _check_length(service, "".join(r["de"] for r in rows), "bitext (German side)")
            # English usually runs a little longer than its German source.
            _check_length(service, "".join(r["en"] for r in rows), "bitext (English side)", 2 * limit)
            request.state.text_chars = sum(len(r["de"]) for r in rows)

            def run_audit() -> AuditReport:
                return audit_bitext(rows, body.brief, pipeline.extractor, auditor)
        else:
            text = body.text or ""
            _check_length(service, text, "text")
            _note_text(request, text)

            def run_audit() -> AuditReport:
                translation = pipeline.translate(text, text_format=body.format)
                return auditor.audit(translation.sentences, body.brief)

        report: AuditReport = await _run_model_job(service, run_audit)
        return report

    return router


def _add_operational_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["operations"], summary="Liveness: the process answers")
    async def healthz() -> HealthResponse:
        return HealthResponse(status="ok")

    @app.get(
        "/readyz",
        tags=["operations"],
        summary="Readiness: 200 once the models are loaded",
        responses={503: {"model": ErrorEnvelope, "description": "Loading, or loading failed (named)."}},
    )
    async def readyz(request: Request, service: ServiceDep) -> Any:
        loader = service.loader
        if loader.state == "ready" and loader.pipeline is not None:
            return ReadyResponse(status="ready", models=loader.pipeline.models)
        if loader.state == "failed":
            return _error_response(
                request.scope,
                service,
                errors.MODEL_LOAD_FAILED,
                loader.failure_message(),
                details={"error_type": type(loader.error).__name__},
            )
        return _error_response(
            request.scope,
            service,
            errors.NOT_READY,
            "the models are still loading; poll again in a few seconds",
            headers={"Retry-After": str(NOT_READY_RETRY_AFTER_S)},
        )

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics",
        response_class=Response,
        responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text exposition format."}},
    )
    async def metrics(service: ServiceDep) -> Response:
        body, content_type = service.metrics.render()
        return Response(body, media_type=content_type)


def _secure_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI schema, with the key schemes declared on /v1/* when keys are enabled."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            }
            for path, operations in schema.get("paths", {}).items():
                if path.startswith("/v1/"):
                    for operation in operations.values():
                        operation["security"] = [{"bearer": []}, {"apiKey": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kurzbrief")
    except PackageNotFoundError:  # running from a source checkout that is not installed
        return "0+source"


# --- the factory -----------------------------------------------------------------------------------


def create_app(
    settings: Settings | None = None,
    *,
    pipeline_factory: PipelineFactory | None = None,
) -> FastAPI:
    """Build the app. Models load in the lifespan (``with TestClient(app)`` or a server start).

    ``pipeline_factory`` builds the pipeline from the settings (default:
    ``BriefPipeline.from_settings``); tests pass one that wires doubles.
    """
    settings = settings or Settings()
    configure_logging(settings.log_level.upper())
    metrics = ServiceMetrics()
    engine = InferenceEngine(max_concurrency=settings.max_concurrency, max_queue=settings.max_queue)
    metrics.bind_engine(lambda: engine.queued, lambda: engine.running)
    keys = load_api_keys(settings.api_keys, settings.api_keys_file)
    service = ServiceState(
        settings=settings,
        metrics=metrics,
        engine=engine,
        loader=ModelLoader(pipeline_factory or _default_factory, settings, metrics),
        auth=ApiKeyAuth(keys),
        limiter=(
            RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
            if settings.rate_limit_per_minute > 0
            else None
        ),
        body_limit=settings.body_limit(),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.start()
        service.loader.start()
        log.info(
            "service starting",
            extra={
                "max_concurrency": settings.max_concurrency,
                "max_queue": settings.max_queue,
                "request_timeout_s": settings.request_timeout_s,
                "api_keys": len(keys),
                "rate_limit_per_minute": settings.rate_limit_per_minute,
            },
        )
        try:
            yield
        finally:
            # uvicorn has already drained in-flight requests; wait for jobs whose callers
            # timed out but whose threads still run, so the process exits cleanly.
            finished = await asyncio.to_thread(engine.stop, settings.request_timeout_s)
            log.info("service stopped", extra={"engine_drained": finished})

    app = FastAPI(
        title="Kurzbrief",
        version=_package_version(),
        description=(
            "German news article in, English brief out, every attribution kept. Errors share one "
            'envelope: `{"error": {"code", "message", "details"}}`. With API keys enabled, '
            "`/v1/*` needs `Authorization: Bearer <key>` or `X-API-Key`; health, readiness, "
            "metrics and docs stay open."
        ),
        lifespan=lifespan,
    )
    app.state.kurzbrief = service
    app.include_router(_build_router())
    _add_operational_routes(app)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_error)
    app.add_middleware(RequestContextMiddleware, service=service)
    if service.auth.enabled:
        app.openapi = _secure_openapi(app)  # type: ignore[method-assign]
    return app


__all__ = ["ModelLoader", "ServiceState", "create_app", "get_auditor", "get_pipeline", "key_id"]
