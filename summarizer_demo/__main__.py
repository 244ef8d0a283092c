"""``python -m summarizer_demo``: launch the web demo (see ``python -m summarizer_demo --help``)."""

import sys

from summarizer_demo.app import main

sys.exit(main())
