"""Anchoring a span given as text, as a W3C ``TextQuoteSelector`` is anchored.

The text is looked for exactly first; if it is not there, again with curly
quotes, dashes and runs of white space normalised on both sides. Text found
in more than one place is told apart by its ``prefix`` and ``suffix``; text
found nowhere, or still in several places, is not anchored (a reported miss,
never a guess).
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return *text* with quotes and dashes made ASCII and white space runs made one space."""
    return _SPACE.sub(" ", text.translate(_QUOTES))


class Anchors:
    """Finds text in the article, exactly or normalised."""

    def __init__(self, article: str) -> None:
        self.article = article
        # The normalised article, and for each of its characters the original (start, end).
        pieces: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in re.finditer(r"\s+|\S", article):
            pieces.append(" " if match.group().isspace() else match.group().translate(_QUOTES))
            self.starts.append(match.start())
            self.ends.append(match.end())
        self.normalised = "".join(pieces)

    def find(self, text: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | str:
        """Return the (start, end) of *text* in the article, or why it has no one place."""
        places = [(at, at + len(text)) for at in _every(self.article, text)]
        wanted = normalise(text).strip()
        if not places and wanted:
            places = [
                (self.starts[at], self.ends[at + len(wanted) - 1])
                for at in _every(self.normalised, wanted)
            ]
        if not places:
            return "the text is not in the article"
        if len(places) > 1 and (prefix or suffix):
            before, after = normalise(prefix), normalise(suffix)
            places = [
                (start, end)
                for start, end in places
                if normalise(self.article[:start]).endswith(before)
                and normalise(self.article[end:]).startswith(after)
            ] or places
        if len(places) > 1:
            return f"the text is in {len(places)} places of the article; give start and end"
        return places[0]


def _every(haystack: str, needle: str) -> list[int]:
    found = []
    at = haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found
