"""The ``nato-rok`` command (also ``python -m nato_rok``).

Exit codes: 0 success; 1 the data could not be loaded or checked; 2 usage
error. Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nato_rok._releases import load, versions
from nato_rok._summary import summary
from nato_rok.exceptions import DatasetError

EXAMPLES = """\
examples:
  nato-rok                      summary of the newest release
  nato-rok summary --release 1.0.0
  nato-rok versions             every bundled release, oldest first
"""


def _package_version() -> str:
    from importlib.metadata import version

    return version("nato-rok")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nato-rok",
        description="The first visit by a NATO Secretary General to the Republic of Korea "
        "(Seoul, April 2013), as a dataset anchored in NATO's article.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"nato-rok {_package_version()} (dataset releases: {', '.join(versions())})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    summary_parser = commands.add_parser(
        "summary",
        help="print a readable summary (the default)",
        description="Print the visit, who took part in what role, the quotations by "
        "speaker, the cooperation areas by kind, the release and its source.",
        epilog="example:\n  nato-rok summary --release 1.0.0",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    summary_parser.add_argument(
        "--release",
        metavar="V",
        default=None,
        help="dataset release to use: '1.0.0', or a prefix such as '1' (default: newest)",
    )
    commands.add_parser(
        "versions",
        help="list the bundled dataset releases",
        description="Print every bundled dataset release, oldest first, one a line.",
        epilog="example:\n  nato-rok versions",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit code.

    .. versionadded:: 1.0.0
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "versions":
            sys.stdout.write("".join(f"{version}\n" for version in versions()))
        else:
            sys.stdout.write(summary(load(getattr(args, "release", None))))
    except DatasetError as exc:
        sys.stderr.write(f"nato-rok: error: {exc}\n")
        return 1
    return 0
