"""`python -m trustquest.tools.simulate SCENARIO [...]`: the same as `trustquest simulate`."""

import sys

from trustquest.cli import main

if __name__ == "__main__":
    sys.exit(main(["simulate", *sys.argv[1:]]))
