"""pandas DataFrames with proper dtypes, and a clear error without pandas."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import nato_rok
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import tables


def test_one_frame_per_table_with_its_rows() -> None:
    """to_pandas() gives every table, each with one row per table row."""
    dataset = nato_rok.load()
    frames = dataset.to_pandas()
    for table in tables.tables(dataset):
        assert [f.name for f in table.fields] == list(frames[table.name].columns)
        assert len(table.rows) == len(frames[table.name])


def test_dtypes_are_proper() -> None:
    """Nullable strings, integers, floats and booleans; dates as datetimes; lists kept."""
    frames = nato_rok.load("1.1.0").to_pandas()  # 1.1.0 has a null Goldstein weight
    quotes, events, visit = frames["quotes"], frames["events"], frames["visit"]
    assert "string" == str(quotes["text"].dtype)
    assert "Int64" == str(quotes["start"].dtype)
    assert "Float64" == str(events["goldstein"].dtype)
    assert "boolean" == str(events["historical"].dtype)
    assert pd.api.types.is_datetime64_any_dtype(visit["reported_date"])
    assert pd.Timestamp("2013-04-11") == visit["start_date"][0]
    assert pd.isna(events.set_index("id").loc["event-north-korea-call", "goldstein"])
    assert ["0212"] == events.set_index("id").loc[
        "event-cooperation-proposal", "cameo_alternatives"
    ]


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing pandas is a MissingExtraError (still an ImportError) naming the extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'nato-rok\[pandas\]'") as caught:
        nato_rok.load().to_pandas()
    assert isinstance(caught.value, ImportError)
