"""The one grammar of a release number, and every command that meets a malformed one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import _codes, _versions, cli
from nato_rok.exceptions import IntegrityError, UnknownVersionError

_PARTS = st.integers(min_value=0, max_value=10**_versions.MAX_DIGITS - 1)
_NAMES = st.text(alphabet="0123456789.", max_size=40) | st.text(max_size=40)


@given(st.tuples(_PARTS, _PARTS, _PARTS))
def test_every_release_number_reads_back(parts: tuple[int, int, int]) -> None:
    """Three parts of at most MAX_DIGITS digits, written plainly, are a version and read back."""
    text = ".".join(str(part) for part in parts)
    assert parts == _versions.parse(text)
    assert parts == _versions.parse_prefix(text)
    assert len(text) <= _versions.MAX_LENGTH


@given(st.lists(_PARTS, min_size=1, max_size=3))
def test_every_prefix_reads_back(parts: list[int]) -> None:
    """One to three parts are a prefix; only three are an exact version."""
    text = ".".join(str(part) for part in parts)
    assert tuple(parts) == _versions.parse_prefix(text)
    assert (len(parts) == 3) == (_versions.parse(text) is not None)


@given(_NAMES)
def test_a_version_is_written_one_way_only(text: str) -> None:
    """Whatever the text, parsing never raises, and a version is its parts written plainly."""
    parts = _versions.parse_prefix(text)
    if parts is not None:
        assert text == ".".join(str(part) for part in parts)
        assert all(part < 10**_versions.MAX_DIGITS for part in parts)


@given(
    st.tuples(_PARTS, _PARTS, _PARTS),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(["0", "00"]),
)
def test_a_leading_zero_is_refused(parts: tuple[int, int, int], where: int, zeros: str) -> None:
    """``01`` would name the release ``1`` names: a part never starts with 0 unless it is 0."""
    written = [str(part) for part in parts]
    written[where] = zeros + written[where]
    assert _versions.parse(".".join(written)) is None


@given(st.integers(min_value=_versions.MAX_DIGITS + 1, max_value=5000))
def test_a_part_of_too_many_digits_is_refused(digits: int) -> None:
    """A part longer than MAX_DIGITS digits is refused, however long (no int-limit error)."""
    assert _versions.parse(f"1.2.{'9' * digits}") is None
    assert _versions.parse_prefix("9" * digits) is None


def test_not_a_str_is_not_a_version() -> None:
    """Only a str is a version (a bytes or an int never is)."""
    assert _versions.parse(b"1.0.0") is None
    assert _versions.parse_prefix(1) is None


def test_the_manifest_and_the_builder_use_the_grammar() -> None:
    """Every bundled release is a version; the editions of the code tables read one."""
    assert all(_versions.parse(version) is not None for version in nato_rok.versions())
    assert _codes.edition(None) == _codes.edition("1." + "9" * 5000 + ".0")


HUGE = "1.2." + "9" * 4400


def _huge_copy(tmp_path: Path) -> Path:
    document = json.loads(nato_rok.dumps(nato_rok.load()))
    document["version"] = HUGE
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_loads_refuses_a_huge_version_naming_its_path(tmp_path: Path) -> None:
    """A version of 4,400 digits is the library's error at $.version, not Python's int limit."""
    with pytest.raises(IntegrityError) as caught:
        nato_rok.loads(_huge_copy(tmp_path).read_bytes())
    assert ["$.version"] == [problem.path for problem in caught.value.problems]
    assert "(4404 characters)" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{path}"],
        ["diff", "{path}", "1.0.0"],
        ["export", "--format", "jsonld", "--from", "{path}", "--out", "-"],
    ],
)
def test_commands_refuse_a_huge_version_in_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate, diff and export name $.version for a huge version: exit 1, no traceback."""
    path = str(_huge_copy(tmp_path))
    assert 1 == cli.main([arg.format(path=path) for arg in argv])
    out, err = capsys.readouterr()
    assert "$.version: expected a version like '1.0.0'" in out + err
    assert "Traceback" not in out + err
    assert len(out + err) < 1000


@pytest.mark.parametrize("spec", ["01", "1.01", "1.2.0000000001", "1234567890"])
def test_load_refuses_what_the_grammar_refuses(spec: str) -> None:
    """load() and the command line refuse a leading zero or a tenth digit as malformed."""
    with pytest.raises(UnknownVersionError, match=re.escape(f"{spec!r} is not a version")):
        nato_rok.load(spec)
    assert _versions.meant_as_version(spec)
