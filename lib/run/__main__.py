"""``python -m lib.run CORPUS --out DIR``: every notebook on a corpus (see :mod:`lib.run.execute`)."""
import sys

from lib.run.execute import main

sys.exit(main())
