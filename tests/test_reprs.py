"""Short reprs: one line, the id and what identifies a record, honest when shortened."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import _unicode, strategies
from nato_rok._reprs import LIMIT, shortened

RECORDS = st.one_of(strategies.sources(), strategies.records())
VALUES = st.one_of(
    strategies.external_names(),
    strategies.actor_codes(),
    strategies.date_ranges(),
    strategies.cameo_codings(),
    strategies.plover_codings(),
)
#: The identifying text of each record class, to make long.
TEXTS = {
    "Source": "text",
    "Organization": "name",
    "Participant": "role",
    "Visit": "place",
    "Meeting": "participant_ids",
    "Quote": "text",
    "CooperationArea": "name",
    "Position": "holder_id",
    "Statement": "speaker_id",
    "Entity": "name",
    "Reference": "title",
    "Event": "label",
}
#: Long one-line text of the characters the loader's character policy allows.
LONG = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Co", "Zl", "Zp")),
    min_size=1,
    max_size=600,
).filter(lambda text: _unicode.flaw(text, one_line=True) is None)


@given(RECORDS)
def test_every_record_repr_is_short_and_shows_its_id(record: Any) -> None:
    """Every generated record's repr is one line of at most LIMIT characters with its id."""
    text = repr(record)
    assert len(text) <= LIMIT, text
    assert f"id={record.id!r}" in text
    assert "\n" not in text
    assert "<" not in text.split("'")[0]  # no <Enum.MEMBER: 'value'> before the first text


@given(RECORDS, LONG)
def test_long_texts_are_shortened_and_say_so(record: Any, long: str) -> None:
    """A long text is cut to fit, and the repr gives its real length."""
    field = TEXTS[type(record).__name__]
    if field.endswith("_id"):
        long = "-".join(["x" * 9] * 20)  # ids are slugs
    elif field.endswith("_ids"):
        record = attrs.evolve(record, **{field: tuple(f"person-{i:03}" for i in range(20))})
        assert "(20 items)" in repr(record)
        return
    elif not long.strip():
        long = "x" + long
    record = attrs.evolve(record, **{field: long})
    text = repr(record)
    assert len(text) <= LIMIT, text
    assert f"id={record.id!r}" in text
    if repr(long) not in text:
        assert f"({len(long)} chars)" in text


@given(VALUES)
def test_value_reprs_show_enums_by_value(value: Any) -> None:
    """The small values (names, codes, codings, date ranges) show enums by their value."""
    text = repr(value)
    assert len(text) <= LIMIT, text
    assert not re.search(r"<\w+\.\w+: ", text)


def test_quote_repr_reads_as_the_issue_asks() -> None:
    """A quote shows its id, a shortened text with its length, its span and its kind."""
    quote = nato_rok.load("1.1.0").record("quote-partnership-potential", nato_rok.Quote)
    expected = (
        "Quote(id='quote-partnership-potential', text='NATO’s partnership with t…' (89 chars), "
        "span=336:425, kind='standalone')"
    )
    assert expected == repr(quote)
    assert quote.text == attrs.asdict(quote)["text"]  # the whole is one call away


def test_dataset_repr_is_one_line_of_counts() -> None:
    """repr(ds) names the release, the schema and how many of each record."""
    expected = (
        "<Dataset release 1.0.0 (schema 1): organizations=4 participants=5 meetings=4 quotes=7 "
        "cooperation_areas=8 positions=1 references=0 events=0 statements=0 entities=0>"
    )
    assert expected == repr(nato_rok.load("1.0.0"))


@pytest.mark.parametrize(
    ("value", "width", "expected"),
    [
        (("aaaa", "bbbb", "cccc"), 100, "('aaaa', 'bbbb', 'cccc')"),
        (("aaaa", "bbbb", "cccc"), 23, "('aaaa', …) (3 items)"),
        (("aaaa", "bbbb", "cccc"), 5, "(…,) (3 items)"),
        ("abcdef", 6, "'a…' (6 chars)"),
        ("ab   cdefghijklmnop", 17, "'ab…' (19 chars)"),
    ],
)
def test_shortened(value: Any, width: int, expected: str) -> None:
    """Tuples keep as many items as fit; texts keep as many characters, spaces trimmed."""
    assert expected == shortened(value, width)
