"""Log hygiene: no traceback for errors a user caused or can wait out, and each distinct failure logged once.

The CDK logs every stream failure with `logger.exception` (and the uncaught-exception hook with `fatal`); for a
documented config or transient error the message is the whole story, and tracebacks and repeats bury it. This
filter sits on the handlers of the `airbyte` logger, so it sees the records of its child loggers too.
"""

from __future__ import annotations

import logging
import threading

from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException


class KnownFailureFilter(logging.Filter):
    """Strips tracebacks of non-defect AirbyteTracedExceptions and drops repeats of the same failure text."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        error = _traced(record)
        if error is None or error.failure_type == FailureType.system_error:
            return True
        text = error.message or ""
        with self._lock:
            if text in self._seen:
                return False
            self._seen.add(text)
        head = record.getMessage()
        record.msg = head if text in head else f"{head}: {text}"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        return True


def _traced(record: logging.LogRecord) -> AirbyteTracedException | None:
    error = record.exc_info[1] if record.exc_info else None
    for _ in range(10):
        if error is None or isinstance(error, AirbyteTracedException):
            return error
        error = error.__cause__ or getattr(error, "exception", None)
    return None


def quiet_known_failures() -> None:
    """Install the filter on the `airbyte` logger's handlers (once)."""
    for handler in logging.getLogger("airbyte").handlers:
        if not any(isinstance(existing, KnownFailureFilter) for existing in handler.filters):
            handler.addFilter(KnownFailureFilter())
