"""The atomic writer: a failure leaves the old files and no temporary file; no links followed."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import nato_rok
from nato_rok import cli
from nato_rok.exceptions import ExportTargetError
from nato_rok.export import _files, datapackage


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file under *folder*, hidden ones included, by relative name."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """Yield a real 64 KiB tmpfs, unmounted afterwards; skip where mounting is not allowed.

    Outside CI only: a contributor who is not root still runs the injected-ENOSPC tests.
    """
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if done.returncode:
        reason = f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}"
        # CI runs as root and must run this test: there a refused mount fails.
        assert not os.environ.get("CI"), reason
        pytest.skip(reason)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)  # noqa: S607


def _no_space_after(monkeypatch: pytest.MonkeyPatch, allowed: int) -> None:
    """Make os.write fail with ENOSPC once *allowed* bytes have been written."""
    real = os.write
    budget = [allowed]

    def write(descriptor: int, data: bytes | memoryview) -> int:
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = real(descriptor, bytes(data[: budget[0]]))
        budget[0] -= written
        return written

    monkeypatch.setattr(os, "write", write)


def test_write_file_creates_and_replaces(tmp_path: Path) -> None:
    """A new file is created with the umask's mode; an old one is replaced whole."""
    target = tmp_path / "out.txt"
    assert target == _files.write_file(target, "first “text”")
    assert "first “text”" == target.read_text(encoding="utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert 0o666 & ~umask == target.stat().st_mode & 0o777
    _files.write_file(target, b"second")
    assert {"out.txt": b"second"} == _listing(tmp_path)


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC half-way through: the old file is untouched, nothing else is left."""
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    _no_space_after(monkeypatch, 10)
    with pytest.raises(OSError, match="No space left") as caught:
        _files.write_file(target, "x" * 1000)
    assert errno.ENOSPC == caught.value.errno
    assert {"out.txt": b"old"} == _listing(tmp_path)


def test_a_full_disk_during_a_folder_export_leaves_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while staging the tables: the old package is untouched, no staging folder left."""
    out = tmp_path / "package"
    datapackage.write(nato_rok.load("1.0.0"), out)
    before = _listing(tmp_path)
    _no_space_after(monkeypatch, 5000)
    with pytest.raises(OSError, match="No space left"):
        datapackage.write(nato_rok.load(), out)
    assert before == _listing(tmp_path)
    assert ["package"] == [path.name for path in tmp_path.iterdir()]


def test_a_really_full_tmpfs_keeps_the_old_file(small_disk: Path) -> None:
    """On a 64 KiB tmpfs, a file too big for it fails and the old one survives alone."""
    target = small_disk / "article.html"
    target.write_text("old page", encoding="utf-8")
    with pytest.raises(OSError, match="No space left"):
        _files.write_file(target, "x" * 200_000)
    assert {"article.html": b"old page"} == _listing(small_disk)


def test_a_really_full_tmpfs_fails_the_cli_cleanly(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's datapackage export to a full tmpfs exits 1; the old package stays whole."""
    out = small_disk / "package"
    out.mkdir()
    (out / "datapackage.json").write_text("{}", encoding="utf-8")
    (small_disk / "ballast").write_bytes(b"." * 40_000)
    before = _listing(small_disk)
    assert 1 == cli.main(["export", "--format", "datapackage", "--out", str(out)])
    assert "No space left on device" in capsys.readouterr().err
    assert before == _listing(small_disk)
    assert {"ballast", "package"} == {path.name for path in small_disk.iterdir()}


def test_an_exception_half_way_leaves_a_new_folder_unmade(tmp_path: Path) -> None:
    """A bad record while producing the third file: no folder, no staging folder."""

    def files() -> Iterator[tuple[str, str]]:
        yield "a.csv", "a\n"
        yield "b.csv", "b\n"
        raise RuntimeError("bad record")

    with pytest.raises(RuntimeError, match="bad record"):
        _files.write_folder(tmp_path / "out", files())
    assert [] == list(tmp_path.iterdir())


def test_an_exception_half_way_leaves_an_old_folder_as_it_was(tmp_path: Path) -> None:
    """The same failure into an existing package changes none of its files."""
    out = tmp_path / "out"
    _files.write_folder(out, [("a.csv", "old a\n"), ("datapackage.json", "{}")])
    before = _listing(tmp_path)

    def files() -> Iterator[tuple[str, str]]:
        yield "a.csv", "new a\n"
        raise RuntimeError("bad record")

    with pytest.raises(RuntimeError):
        _files.write_folder(out, files())
    assert before == _listing(tmp_path)
    assert ["out"] == [path.name for path in tmp_path.iterdir()]


def test_a_folder_export_replaces_only_its_own_names(tmp_path: Path) -> None:
    """Other files in the folder are left alone; the export's own are replaced, in order."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "a.csv").write_text("old", encoding="utf-8")
    written = _files.write_folder(out, [("a.csv", "new"), ("b.csv", b"b")])
    assert (out / "a.csv", out / "b.csv") == written
    assert {"a.csv": b"new", "b.csv": b"b", "notes.txt": b"mine"} == _listing(out)


def test_a_new_folder_and_its_parents_are_created(tmp_path: Path) -> None:
    """As before the atomic writer, missing parents of a folder export are made."""
    out = tmp_path / "x" / "y" / "out"
    _files.write_folder(out, [("a.csv", "a")])
    assert {"x/y/out/a.csv": b"a"} == _listing(tmp_path)


def test_a_planted_symlink_in_the_folder_is_refused(tmp_path: Path) -> None:
    """A link at one of the export's names, pointing outside: refused, the outside untouched."""
    secret = tmp_path / "secret.txt"
    secret.write_text("keep", encoding="utf-8")
    out = tmp_path / "package"
    out.mkdir()
    (out / "quotes.csv").symlink_to(secret)
    with pytest.raises(ExportTargetError, match="symbolic link"):
        datapackage.write(nato_rok.load(), out)
    assert "keep" == secret.read_text(encoding="utf-8")
    assert ["quotes.csv"] == [path.name for path in out.iterdir()]
    assert {"package", "secret.txt"} == {path.name for path in tmp_path.iterdir()}


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_folder_target_that_is_no_folder_is_refused(tmp_path: Path, kind: str) -> None:
    """The folder itself a link (to anywhere) or a file: refused, nothing written."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    if kind == "link":
        out.symlink_to(elsewhere)
    else:
        out.write_text("a file", encoding="utf-8")
    with pytest.raises(ExportTargetError):
        _files.write_folder(out, [("a.csv", "a")])
    assert [] == list(elsewhere.iterdir())
    assert {"elsewhere", "out"} == {path.name for path in tmp_path.iterdir()}


def test_a_file_target_that_is_no_regular_file_is_refused(tmp_path: Path) -> None:
    """A link, a folder or a FIFO where the file goes: refused, and the link's target kept."""
    secret = tmp_path / "secret.txt"
    secret.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(secret)
    with pytest.raises(ExportTargetError, match="symbolic link"):
        _files.write_file(link, "page")
    assert "keep" == secret.read_text(encoding="utf-8")
    with pytest.raises(ExportTargetError, match="is a folder"):
        _files.write_file(tmp_path, "page")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ExportTargetError, match="not a regular file"):
        _files.write_file(fifo, "page")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(ExportTargetError, match="is a folder"):
        _files.write_folder(tmp_path, [("dir.csv", "a")])


@pytest.mark.parametrize("name", ["", ".hidden", "../up.csv", "a/b.csv", "a\\b.csv", "a\x00"])
def test_only_plain_names_go_into_a_folder(tmp_path: Path, name: str) -> None:
    """A name that could leave the folder or hide in it is a programming error."""
    with pytest.raises(ValueError, match="not a plain file name"):
        _files.write_folder(tmp_path / "out", [(name, "x")])
    assert [] == list(tmp_path.iterdir())


def test_a_name_given_twice_is_refused(tmp_path: Path) -> None:
    """Two files of one name would silently lose one."""
    with pytest.raises(ValueError, match="given twice"):
        _files.write_folder(tmp_path / "out", [("a.csv", "x"), ("a.csv", "y")])
    assert [] == list(tmp_path.iterdir())


def test_replacing_hands_out_a_path_and_cleans_up(tmp_path: Path) -> None:
    """A writer that needs a path: success replaces, failure (written or not) leaves no trace."""
    target = tmp_path / "db.bin"
    with _files.replacing(target) as path:
        assert not path.exists()
        assert tmp_path == path.parent
        path.write_bytes(b"new")
    assert {"db.bin": b"new"} == _listing(tmp_path)

    def fail(written: bytes | None) -> None:
        with _files.replacing(target) as path:
            if written is not None:
                path.write_bytes(written)
            raise RuntimeError

    for written in (b"half", None):
        with pytest.raises(RuntimeError):
            fail(written)
    assert {"db.bin": b"new"} == _listing(tmp_path)
