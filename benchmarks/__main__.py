"""``python -m benchmarks``: run the benchmark table."""

import sys

from benchmarks.run import main

sys.exit(main())
