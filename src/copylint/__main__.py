import sys

from .cli_core import main

sys.exit(main())
