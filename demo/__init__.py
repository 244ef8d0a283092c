"""The Gradio web demo of the bilingual summarizer: ``python -m demo`` or ``summarizer-demo``.

See :mod:`demo.app`; importing the package starts nothing.
"""

from .app import build_demo, main

__all__ = ["build_demo", "main"]
