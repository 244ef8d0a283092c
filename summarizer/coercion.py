"""Option groups accept an instance, a plain dict of its fields, or None: the one check of that.

Every option dataclass of the package (load, clean, translation, summary,
call options) turns what a caller passes into an instance here, so an unknown
key or a wrong type gets the same :class:`~summarizer.errors.InputError`
everywhere. It holds no other logic.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from .errors import InputError

T = TypeVar("T")


def coerce_options(cls: type[T], value: T | dict[str, Any] | None) -> T:
    """``value`` as an instance of the option dataclass ``cls``.

    Raises:
        InputError: A dict key that is not a field of ``cls``, or a value of another type.
    """
    if value is None:
        return cls()
    if isinstance(value, cls):
        return value
    if isinstance(value, dict):
        allowed = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        unknown = sorted(set(value) - set(allowed), key=str)
        if unknown:
            raise InputError(f"Unknown {cls.__name__} option(s) {unknown}: choose from {', '.join(allowed)}.")
        return cls(**value)
    raise InputError(f"Expected {cls.__name__}, a dict or None, not {type(value).__name__}.")
