"""Querying a dataset: look-ups by id and name, quotations by speaker, excerpts."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import assume, given, strategies as st

import nato_rok
from nato_rok import (
    CooperationArea,
    Dataset,
    Organization,
    Participant,
    Quote,
    Span,
    Visit,
    strategies,
)
from nato_rok._names import name_key
from nato_rok.exceptions import (
    AmbiguousNameError,
    RecordNotFoundError,
    SpanError,
    WrongRecordTypeError,
)
from tests.conftest import encode


def test_participant_by_id(bundled: Dataset) -> None:
    """participant() returns the record with that id."""
    assert "Anders Fogh Rasmussen" == bundled.participant("anders-fogh-rasmussen").name


@pytest.mark.parametrize("bad", ["nobody", "nato", "visit-seoul-2013", 3, None])
def test_participant_refuses_unknown_ids(bundled: Dataset, bad: Any) -> None:
    """An unknown id, or the id of another kind of record, is a LookupError."""
    with pytest.raises(LookupError, match="no participant has the id"):
        bundled.participant(bad)
    with pytest.raises(RecordNotFoundError):
        bundled.participant(bad)


def test_organization_by_id(bundled: Dataset) -> None:
    """organization() returns organizations only."""
    assert "Republic of Korea" == bundled.organization("republic-of-korea").name
    with pytest.raises(RecordNotFoundError, match="no organization has the id 'park-geun-hye'"):
        bundled.organization("park-geun-hye")


def test_record_by_id(bundled: Dataset) -> None:
    """record() finds any record; unknown and unhashable ids are not found."""
    assert bundled.visit is bundled.record("visit-seoul-2013")
    for bad in ("nothing", ["list"]):
        with pytest.raises(RecordNotFoundError, match="no record has the id"):
            bundled.record(bad)  # type: ignore[arg-type]  # a list on purpose


def test_record_of_a_type(bundled: Dataset) -> None:
    """record(id, kind) returns the record when it is a *kind*."""
    assert bundled.quotes[0] is bundled.record(bundled.quotes[0].id, Quote)
    assert bundled.visit is bundled.record(bundled.visit.id, Visit)


@pytest.mark.parametrize(
    ("record_id", "kind", "message"),
    [
        ("nato", Participant, "no participant has the id 'nato': it is the id of an organization"),
        (
            "park-geun-hye",
            Quote,
            "no quote has the id 'park-geun-hye': it is the id of a participant",
        ),
        ("nato", CooperationArea, "no cooperation area has the id 'nato': it is the id of an "),
        ("park-geun-hye", Organization, "no organization has the id 'park-geun-hye': it is the"),
    ],
)
def test_record_refuses_an_id_of_another_type(
    bundled: Dataset, record_id: str, kind: type[Any], message: str
) -> None:
    """An id of another kind of record is a WrongRecordTypeError, itself a LookupError."""
    with pytest.raises(WrongRecordTypeError) as caught:
        bundled.record(record_id, kind)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, RecordNotFoundError)


def test_record_of_a_type_refuses_unknown_ids(bundled: Dataset) -> None:
    """An unknown id with a kind is a RecordNotFoundError naming the kind, not the subclass."""
    with pytest.raises(RecordNotFoundError, match="no quote has the id 'nope'") as caught:
        bundled.record("nope", Quote)
    assert WrongRecordTypeError is not type(caught.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("park guen-hye", "park-geun-hye"),
        ("Park Geun-hye", "park-geun-hye"),
        ("PARK GEUNHYE", "park-geun-hye"),
        ("Kim Kwan Jin", "kim-kwan-jin"),
        ("kim kwan-jin", "kim-kwan-jin"),
        ("Fogh Rasmussen", "anders-fogh-rasmussen"),
        ("  anders   fogh rasmussen ", "anders-fogh-rasmussen"),
        ("Yun Byung\u2010se", "yun-byung-se"),
    ],
)
def test_find_participant_forgives_case_spaces_and_hyphens(
    bundled: Dataset, name: str, expected: str
) -> None:
    """Names and aliases match ignoring case, spacing and hyphens of any kind."""
    assert expected == bundled.find_participant(name).id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("park", "park-geun-hye"),  # a surname
        ("Geun-hye", "park-geun-hye"),  # a given name
        ("geunhye", "park-geun-hye"),
        ("Bak", "park-geun-hye"),  # a word of a romanised name from outside the article
        ("rasmussen", "anders-fogh-rasmussen"),
        ("Anders Fogh", "anders-fogh-rasmussen"),  # a run of whole words
        ("Kwan", "kim-kwan-jin"),  # a word of an alias (Kim Kwan Jin)
    ],
)
def test_find_participant_takes_a_unique_word_of_a_name(name: str, expected: str) -> None:
    """A surname, given name or other whole words of one person's names find that person."""
    assert expected == nato_rok.load().find_participant(name).id


def test_find_participant_refuses_an_ambiguous_word_listing_the_candidates(
    document: dict[str, Any],
) -> None:
    """Words shared by several people's names are refused, with every candidate named."""
    kim = next(p for p in document["participants"] if p["id"] == "kim-kwan-jin")
    kim["aliases"].append("Minister Park")  # now two participants have a 'Park'
    dataset = nato_rok.loads(encode(document))
    with pytest.raises(AmbiguousNameError) as caught:
        dataset.find_participant("park")
    assert ("Park Geun-hye", "Kim Kwan-jin") == caught.value.suggestions
    assert (
        "'park' could be any of 2 participants: 'Park Geun-hye', 'Kim Kwan-jin'; "
        "give a full name or an id"
    ) == caught.value.summary
    assert isinstance(caught.value, LookupError)
    # A full name or alias still wins over words of other names.
    assert "kim-kwan-jin" == dataset.find_participant("Minister Park").id


@pytest.mark.slow
@given(strategies.datasets(), st.data())
def test_a_word_of_a_name_finds_its_person_or_lists_them(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Any whole word of a name finds someone with that word, or refuses listing its owner."""
    person = data.draw(st.sampled_from(dataset.participants))
    words = [w for n in (person.name, *person.aliases) for w in n.split() if name_key(w)]
    assume(words)
    word = data.draw(st.sampled_from(words))
    owners = [p for p in dataset.participants if any(name_key(word) in name_key(n)
              for n in (p.name, *p.aliases, *(e.text for e in p.names)))]  # fmt: skip
    if len(owners) == 1:  # its words are no one else's: found
        assert person is dataset.find_participant(word)
    else:  # found by a full name, or refused listing the owners of the word
        try:
            found: Participant | None = dataset.find_participant(word)
        except AmbiguousNameError as refused:
            found, candidates = None, refused.suggestions
        assert found in owners if found else person.name in candidates


@pytest.mark.parametrize("bad", ["Geun", "", 12])
def test_find_participant_refuses_unknown_names(bundled: Dataset, bad: Any) -> None:
    """A name nobody has is a LookupError naming it."""
    with pytest.raises(RecordNotFoundError, match="no participant is called"):
        bundled.find_participant(bad)


def test_quotes_by_accepts_id_or_participant(bundled: Dataset) -> None:
    """quotes_by() takes an id or a Participant; people with no quotes get ()."""
    speaker = bundled.participant("anders-fogh-rasmussen")
    assert bundled.quotes == bundled.quotes_by(speaker)
    assert bundled.quotes == bundled.quotes_by("anders-fogh-rasmussen")
    assert () == bundled.quotes_by("park-geun-hye")
    with pytest.raises(RecordNotFoundError):
        bundled.quotes_by("nato")


def test_excerpt(bundled: Dataset) -> None:
    """excerpt() returns the characters a span points at, and refuses spans past the end."""
    assert "First" == bundled.excerpt(Span(start=0, end=5))
    with pytest.raises(SpanError, match="reaches past the end of the text"):
        bundled.excerpt(Span(start=0, end=len(bundled.source.text) + 1))


def test_records_are_in_document_order(bundled: Dataset) -> None:
    """records() lists organizations, participants, the visit, then the rest."""
    records = bundled.records()
    assert bundled.organizations[0] is records[0]
    assert bundled.visit in records
    assert bundled.positions[-1] is records[-1]
    assert len(records) == len({record.id for record in records})


@pytest.mark.slow
@given(strategies.datasets())
def test_find_participant_finds_every_name_and_alias(dataset: Dataset) -> None:
    """Every participant is found by its name and by each alias, in any case."""
    for person in dataset.participants:
        for name in (person.name, *person.aliases):
            # Upper-casing may change a name's case fold (dotless i -> "I" -> "i"); skip those.
            if name_key(name) and name_key(name.upper()) == name_key(name):
                assert person is dataset.find_participant(name.upper())


@pytest.mark.slow
@given(strategies.datasets())
def test_quotes_by_partitions_the_quotes(dataset: Dataset) -> None:
    """Quotes by each speaker, taken together, are every quote exactly once, in order."""
    collected = [q for person in dataset.participants for q in dataset.quotes_by(person)]
    assert len(dataset.quotes) == len(collected)
    assert {q.id for q in dataset.quotes} == {q.id for q in collected}
    for person in dataset.participants:
        theirs = dataset.quotes_by(person)
        assert all(q.speaker_id == person.id for q in theirs)
        assert sorted(theirs, key=dataset.quotes.index) == list(theirs)


@pytest.mark.slow
@given(strategies.datasets())
def test_every_record_and_collection_refuses_mutation(dataset: Dataset) -> None:
    """No field can be set and no collection changed, anywhere in a dataset."""
    for record in (dataset, dataset.source, *dataset.records()):
        for field in attrs.fields(type(record)):
            if field.name.startswith("_"):
                continue
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(record, field.name, None)
            value = getattr(record, field.name)
            assert not isinstance(value, (list, dict, set, bytearray))
            if isinstance(value, tuple):
                with pytest.raises(TypeError):
                    value[0] = None  # type: ignore[index]  # mutation is the point
                assert not hasattr(value, "append")


def test_indexes_do_not_count_in_equality(bundled: Dataset) -> None:
    """Two datasets with the same records are equal, and a copy finds the same people."""
    copy = attrs.evolve(bundled)
    assert bundled == copy
    assert hash(bundled) == hash(copy)
    assert isinstance(copy.find_participant("Park Guen-hye"), Participant)


@pytest.mark.parametrize("version", nato_rok.versions())
@pytest.mark.parametrize("how", ["pickle", "deepcopy", "copy"])
def test_a_dataset_pickles_and_copies_with_working_indexes(version: str, how: str) -> None:
    """A pickled or copied dataset is equal to the original, and its look-ups work."""
    import copy
    import pickle

    original = nato_rok.load(version)
    if how == "pickle":
        again = pickle.loads(pickle.dumps(original))  # noqa: S301  # our own bytes
    else:
        again = getattr(copy, how)(original)
    assert original == again
    assert again.find_participant("Park Guen-hye") == original.find_participant("Park Guen-hye")
    assert [again.record(r.id) for r in original.records()] == list(original.records())
    speaker = original.quotes[0].speaker_id
    assert original.quotes_by(speaker) == again.quotes_by(speaker)
    assert nato_rok.dumps(original) == nato_rok.dumps(again)


@pytest.mark.parametrize("bad", [None, (0, 1), "0..1"])
def test_excerpt_of_something_else_is_a_type_error(bundled: Dataset, bad: object) -> None:
    """excerpt() takes a Span; anything else is a TypeError naming the argument."""
    with pytest.raises(TypeError, match="excerpt\\(\\) argument 'span' must be a Span"):
        bundled.excerpt(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("look_up", "wanted", "message"),
    [
        (
            "find_participant",
            "Geun",
            "no participant is called 'Geun'; did you mean 'Park Geun-hye'?",
        ),
        ("find_participant", "Rasmusen", "; did you mean 'Anders Fogh Rasmussen'?"),
        ("find_participant", "박근", "; did you mean 'Park Geun-hye'?"),
        ("record", "park", "no record has the id 'park'; did you mean 'park-geun-hye', "),
        ("participant", "park", "no participant has the id 'park'; did you mean 'park-geun-hye'?"),
        ("organization", "republic", "; did you mean 'republic-of-korea'?"),
        ("quotes_by", "anders", "; did you mean 'anders-fogh-rasmussen'?"),
    ],
)
def test_refused_look_ups_suggest(look_up: str, wanted: str, message: str) -> None:
    """Every look-up that refuses a name or id suggests the closest ones."""
    with pytest.raises(RecordNotFoundError) as caught:
        getattr(nato_rok.load("1.1.0"), look_up)(wanted)
    assert message in str(caught.value)
    assert caught.value.suggestions


@pytest.mark.slow
@given(strategies.datasets(), st.data())
def test_a_prefix_of_any_id_suggests_it(dataset: Dataset, data: st.DataObject) -> None:
    """A proper prefix (3 characters or more) of any id, if refused, suggests that id."""
    ids = [record.id for record in dataset.records()]
    target = data.draw(st.sampled_from(ids))
    assume(len(target) > 3)
    prefix = target[: data.draw(st.integers(3, len(target) - 1))]
    assume(prefix not in ids)
    with pytest.raises(RecordNotFoundError) as caught:
        dataset.record(prefix)
    assert target in caught.value.suggestions
