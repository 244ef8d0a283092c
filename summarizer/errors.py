"""The project's exceptions.

Every error a user can cause is a :class:`SummarizerError`; the ones caused by
bad input text or options also subclass :class:`ValueError`, so callers that
already catch ``ValueError`` keep working. Messages name the fix.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(SummarizerError, ValueError):
    """The text or an option given by the caller cannot be used."""


class ModelNotAvailableError(SummarizerError, OSError):
    """A model is neither in the local cache nor downloadable."""


class FetchError(InputError):
    """A page could not be fetched; ``reason`` says why, in a word a program can test.

    Attributes:
        reason: ``"invalid_url"``, ``"resolve"``, ``"address_refused"``,
            ``"timeout"``, ``"http_status"``, ``"not_html"``, ``"too_large"``,
            ``"too_many_redirects"`` or ``"connection"``.
        status: The HTTP status, for ``"http_status"``.
    """

    def __init__(self, message: str, reason: str = "connection", status: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.status = status


class BatchFileError(SummarizerError, ValueError):
    """The input or output file of a batch cannot be used as it is."""


class RayNotInstalledError(SummarizerError, ImportError):
    """Ray (with Ray Data) is needed for this and is not installed."""
