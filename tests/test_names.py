"""Names: forgiving look-ups, and look-alike names told apart by their UTS #39 skeleton."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import _names, _resources, _unicode
from nato_rok.exceptions import IntegrityError
from tests.conftest import encode

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))

import derive_confusables  # scripts/ is not a package

_FULL = {
    chr(int(source, 16)): "".join(chr(int(p, 16)) for p in target.split())
    for source, target in derive_confusables.mappings(derive_confusables.source_text())
}


def _reference_key(name: str) -> str:
    """lookalike_key written out plainly over Unicode's whole table: the oracle."""

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        text = "".join(c for c in text if _unicode.flaw(c, one_line=True) is None)
        return _names._IGNORED.sub("", text)

    def skeleton(text: str) -> str:
        mapped = "".join(_FULL.get(c, c) for c in unicodedata.normalize("NFD", text))
        return unicodedata.normalize("NFD", mapped)

    key = fold(name)
    for _ in range(2):
        key = fold(skeleton(key))
    return key


def test_the_shipped_subset_is_what_the_script_derives() -> None:
    """data/confusables.txt equals the derivation from Unicode's confusables.txt, licence named."""
    shipped = _resources.read_data("confusables.txt").decode("utf-8")
    assert derive_confusables.derive(derive_confusables.source_text()) == shipped
    assert "Unicode-DFS-2016" in shipped
    assert "Version: 13.0.0" in shipped


@given(st.text(st.characters(codec="utf-8"), max_size=12))
def test_the_subset_gives_the_keys_of_the_whole_table(name: str) -> None:
    """For any text allowed in a name, the shipped subset and Unicode's full table agree."""
    if _unicode.flaw(name, one_line=True) is None:
        assert _reference_key(name) == _names.lookalike_key(name)


def test_every_confusable_letter_gets_the_key_of_its_prototype() -> None:
    """Each character of Unicode's table compares equal to what it is confusable with.

    The whole table, every run (a sample of it once hid U+2014 and U+2015, a
    flake of about 3 % a run): under half a second.
    """
    wrong = []
    for char in sorted(_FULL):
        if _unicode.flaw(char, one_line=True) is None and (
            _reference_key(char) != _names.lookalike_key(char)
        ):
            wrong.append(f"{_unicode.describe(char)}: not the reference key")
        # A precomposed letter is decomposed before the skeleton step, so only
        # the reachable ones are mapped by the table directly.
        if derive_confusables._reachable(char) and (
            _names.lookalike_key(char) != _names.lookalike_key(_FULL[char])
        ):
            wrong.append(f"{_unicode.describe(char)}: not the key of {_FULL[char]!r}")
    assert [] == wrong


@pytest.mark.parametrize("dash", ["\u2014", "\u2015"])
def test_em_dash_and_horizontal_bar_look_like_their_prototype_not_a_hyphen(dash: str) -> None:
    """U+2014 and U+2015 are confusable with U+30FC (UTS #39), so no key ignores them."""
    assert _names.lookalike_key(f"A{dash}B") == _names.lookalike_key("A\u30fcB")
    assert _names.lookalike_key("A-B") != _names.lookalike_key(f"A{dash}B")
    assert _names.name_key("A-B") != _names.name_key(f"A{dash}B")


@pytest.mark.parametrize(
    "lookalike",
    [
        "Park\u200bGeun-hye",  # a zero-width space (refused in a name; the key ignores it)
        "Park Ge\u00adun-hye",  # a soft hyphen
        "Ｐａｒｋ Ｇｅｕｎ-ｈｙｅ",  # fullwidth letters
        "\u0420\u0430rk Geun-hye",  # Cyrillic capital ER and small A
        "PARK GEUN HYE",
        "Park Geun-hуe",  # Cyrillic small U  # the look-alike is the point
    ],
)
def test_look_alike_names_share_a_key(lookalike: str) -> None:
    """Invisible characters, fullwidth and Cyrillic letters, case and spacing change no key."""
    assert _names.lookalike_key("Park Geun-hye") == _names.lookalike_key(lookalike)


def test_different_names_keep_different_keys() -> None:
    """Names that do not look alike stay apart."""
    names = ["Park Geun-hye", "Kim Kwan-jin", "Yun Byung-se", "Anders Fogh Rasmussen", "박근혜"]
    assert len(names) == len({_names.lookalike_key(name) for name in names})


def _fullwidth(name: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)


def _cyrillic(name: str) -> str:
    return name.translate(
        str.maketrans("aeopAEOP", "\u0430\u0435\u043e\u0440\u0410\u0415\u041e\u0420")
    )


@pytest.mark.parametrize("disguise", [_fullwidth, _cyrillic, str.upper])
def test_the_loader_refuses_a_look_alike_of_another_persons_name(
    disguise: Any, document: dict[str, Any]
) -> None:
    """A second person with an alias that looks like the first one's name is refused."""
    first = document["participants"][0]["name"]
    assert disguise(first) != first
    document["participants"][1]["aliases"].append(disguise(first))
    with pytest.raises(IntegrityError) as caught:
        nato_rok.loads(encode(document))
    messages = [p.message for p in caught.value.problems]
    assert any("matches a name of $.participants[0]" in m for m in messages), messages


#: Every character a name may not hold because it shows nothing or a blank.
_BLANKS = sorted(c for c in map(chr, range(sys.maxunicode + 1)) if _unicode.INVISIBLE.match(c))


def test_the_invisible_and_blank_characters_include_the_spacing_ones() -> None:
    """The Braille blank, the Hangul fillers and the other spacing blanks are in the class."""
    assert {"\u2800", "\u3164", "\u115f", "\u1160", "\uffa0", "\U0001d159"} <= set(_BLANKS)
    # The default-ignorable ones are there too (Cf, variation selectors, tags).
    assert {"\u200b", "\u034f", "\ufe0f", "\U000e0020"} <= set(_BLANKS)


@given(st.sampled_from(_BLANKS), st.integers(0, len("Park Geun-hye")))
def test_an_invisible_or_blank_character_changes_no_key(char: str, at: int) -> None:
    """Wherever such a character stands in a name, the look-alike key is the name's own."""
    name = "Park Geun-hye"
    disguised = name[:at] + char + name[at:]
    assert _names.lookalike_key(name) == _names.lookalike_key(disguised)
    assert _unicode.flaw(disguised, one_line=True) is not None  # and a name may not hold it


@pytest.mark.parametrize("char", ["\u2800", "\u3164", "\u115f", "\uffa0"])
def test_the_loader_refuses_a_second_person_named_with_a_blank(
    char: str, document: dict[str, Any]
) -> None:
    """Park<U+2800>Geun-hye beside Park Geun-hye is refused, at the name that holds it."""
    first = document["participants"][0]["name"]
    document["participants"][1]["name"] = first.replace(" ", char, 1)
    with pytest.raises(nato_rok.exceptions.DatasetError) as caught:
        nato_rok.loads(encode(document))
    assert "$.participants[1].name" in [p.path for p in caught.value.problems]
