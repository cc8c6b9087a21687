"""The ``nato-rok`` command (also ``python -m nato_rok``).

Exit codes: 0 success; 1 the data could not be loaded or checked (for
``validate``: the document is invalid); 2 usage error. Data goes to stdout,
messages to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from nato_rok import _cite, _json, _views
from nato_rok._document import loads
from nato_rok._releases import load, versions
from nato_rok._summary import summary
from nato_rok.changes import diff
from nato_rok.dataset import Dataset
from nato_rok.exceptions import DatasetError, Problem

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
  nato-rok export --format jsonschema --out nato-rok.schema.json
  nato-rok cite --format apa      how to cite the dataset and NATO's article
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
    diff_parser = commands.add_parser(
        "diff",
        help="list what changed between two releases",
        description="List the records added, removed and changed (field by field) between "
        "two releases, matched by id. Each side is a bundled release ('1.0.0', '1') or a "
        "path to a dataset document ending in .json.",
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
    quotes_parser.add_argument("--speaker", metavar="NAME", help="speaker id, name or alias")
    quotes_parser.add_argument("--topic", metavar="AREA", help="cooperation area or position")
    quotes_parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    quotes_parser.add_argument("--release", metavar="V", default=None, help="dataset release")
    show_parser = commands.add_parser(
        "show",
        help="show one record and the article excerpts it rests on",
        description="Show the record with this id (any record, or the source) and every "
        "excerpt of the article its spans point at.",
        epilog="examples:\n  nato-rok show quote-north-korea-threat\n  nato-rok show "
        "event-visit --release 1.1.0 --format json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show_parser.add_argument("id", help="the record's id")
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
        description="Check a dataset document exactly as the bundled releases are checked. "
        "Exit 0 when it is valid; exit 1 and print one line per problem, 'JSON path: "
        "message', on stdout when it is not.",
        epilog="examples:\n  nato-rok validate my-copy.json\n  cat my-copy.json | nato-rok "
        "validate -\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate_parser.add_argument("file", help="the document, or - for standard input")
    return parser


def _validate(name: str) -> int:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        sys.stderr.write(f"nato-rok: error: cannot read {name}: {exc.strerror}\n")
        return 1
    try:
        dataset = loads(data)
    except DatasetError as exc:
        problems = exc.problems or (Problem("$", exc.summary),)
        sys.stdout.write("".join(f"{problem}\n" for problem in problems))
        sys.stderr.write(f"nato-rok: {name}: invalid: {exc.summary}\n")
        return 1
    sys.stderr.write(
        f"nato-rok: {name}: valid (release {dataset.version}, schema {dataset.schema_version})\n"
    )
    return 0


def _quotes(args: argparse.Namespace) -> str:
    dataset = load(args.release)
    quotes = dataset.quotes
    if args.speaker is not None:
        quotes = dataset.quotes_by(_views.speaker(dataset, args.speaker))
    if args.topic is not None:
        wanted = _views.topic(dataset, args.topic).id
        quotes = tuple(quote for quote in quotes if wanted in quote.topic_ids)
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


def _export_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        "symbolic link at --out, or at one of the export's names, is refused."
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
        help="export this dataset document instead of a release, once it validates",
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
    try:
        data = Path(args.from_file).read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read {args.from_file}: {exc.strerror or exc}") from exc
    return loads(data)


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
    _write(lambda: fmt.write(dataset, Path(args.out), options), args.out)
    sys.stderr.write(f"nato-rok: wrote {args.out}\n")
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


def _dataset(spec: str) -> Dataset:
    """Return the document at path *spec* (a file, or any ``*.json``), else that release."""
    if not (spec.lower().endswith(".json") or Path(spec).is_file()):
        return load(spec)
    try:
        data = Path(spec).read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read {spec}: {exc.strerror}") from exc
    return loads(data)


def _diff(args: argparse.Namespace) -> str:
    changes = diff(_dataset(args.old), _dataset(args.new))
    if args.format == "json":
        return _json.dump(changes.to_json())
    return changes.to_text()


__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit code.

    .. versionadded:: 1.0.0
    """
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.file)
    try:
        _emit(_run(args))
    except DatasetError as exc:
        sys.stderr.write(f"nato-rok: error: {exc}\n")
        return 1
    except BrokenPipeError:
        # The reader went away (`nato-rok quotes | head`): stop quietly, as
        # Unix tools do, and keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


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
}


def _run(args: argparse.Namespace) -> str:
    return _COMMANDS.get(args.command, _summary)(args)


def _emit(text: str) -> None:
    """Write *text* to stdout as UTF-8, whatever the console's encoding."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        stream.write(text.encode("utf-8"))
        stream.flush()
