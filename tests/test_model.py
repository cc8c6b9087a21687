"""Record invariants: each class refuses values its own rules forbid."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from nato_rok import model
from nato_rok.model import Meeting, Quote, QuoteKind, Span

SPAN = Span(start=0, end=1)


def test_span_slices_like_python() -> None:
    """A span has the length of the slice it selects."""
    assert 3 == len(Span(start=2, end=5))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 2, "start must be >= 0, got -1"),
        (3, 3, "end (3) must be greater than start (3)"),
        (4, 1, "end (1) must be greater than start (4)"),
    ],
)
def test_span_refuses_bad_offsets(start: int, end: int, message: str) -> None:
    """Negative, empty and reversed spans are refused with the reason."""
    with pytest.raises(ValueError, match=r"^" + message.replace("(", r"\(").replace(")", r"\)")):
        Span(start=start, end=end)


@pytest.mark.parametrize("value", [True, 1.0, "1", None])
def test_span_offsets_must_be_real_ints(value: Any) -> None:
    """A bool, float, string or None is not an offset."""
    with pytest.raises(TypeError, match="must be an int"):
        Span(start=value, end=5)


def _quote(**changes: Any) -> Quote:
    values: dict[str, Any] = {
        "id": "q",
        "text": "t",
        "span": Span(start=0, end=1),
        "speaker_id": "s",
        "kind": QuoteKind.PARTIAL,
        "attribution_span": Span(start=1, end=2),
        "topic_ids": (),
    }
    values.update(changes)
    return Quote(**values)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "Not A Slug"}, "id must be a lowercase slug"),
        ({"id": "trailing-"}, "id must be a lowercase slug"),
        ({"speaker_id": ""}, "speaker_id must be a lowercase slug"),
        ({"text": "  "}, "text must not be empty or blank"),
        ({"text": "a\x00b"}, "text must not hold U\\+0000"),
        ({"topic_ids": ("a", "a")}, "topic_ids must not repeat an item"),
        ({"topic_ids": ("A",)}, "topic_ids must be a lowercase slug"),
    ],
)
def test_quote_refuses_bad_fields(changes: dict[str, Any], message: str) -> None:
    """Ids are slugs, text is not blank, topic ids are unique slugs."""
    with pytest.raises(ValueError, match=message):
        _quote(**changes)


def test_quote_knows_partial_and_its_spans() -> None:
    """is_partial follows kind; spans are the passage then the attribution."""
    quote = _quote()
    assert quote.is_partial
    assert not _quote(kind=QuoteKind.STANDALONE).is_partial
    assert (Span(start=0, end=1), Span(start=1, end=2)) == quote.spans


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"spans": ()}, "spans must hold at least one item"),
        ({"spans": (Span(start=0, end=1), Span(start=0, end=1))}, "spans must not repeat"),
        ({"participant_ids": ()}, "participant_ids must hold at least one item"),
        ({"unnamed_participants": ""}, "unnamed_participants must not be empty"),
    ],
)
def test_meeting_refuses_empty_and_repeated_collections(
    changes: dict[str, Any], message: str
) -> None:
    """Evidence and participants are required, never repeated; unnamed is None or text."""
    values: dict[str, Any] = {
        "id": "m",
        "visit_id": "v",
        "kind": model.MeetingKind.TALKS,
        "attested": model.MeetingAttestation.HELD,
        "participant_ids": ("a",),
        "unnamed_participants": None,
        "spans": (Span(start=0, end=1),),
    }
    values.update(changes)
    with pytest.raises(ValueError, match=message):
        Meeting(**values)


def _instances(value: Any, found: dict[type, Any]) -> dict[type, Any]:
    """Collect one instance of every attrs class reachable from *value*."""
    if attrs.has(type(value)):
        found.setdefault(type(value), value)
        for field in attrs.fields(type(value)):
            _instances(getattr(value, field.name), found)
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            _instances(item, found)
    return found


def test_every_model_class_is_declared_immutable() -> None:
    """Each attrs class of nato_rok.model is slotted and frozen; the newest release uses all."""
    import nato_rok.model

    declared = {
        obj
        for obj in vars(nato_rok.model).values()
        if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == "nato_rok.model"
    }
    found = _instances(nato_rok.load(), {})
    assert declared <= set(found), "a model class the newest release does not use"
    for cls in declared:
        record = found[cls]
        assert not hasattr(record, "__dict__"), f"{cls.__name__} is not slotted"
        name = attrs.fields(cls)[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, name, getattr(record, name))
        assert hash(record) == hash(attrs.evolve(record))


@pytest.mark.parametrize("goldstein", [1, float("nan"), float("inf"), "1.0"])
def test_goldstein_weights_are_finite_floats(goldstein: object) -> None:
    """An int, NaN, infinity or text would not survive a JSON round trip as a weight."""
    from nato_rok import CameoCoding

    with pytest.raises(TypeError, match="goldstein must be a finite float"):
        CameoCoding(code="040", name="n", goldstein=goldstein, alternatives=())  # type: ignore[arg-type]


def test_a_visit_lasts_at_least_a_day_and_a_dataset_has_a_licence() -> None:
    """duration_days is at least 1; the licence is not blank."""
    import nato_rok

    with pytest.raises(
        ValueError, match=r"duration_days must be from 1 to 36525 \(a century\), got 0"
    ):
        attrs.evolve(nato_rok.load().visit, duration_days=0)
    with pytest.raises(ValueError, match="license must not be empty or blank"):
        attrs.evolve(nato_rok.load(), license="  ")


def test_a_position_cannot_be_held_on_its_own_holder() -> None:
    """A position whose holder is its own subject is refused."""
    with pytest.raises(ValueError, match="a position's holder cannot be its own subject"):
        model.Position(
            id="p", holder_id="x", subject_id="x", stance=model.Stance.CONDEMNATION, spans=(SPAN,)
        )


def test_a_position_subject_must_be_a_slug() -> None:
    """The subject id is still a slug."""
    with pytest.raises(ValueError, match="subject_id must be a lowercase slug"):
        model.Position(
            id="p", holder_id="x", subject_id="Y", stance=model.Stance.CONDEMNATION, spans=(SPAN,)
        )


def test_the_bundled_releases_have_no_self_positions_or_self_events() -> None:
    """Releases 1.0.0 and 1.1.0 pass the new checks unchanged."""
    import nato_rok

    for version in nato_rok.versions():
        dataset = nato_rok.load(version)
        assert all(p.holder_id != p.subject_id for p in dataset.positions)
        assert all(not set(e.actor_ids) & set(e.recipient_ids) for e in dataset.events)
