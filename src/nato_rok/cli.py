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
import contextlib
import errno
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from nato_rok import _cite, _json, _views
from nato_rok._document import loads
from nato_rok._read import UnreadableError, read_file
from nato_rok._read import shown as _shown
from nato_rok._releases import load, versions
from nato_rok._summary import summary
from nato_rok._terminal import escape
from nato_rok._versions import meant_as_version
from nato_rok.changes import diff
from nato_rok.dataset import Dataset
from nato_rok.exceptions import BrokenInstallError, DatasetError, Problem

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
        parser._print_message(_version_text(), sys.stdout)  # argparse's own way
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse, but help that cannot be written is an error, and errors go through _say."""

    def _print_message(self, message: str, file: Any = None) -> None:
        # Only --help and --version get here (error() below handles stderr).
        try:
            _out(message)
        except OSError as exc:
            _lost(exc)
            self.exit(1)

    def error(self, message: str) -> NoReturn:
        """Print the usage and *message* on stderr and exit 2, as argparse does."""
        _say(self.format_usage().rstrip("\n"), lines=True)
        _say(f"{self.prog}: error: {message}")
        self.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nato-rok",
        description="The first visit by a NATO Secretary General to the Republic of Korea "
        "(Seoul, April 2013), as a dataset anchored in NATO's article.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="show the package version and the bundled dataset releases, and exit",
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
    diff_parser = commands.add_parser(
        "diff",
        help="list what changed between two releases",
        description="List the records added, removed and changed (field by field) between "
        "two releases, matched by id. Each side is a bundled release if it looks like a "
        "version ('1.0.0', '1.1', '1'), else the path of a dataset document; write "
        "'./1.0.0' for a file named like a release.",
        epilog="examples:\n  nato-rok diff 1.0.0 1.1.0\n  nato-rok diff 1 my-copy.json "
        "--format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff_parser.add_argument("old", help="release or .json file to compare from")
    diff_parser.add_argument("new", help="release or .json file to compare to")
    diff_parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    quotes_parser = commands.add_parser(
        "quotes",
        help="list the quotations",
        description="List the quotations, optionally of one speaker or about one topic "
        "(a cooperation area or position, by id or name).",
        epilog='examples:\n  nato-rok quotes --speaker "Fogh Rasmussen"\n  nato-rok quotes '
        "--topic north-korea-condemnation --format json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    quotes_parser.add_argument(
        "--speaker", metavar="NAME", help="speaker id, name or alias, or a unique word of one"
    )
    quotes_parser.add_argument("--topic", metavar="AREA", help="cooperation area or position")
    quotes_parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    quotes_parser.add_argument("--release", metavar="V", default=None, help="dataset release")
    show_parser = commands.add_parser(
        "show",
        help="show one record and the article excerpts it rests on",
        description="Show the record with this id (any record, or the source), or with this "
        "name (a person, organization, entity or cooperation area: a unique surname or other "
        "word of the name will do), and every excerpt of the article its spans point at.",
        epilog="examples:\n  nato-rok show quote-north-korea-threat\n  nato-rok show "
        "event-visit --release 1.1.0 --format json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show_parser.add_argument("id", help="the record's id or name (a unique word of it will do)")
    show_parser.add_argument("--format", choices=("text", "json"), default="text")
    show_parser.add_argument("--release", metavar="V", default=None, help="dataset release")
    _export_parser(commands)
    cite_parser = commands.add_parser(
        "cite",
        help="print how to cite the dataset and its source",
        description="Print references for the dataset release and NATO's article, as in "
        "CITATION.cff.",
        epilog="examples:\n  nato-rok cite\n  nato-rok cite --format apa --release 1.0.0\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cite_parser.add_argument("--format", choices=("bibtex", "apa"), default="bibtex")
    cite_parser.add_argument("--release", metavar="V", default=None, help="dataset release")
    validate_parser = commands.add_parser(
        "validate",
        help="check a dataset document with the library's own rules",
        description="Check a dataset document exactly as the bundled releases are checked, "
        "and report on stdout: a line with the verdict, then, when it is invalid, one line "
        "per problem, 'JSON path: message'. Exit 0 when it is valid, 1 when it is not.",
        epilog="examples:\n  nato-rok validate my-copy.json\n  cat my-copy.json | nato-rok "
        "validate -\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate_parser.add_argument("file", help="the document, or - for standard input")
    _score_parser(commands)
    parser.set_defaults(commands=tuple(commands.choices))  # for _check_command's suggestions
    return parser


def _problem_lines(exc: DatasetError) -> list[str]:
    problems = exc.problems or (Problem("$", exc.summary),)
    lines = [escape(str(problem)) for problem in problems]
    if exc.omitted:
        lines.append(f"... and {exc.omitted} more problem(s)")
    return lines


def _validate(name: str) -> tuple[int, str]:
    shown = "-" if name == "-" else _shown(name)
    try:
        dataset = loads(read_file(name))
    except (BrokenInstallError, UnreadableError) as exc:  # no verdict on the document
        _say(f"nato-rok: error: {exc.summary}")
        return 1, ""
    except DatasetError as exc:  # the report, verdict then problems, is one stream: stdout
        verdict = escape(f"{shown}: invalid: {exc.summary}")
        return 1, "".join(f"{line}\n" for line in [verdict, *_problem_lines(exc)])
    return 0, f"{shown}: valid (release {dataset.version}, schema {dataset.schema_version})\n"


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
        _say(f"nato-rok: no quotations {' '.join(asked)} in release {dataset.version}")
    if args.format == "json":
        return _json.dump(_views.plain(quotes))
    if args.format == "csv":
        return _views.quotes_csv(dataset, quotes)
    return _views.quotes_text(dataset, quotes)


def _show(args: argparse.Namespace) -> str:
    view = _views.show(load(args.release), args.id)
    if args.format == "json":
        return _json.dump(view)
    return _views.show_text(view)


def _export_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    import textwrap

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
    description = (
        "Write a release, or a validated copy of your own (--from), in another format. A file "
        "format writes the file --out (or standard output, for text); a folder format writes "
        "into the folder --out.\n\nEvery file is written atomically: a failure leaves the old "
        "one as it was and no partial file. A file export replaces only the file --out. A "
        "folder export replaces only its own files in the folder (<table>.csv, "
        "datapackage.json, croissant.json, <table>.parquet) and leaves any other file alone. A "
        "symbolic link at --out, or at one of the export's names, is refused, and so is an "
        "--out that is (or would replace) the --from file."
    )
    export_parser = commands.add_parser(
        "export",
        help="export a release to another format",
        description="\n\n".join(textwrap.fill(part, 78) for part in description.split("\n\n")),
        epilog=f"formats:\n{listing}\n"
        "examples:\n  nato-rok export --format datapackage --out nato-rok-tables\n"
        "  nato-rok export --format csv --excel-safe --out tables-for-excel\n"
        "  nato-rok export --format jsonschema --out nato-rok.schema.json\n"
        "  nato-rok export --format html --from my-copy.json --out my-copy.html\n"
        "  nato-rok export --format jsonschema --version 1.0.0\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export_parser.add_argument(
        "--format", choices=tuple(f.name for f in FORMATS), required=True, help="see below"
    )
    export_parser.add_argument(
        "--out",
        metavar="PATH",
        default="-",
        type=_out_path,
        help="file or folder to write (default: standard output, for a text file format)",
    )
    source = export_parser.add_mutually_exclusive_group()
    source.add_argument(
        "--version",
        "--release",
        dest="release",
        metavar="V",
        default=None,
        help="dataset release (default: newest)",
    )
    source.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        default=None,
        help="export this dataset document (- for standard input) instead of a release, once "
        "it validates; --out may not be this file",
    )
    export_parser.add_argument(
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
    _say(f"nato-rok: wrote {args.out}")
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


def _score_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    from nato_rok.score import FORMATS, TASKS

    score_parser = commands.add_parser(
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
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score_parser.add_argument("predictions", nargs="*", metavar="PRED", help="prediction file")
    score_parser.add_argument("--task", choices=TASKS, default="events", help="default: events")
    score_parser.add_argument("--format", choices=tuple(FORMATS), default=None)
    score_parser.add_argument("--release", metavar="V", default=None, help="the gold's release")
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
        _out(escape(text, newlines=True))
    except OSError as exc:
        _lost(exc)
    raise DatasetError(f"F1 at level {level} is under {args.fail_under} for {', '.join(below)}")


def _dataset(spec: str, side: str) -> Dataset:
    """Return the bundled release *spec* if it looks like a version, else the file *spec*."""
    # Written as a version: a bundled release, never a file (write ./1.0.0 for that).
    if meant_as_version(spec):
        if os.path.lexists(spec):
            _say(
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


__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit code.

    .. versionadded:: 1.0.0

    .. versionchanged:: 1.2.0
       Exit code 130 on Ctrl-C; exit code 1, with one line on stderr, when
       standard output cannot be written; never a traceback. Every other
       catchable signal that would end the process is handled as Ctrl-C is
       (what an export had half-written is removed), with exit code 128 + N.
    """
    with _stopping_signals() as signals:
        try:
            return _stoppable(argv, signals)
        finally:
            _settle()


def _stoppable(argv: Sequence[str] | None, signals: _Signals) -> int:
    """Run the command; a stopping signal (or Ctrl-C) ends it with exit code 128 + N."""
    code = 1
    try:
        try:
            signals.arm()
            code = _main(argv)
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
        _say("nato-rok: interrupted")
    else:
        _say(f"nato-rok: stopped by {_SIGNAL_NAMES.get(number, f'signal {number}')}")
    return 128 + number


# Signals whose default action ends the process, and which a process may
# catch. Left out: SIGPIPE and SIGXFSZ, which Python ignores (the write fails,
# and says so), and the faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
# SIGTRAP, SIGSYS), which report a bug in the process itself.
_STOPPING = (
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGTERM",
    "SIGUSR1",
    "SIGUSR2",
    "SIGALRM",
    "SIGVTALRM",
    "SIGPROF",
    "SIGXCPU",
    "SIGIO",
    "SIGPWR",
    "SIGSTKFLT",
)
_SIGNAL_NAMES = {int(number): number.name for number in signal.Signals}


class _Stopped(KeyboardInterrupt):
    """A signal that would end the process: unwound as Ctrl-C is, so clean-ups run."""


class _Signals:
    """The handler of every stopping signal, and the signal it received.

    Once armed, the first signal raises :class:`_Stopped` wherever the
    command is (one that came before is raised by :meth:`arm`); every later
    one, and any after :attr:`done`, is ignored, so a second Ctrl-C cannot
    cut the clean-up short.
    """

    def __init__(self) -> None:
        self.received: list[int] = []
        self.armed = False
        self.done = False

    def arm(self) -> None:
        """Let a signal stop the command (at once, if one came already)."""
        self.armed = True
        if self.received:
            raise _Stopped

    def __call__(self, number: int, frame: object) -> None:
        if self.received or self.done:
            return
        self.received.append(number)
        if self.armed:
            raise _Stopped


@contextlib.contextmanager
def _stopping_signals() -> Iterator[_Signals]:
    """Handle every stopping signal with one :class:`_Signals` while the block runs.

    Only a signal left at its default action is taken (a SIGHUP that
    ``nohup`` ignores stays ignored), only from the main thread (the only one
    Python lets handle signals), and the previous handlers are put back.
    """
    handler = _Signals()
    numbers = [int(getattr(signal, name)) for name in _STOPPING if hasattr(signal, name)]
    # Real-time signals end a process too (none where the platform has none).
    numbers.extend(range(getattr(signal, "SIGRTMIN", 0), getattr(signal, "SIGRTMAX", -1) + 1))
    previous: dict[int, Any] = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        for number in numbers:
            if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                previous[number] = signal.signal(number, handler)
    try:
        yield handler
    finally:
        for number, before in previous.items():
            signal.signal(number, before)


def _main(argv: Sequence[str] | None) -> int:
    # --help, --version and usage errors exit here, having printed through _Parser.
    parser = _parser()
    _check_command(parser, sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command == "validate":
        code, text = _validate(args.file)
    else:
        try:
            code, text = 0, _run(args)
        except DatasetError as exc:
            _report(exc)
            return 1
    if text:
        try:
            _out(text)
        except OSError as exc:
            _lost(exc)
            return 1
    return code


def _check_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> None:
    """Refuse an unknown command with the closest ones, as every other look-up does.

    Only a first argument that is not an option is checked: after ``--help``
    or ``--version`` argparse answers those and exits, as usual.
    """
    from nato_rok._suggest import did_you_mean, suggestions

    commands: tuple[str, ...] = parser.get_default("commands")
    if not argv or argv[0].startswith("-") or argv[0] in commands:
        return
    given = argv[0]
    found = suggestions(given, ((name, name) for name in commands))
    hint = did_you_mean(found) or f" (choose from {', '.join(commands)})"
    parser.error(f"argument COMMAND: invalid choice: {given!r}{hint}")


def _report(exc: DatasetError) -> None:
    """Say what went wrong, escaped; a broken install in one line."""
    _say(f"nato-rok: error: {exc.summary}")
    if not isinstance(exc, BrokenInstallError):
        for line in _problem_lines(exc) if exc.problems else ():
            _say(f"  {line}")


def _out(text: str) -> None:
    """Write *text* to stdout as UTF-8, whatever the console's encoding.

    Raises:
        OSError: Standard output is closed or cannot be written.
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed (>&-)
        raise OSError(errno.EBADF, "it is closed")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
    else:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _say(message: str, *, lines: bool = False) -> None:
    """Write a message to stderr, escaped; stay silent if stderr is unusable.

    The message is one line (any line feed in it is escaped) unless *lines*
    is true, for argparse's own multi-line usage messages.
    """
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(escape(message, newlines=lines) + "\n")
        stream.flush()
    except (OSError, ValueError):  # closed, full, or cannot encode: nowhere left to say it
        _silence(stream)


def _lost(exc: OSError) -> None:
    """Say that standard output failed (unless the reader simply left), and stop writing."""
    if not isinstance(exc, BrokenPipeError):  # `nato-rok ... | head`: quiet, as Unix tools are
        _say(f"nato-rok: error: cannot write standard output: {exc.strerror}")
    _silence(sys.stdout)


def _silence(stream: Any) -> None:
    """Point a failed standard stream at the null device, so exit has nothing to complain of."""
    try:
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):  # not a real file (tests), or gone
        return
    os.dup2(null, fd)
    os.close(null)


def _settle() -> None:
    """Flush both streams now, so a failure ends here and not in a complaint at exit.

    Every failure that matters was reported where it happened; this is the
    safety net, and says nothing.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence(sys.stdout)
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        _silence(sys.stderr)


def _versions(args: argparse.Namespace) -> str:
    return "".join(f"{version}\n" for version in versions())


def _citation(args: argparse.Namespace) -> str:
    cite = _cite.apa if args.format == "apa" else _cite.bibtex
    return cite(load(args.release))


def _summary(args: argparse.Namespace) -> str:
    return summary(load(getattr(args, "release", None)))


_COMMANDS: dict[str | None, Callable[[argparse.Namespace], str]] = {
    "versions": _versions,
    "diff": _diff,
    "quotes": _quotes,
    "show": _show,
    "export": _export,
    "cite": _citation,
    "score": _score,
}
# Formats written for other programs, byte for byte; every other command's
# output is for reading, and is escaped for the terminal.
_UNESCAPED = frozenset(("export",))


def _run(args: argparse.Namespace) -> str:
    text = _COMMANDS.get(args.command, _summary)(args)
    return text if args.command in _UNESCAPED else escape(text, newlines=True)
