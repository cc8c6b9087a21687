"""The character policy: what names, ids, texts and URLs may hold, refused with a path."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import _unicode
from nato_rok.exceptions import SchemaError
from tests.conftest import encode

HOSTILE = [
    "\x01",  # START OF HEADING
    "\x0b",  # LINE TABULATION
    "\t",
    "\r",
    "\x1b",  # ESCAPE: terminal sequences
    "\x7f",  # DELETE
    "\x85",  # NEXT LINE (C1)
    "\x9b",  # CONTROL SEQUENCE INTRODUCER (C1)
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u2028",  # LINE SEPARATOR
    "\ufdd0",  # a noncharacter
    "\uffff",  # a noncharacter
    "\U0010fffe",  # a noncharacter
    "\ue000",  # private use
]
INVISIBLE = [
    "\n",
    "\u200b",
    "\u00ad",
    "\u2060",
    "\ufeff",
    "\u200d",
    "\ufe0f",
    "\u3164",
    "\U000e0041",
]


def _refused(document: dict[str, Any]) -> list[str]:
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(encode(document))
    return [problem.path for problem in caught.value.problems]


@pytest.mark.parametrize("char", HOSTILE + INVISIBLE)
@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("participants", 0, "name"), "$.participants[0].name"),
        (("participants", 0, "role"), "$.participants[0].role"),
        (("quotes", 0, "text"), "$.quotes[0].text"),
        (("source", "title"), "$.source.title"),
    ],
)
def test_names_and_one_line_texts_refuse_hostile_characters(
    char: str, where: tuple[Any, ...], path: str, document: dict[str, Any]
) -> None:
    """A control, bidi, separator, noncharacter, private-use or invisible character is refused."""
    *parents, key = where
    record = document
    for parent in parents:
        record = record[parent]
    record[key] = f"Park{char}Geun-hye"
    assert path in _refused(document)


@pytest.mark.parametrize("char", HOSTILE)
def test_the_article_text_refuses_hostile_characters(char: str, document: dict[str, Any]) -> None:
    """The article's text may not hold controls, bidi controls, separators or noncharacters."""
    document["source"]["text"] += char
    assert "$.source.text" in _refused(document)


@pytest.mark.parametrize("char", ["\n", "\u200b", "\u00ad", "\u200d"])
def test_the_article_text_may_hold_line_feeds_and_invisible_format_characters(
    char: str, document: dict[str, Any]
) -> None:
    """Published text has line breaks, soft hyphens and joiners; the article keeps them."""
    document["source"]["text"] += char
    assert nato_rok.loads(encode(document)).source.text.endswith(char)


def test_the_article_own_characters_load() -> None:
    """Curly quotes, apostrophes, Hangul and the title's line feed pass the policy."""
    for version in nato_rok.versions():
        dataset = nato_rok.load(version)
        assert "’" in dataset.source.text
        assert "\n" in dataset.source.text
    assert "박근혜" in [name.text for p in nato_rok.load("1.1.0").participants for name in p.names]


@given(st.text(min_size=1))
def test_the_policy_decides_every_text(text: str) -> None:
    """A text passes exactly when none of its characters is in a refused class."""
    one_line = _unicode.flaw(text, one_line=True)
    block = _unicode.flaw(text, one_line=False)
    bad = [c for c in text if _unicode.FORBIDDEN.match(c) or _unicode.INVISIBLE.match(c)]
    assert (one_line is None) == (not bad)
    if block is None:
        assert not any(_unicode.FORBIDDEN.match(c) for c in text)
    if bad:
        assert one_line == _unicode.describe(bad[0]) or _unicode.FORBIDDEN.search(text)


def test_the_lists_cover_the_running_pythons_unicode() -> None:
    """Every format character (Cf) and control (Cc but NUL and line feed) is refused in a name."""
    missing = [
        f"U+{point:04X}"
        for point in range(sys.maxunicode + 1)
        if unicodedata.category(chr(point)) in ("Cc", "Cf", "Co", "Zl", "Zp")
        and point not in (0, 10)
        and _unicode.flaw(chr(point), one_line=True) is None
    ]
    assert [] == missing


def test_describe_names_the_character() -> None:
    """Messages name a refused character by code point and name."""
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" == _unicode.describe("\u202e")
    assert "U+0085" == _unicode.describe("\x85")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "file:///etc/passwd",
        "ftp://example.org/",
        "//example.org/",
        "https://",
        "https:///path",
        "https://user:secret@example.org/",
        " https://example.org/",
        "https://example.org/ x",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
        "https://example.org/\\evil",
        "HTTPS://example.org/",
        "https://exa\u202emple.org/",
    ],
)
def test_urls_must_be_http_or_https(url: str, document: dict[str, Any]) -> None:
    """A URL field takes only an http or https URL; anything else is refused with its path."""
    document["source"]["url"] = url
    assert "$.source.url" in _refused(document)


@pytest.mark.parametrize(
    "url", ["http://example.org", "https://www.nato.int/cps/en/natohq/news_99519.htm?x=1#y"]
)
def test_http_and_https_urls_load(url: str, document: dict[str, Any]) -> None:
    """Plain web URLs load."""
    document["source"]["url"] = url
    assert url == nato_rok.loads(encode(document)).source.url


def test_reference_urls_must_be_http_or_https() -> None:
    """A reference's URL follows the same rule, in schema 2."""
    import json

    document = json.loads(nato_rok.dumps(nato_rok.load("1.1.0")))
    document["references"][0]["url"] = "javascript:alert(1)"
    assert "$.references[0].url" in _refused(document)
