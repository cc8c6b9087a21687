"""The kinds of record: declared once, read by each consumer, or a test names the one that missed.

A kind of record is a record class whose ``Look`` has a colour, held by a
field of :class:`~nato_rok.Dataset` (:func:`nato_rok.dataset.kinds`). Most
consumers read that registry; the few that keep code of their own per kind
(a union for type checkers, the package's lazy import table, a table's
columns, a strategy's body, the schema history) are checked here to cover
every kind. A toy kind, added in this module, walks the recipe of
CONTRIBUTING.md ("Adding a kind of record").
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import Phase, find, settings

import nato_rok
from nato_rok import _display, _integrity, _resources, _schemas, strategies
from nato_rok._reprs import Look, Shown
from nato_rok.dataset import Dataset, Kind, Record, collections, kinds
from nato_rok.export import tables
from nato_rok.export.html import html_page
from nato_rok.model import Span

_SCHEMA_1_KEYS = set(json.loads(_resources.read_data("nato-rok-1.0.0.json")))
_ADDED_KEYS = {key for added in _schemas.ADDED.values() for where, key, _ in added if not where}


#: Finds one example, unshrunk: the tests ask only whether a strategy can draw a kind.
_ONE = settings(database=None, max_examples=200, phases=[Phase.generate])


def _plural(kind: Kind) -> str:
    """Return the strategy's name: the collection's, in the plural (``visit``: ``visits``)."""
    return kind.collection if kind.many else f"{kind.collection}s"


def _strategy_drawing(kind: Kind) -> bool:
    strategy = getattr(strategies, _plural(kind), None)
    if strategy is None or _plural(kind) not in strategies.__all__:
        return False
    drawn = find(strategy(), lambda _: True, settings=_ONE)
    return isinstance(drawn, kind.cls)


#: Each consumer that keeps per-kind code of its own, and how to tell that it covers a kind.
COVERS: dict[str, Callable[[Kind], bool]] = {
    "the Record union (dataset.py)": lambda kind: kind.cls in typing.get_args(Record),
    "the package's exports (_EXPORTS in __init__.py)": (
        lambda kind: (
            getattr(nato_rok, kind.cls.__name__, None) is kind.cls
            and kind.cls.__name__ in nato_rok.__all__
        )
    ),
    "a table named after the collection (TABLES in export/tables.py)": (
        lambda kind: kind.collection in {table.name for table in tables.TABLES}
    ),
    "a public strategy named after the collection (strategies.py)": _strategy_drawing,
    "the schema history (the 1.0.0 document or an ADDED_IN_n of _schemas.py)": (
        lambda kind: kind.collection in _SCHEMA_1_KEYS | _ADDED_KEYS
    ),
}


def _missed(kind: Kind) -> list[str]:
    """Return the consumers that do not cover *kind*."""
    return [consumer for consumer, covers in COVERS.items() if not covers(kind)]


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.collection)
def test_every_consumer_covers_every_kind(kind: Kind) -> None:
    """No consumer that keeps per-kind code misses a kind; the message names the one that does."""
    assert [] == _missed(kind), f"{kind.cls.__name__} is missing from: {_missed(kind)}"


def test_the_registry_is_read_from_the_dataset_s_fields() -> None:
    """The kinds are the Dataset's record fields, in field order; the source is not one."""
    names = [field.name for field in attrs.fields(Dataset)]
    found = [kind.collection for kind in kinds()]
    assert sorted(found, key=names.index) == found
    assert {"organizations", "visit", "entities"} <= set(found)
    assert "source" not in found
    assert [False] == [kind.many for kind in kinds() if kind.collection == "visit"]
    assert set(typing.get_args(Record)) == {kind.cls for kind in kinds()}


@pytest.mark.parametrize("version", nato_rok.versions())
def test_each_kind_s_table_holds_its_records(version: str) -> None:
    """The table named after a collection has one row per record, by id, in order."""
    dataset = nato_rok.load(version)
    by_name = {table.name: table for table in tables.tables(dataset)}
    for kind in kinds():
        table = by_name[kind.collection]
        assert "id" == table.fields[0].name
        assert [record.id for record in kind.of(dataset)] == [row[0] for row in table.rows]


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.collection)
def test_any_record_may_be_of_each_kind(kind: Kind, monkeypatch: pytest.MonkeyPatch) -> None:
    """strategies.records() draws from the strategy of every kind (which draws that kind).

    Checked by the strategies it calls, not by searching its draws: how many
    draws a search gets in a given time hung on what ran before it in the
    process, and a kind went unseen in three CI sessions.
    """
    assert _strategy_drawing(kind)
    name, called = _plural(kind), []
    real = getattr(strategies, name)

    def spy() -> Any:
        called.append(name)
        return real()

    monkeypatch.setattr(strategies, name, spy)
    inspect.unwrap(strategies.records)()  # built anew: each strategy function is built once
    assert [name] == called


def test_counts_are_the_collections() -> None:
    """The repr and the text view count the same collections: every kind but the visit."""
    dataset = nato_rok.load()
    found = collections(dataset)
    assert [k.collection for k in kinds() if k.many] == list(found)
    assert all(found[name] is getattr(dataset, name) for name in found)
    assert f"entities={len(dataset.entities)}>" in repr(dataset)
    assert _display.text(dataset).endswith(f", {len(dataset.entities)} entities")


# -- a toy kind, added as CONTRIBUTING.md says ------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Toy(Shown):
    """A toy kind of record: one record class, with its look."""

    _look = Look(shown=("id", "span"), colour="#0a0b0c")

    id: str
    span: Span
    note: str


@attrs.frozen(kw_only=True, repr=False)  # Dataset's own repr
class ToyDataset(Dataset):
    """The dataset with the toy kind's collection."""

    toys: tuple[Toy, ...] = ()


def _with_toys(*toys: Toy) -> ToyDataset:
    dataset = nato_rok.load()
    fields = {f.name: getattr(dataset, f.name) for f in attrs.fields(Dataset) if f.init}
    return ToyDataset(**fields, toys=toys)


#: The toy and its class as type checkers must take them: a kind added at run time is
#: not in the ``Record`` union, which is spelled out for them.
TOY: Any = Toy(id="toy-one", span=Span(start=0, end=5), note="not shown in the repr " * 10)
ANY_TOY: Any = Toy


def test_a_toy_kind_is_registered_from_its_collection() -> None:
    """The toy's collection on the dataset class makes it a kind, after the others."""
    assert (*kinds(), Kind(cls=ANY_TOY, collection="toys", many=True)) == kinds(ToyDataset)
    assert "#0a0b0c" == kinds(ToyDataset)[-1].look.colour


def test_a_toy_kind_reaches_every_consumer_that_reads_the_registry() -> None:
    """records(), the look-ups, the checks, reprs, counts, cards, the HTML page and the spans."""
    dataset = _with_toys(TOY)
    assert TOY is dataset.records()[-1]
    assert TOY is dataset.record("toy-one", ANY_TOY)
    assert "Toy(id='toy-one', span=0:5)" == repr(TOY)
    assert repr(dataset).endswith(" entities=5 toys=1>")
    assert _display.text(dataset).endswith(", 5 entities, 1 toy")
    assert 'href="#nato-rok-1.3.0-toys">1 toy</a>' in dataset._repr_html_()
    assert "border-left:4px solid #0a0b0c" in TOY._repr_html_()
    page = html_page(dataset)
    assert '<span style="background:#0a0b0c">Toy</span></p>' in page  # last: no legend place
    assert '<section id="rec-toy-one" style="border-color:#0a0b0c">' in page
    (spans,) = [table for table in tables.tables(dataset) if table.name == "spans"]
    assert ("toy-one", "span", 0, 0, 5, "First") in spans.rows


def test_a_toy_kind_is_checked_with_the_others() -> None:
    """The integrity walk reaches the toy: its id must be unique, its span inside the text."""
    copy = Toy(id="nato", span=Span(start=0, end=10**6), note="")
    problems = _integrity.check(_with_toys(TOY, copy)).problems
    assert ["$.toys[1].id", "$.toys[1].span"] == [problem.path for problem in problems]
    assert "is already used at $.organizations[0]" in problems[0].message


def test_a_toy_kind_is_named_missing_by_each_consumer_it_needs_added_to() -> None:
    """Declared without the rest of the recipe, the toy fails the coverage test, naming each."""
    assert list(COVERS) == _missed(kinds(ToyDataset)[-1])
