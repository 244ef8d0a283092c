"""``python -m demo`` from a checkout: the web demo, which lives in :mod:`summarizer_demo` (``summarizer-demo``)."""

import sys

from summarizer_demo.app import main

sys.exit(main())
