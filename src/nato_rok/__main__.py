"""``python -m nato_rok``: the same as the ``nato-rok`` command."""

import sys

from nato_rok.cli import main

sys.exit(main())
