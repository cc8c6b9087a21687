"""The release builder: releases are data, spans come from excerpts, never by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import nato_rok
from nato_rok.exceptions import IntegrityError

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))

import build_release  # scripts/ is not a package
from build_release import AnchorError, anchor, span

TEXT = "He said “yes”. She said “no”, he said."


def test_span_of_a_unique_excerpt() -> None:
    """A unique excerpt gives the span that slices back to it."""
    found = span(TEXT, "She said")
    assert "She said" == TEXT[found["start"] : found["end"]]


def test_span_within_a_context() -> None:
    """An ambiguous excerpt is pinned by a unique context."""
    found = span(TEXT, "he said", within="no”, he said")
    assert {"start": TEXT.rindex("he said"), "end": len(TEXT) - 1} == found


@pytest.mark.parametrize(
    ("excerpt", "within", "message"),
    [
        ("maybe", None, "'maybe' does not occur in the text"),
        ("said", None, "'said' is ambiguous: it occurs 3 times in the text"),
        ("she", "no”, he said", "'she' does not occur in its context"),
        ("said", "said “yes”. She said", "'said' is ambiguous"),
        ("yes", "“yes” or", "does not occur in the text"),
        ("", None, "must not be empty"),
    ],
)
def test_absent_or_ambiguous_excerpts_fail(excerpt: str, within: str | None, message: str) -> None:
    """The builder refuses to guess: absent or ambiguous excerpts are errors."""
    with pytest.raises(AnchorError, match=message):
        span(TEXT, excerpt, within=within)


def test_anchor_replaces_every_written_span_and_names_the_path() -> None:
    """Objects of excerpt (and within) become offsets, anywhere; other values stay."""
    authored = {
        "id": "x",
        "spans": [{"excerpt": "She said"}, {"excerpt": "he said", "within": ", he said"}],
        "reference": {"excerpt": "not a span", "note": None},
    }
    assert {
        "id": "x",
        "spans": [{"start": 15, "end": 23}, {"start": 30, "end": 37}],
        "reference": {"excerpt": "not a span", "note": None},
    } == anchor(authored, TEXT)
    with pytest.raises(AnchorError, match=r"^\$\.spans\[1\]: 'maybe' does not occur"):
        anchor({"spans": [{"excerpt": "He"}, {"excerpt": "maybe"}]}, TEXT)


def test_a_data_file_must_be_named_after_its_release(tmp_path: Path) -> None:
    """A data file whose name and version disagree is refused."""
    authored = json.loads((build_release.RELEASES / "nato-rok-1.0.0.json").read_bytes())
    wrong = tmp_path / "nato-rok-9.9.9.json"
    wrong.write_text(json.dumps(authored), encoding="utf-8")
    with pytest.raises(ValueError, match=r"holds release 1\.0\.0; name it nato-rok-1\.0\.0\.json"):
        build_release.build(wrong)


def test_released_files_rebuild_byte_for_byte() -> None:
    """build_release.py --check rebuilds every release from its data file exactly as shipped."""
    assert 0 == build_release.main(["--check"])
    authored = sorted(build_release.RELEASES.glob("nato-rok-*.json"), key=build_release._key)
    assert nato_rok.versions() == tuple(p.name[9:-5] for p in authored)


def test_a_copy_of_1_1_0_claiming_1_2_0_meets_the_corrected_tables() -> None:
    """The code tables are versioned: 1.1.0's uncorrected 105 fails under 1.2.0's edition."""
    authored = json.loads((build_release.RELEASES / "nato-rok-1.1.0.json").read_bytes())
    authored["document"]["version"] = "1.2.0"
    document = anchor(authored["document"], nato_rok.load("1.1.0").source.text)
    document["source"]["text"] = nato_rok.load("1.1.0").source.text
    with pytest.raises(IntegrityError) as caught:
        nato_rok.loads(json.dumps(document))
    assert [
        "$.events[11].cameo.name",
        "$.events[11].cameo.goldstein",
    ] == [problem.path for problem in caught.value.problems]


def test_check_reports_every_difference(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A changed data file, a wrong release date or an unreleased file fail the check."""
    releases = tmp_path / "releases"
    releases.mkdir()
    for version, change in (("1.0.0", "date"), ("1.1.0", "data"), ("1.2.0", "new")):
        authored = json.loads((build_release.RELEASES / f"nato-rok-{version}.json").read_bytes())
        if change == "date":
            authored["release"]["date"] = "2000-01-01"
        elif change == "data":
            authored["document"]["license"] = "CC0-1.0"
        else:
            authored["document"]["version"] = "1.4.0"
        name = f"nato-rok-{authored['document']['version']}.json"
        (releases / name).write_text(json.dumps(authored), encoding="utf-8")
    monkeypatch.setattr(build_release, "RELEASES", releases)
    assert 1 == build_release.main(["--check"])
    err = capsys.readouterr().err
    assert "1.0.0: the manifest's release date is not 2000-01-01" in err
    assert "1.1.0: rebuild differs from the released file" in err
    assert "1.4.0: not yet released" in err
