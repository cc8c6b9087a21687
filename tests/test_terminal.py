"""escape(): what the command line prints of a document, never raw."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, strategies as st

from nato_rok._terminal import escape

_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


@given(st.text())
def test_nothing_hidden_or_obeyed_survives(text: str) -> None:
    """No control, format, separator, surrogate, private-use or unassigned character is left."""
    assert all(unicodedata.category(char) not in _HIDDEN for char in escape(text))
    lines = escape(text, newlines=True)
    kept = lines.replace("\r\n", "").replace("\n", "")
    assert all(unicodedata.category(char) not in _HIDDEN for char in kept)


@given(st.text())
def test_one_line_stays_one_line(text: str) -> None:
    """Without newlines=True, the result is a single line whatever the text."""
    assert 1 >= len(escape(text).splitlines())


@given(st.text())
def test_escaped_json_is_the_same_json(text: str) -> None:
    """The escapes are JSON's: escaping JSON text keeps its value."""
    dumped = json.dumps({"key": text}, ensure_ascii=False, indent=2)
    assert {"key": text} == json.loads(escape(dumped, newlines=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain “curly” 박근혜", "plain “curly” 박근혜"),
        ("\x1b[31mred", "\\u001b[31mred"),
        ("\x9b31m", "\\u009b31m"),
        ("a\x7fb", "a\\u007fb"),
        ("ab\u202ecd", "ab\\u202ecd"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("soft\u00adhyphen", "soft\\u00adhyphen"),
        ("hangul\u3164filler", "hangul\\u3164filler"),
        ("tag\U000e0041", "tag\\udb40\\udc41"),
        ("line\nfeed", "line\\u000afeed"),
        ("cr\r", "cr\\u000d"),
    ],
)
def test_examples(text: str, expected: str) -> None:
    """Printable text is kept; everything else becomes a JSON-style escape."""
    assert expected == escape(text)


def test_line_breaks_are_kept_when_asked() -> None:
    """LF and CR LF stay line breaks with newlines=True; a lone CR is escaped."""
    assert "a\nb\r\nc\\u000dd" == escape("a\nb\r\nc\rd", newlines=True)
