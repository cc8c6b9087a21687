"""Turn exact excerpts of the article into spans, refusing guesswork.

Spans are never typed by hand: each one is found here from the words it
covers, and an excerpt that is absent or could mean two places is an error.
"""

from __future__ import annotations

import re

from nato_rok import Span


class AnchorError(ValueError):
    """An excerpt is absent from the text or matches more than one place."""


class Anchors:
    """Find spans of exact excerpts in one text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _starts(self, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
        hi = len(self.text) if hi is None else hi
        starts, at = [], self.text.find(needle, lo, hi)
        while at != -1:
            starts.append(at)
            at = self.text.find(needle, at + 1, hi)
        return starts

    def span(self, excerpt: str, *, within: str | None = None) -> Span:
        """Return the one span of *excerpt*, inside the one place of *within*.

        Raises:
            AnchorError: *within* or *excerpt* is absent or occurs twice.

        """
        lo, hi = 0, len(self.text)
        if within is not None:
            if within.count(excerpt) != 1:
                raise AnchorError(f"{excerpt!r} must occur once in its context {within!r}")
            lo = self._one(within, 0, hi)
            hi = lo + len(within)
        start = self._one(excerpt, lo, hi)
        return Span(start=start, end=start + len(excerpt))

    def every(
        self, excerpt: str, *, within: str | None = None, word: bool = True
    ) -> tuple[Span, ...]:
        """Return a span of *excerpt* in every occurrence of *within*.

        With ``word=True`` (default) an occurrence must stand as a whole word.

        Raises:
            AnchorError: *excerpt* (or *within*) does not occur at all.

        """
        context = excerpt if within is None else within
        if context.count(excerpt) != 1:
            raise AnchorError(f"{excerpt!r} must occur once in its context {context!r}")
        pattern = re.escape(context)
        if word:
            pattern = rf"(?<!\w){pattern}(?!\w)"
        offset = context.index(excerpt)
        spans = tuple(
            Span(start=m.start() + offset, end=m.start() + offset + len(excerpt))
            for m in re.finditer(pattern, self.text)
        )
        if not spans:
            raise AnchorError(f"{context!r} does not occur in the text")
        return spans

    def _one(self, needle: str, lo: int, hi: int) -> int:
        starts = self._starts(needle, lo, hi)
        if not starts:
            raise AnchorError(f"{needle!r} does not occur in the text")
        if len(starts) > 1:
            raise AnchorError(f"{needle!r} is ambiguous: it occurs at {starts}")
        return starts[0]
