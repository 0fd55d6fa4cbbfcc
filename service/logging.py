"""Structured logs: one JSON object per line on stderr, with the request id of the request.

Fields: ``ts`` (UTC ISO 8601), ``level``, ``logger``, ``msg``, ``request_id`` (when inside a
request), then whatever a call passes in ``extra`` (``route``, ``status``, ``duration_ms``,
``code`` ...) and ``exc`` (the traceback) for exceptions. Article text is never logged unless
``KURZBRIEF_LOG_TEXT=true``; the access line carries its length only.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import sys
from typing import Any

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("kurzbrief_request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from ``extra``.
# uvicorn adds "color_message" (an ANSI-coloured copy of msg) to its records.
_RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",
}
_HANDLER_NAME = "kurzbrief-json"
LOGGERS = ("kurzbrief", "uvicorn.error")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, tz=dt.timezone.utc).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id is not None:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str | int = "INFO") -> None:
    """Send the service's and uvicorn's log records to stderr as JSON lines (idempotent).

    The handler sits on the ``kurzbrief`` and ``uvicorn.error`` loggers, not on the root, so a
    host application's logging stays its own. uvicorn's access log is silenced because the
    service writes its own access line with the request id, route and status.
    """
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(getattr(h, "name", None) == _HANDLER_NAME for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.set_name(_HANDLER_NAME)
            handler.setFormatter(JsonFormatter())
            logger.addHandler(handler)
        logger.setLevel(level)
        # Records still reach the root logger (and pytest's caplog), which has no handler
        # when `kurzbrief serve` runs with log_config=None, so nothing is printed twice.
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
