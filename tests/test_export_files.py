"""The atomic writer: a failure leaves the old files and no temporary file; no links followed."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import nato_rok
from nato_rok import cli
from nato_rok.exceptions import ExportTargetError
from nato_rok.export import _files, datapackage, formats


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file under *folder*, hidden ones included, by relative name."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@contextlib.contextmanager
def _tmpfs(mount: Path, size: str) -> Iterator[Path]:
    """Mount a real tmpfs of *size* at the new folder *mount*; skip where that is not allowed.

    Outside CI only: a contributor who is not root still runs the injected-ENOSPC tests.
    """
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],  # noqa: S607
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


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """Yield a real 64 KiB tmpfs, unmounted afterwards."""
    with _tmpfs(tmp_path / "small", "64k") as mount:
        yield mount


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


@pytest.mark.parametrize(
    "name",
    [
        "",
        ".hidden",
        "../up.csv",
        "a/../b.csv",
        "a/./b.csv",
        "/abs.csv",
        "a//b.csv",
        "a/",
        "a/.hidden",
        "a\\b.csv",
        "a\x00",
    ],
)
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


@pytest.mark.parametrize("files", [["data", "data/a.csv"], ["data/a/b.csv", "data/a"]])
def test_a_name_that_is_both_file_and_folder_is_refused(tmp_path: Path, files: list[str]) -> None:
    """A file and a folder of one name cannot both be written."""
    with pytest.raises(ValueError, match="both a file and a folder"):
        _files.write_folder(tmp_path / "out", [(name, "x") for name in files])
    assert [] == list(tmp_path.iterdir())


def test_names_in_subfolders_make_a_new_folder(tmp_path: Path) -> None:
    """data/a.parquet and deeper names: the new folder holds them, nothing else is left."""
    out = tmp_path / "out"
    written = _files.write_folder(
        out, [("data/a.bin", b"a"), ("data/x/y/b.bin", b"b"), ("README.md", "card")]
    )
    assert (out / "data/a.bin", out / "data/x/y/b.bin", out / "README.md") == written
    assert {"data/a.bin": b"a", "data/x/y/b.bin": b"b", "README.md": b"card"} == _listing(out)
    assert ["out"] == [path.name for path in tmp_path.iterdir()]


def test_names_in_subfolders_replace_only_their_own_files(tmp_path: Path) -> None:
    """Into an existing folder: its data/ keeps other files, stale ones too; a new one is made."""
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    (out / "data" / "a.bin").write_bytes(b"old a")
    (out / "data" / "stale.bin").write_bytes(b"stale")
    (out / "notes.txt").write_bytes(b"mine")
    _files.write_folder(
        out, [("data/a.bin", b"new a"), ("more/b.bin", b"b"), ("README.md", b"card")]
    )
    assert {
        "README.md": b"card",
        "data/a.bin": b"new a",
        "data/stale.bin": b"stale",
        "more/b.bin": b"b",
        "notes.txt": b"mine",
    } == _listing(out)
    assert not list(out.rglob(".nato-rok-*"))


@pytest.mark.parametrize("kind", ["link", "file", "deep link"])
def test_a_subfolder_that_is_a_link_or_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    """data/ (or data/x/) a link to elsewhere, or a file: refused, nothing written anywhere."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.bin").write_bytes(b"keep")
    out = tmp_path / "out"
    out.mkdir()
    if kind == "link":
        (out / "data").symlink_to(elsewhere)
    elif kind == "file":
        (out / "data").write_bytes(b"a file")
    else:
        (out / "data").mkdir()
        (out / "data" / "x").symlink_to(elsewhere)
    before = _listing(tmp_path)
    name = "data/x/a.bin" if kind == "deep link" else "data/a.bin"
    match = "symbolic link" if "link" in kind else "not a folder"
    with pytest.raises(ExportTargetError, match=match):
        _files.write_folder(out, [("README.md", "card"), (name, b"new")])
    assert before == _listing(tmp_path)
    assert not list(tmp_path.rglob(".nato-rok-*"))


def test_a_subfolder_name_taken_by_a_file_of_the_export_in_the_target(tmp_path: Path) -> None:
    """data/a.bin where the old folder has a folder a.bin: refused as for a top-level name."""
    out = tmp_path / "out"
    (out / "data" / "a.bin").mkdir(parents=True)
    with pytest.raises(ExportTargetError, match="is a folder"):
        _files.write_folder(out, [("data/a.bin", b"new")])
    assert ["data", "data/a.bin"] == _all(out)


def test_a_subfolder_export_refuses_its_own_input(tmp_path: Path) -> None:
    """keep= protects a file reached as data/<name> too."""
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    own = out / "data" / "a.bin"
    own.write_bytes(b"input")
    with pytest.raises(ExportTargetError, match="own input"):
        _files.write_folder(out, [("data/a.bin", b"new")], keep=[own])
    assert {"data/a.bin": b"input"} == _listing(out)


def test_a_failed_move_removes_the_subfolder_it_made_and_only_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move into a new data/ fails: data/ goes; an old subfolder and the files moved stay."""
    out = tmp_path / "out"
    (out / "old").mkdir(parents=True)
    real = os.replace

    def failing(source: Path, destination: Path) -> None:
        if Path(destination).parent.name == "data":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(source, destination)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="Input/output error"):
        _files.write_folder(out, [("old/a.bin", b"a"), ("data/b.bin", b"b")])
    assert ["old", "old/a.bin"] == _all(out)


def test_a_full_disk_while_staging_subfolders_leaves_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while staging data/...: the old folder and its data/ untouched, nothing left."""
    out = tmp_path / "out"
    _files.write_folder(out, [("data/a.bin", b"old"), ("README.md", b"old card")])
    before = _listing(tmp_path)
    _no_space_after(monkeypatch, 100)
    with pytest.raises(OSError, match="No space left"):
        _files.write_folder(out, [("data/a.bin", b"x" * 50), ("data/b/c.bin", b"y" * 500)])
    assert before == _listing(tmp_path)
    assert ["out", "out/README.md", "out/data", "out/data/a.bin"] == _all(tmp_path)


def test_a_really_full_tmpfs_keeps_an_old_folder_with_subfolders(small_disk: Path) -> None:
    """On a real 64 KiB tmpfs, data/ files too big for it fail whole; the old folder stays."""
    out = small_disk / "hf"
    _files.write_folder(out, [("data/quotes.parquet", b"old"), ("README.md", b"old card")])
    (small_disk / "ballast").write_bytes(b"." * 40_000)
    before = _listing(small_disk)
    with pytest.raises(OSError, match="No space left"):
        _files.write_folder(out, [("data/quotes.parquet", b"x" * 30_000), ("README.md", b"c")])
    assert before == _listing(small_disk)
    assert ["ballast", "hf", "hf/README.md", "hf/data", "hf/data/quotes.parquet"] == _all(
        small_disk
    )


def test_replacing_hands_out_a_path_and_cleans_up(tmp_path: Path) -> None:
    """A writer that needs a path: success replaces, failure (written or not) leaves no trace."""
    target = tmp_path / "db.bin"
    with _files.replacing(target) as path:
        assert not path.exists()
        assert tmp_path == path.parent.parent  # in a temporary folder beside the target
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


# An export never replaces its own input.


def _input(tmp_path: Path) -> Path:
    copy = tmp_path / "copy.json"
    copy.write_text(nato_rok.dumps(nato_rok.load()), encoding="utf-8")
    return copy


@pytest.mark.parametrize("how", ["same path", "link", "dot-dot", "hard link"])
def test_a_file_export_refuses_its_own_input(tmp_path: Path, how: str) -> None:
    """The target is the input by any name (itself, a link, a path through .., a hard link)."""
    copy = _input(tmp_path)
    before = _listing(tmp_path)
    (tmp_path / "sub").mkdir()
    target = {
        "same path": copy,
        "link": tmp_path / "sub" / "link.html",
        "dot-dot": tmp_path / "sub" / ".." / "copy.json",
        "hard link": tmp_path / "sub" / "hard.html",
    }[how]
    if how == "link":
        target.symlink_to(copy)
    elif how == "hard link":
        os.link(copy, target)
    before = _listing(tmp_path)
    with pytest.raises(ExportTargetError, match="the export's own input"):
        formats.get("html").write(nato_rok.load(), target, keep=(copy,))
    assert before == _listing(tmp_path)
    assert ["copy.json", "sub"] == sorted(path.name for path in tmp_path.iterdir())


def test_a_folder_export_refuses_to_replace_or_be_its_own_input(tmp_path: Path) -> None:
    """The input at one of the export's names in the folder, or the folder path itself."""
    package = tmp_path / "package"
    datapackage.write(nato_rok.load("1.0.0"), package)
    descriptor = package / "datapackage.json"
    descriptor.write_text(nato_rok.dumps(nato_rok.load()), encoding="utf-8")  # a copy, so named
    before = _listing(tmp_path)
    fmt = formats.get("datapackage")
    with pytest.raises(ExportTargetError, match="the export's own input"):
        fmt.write(nato_rok.load(), package, keep=(descriptor,))
    with pytest.raises(ExportTargetError, match="the export's own input"):
        fmt.write(nato_rok.load(), descriptor, keep=(descriptor,))
    assert before == _listing(tmp_path)
    assert ["package"] == [path.name for path in tmp_path.iterdir()]
    # Beside the export's own files, the input is left alone and the export is made.
    mine = package / "my-copy.json"
    descriptor.rename(mine)
    fmt.write(nato_rok.load(), package, keep=(mine,))
    assert before["package/datapackage.json"] == mine.read_bytes()


def test_keep_names_only_what_exists(tmp_path: Path) -> None:
    """A file to keep that is not there, or a target not yet there, refuses nothing."""
    written = _files.write_file(tmp_path / "new.html", "page", keep=(tmp_path / "gone.json",))
    assert {"new.html": b"page"} == _listing(tmp_path)
    _files.write_file(written, "again", keep=(tmp_path / ("x" * 300),))  # a name no file has
    assert {"new.html": b"again"} == _listing(tmp_path)


# Paths a user may legitimately give.


def test_a_mount_point_receives_a_folder_export(tmp_path: Path) -> None:
    """--out naming a mount point (it cannot be renamed or replaced): the files go in."""
    with _tmpfs(tmp_path / "mounted", "4m") as mount:
        (mount / "notes.txt").write_text("mine", encoding="utf-8")
        assert 0 == cli.main(["export", "--format", "datapackage", "--out", str(mount)])
        written = _listing(mount)
        assert {"datapackage.json", "notes.txt", "quotes.csv"} <= set(written)
        assert b"mine" == written["notes.txt"]
        assert not [name for name in written if name.startswith(".")]
        assert [] == [path.name for path in mount.iterdir() if path.name.startswith(".")]
    assert ["mounted"] == [path.name for path in tmp_path.iterdir()]


@pytest.mark.parametrize(
    "kind", ["file", "folder", "existing folder", pytest.param("duckdb", marks=pytest.mark.data)]
)
def test_a_name_of_250_characters_works(tmp_path: Path, kind: str) -> None:
    """A legal name near the 255-byte limit: no temporary name may pass the limit."""
    name = "n" * 250
    target = tmp_path / name
    if kind == "file":
        _files.write_file(target, "page")
        _files.write_file(target, "again")
        assert {name: b"again"} == _listing(tmp_path)
    elif kind == "duckdb":
        formats.get("duckdb").write(nato_rok.load(), target)
        formats.get("duckdb").write(nato_rok.load(), target)
        assert [name] == [path.name for path in tmp_path.iterdir()]
    else:
        if kind == "existing folder":
            target.mkdir()
        _files.write_folder(target, [("a.csv", "a")])
        assert {f"{name}/a.csv": b"a"} == _listing(tmp_path)


@pytest.mark.parametrize("out", [".", "..", "./", "sub/.."])
def test_dot_and_dot_dot_name_existing_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str
) -> None:
    """--out . or .. (no name of their own): the export goes into that folder."""
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    monkeypatch.chdir(work)
    assert 0 == cli.main(["export", "--format", "csv", "--out", out])
    into = tmp_path if out == ".." else work
    assert "quotes.csv" in _listing(into)
    assert not list(tmp_path.rglob(".*"))


def test_a_new_folder_named_dot_dot_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """missing/..: no folder can be made by that name; exit 1 saying so, nothing made."""
    out = tmp_path / "missing" / ".."
    assert 1 == cli.main(["export", "--format", "csv", "--out", str(out)])
    assert "does not name a folder that can be made" in capsys.readouterr().err
    assert [] == list(tmp_path.iterdir())


def test_a_failure_removes_only_the_parents_it_made(tmp_path: Path) -> None:
    """An export into a/b/c/out fails: b and c (made by it) go, a (already there) stays."""
    (tmp_path / "a").mkdir()

    def files() -> Iterator[tuple[str, str]]:
        yield "a.csv", "a\n"
        raise RuntimeError("bad record")

    with pytest.raises(RuntimeError):
        _files.write_folder(tmp_path / "a" / "b" / "c" / "out", files())
    assert ["a"] == [path.name for path in tmp_path.iterdir()]
    assert [] == list((tmp_path / "a").iterdir())


def test_a_parent_made_meanwhile_by_another_is_not_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parent someone else makes between the look and the mkdir is theirs: it stays."""
    real = os.mkdir
    theirs = tmp_path / "a"

    def racing(path: Path, mode: int = 0o777) -> None:
        if Path(path) == theirs:
            real(path, mode)  # the other process wins the race
        real(path, mode)

    monkeypatch.setattr(os, "mkdir", racing)
    with pytest.raises(RuntimeError):
        _files.write_folder(theirs / "b" / "out", _failing())
    assert ["a"] == [path.name for path in tmp_path.iterdir()]


def _failing() -> Iterator[tuple[str, str]]:
    yield "a.csv", "a\n"
    raise RuntimeError("bad record")


# A stale sidecar (DuckDB's write-ahead log) goes with the file it belongs to.


def test_a_stale_sidecar_goes_with_the_old_file(tmp_path: Path) -> None:
    """Replacing x.db removes the old x.db.wal beside it; nothing else is touched."""
    target = tmp_path / "x.db"
    target.write_bytes(b"old")
    (tmp_path / "x.db.wal").write_bytes(b"old log")
    (tmp_path / "x.db.other").write_bytes(b"mine")
    with _files.replacing(target, sidecars=(".wal",)) as fresh:
        fresh.write_bytes(b"new")
    assert {"x.db": b"new", "x.db.other": b"mine"} == _listing(tmp_path)


def test_a_failed_replace_keeps_the_old_file_with_its_sidecar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The move over the target fails: the old file and its log stay together, as they were."""
    target = tmp_path / "x.db"
    target.write_bytes(b"old")
    (tmp_path / "x.db.wal").write_bytes(b"old log")
    before = _listing(tmp_path)

    def failing(source: object, destination: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", failing)
    with (
        pytest.raises(OSError, match="Input/output error"),
        _files.replacing(target, sidecars=(".wal",)) as fresh,
    ):
        fresh.write_bytes(b"new")
    assert before == _listing(tmp_path)
    assert {"x.db", "x.db.wal"} == {path.name for path in tmp_path.iterdir()}


def test_a_sidecar_that_is_no_file_is_refused(tmp_path: Path) -> None:
    """A folder or a link where the log would be: refused, before anything is written."""
    target = tmp_path / "x.db"
    (tmp_path / "x.db.wal").mkdir()
    with (
        pytest.raises(ExportTargetError, match="is a folder"),
        _files.replacing(target, sidecars=(".wal",)),
    ):
        pytest.fail("nothing may be written")  # pragma: no cover
    assert {"x.db.wal"} == {path.name for path in tmp_path.iterdir()}


def test_a_target_name_too_long_for_a_sidecar_has_none(tmp_path: Path) -> None:
    """A 253-byte name: its .wal could not exist, so there is nothing to move."""
    target = tmp_path / ("n" * 253)
    with _files.replacing(target, sidecars=(".wal",)) as fresh:
        fresh.write_bytes(b"new")
    assert {"n" * 253: b"new"} == _listing(tmp_path)


def test_other_lookup_errors_are_not_hidden(tmp_path: Path) -> None:
    """A target whose folder cannot be searched: the OSError is raised, not taken for absence."""
    target = tmp_path / "file.txt" / "x.html"  # a path through a file: ENOTDIR
    (tmp_path / "file.txt").write_text("a file", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        _files.write_file(target, "page")


# Signals: real ones, sent to a real export paused half-way.

_PAUSED = """\
import os, signal, sys, time
from nato_rok import cli
from nato_rok.export import _files
from nato_rok.export import duckdb

def pause(real):
    def paused(*args):
        real(*args)
        print("ready", flush=True)
        time.sleep(60)
    return paused

def querying(real):
    def slow(connection, dataset):  # then a query the signal interrupts inside DuckDB
        real(connection, dataset)
        # DuckDB looks for signals between the tasks its calling thread runs: with
        # worker threads that thread may wait 13-18 s for theirs, one thread never.
        connection.execute("SET threads = 1")
        print("ready", flush=True)
        connection.sql("SELECT count(*) FROM range(100000000000)").fetchall()
    return slow

# The signals a test sends start at their default action, as under a terminal,
# even where the tests themselves run under nohup (SIGHUP ignored, and inherited).
for number in os.environ.get("DEFAULT_SIGNALS", "").split():
    signal.signal(int(number), signal.SIG_DFL)

if sys.argv[1] == "fill":
    duckdb._fill = pause(duckdb._fill)
elif sys.argv[1] == "query":
    duckdb._fill = querying(duckdb._fill)
else:
    _files._write_new = pause(_files._write_new)
sys.exit(cli.main(sys.argv[2:]))
"""


def _stop_half_way(
    where: Path, pause: str, argv: list[str], number: int
) -> tuple[int, bytes, list[str]]:
    """Run `nato-rok ARGV` in *where*, send signal *number* once it is paused half-way.

    Returns the exit code, standard error, and every path under *where* at the pause.
    """
    with subprocess.Popen(
        [sys.executable, "-c", _PAUSED, pause, *argv],
        cwd=where,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DEFAULT_SIGNALS": str(int(number))},  # 3.10: str() of an enum
    ) as process:
        assert process.stdout is not None
        assert b"ready\n" == process.stdout.readline()
        paused = sorted(path.relative_to(where).as_posix() for path in where.rglob("*"))
        process.send_signal(number)
        _, err = process.communicate(timeout=60)
    return process.returncode, err, paused


def _all(where: Path) -> list[str]:
    return sorted(path.relative_to(where).as_posix() for path in where.rglob("*"))


def _check_stopped(code: int, err: bytes, number: int) -> None:
    assert 128 + number == code, err
    assert b"Traceback" not in err
    name = "interrupted" if number == signal.SIGINT else f"stopped by {signal.Signals(number).name}"
    assert f"nato-rok: {name}\n".encode() == err


SIGNALS = [
    signal.SIGTERM,
    pytest.param(signal.SIGHUP, marks=pytest.mark.slow),
    pytest.param(signal.SIGINT, marks=pytest.mark.slow),
    pytest.param(signal.SIGQUIT, marks=pytest.mark.slow),
    pytest.param(signal.SIGUSR1, marks=pytest.mark.slow),
]


@pytest.mark.parametrize("number", SIGNALS)
def test_a_signal_during_a_folder_export_leaves_no_staging_folder(
    tmp_path: Path, number: int
) -> None:
    """Into a new folder and into an old one: exit 128+N, the old files kept, nothing else."""
    datapackage.write(nato_rok.load("1.0.0"), tmp_path / "old")
    before = _all(tmp_path)
    for out in ("new", "old"):
        argv = ["export", "--format", "datapackage", "--out", out]
        code, err, paused = _stop_half_way(tmp_path, "write", argv, number)
        assert [name for name in paused if ".nato-rok-new-" in name], paused  # it was staging
        _check_stopped(code, err, number)
        assert before == _all(tmp_path)


@pytest.mark.parametrize(
    ("number", "fmt", "pause"),
    [
        (signal.SIGHUP, "html", "write"),
        pytest.param(signal.SIGTERM, "html", "write", marks=pytest.mark.slow),
        pytest.param(signal.SIGTERM, "duckdb", "fill", marks=pytest.mark.data),
        pytest.param(signal.SIGHUP, "duckdb", "fill", marks=pytest.mark.slow),
        pytest.param(signal.SIGTERM, "duckdb", "query", marks=pytest.mark.slow),
    ],
)
def test_a_signal_during_a_file_export_leaves_no_temporary_file(
    tmp_path: Path, number: int, fmt: str, pause: str
) -> None:
    """A file export stopped half-way: the old file stays, no temporary file nor log."""
    out = tmp_path / f"out.{fmt}"
    out.write_bytes(b"old")
    code, err, paused = _stop_half_way(
        tmp_path, pause, ["export", "--format", fmt, "--out", out.name], number
    )
    assert [name for name in paused if name.endswith("/export")], paused  # it was writing
    if fmt == "duckdb":
        assert [name for name in paused if name.endswith("/export.wal")], paused
    _check_stopped(code, err, number)
    assert {out.name: b"old"} == _listing(tmp_path)
    assert [out.name] == [path.name for path in tmp_path.iterdir()]


@pytest.mark.parametrize(
    "number",
    [
        # Each run starts two exports that import pandas: the `nlp` tier (Hugging Face).
        pytest.param(signal.SIGTERM, marks=pytest.mark.nlp),
        pytest.param(signal.SIGINT, marks=pytest.mark.slow),
    ],
)
def test_a_signal_during_a_huggingface_export_leaves_no_staging_folder(
    tmp_path: Path, number: int
) -> None:
    """data/ staged half-way, into a new folder and an old one: the old files kept, nothing else."""
    assert 0 == cli.main(["export", "--format", "huggingface", "--out", str(tmp_path / "old")])
    before = _all(tmp_path)
    for out in ("new", "old"):
        argv = ["export", "--format", "huggingface", "--out", out]
        code, err, paused = _stop_half_way(tmp_path, "write", argv, number)
        assert [name for name in paused if ".nato-rok-new-" in name and "/data/" in name], paused
        _check_stopped(code, err, number)
        assert before == _all(tmp_path)


@pytest.mark.parametrize(
    "number", [signal.SIGINT, pytest.param(signal.SIGTERM, marks=pytest.mark.slow)]
)
def test_a_signal_removes_the_new_parents_and_only_them(tmp_path: Path, number: int) -> None:
    """Into a/b/c/out, a existing: b and c go with the staging folder; a and its file stay."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "mine.txt").write_text("mine", encoding="utf-8")
    argv = ["export", "--format", "csv", "--out", "a/b/c/out"]
    code, err, paused = _stop_half_way(tmp_path, "write", argv, number)
    assert "a/b/c" in paused
    _check_stopped(code, err, number)
    assert ["a", "a/mine.txt"] == _all(tmp_path)


def test_an_ignored_signal_stays_ignored(tmp_path: Path) -> None:
    """Under nohup (SIGHUP ignored), a SIGHUP does not stop the export: it completes."""
    argv = ["export", "--format", "html", "--out", "page.html"]
    with subprocess.Popen(
        [sys.executable, "-c", _PAUSED, "write", *argv],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),  # noqa: PLW1509
    ) as process:
        assert process.stdout is not None
        assert b"ready\n" == process.stdout.readline()
        process.send_signal(signal.SIGHUP)
        process.send_signal(signal.SIGTERM)  # ends the pause; this one is handled
        _, err = process.communicate(timeout=60)
    _check_stopped(process.returncode, err, signal.SIGTERM)
