"""The ``nato-rok`` command (also ``python -m nato_rok``).

Exit codes: 0 success; 1 the data could not be loaded or checked (for
``validate``: the document is invalid), or the output could not be written;
2 usage error; 130 interrupted (Ctrl-C); 128 + N stopped by another signal N
that would end the process (129 SIGHUP, 143 SIGTERM), once what an export had
half-written is removed. Data goes to stdout, messages to stderr; never a
traceback, whatever the streams are (closed, full, a pipe closed early, an
ASCII console).

Everything printed that could come from a document goes through
``nato_rok._terminal.escape`` (``export`` writes its format unchanged).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from nato_rok import _cite, _json, _views
from nato_rok._document import loads
from nato_rok._read import UnreadableError, read_file, shown as _shown
from nato_rok._releases import load, versions
from nato_rok._streams import SIGNAL_NAMES, Signals, lost, out, say, settle, stopping_signals
from nato_rok._summary import summary
from nato_rok._terminal import escape
from nato_rok._versions import meant_as_version
from nato_rok.changes import diff
from nato_rok.dataset import Dataset
from nato_rok.exceptions import BrokenInstallError, DatasetError, Problem

__all__ = ["main"]

EXAMPLES = """\
examples:
  nato-rok                      summary of the newest release
  nato-rok summary --release 1.0.0
  nato-rok versions             every bundled release, oldest first
  nato-rok diff 1.0.0 1.1.0     what changed between two releases
  nato-rok diff 1.1.0 edited.json --format json
  nato-rok validate edited.json  check a document with the library's own rules
  nato-rok quotes --speaker "Fogh Rasmussen" --format csv
  nato-rok show park-geun-hye   one record and the excerpts it rests on
  nato-rok show "Park Geun-hye"  the same, by name (or just: nato-rok show park)
  nato-rok export --format jsonschema --out nato-rok.schema.json
  nato-rok cite --format apa      how to cite the dataset and NATO's article
  nato-rok score coder.plover.jsonl  grade an event coder against the gold events
"""


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nato-rok")
    except PackageNotFoundError:
        return "(version unknown: no distribution metadata, as in a vendored or zipped copy)"


def _version_text() -> str:
    try:
        releases = ", ".join(versions())
    except DatasetError as exc:  # a broken install still answers --version
        releases = f"unreadable: {exc.summary}"
    return escape(f"nato-rok {_package_version()} (dataset releases: {releases})") + "\n"


class _Version(argparse.Action):
    """``--version``, worked out only when asked (it reads the package's data)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        _write_help(parser, _version_text())
        parser.exit()


def _write_help(parser: argparse.ArgumentParser, text: str) -> None:
    """Write --help's or --version's *text* on stdout; if it cannot be written, exit 1."""
    try:
        out(text)
    except OSError as exc:
        lost(exc)
        parser.exit(1)


class _Parser(argparse.ArgumentParser):
    """argparse, but help that cannot be written is an error, and errors go through say."""

    def print_help(self, file: Any = None) -> None:
        """Write the help on stdout (as UTF-8); exit 1 if it cannot be written."""
        _write_help(self, self.format_help())

    def error(self, message: str) -> NoReturn:
        """Print the usage and *message* on stderr and exit 2, as argparse does."""
        say(self.format_usage().rstrip("\n"), lines=True)
        say(f"{self.prog}: error: {message}")
        self.exit(2)


class _Answer(Exception):  # noqa: N818  # not an error: the command's answer, with exit code 1
    """The command answers no (``validate``: invalid): *text* goes to stdout, and it exits 1."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


#: What ``--release`` says, for every command that takes one.
RELEASE_HELP = "dataset release: '1.0.0', or a prefix such as '1' (default: newest)"


def _release(container: Any) -> None:
    """Declare ``--release V`` (the one declaration; export puts it in a group)."""
    container.add_argument("--release", metavar="V", default=None, help=RELEASE_HELP)


def _release_parent() -> _Parser:
    parent = _Parser(add_help=False)
    _release(parent)
    return parent


@dataclass(frozen=True)
class _Command:
    """One command: its help texts, its arguments and its handler.

    The handler returns what goes to stdout, escaped for the terminal unless
    :attr:`raw` (a format written for other programs, or text the command
    escaped itself).
    """

    name: str
    help: str
    description: str
    epilog: str
    arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace], str]
    release: bool = True  # takes --release
    raw: bool = False


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """Add nothing: the command takes no argument of its own."""


def _summary(args: argparse.Namespace) -> str:
    return summary(load(args.release))


SUMMARY = _Command(
    "summary",
    help="print a readable summary (the default)",
    description="Print the visit, who took part in what role, the quotations by "
    "speaker, the cooperation areas by kind, the release and its source.",
    epilog="example:\n  nato-rok summary --release 1.0.0",
    arguments=_no_arguments,
    handler=_summary,
)


def _versions(args: argparse.Namespace) -> str:
    return "".join(f"{version}\n" for version in versions())


VERSIONS = _Command(
    "versions",
    help="list the bundled dataset releases",
    description="Print every bundled dataset release, oldest first, one a line.",
    epilog="example:\n  nato-rok versions",
    arguments=_no_arguments,
    handler=_versions,
    release=False,
)


def _diff_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help="release or .json file to compare from")
    parser.add_argument("new", help="release or .json file to compare to")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def _dataset(spec: str, side: str) -> Dataset:
    """Return the bundled release *spec* if it looks like a version, else the file *spec*."""
    # Written as a version: a bundled release, never a file (write ./1.0.0 for that).
    if meant_as_version(spec):
        if os.path.lexists(spec):
            say(
                f"nato-rok: note: the {side} side {spec!r} is the bundled release, not the "
                f"file of that name; write ./{spec} to compare the file"
            )
        return load(spec)
    return loads(read_file(spec))


def _diff(args: argparse.Namespace) -> str:
    changes = diff(_dataset(args.old, "old"), _dataset(args.new, "new"))
    if args.format == "json":
        return _json.dump(changes.to_json())
    return changes.to_text()


DIFF = _Command(
    "diff",
    help="list what changed between two releases",
    description="List the records added, removed and changed (field by field) between "
    "two releases, matched by id. Each side is a bundled release if it looks like a "
    "version ('1.0.0', '1.1', '1'), else the path of a dataset document; write "
    "'./1.0.0' for a file named like a release.",
    epilog="examples:\n  nato-rok diff 1.0.0 1.1.0\n  nato-rok diff 1 my-copy.json --format json",
    arguments=_diff_parser,
    handler=_diff,
    release=False,
)


def _quotes_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--speaker", metavar="NAME", help="speaker id, name or alias, or a unique word of one"
    )
    parser.add_argument("--topic", metavar="AREA", help="cooperation area or position")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")


def _quotes(args: argparse.Namespace) -> str:
    dataset = load(args.release)
    quotes = dataset.quotes
    asked = []
    if args.speaker is not None:
        speaker = _views.speaker(dataset, args.speaker)
        quotes = dataset.quotes_by(speaker)
        asked.append(f"by {speaker.name}")
    if args.topic is not None:
        wanted = _views.topic(dataset, args.topic).id
        quotes = tuple(quote for quote in quotes if wanted in quote.topic_ids)
        asked.append(f"on {wanted}")
    if not quotes:  # an empty list is an answer; say so, and exit 0
        say(f"nato-rok: no quotations {' '.join(asked)} in release {dataset.version}")
    if args.format == "json":
        return _json.dump(_views.plain(quotes))
    if args.format == "csv":
        return _views.quotes_csv(dataset, quotes)
    return _views.quotes_text(dataset, quotes)


QUOTES = _Command(
    "quotes",
    help="list the quotations",
    description="List the quotations, optionally of one speaker or about one topic "
    "(a cooperation area or position, by id or name).",
    epilog='examples:\n  nato-rok quotes --speaker "Fogh Rasmussen"\n  nato-rok quotes '
    "--topic north-korea-condemnation --format json\n",
    arguments=_quotes_parser,
    handler=_quotes,
)


def _show_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the record's id or name (a unique word of it will do)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _show(args: argparse.Namespace) -> str:
    view = _views.show(load(args.release), args.id)
    if args.format == "json":
        return _json.dump(view)
    return _views.show_text(view)


SHOW = _Command(
    "show",
    help="show one record and the article excerpts it rests on",
    description="Show the record with this id (any record, or the source), or with this "
    "name (a person, organization, entity or cooperation area: a unique surname or other "
    "word of the name will do), and every excerpt of the article its spans point at.",
    epilog="examples:\n  nato-rok show quote-north-korea-threat\n  nato-rok show "
    "event-visit --release 1.1.0 --format json\n",
    arguments=_show_parser,
    handler=_show,
)


class _DeprecatedVersion(argparse.Action):
    """``export --version V``: the old spelling of ``--release V``, with a warning."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, *args: Any
    ) -> None:
        say("nato-rok: warning: export --version is deprecated, use --release")
        setattr(namespace, self.dest, args[0])


def _export_parser(parser: argparse.ArgumentParser) -> None:
    from nato_rok.export.formats import FORMATS

    listing = "".join(
        textwrap.fill(
            f.summary + (f" (extra: pip install 'nato-rok[{f.extra}]')" if f.extra else ""),
            width=78,
            initial_indent=f"  {f.name:<14} ",
            subsequent_indent=" " * 17,
        )
        + "\n"
        for f in FORMATS
    )
    parser.epilog = f"formats:\n{listing}\n{parser.epilog}"
    parser.add_argument(
        "--format", choices=tuple(f.name for f in FORMATS), required=True, help="see below"
    )
    parser.add_argument(
        "--out",
        metavar="PATH",
        default="-",
        type=_out_path,
        help="file or folder to write (default: standard output, for a text file format)",
    )
    source = parser.add_mutually_exclusive_group()
    _release(source)
    source.add_argument(
        "--version",
        dest="release",
        action=_DeprecatedVersion,
        metavar="V",
        help="deprecated: use --release",
    )
    source.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        default=None,
        help="export this dataset document (- for standard input) instead of a release, once "
        "it validates; --out may not be this file",
    )
    parser.add_argument(
        "--excel-safe",
        action="store_true",
        help=f"{', '.join(f.name for f in FORMATS if 'excel_safe' in f.options)}: prefix "
        "text cells starting with =, +, -, @, tab or CR with ' so spreadsheets do not run them "
        "as formulas",
    )


def _export_source(args: argparse.Namespace) -> Dataset:
    if args.from_file is None:
        return load(args.release)
    return loads(read_file(args.from_file))


def _own_input(args: argparse.Namespace) -> tuple[Path, ...]:
    """Return the files an export must never replace: its --from (standard input's file)."""
    if args.from_file is None:
        return ()
    if args.from_file == "-":  # `--from - < copy.json` reads copy.json (nothing, if no such path)
        return (Path("/dev/stdin"),)
    return (Path(args.from_file),)


def _export(args: argparse.Namespace) -> str:
    from nato_rok.export.formats import ExportOptions, get

    fmt = get(args.format)
    if args.excel_safe and "excel_safe" not in fmt.options:
        raise DatasetError(f"--excel-safe applies to CSV cells, not to --format {fmt.name}")
    fmt.require()
    dataset = _export_source(args)
    options = ExportOptions(excel_safe=args.excel_safe)
    if args.out == "-":
        if fmt.writes == "folder":
            raise DatasetError(f"--format {fmt.name} writes a folder: give it with --out DIR")
        content = None if fmt.dump is None else fmt.content(dataset, options)
        if not isinstance(content, str):
            raise DatasetError(f"--format {fmt.name} writes binary data: give a file with --out")
        return content
    keep = _own_input(args)
    _write(lambda: fmt.write(dataset, Path(args.out), options, keep=keep), args.out)
    say(f"nato-rok: wrote {args.out}")
    return ""


def _write(action: Callable[[], object], where: str) -> None:
    try:
        action()
    except OSError as exc:
        raise DatasetError(f"cannot write {where}: {exc.strerror or exc}") from exc


def _out_path(text: str) -> str:
    """Refuse an empty ``--out`` (it would name the current folder)."""
    if not text:
        raise argparse.ArgumentTypeError("give a file or folder name, or - for standard output")
    return text


_EXPORT_DESCRIPTION = (
    "Write a release, or a validated copy of your own (--from), in another format. A file "
    "format writes the file --out (or standard output, for text); a folder format writes "
    "into the folder --out.\n\nEvery file is written atomically: a failure leaves the old "
    "one as it was and no partial file. A file export replaces only the file --out. A "
    "folder export replaces only its own files in the folder (<table>.csv, "
    "datapackage.json, croissant.json, <table>.parquet) and leaves any other file alone. A "
    "symbolic link at --out, or at one of the export's names, is refused, and so is an "
    "--out that is (or would replace) the --from file."
)
EXPORT = _Command(
    "export",
    help="export a release to another format",
    description="\n\n".join(textwrap.fill(part, 78) for part in _EXPORT_DESCRIPTION.split("\n\n")),
    epilog="examples:\n  nato-rok export --format datapackage --out nato-rok-tables\n"
    "  nato-rok export --format csv --excel-safe --out tables-for-excel\n"
    "  nato-rok export --format jsonschema --out nato-rok.schema.json\n"
    "  nato-rok export --format html --from my-copy.json --out my-copy.html\n"
    "  nato-rok export --format jsonschema --release 1.0.0\n",
    arguments=_export_parser,
    handler=_export,
    release=False,  # declared in export's group, beside --from
    raw=True,  # formats written for other programs, byte for byte
)


def _cite_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("bibtex", "apa"), default="bibtex")


def _citation(args: argparse.Namespace) -> str:
    cite = _cite.apa if args.format == "apa" else _cite.bibtex
    return cite(load(args.release))


CITE = _Command(
    "cite",
    help="print how to cite the dataset and its source",
    description="Print references for the dataset release and NATO's article, as in CITATION.cff.",
    epilog="examples:\n  nato-rok cite\n  nato-rok cite --format apa --release 1.0.0\n",
    arguments=_cite_parser,
    handler=_citation,
)


def _validate_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the document, or - for standard input")


def _validate(args: argparse.Namespace) -> str:
    name = args.file
    shown = "-" if name == "-" else _shown(name)
    try:
        dataset = loads(read_file(name))
    except (BrokenInstallError, UnreadableError) as exc:  # no verdict on the document
        raise DatasetError(exc.summary) from exc
    except DatasetError as exc:  # the report, verdict then problems, is one stream: stdout
        verdict = escape(f"{shown}: invalid: {exc.summary}")
        raise _Answer("".join(f"{line}\n" for line in [verdict, *_problem_lines(exc)])) from exc
    return f"{shown}: valid (release {dataset.version}, schema {dataset.schema_version})\n"


VALIDATE = _Command(
    "validate",
    help="check a dataset document with the library's own rules",
    description="Check a dataset document exactly as the bundled releases are checked, "
    "and report on stdout: a line with the verdict, then, when it is invalid, one line "
    "per problem, 'JSON path: message'. Exit 0 when it is valid, 1 when it is not.",
    epilog="examples:\n  nato-rok validate my-copy.json\n  cat my-copy.json | nato-rok "
    "validate -\n",
    arguments=_validate_parser,
    handler=_validate,
    release=False,
    raw=True,  # the verdict and problems are escaped where they are made
)


def _problem_lines(exc: DatasetError) -> list[str]:
    problems = exc.problems or (Problem("$", exc.summary),)
    lines = [escape(str(problem)) for problem in problems]
    if exc.omitted:
        lines.append(f"... and {exc.omitted} more problem(s)")
    return lines


def _score_parser(score_parser: argparse.ArgumentParser) -> None:
    from nato_rok.score import FORMATS, TASKS

    score_parser.add_argument("predictions", nargs="*", metavar="PRED", help="prediction file")
    score_parser.add_argument("--task", choices=TASKS, default="events", help="default: events")
    score_parser.add_argument("--format", choices=tuple(FORMATS), default=None)
    score_parser.add_argument(
        "--against-release", metavar="V", default=None, help="score release V's coding instead"
    )
    score_parser.add_argument(
        "--date-tolerance", metavar="DAYS", type=int, default=1, help="for date_near (default 1)"
    )
    score_parser.add_argument("--json", action="store_true", help="the JSON shape, score_version 1")
    score_parser.add_argument("--html", metavar="REPORT.html", help="write the annotated article")
    score_parser.add_argument(
        "--fail-under", metavar="F1", type=float, default=None, help="exit 1 if a file scores less"
    )
    score_parser.add_argument(
        "--fail-level",
        metavar="LEVEL",
        default=None,
        help="for --fail-under (strict; events: dyad)",
    )


def _score(args: argparse.Namespace) -> str:
    from nato_rok import score
    from nato_rok.export._files import write_file

    if args.against_release is not None:
        if args.predictions:
            raise DatasetError("give prediction files or --against-release, not both")
        report = score.agreement(
            args.release, args.against_release, task=args.task, date_tolerance=args.date_tolerance
        )
    elif not args.predictions:
        raise DatasetError("give at least one prediction file, or --against-release")
    else:
        files = {name: read_file(name) for name in args.predictions}
        report = score.score(
            files,
            task=args.task,
            format=args.format,
            release=args.release,
            date_tolerance=args.date_tolerance,
        )
    if args.html:
        page = score.html_report(report)
        _write(lambda: write_file(Path(args.html), page), args.html)
    text = _json.dump(report.to_json()) if args.json else report.to_text()
    if args.fail_under is None:
        return text
    level = args.fail_level or ("dyad" if args.task == "events" else "strict")
    try:
        below = [r.file for r in report.results if r.level(level).f1 < args.fail_under]
    except KeyError as exc:
        raise DatasetError(f"--fail-level: {exc.args[0]}") from exc
    if not below:
        return text
    try:
        out(escape(text, newlines=True))
    except OSError as exc:
        lost(exc)
    raise DatasetError(f"F1 at level {level} is under {args.fail_under} for {', '.join(below)}")


SCORE = _Command(
    "score",
    help="grade predictions (events, quotations, mentions) against the gold records",
    description="Score prediction files against the gold records of a release: "
    "precision, recall and F1 at every level, a row per file when there are several, "
    "then every miss and false alarm. Formats: plover (PLOVER JSON Lines), cameo-csv "
    "(date, source, target, code), spans (JSON Lines spans), webannotation (W3C); "
    "detected when unambiguous. Needs the score extra: pip install 'nato-rok[score]'.",
    epilog="examples:\n  nato-rok score coder.plover.jsonl\n"
    "  nato-rok score quotes.jsonl --task quotes --json\n"
    "  nato-rok score a.jsonl b.jsonl --html report.html --fail-under 0.8\n"
    "  nato-rok score --release 1.2.0 --against-release 1.1.0 --task events\n",
    arguments=_score_parser,
    handler=_score,
)

#: Every command, in the order --help lists them.
_COMMANDS = (SUMMARY, VERSIONS, DIFF, QUOTES, SHOW, EXPORT, CITE, VALIDATE, SCORE)


def _parser() -> argparse.ArgumentParser:
    """Build the parser: the program's options, then a subparser per command of the table."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="nato-rok",
        description="The first visit by a NATO Secretary General to the Republic of Korea "
        "(Seoul, April 2013), as a dataset anchored in NATO's article.",
        epilog=EXAMPLES,
        formatter_class=formatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="show the package version and the bundled dataset releases, and exit",
    )
    # No command: the summary of the newest release.
    parser.set_defaults(handler=_summary, raw=False, release=None)
    release: list[_Parser] = [_release_parent()]
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in _COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.help,
            description=command.description,
            epilog=command.epilog,
            formatter_class=formatter,
            parents=release if command.release else [],
        )
        command.arguments(sub)
        sub.set_defaults(handler=command.handler, raw=command.raw)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit code.

    .. versionadded:: 1.0.0

    .. versionchanged:: 1.2.0
       Exit code 130 on Ctrl-C; exit code 1, with one line on stderr, when
       standard output cannot be written; never a traceback. Every other
       catchable signal that would end the process is handled as Ctrl-C is
       (what an export had half-written is removed), with exit code 128 + N.
    """
    with stopping_signals() as signals:
        try:
            return _stoppable(argv, signals)
        finally:
            settle()


def _stoppable(argv: Sequence[str] | None, signals: Signals) -> int:
    """Run the command; a stopping signal (or Ctrl-C) ends it with exit code 128 + N."""
    code = 1
    try:
        try:
            signals.arm()
            code = _run(argv)
        finally:
            signals.done = True  # from here on, a signal is ignored: the end is near
    except KeyboardInterrupt:
        if not signals.received:  # raised by no signal of ours (Python's own SIGINT handler)
            signals.received.append(signal.SIGINT)
    except Exception:
        if not signals.received:
            raise
        # A library turned the interruption into an error of its own (DuckDB
        # raises RuntimeError("Query interrupted")): the signal is the news.
    if not signals.received:
        return code
    number = signals.received[0]
    if number == signal.SIGINT:
        say("nato-rok: interrupted")
    else:
        say(f"nato-rok: stopped by {SIGNAL_NAMES.get(number, f'signal {number}')}")
    return 128 + number


def _run(argv: Sequence[str] | None) -> int:
    """Parse *argv*, run its command's handler, and print what it returns."""
    # --help, --version and usage errors exit here, having printed through _Parser.
    parser = _parser()
    _check_command(sys.argv[1:] if argv is None else argv, parser)
    args = parser.parse_args(argv)
    code = 0
    try:
        text = args.handler(args)
    except _Answer as answer:
        code, text = 1, answer.text
    except DatasetError as exc:
        _report(exc)
        return 1
    if not args.raw:
        text = escape(text, newlines=True)
    if text:
        try:
            out(text)
        except OSError as exc:
            lost(exc)
            return 1
    return code


def _check_command(argv: Sequence[str], parser: argparse.ArgumentParser) -> None:
    """Refuse an unknown command with the closest ones, as every other look-up does.

    Only a first argument that is not an option is checked: after ``--help``
    or ``--version`` argparse answers those and exits, as usual.
    """
    from nato_rok._suggest import did_you_mean, suggestions

    commands = tuple(command.name for command in _COMMANDS)
    if not argv or argv[0].startswith("-") or argv[0] in commands:
        return
    given = argv[0]
    found = suggestions(given, ((name, name) for name in commands))
    hint = did_you_mean(found) or f" (choose from {', '.join(commands)})"
    parser.error(f"argument COMMAND: invalid choice: {given!r}{hint}")


def _report(exc: DatasetError) -> None:
    """Say what went wrong, escaped; a broken install in one line."""
    say(f"nato-rok: error: {exc.summary}")
    if not isinstance(exc, BrokenInstallError):
        for line in _problem_lines(exc) if exc.problems else ():
            say(f"  {line}")
