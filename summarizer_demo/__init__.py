"""The Gradio web demo of the bilingual summarizer: ``summarizer-demo`` or ``python -m summarizer_demo`` (``python -m demo`` from a checkout).

See :mod:`summarizer_demo.app`; importing the package starts nothing.
"""

from .app import build_demo, main

__all__ = ["build_demo", "main"]
