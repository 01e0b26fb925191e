"""``python -m lib.run CORPUS --out DIR``: every notebook on a corpus (see :mod:`lib.run.execute`)."""
import sys

from lib.run.execute import main

if __name__ == "__main__":  # not when a child process of the run imports this module again
    sys.exit(main())
