"""The one bounded reader of the files a user names: refused early, in bounded memory."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from nato_rok import _read
from nato_rok.exceptions import DocumentTooLargeError


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    """Up to the limit, every byte is returned."""
    path = tmp_path / "doc.json"
    path.write_bytes(b"0123456789")
    assert b"0123456789" == _read.read_file(str(path), limit=10)


def test_a_limit_that_is_no_whole_mib_is_said_in_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One byte over: refused, the limit in bytes; a whole number of MiB is said in MiB."""
    monkeypatch.chdir(tmp_path)  # a short name: a long path is shortened in messages
    Path("doc.json").write_bytes(b"0123456789")
    with pytest.raises(DocumentTooLargeError) as caught:
        _read.read_file("doc.json", limit=9)
    assert caught.value.summary.endswith(
        "doc.json is larger than 9 bytes, the most nato-rok reads; nothing was parsed"
    )
    assert "$: the document is larger than 9 bytes" == str(caught.value.problems[0])
    with pytest.raises(DocumentTooLargeError, match="larger than 2 MiB"):
        _read.read_file("/dev/zero", limit=2 << 20)


def test_standard_input_that_is_a_big_file_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard input redirected from a file too big (from where it stands): nothing read."""
    path = tmp_path / "doc.json"
    path.write_bytes(b"x" * 20)
    with path.open("rb") as stream:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
        stream.seek(5)  # what is left counts: 15 bytes
        with pytest.raises(DocumentTooLargeError):
            _read.read_file("-", limit=14)
        assert 5 == stream.tell()  # not a byte read
        assert b"x" * 15 == _read.read_file("-", limit=15)


def test_a_long_name_is_shortened_and_escaped() -> None:
    """A name of 200 characters is cut short; a control character is escaped."""
    assert "a\\u001bb" == _read.shown("a\x1bb")
    assert _read.shown("n" * 200) == "n" * 60 + "...(200 characters)"
