"""Tiny random models for tests and offline demos: :func:`build_tiny_models`.

Kept at ``summarizer.testing`` for notebooks and docs; the code is in
:mod:`summarizer.models.tiny`.
"""

from .models.tiny import build_tiny_models

__all__ = ["build_tiny_models"]
