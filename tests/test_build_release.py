"""The release build script: spans come from excerpts, never by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import nato_rok

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))

from anchor import AnchorError, Anchors  # scripts/ is not a package

TEXT = "He said “yes”. She said “no”, he said."


def test_span_of_a_unique_excerpt() -> None:
    """A unique excerpt gives the span that slices back to it."""
    span = Anchors(TEXT).span("She said")
    assert "She said" == TEXT[span.start : span.end]


def test_span_within_a_context() -> None:
    """An ambiguous excerpt is pinned by a unique context."""
    span = Anchors(TEXT).span("he said", within="no”, he said")
    assert (TEXT.rindex("he said"), TEXT.rindex("he said") + 7) == (span.start, span.end)


@pytest.mark.parametrize(
    ("excerpt", "within", "message"),
    [
        ("maybe", None, "'maybe' does not occur in the text"),
        ("said", None, "'said' is ambiguous"),
        ("she", "no”, he said", "must occur once in its context"),
        ("said", "said said", "must occur once in its context"),
        ("yes", "“yes” or", "does not occur in the text"),
    ],
)
def test_absent_or_ambiguous_excerpts_fail(excerpt: str, within: str | None, message: str) -> None:
    """The script refuses to guess: absent or ambiguous excerpts are errors."""
    with pytest.raises(AnchorError, match=message):
        Anchors(TEXT).span(excerpt, within=within)


def test_every_finds_whole_words_in_each_context() -> None:
    """every() finds all whole-word occurrences, and fails when there are none."""
    anchors = Anchors(TEXT)
    assert 2 == len(anchors.every("said", within="he said", word=False))
    assert 1 == len(anchors.every("He"))
    with pytest.raises(AnchorError):
        anchors.every("maybe")
    with pytest.raises(AnchorError):
        anchors.every("x", within="y")


def test_released_files_rebuild_byte_for_byte() -> None:
    """build_release.py --check rebuilds every release exactly as shipped."""
    import build_release

    assert 0 == build_release.main(["--check"])
    assert nato_rok.versions() == tuple(r.VERSION for r in build_release.RELEASES)
