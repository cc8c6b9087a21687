"""External facts: references, names, codes and dates refuse bad values."""

from __future__ import annotations

import datetime

import pytest

from nato_rok import ActorCode, CodeScheme, DateRange, ExternalName, NameKind


def test_external_names_must_be_nfc() -> None:
    """A decomposed Hangul name is refused: names are stored NFC."""
    decomposed = "\u1107\u1161\u11a8"  # conjoining jamo for 박
    with pytest.raises(ValueError, match="text must be NFC-normalised"):
        ExternalName(text=decomposed, kind=NameKind.HANGUL, reference_id="r")
    assert "박" == ExternalName(text="박", kind=NameKind.HANGUL, reference_id="r").text


@pytest.mark.parametrize("code", ["kor", "KO R", "", "Ö"])
def test_actor_codes_are_upper_case_alphanumerics(code: str) -> None:
    """Codes are A-Z and 0-9 only."""
    with pytest.raises(ValueError, match="code must be a code of A-Z and 0-9"):
        ActorCode(scheme=CodeScheme.CAMEO_ACTOR, code=code, reference_id="r")


def test_date_ranges_do_not_run_backwards() -> None:
    """The end of a range is not before its start; a one-day range is fine."""
    day = datetime.date(2013, 4, 11)
    assert day == DateRange(start=day, end=day, reference_id="r").end
    with pytest.raises(ValueError, match=r"end \(2013-04-10\) must not be before start"):
        DateRange(start=day, end=datetime.date(2013, 4, 10), reference_id="r")
