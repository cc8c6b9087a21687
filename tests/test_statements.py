"""Statement records: direct statements name their quotation."""

from __future__ import annotations

import pytest

from nato_rok import Span, Statement, StatementKind


def _statement(**changes: object) -> Statement:
    fields: dict[str, object] = {
        "id": "statement-a",
        "speaker_id": "someone",
        "kind": StatementKind.DIRECT,
        "span": Span(start=10, end=20),
        "attribution_span": Span(start=0, end=7),
        "quote_id": "quote-a",
        "date": None,
        "event_ids": (),
    }
    fields.update(changes)
    return Statement(**fields)  # type: ignore[arg-type]


def test_spans_are_the_words_and_their_attribution() -> None:
    """The spans property gives the reported words, then the attribution."""
    statement = _statement()
    assert (Span(start=10, end=20), Span(start=0, end=7)) == statement.spans


def test_a_direct_statement_needs_its_quotation() -> None:
    """Direct speech without a quote_id is refused; indirect speech may have none."""
    with pytest.raises(ValueError, match="needs the quote_id"):
        _statement(quote_id=None)
    assert _statement(kind=StatementKind.INDIRECT, quote_id=None).quote_id is None
