"""``python -m demo``: launch the web demo (see ``python -m demo --help``)."""

import sys

from demo.app import main

sys.exit(main())
