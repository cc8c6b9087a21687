"""polars DataFrames with real types, built without pyarrow, and a clear error without polars.

The `data` tier but for the missing-polars test (polars is imported inside the tests).
"""

from __future__ import annotations

import datetime
import sys

import pytest

import nato_rok
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import tables


@pytest.mark.data
@pytest.mark.parametrize("version", nato_rok.versions())
def test_one_frame_per_table_with_its_rows(version: str) -> None:
    """to_polars() gives every table, its columns and its rows, arrays as lists."""
    dataset = nato_rok.load(version)
    frames = dataset.to_polars()
    for table in tables.tables(dataset):
        frame = frames[table.name]
        assert [f.name for f in table.fields] == frame.columns
        expected = [
            tuple(list(v) if isinstance(v, tuple) else v for v in row) for row in table.rows
        ]
        assert expected == frame.rows()


@pytest.mark.data
def test_dtypes_are_real() -> None:
    """Strings, Int64, Float64, Boolean, Date and List(String), with nulls."""
    import polars as pl

    frames = nato_rok.load().to_polars()
    events = frames["events"]
    assert pl.String == events.schema["id"]
    assert pl.Float64 == events.schema["goldstein"]
    assert pl.Boolean == events.schema["historical"]
    assert pl.Date == events.schema["date"]
    assert pl.List(pl.String) == events.schema["cameo_alternatives"]
    assert pl.Int64 == frames["quotes"].schema["start"]
    assert datetime.date(2013, 4, 11) == frames["visit"]["start_date"][0]
    # Release 1.1.0 left one Goldstein weight empty: a null, not NaN or 0.
    old = nato_rok.load("1.1.0").to_polars()["events"]
    assert old.filter(pl.col("id") == "event-north-korea-call")["goldstein"].is_null().all()


def test_without_polars_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing polars is a MissingExtraError (an ImportError) naming the extra."""
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'nato-rok\[polars\]'"):
        nato_rok.load().to_polars()
