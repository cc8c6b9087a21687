"""pandas DataFrames with proper dtypes, and a clear error without pandas.

The `data` tier but for the missing-pandas test (pandas is imported inside the tests).
"""

from __future__ import annotations

import sys

import pytest

import nato_rok
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import tables
from nato_rok.export.pandas import Frames


@pytest.mark.data
def test_one_frame_per_table_with_its_rows() -> None:
    """to_pandas() gives every table, each with one row per table row (and speakers' names)."""
    dataset = nato_rok.load()
    frames = dataset.to_pandas()
    assert [table.name for table in tables.tables(dataset)] == list(frames)
    for table in tables.tables(dataset):
        expected = [f.name for f in table.fields]
        if "speaker_id" in expected:
            expected.insert(expected.index("speaker_id") + 1, "speaker_name")
        assert expected == list(frames[table.name].columns)
        assert len(table.rows) == len(frames[table.name])


@pytest.mark.data
@pytest.mark.parametrize("version", nato_rok.versions())
def test_speakers_are_named_beside_their_ids(version: str) -> None:
    """Every quotation (and statement) frame row names the participant its speaker_id names."""
    dataset = nato_rok.load(version)
    frames = dataset.to_pandas()
    for name in ("quotes", "statements"):
        got = list(zip(frames[name]["speaker_id"], frames[name]["speaker_name"], strict=True))
        assert [(i, dataset.participant(i).name) for i, _ in got] == got


@pytest.mark.data
def test_the_frames_are_a_read_only_mapping_with_displays() -> None:
    """A Mapping that refuses assignment; short repr, IPython text and HTML with shapes."""
    frames = nato_rok.load("1.0.0").to_pandas()
    assert isinstance(frames, Frames)
    with pytest.raises(TypeError):
        frames["quotes"] = None  # type: ignore[index]
    assert 7 == len(frames["quotes"])
    assert len(frames) == len(list(frames))
    assert repr(frames).startswith("<Frames: source 1x7, organizations 4x4, ")
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    frames._repr_pretty_(Printer(), cycle=False)
    assert printed[0].startswith("source: 1 rows x 7 columns\norganizations: 4 rows x 4 columns")
    page = frames._repr_html_()
    assert "<b>quotes</b> (7 rows &times; 9 columns)" in page
    assert page.count("<details>") == len(frames)
    assert "<script" not in page


@pytest.mark.data
@pytest.mark.parametrize("version", nato_rok.versions())
def test_one_rule_for_missing_values_and_fixed_dtypes(version: str) -> None:
    """Scalars miss as pd.NA (dates as NaT); list cells are always lists; dtypes are explicit."""
    import pandas as pd

    for name, frame in nato_rok.load(version).to_pandas().items():
        for column in frame.columns:
            values = frame[column]
            dtype = str(values.dtype)
            assert dtype in {"string", "Int64", "Float64", "boolean", "datetime64[s]", "object"}
            if dtype == "string":
                assert pd.StringDtype("python") == values.dtype, (name, column)
            if dtype == "object":  # list columns
                assert all(isinstance(v, list) for v in values), (name, column)
            elif dtype == "datetime64[s]":
                assert all(v is pd.NaT or isinstance(v, pd.Timestamp) for v in values)
            else:
                assert all(v is pd.NA or not pd.isna(v) for v in values), (name, column)


@pytest.mark.data
def test_dtypes_are_proper() -> None:
    """Nullable strings, integers, floats and booleans; dates as datetimes; lists kept."""
    import pandas as pd

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
