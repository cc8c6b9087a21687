"""Package data is read through importlib.resources: from a zip, from a copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import nato_rok
from nato_rok import _resources

PACKAGE = Path(nato_rok.__file__).parent

PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
import nato_rok
assert nato_rok.__file__.startswith(sys.argv[1]), nato_rok.__file__
try:
    if sys.argv[2:] == ["loads"]:  # the full checks of the newest release's bytes
        release = f"nato-rok-{nato_rok.versions()[-1]}.json"
        with open(f"{sys.argv[1]}/nato_rok/data/{release}", "rb") as file:
            dataset = nato_rok.loads(file.read())
    else:
        dataset = nato_rok.load()
except nato_rok.DatasetError as exc:
    print(type(exc).__name__, exc.summary)
else:
    print(dataset.version, dataset.visit.place)
"""


def _run(path: Path, *mode: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-I", "-c", PROBE, str(path), *mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.strip()


def test_read_data_returns_bytes_of_package_data() -> None:
    """read_data() reads files of nato_rok/data."""
    assert _resources.read_data("manifest.json").startswith(b"{")


def test_without_a_folder_data_is_read_through_importlib_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A package that is not a folder (a zip) reads its data through importlib.resources."""
    import importlib.resources

    expected = importlib.resources.files("nato_rok").joinpath("data").joinpath("manifest.json")
    assert _resources.FOLDER is not None  # the tests run on a folder
    monkeypatch.setattr(_resources, "FOLDER", None)
    assert expected.read_bytes() == _resources.read_data("manifest.json")
    assert _resources.read_data("codes/cameo.json").startswith(b"{")


def test_an_installed_package_reads_its_data_without_importlib_resources() -> None:
    """A cold load() from a folder imports neither importlib.resources nor zipfile."""
    code = (
        "import sys, nato_rok; nato_rok.load(); "
        "print(sorted(m for m in sys.modules if m.startswith(('importlib.resources', 'zipfile'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == done.stdout.strip()


def test_loads_from_a_zip_archive(tmp_path: Path) -> None:
    """The package works imported from a zip file on sys.path."""
    archive = tmp_path / "nato_rok.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(PACKAGE.rglob("*")):
            if "__pycache__" not in file.parts and file.is_file():
                zipped.write(file, Path("nato_rok") / file.relative_to(PACKAGE))
    assert f"{nato_rok.versions()[-1]} Seoul" == _run(archive)


def test_corrupted_copy_of_the_data_is_refused(tmp_path: Path) -> None:
    """A copy of the package whose data file was altered refuses to load it."""
    copy = tmp_path / "nato_rok"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    newest = copy / "data" / f"nato-rok-{nato_rok.versions()[-1]}.json"
    newest.write_bytes(newest.read_bytes().replace(b"Seoul", b"Busan", 1))
    assert _run(tmp_path).startswith(
        "ChecksumMismatchError the installed nato-rok is damaged: "
        f"data/nato-rok-{nato_rok.versions()[-1]}.json"
    )


@pytest.mark.parametrize(
    ("damage", "call", "expected"),
    [
        # load() reads the manifest and the newest release, 1.3.0; the full
        # checks of loads() read that release's edition of the code tables
        # (1.2.0's) and the confusables (load() trusts the checksum instead).
        ("rm nato-rok-1.3.0.json", "load", "data/nato-rok-1.3.0.json cannot be read (No such"),
        ("rm manifest.json", "load", "data/manifest.json cannot be read (No such file"),
        ("truncate manifest.json", "load", "data/manifest.json is not a valid manifest"),
        (
            "rm codes/cameo-1.2.0.json",
            "loads",
            "data/codes/cameo-1.2.0.json cannot be read (No such",
        ),
        ("rm confusables.txt", "loads", "data/confusables.txt cannot be read (No such file"),
    ],
)
def test_a_damaged_copy_of_the_package_says_reinstall(
    damage: str, call: str, expected: str, tmp_path: Path
) -> None:
    """A copy missing a data file, or with a truncated manifest, names the file: reinstall."""
    copy = tmp_path / "nato_rok"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    action, name = damage.split()
    target = copy / "data" / name
    if action == "rm":
        target.unlink()
    else:
        target.write_bytes(target.read_bytes()[:40])
    out = _run(tmp_path, call)
    assert out.startswith("BrokenInstallError the installed nato-rok is damaged: "), out
    assert expected in out
    assert out.endswith("reinstall nato-rok (pip install --force-reinstall nato-rok)")
