"""Type-checked by mypy (not run): the public API as a user's code sees it."""

from __future__ import annotations

import datetime
import sys

import nato_rok
from nato_rok import exceptions

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type

ds = nato_rok.load("1.0.0")
assert_type(ds, nato_rok.Dataset)
assert_type(nato_rok.versions(), tuple[str, ...])
assert_type(nato_rok.loads(b"{}"), nato_rok.Dataset)
assert_type(nato_rok.dumps(ds), str)
assert_type(ds.version, str)
assert_type(ds.schema_version, int)
assert_type(ds.source.published, datetime.date)
assert_type(ds.participants, tuple[nato_rok.Participant, ...])
assert_type(ds.participant("park-geun-hye"), nato_rok.Participant)
assert_type(ds.find_participant("Park Guen-hye").aliases, tuple[str, ...])
assert_type(ds.quotes_by(ds.participants[0]), tuple[nato_rok.Quote, ...])
assert_type(ds.quotes[0].span, nato_rok.Span)
assert_type(ds.quotes[0].span.start, int)
assert_type(ds.excerpt(ds.quotes[0].span), str)
assert_type(ds.cooperation_areas[0].kind, nato_rok.CooperationKind)
assert_type(ds.record("nato"), nato_rok.Record)
assert_type(exceptions.DatasetError("x").problems, tuple[exceptions.Problem, ...])
assert_type(ds.record("nato", nato_rok.Organization), nato_rok.Organization)
assert_type(ds.record("quote-afghanistan-lessons", nato_rok.Quote).span, nato_rok.Span)
assert_type(ds.record("event-visit", nato_rok.Event).label, str)

assert_type(exceptions.DatasetError("x").omitted, int)
assert_type(exceptions.BrokenInstallError("x").summary, str)

# Exports: the registry, its protocol, the declared tables (1.2.0).
from pathlib import Path  # noqa: E402  # kept beside the lines that use it

from nato_rok.export import formats, tables  # noqa: E402

csv_format = formats.get("csv")
assert_type(csv_format, formats.Format)
assert_type(formats.FORMATS, tuple[formats.Format, ...])
assert_type(
    csv_format.write(ds, Path("out"), formats.ExportOptions(excel_safe=True)), tuple[Path, ...]
)
assert_type(csv_format.writes, str)
assert_type(csv_format.extra, str | None)
assert_type(tables.TABLES[0].table(ds), tables.Table)
assert_type(tables.TABLES[0].columns[0].field, tables.Field)

# Scoring (1.2.0): the numbers a downstream test asserts on.
from typing import Any  # noqa: E402  # kept beside the lines that use it

from nato_rok import score  # noqa: E402

report = score.score(b"", task="events")
assert_type(report, score.Report)
assert_type(report.results[0].level("dyad").f1, float)
assert_type(report.results[0].misses, tuple[score.Diagnostic, ...])
assert_type(report.to_json(), dict[str, Any])
assert_type(exceptions.UnknownLabelError("x").suggestions, tuple[str, ...])
