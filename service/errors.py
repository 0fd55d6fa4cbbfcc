"""The API's one error catalogue: every error response is built from an entry here.

Every error the HTTP API returns — its own, FastAPI's validation errors, 404/405 from the
router, pipeline errors about the input — has the same JSON shape::

    {"error": {"code": "text_too_long", "message": "... what to fix ...", "details": {...}}}

``code`` is stable and machine-readable; ``message`` is for people and says how to fix the
request; ``details`` (optional) carries structured facts such as the limit or the detected
language. Internal errors never carry internals: the message is generic and the request id
(also in the ``X-Request-ID`` header) points at the server log line with the traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException


@dataclass(frozen=True)
class ErrorKind:
    code: str
    status: int
    summary: str  # what the OpenAPI docs say about this error


# The catalogue, in one place, so the docs, the tests and the handlers agree.
INVALID_JSON = ErrorKind("invalid_json", 400, "The body is not well-formed JSON.")
INVALID_ENCODING = ErrorKind("invalid_encoding", 400, "The body is not valid UTF-8 (binary data?).")
BAD_REQUEST = ErrorKind("bad_request", 400, "The request could not be read.")
UNAUTHORIZED = ErrorKind("unauthorized", 401, "API keys are enabled and no valid key was sent.")
NOT_FOUND = ErrorKind("not_found", 404, "No such endpoint.")
METHOD_NOT_ALLOWED = ErrorKind("method_not_allowed", 405, "The endpoint does not accept this HTTP method.")
BODY_TOO_LARGE = ErrorKind("body_too_large", 413, "The request body is larger than the service accepts.")
TEXT_TOO_LONG = ErrorKind("text_too_long", 413, "The text has more characters than KURZBRIEF_MAX_TEXT_CHARS.")
UNSUPPORTED_MEDIA_TYPE = ErrorKind("unsupported_media_type", 415, "The body must be JSON (application/json).")
VALIDATION_ERROR = ErrorKind(
    "validation_error", 422, "A field is missing, has the wrong type or is out of range."
)
INVALID_TEXT = ErrorKind("invalid_text", 422, "The text is empty or binary garbage.")
NOT_GERMAN = ErrorKind("not_german", 422, "The text is not German.")
NO_BODY_TEXT = ErrorKind("no_body_text", 422, "Cleaning left no article sentence to translate.")
NO_ARTICLE_IN_HTML = ErrorKind("no_article_in_html", 422, "The HTML page has no visible text.")
OVERLOADED = ErrorKind("overloaded", 429, "The work queue is full; retry after Retry-After seconds.")
RATE_LIMITED = ErrorKind(
    "rate_limited", 429, "This API key exceeded its request rate; retry after Retry-After."
)
INTERNAL_ERROR = ErrorKind(
    "internal_error", 500, "An unexpected server error; the request id locates the log."
)
NOT_READY = ErrorKind("not_ready", 503, "The models are still loading; retry shortly.")
MODEL_LOAD_FAILED = ErrorKind("model_load_failed", 503, "The models could not be loaded; see the message.")
SHUTTING_DOWN = ErrorKind("shutting_down", 503, "The service is shutting down and takes no new work.")
TIMEOUT = ErrorKind("timeout", 504, "The request did not finish within KURZBRIEF_REQUEST_TIMEOUT_S.")

CATALOGUE: tuple[ErrorKind, ...] = (
    INVALID_JSON,
    INVALID_ENCODING,
    BAD_REQUEST,
    UNAUTHORIZED,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    BODY_TOO_LARGE,
    TEXT_TOO_LONG,
    UNSUPPORTED_MEDIA_TYPE,
    VALIDATION_ERROR,
    INVALID_TEXT,
    NOT_GERMAN,
    NO_BODY_TEXT,
    NO_ARTICLE_IN_HTML,
    OVERLOADED,
    RATE_LIMITED,
    INTERNAL_ERROR,
    NOT_READY,
    MODEL_LOAD_FAILED,
    SHUTTING_DOWN,
    TIMEOUT,
)

# Starlette raises plain HTTPExceptions for routing errors; map their status to our codes.
_BY_STATUS: dict[int, ErrorKind] = {
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
    413: BODY_TOO_LARGE,
    415: UNSUPPORTED_MEDIA_TYPE,
    400: BAD_REQUEST,
}

GENERIC_INTERNAL_MESSAGE = (
    "the server failed while handling this request; nothing about the input was wrong as far as "
    "it can tell. Retry, and report the request id if it keeps failing"
)


class ApiError(HTTPException):
    """An error response from the catalogue.

    A subclass of Starlette's HTTPException on purpose: FastAPI re-raises HTTPExceptions raised
    while it reads the body (instead of turning them into a generic 400), so limits enforced
    while streaming the body keep their own code.
    """

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        details: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=kind.status, detail=message, headers=dict(headers or {}))
        self.kind = kind
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        return error_body(self.kind.code, self.message, self.details)


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def kind_for_status(status: int) -> ErrorKind:
    """The catalogue entry for a bare HTTP status raised by Starlette or a library."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return INTERNAL_ERROR if status >= 500 else BAD_REQUEST


def from_pipeline_error(exc: BaseException) -> ApiError | None:
    """Translate an input error raised by the pipeline into its API error; None if it is not one.

    The imports are local so that this module stays importable while the text stages are
    being built, and so the app does not pull the model stack in just to map errors.
    """
    from service.pipeline import NoBodyTextError, TextTooLongError
    from service.text.html import HtmlExtractionError
    from service.text.language import NotGermanError
    from service.text.normalize import InvalidTextError

    if isinstance(exc, TextTooLongError):
        return ApiError(
            TEXT_TOO_LONG,
            str(exc),
            details={"length": exc.length, "limit": exc.limit},
        )
    if isinstance(exc, NotGermanError):
        detected = exc.detected
        return ApiError(
            NOT_GERMAN,
            str(exc),
            details={
                "detected": {
                    "iso": detected.iso,
                    "name": detected.name,
                    "confidence": round(detected.confidence, 3),
                }
            },
        )
    if isinstance(exc, NoBodyTextError):
        return ApiError(NO_BODY_TEXT, str(exc))
    if isinstance(exc, HtmlExtractionError):
        return ApiError(NO_ARTICLE_IN_HTML, str(exc))
    if isinstance(exc, InvalidTextError):
        return ApiError(INVALID_TEXT, str(exc))
    return None
