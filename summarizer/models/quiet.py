"""transformers' progress bars ("Loading weights") only when the caller asked for the package's progress logs.

The library never prints (house style): a notebook user who loads a
summarizer sees nothing unless they turn on ``logging`` for ``"summarizer"``
at INFO, and the command line and the demo show stages their own way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger("summarizer")


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Within the block, transformers draws no progress bar unless ``summarizer`` logs at INFO."""
    from transformers.utils import logging as transformers_logging

    quiet = not logger.isEnabledFor(logging.INFO) and transformers_logging.is_progress_bar_enabled()
    if quiet:
        transformers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if quiet:
            transformers_logging.enable_progress_bar()
