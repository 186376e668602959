"""``python -m claimkit``: the command line."""

import sys

from claimkit.cli import main

sys.exit(main())
