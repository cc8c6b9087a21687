"""Bundled releases: versions, pins, checksums, the cache and its thread-safety."""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

import pytest

import nato_rok
from nato_rok import _releases, _resources
from nato_rok.exceptions import (
    BrokenInstallError,
    ChecksumMismatchError,
    UnknownVersionError,
)


@pytest.fixture
def cold_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty the release cache for one test; monkeypatch restores it."""
    monkeypatch.setattr(_releases, "_CACHE", {})
    monkeypatch.setattr(_releases, "_MANIFEST", [])


def test_versions_lists_bundled_releases_oldest_first() -> None:
    """versions() has every release of the manifest, oldest first."""
    manifest = json.loads(_resources.read_data("manifest.json"))
    expected = sorted(
        (entry["version"] for entry in manifest["releases"]),
        key=lambda v: tuple(map(int, v.split("."))),
    )
    assert tuple(expected) == nato_rok.versions()
    assert "1.0.0" == nato_rok.versions()[0]


@pytest.mark.parametrize("spec", [None, "1", "1.0", "1.0.0", "1.1", "1.1.0"])
def test_load_resolves_versions(spec: str | None) -> None:
    """None means newest; a prefix means the newest release that starts with it."""
    newest = nato_rok.versions()[-1]
    expected = (
        newest
        if spec is None
        else max(
            (v for v in nato_rok.versions() if (v + ".").startswith(spec + ".")),
            key=lambda v: tuple(map(int, v.split("."))),
        )
    )
    dataset = nato_rok.load(spec)
    manifest = json.loads(_resources.read_data("manifest.json"))
    (entry,) = [e for e in manifest["releases"] if e["version"] == expected]
    assert expected == dataset.version
    assert entry["schema_version"] == dataset.schema_version


def test_load_caches_one_object_per_release() -> None:
    """Every way of asking for the same release gives the same object."""
    assert nato_rok.load("1.0.0") is nato_rok.load("1.0.0")
    assert nato_rok.load() is nato_rok.load(nato_rok.versions()[-1])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("2", "no bundled release matches '2'; bundled: 1.0.0, 1.1.0"),
        ("1.9", "no bundled release matches '1.9'"),
        ("1.0.0.0", "'1.0.0.0' is not a version"),
        ("v1", "'v1' is not a version"),
        ("01", "'01' is not a version"),
        ("", "'' is not a version"),
        ("9" * 5000, r"'9999999999.*\(5000 characters\) is not a version"),
    ],
)
def test_unknown_versions_get_their_own_error(spec: Any, message: str) -> None:
    """An unknown or malformed version is an UnknownVersionError (a LookupError)."""
    with pytest.raises(UnknownVersionError, match=message):
        nato_rok.load(spec)


@pytest.mark.parametrize("spec", [1, ["1"], b"1.0.0", 1.0])
def test_a_version_of_the_wrong_type_is_a_type_error(spec: Any) -> None:
    """A version that is neither str nor None is a TypeError naming the argument."""
    with pytest.raises(TypeError, match="load\\(\\) argument 'version' must be a str or None"):
        nato_rok.load(spec)


def test_concurrent_first_loads_build_one_object(cold_cache: None) -> None:
    """16 threads asking at once on a cold cache all get the same, complete object."""
    barrier = threading.Barrier(16)
    results: list[nato_rok.Dataset] = []

    def worker() -> None:
        barrier.wait()
        dataset = nato_rok.load()
        assert dataset.find_participant("Park Guen-hye")  # fully built when visible
        results.append(dataset)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 16 == len(results)
    assert 1 == len({id(dataset) for dataset in results})


def _tampered(monkeypatch: pytest.MonkeyPatch, replace: dict[str, bytes]) -> None:
    real = _resources.read_data
    monkeypatch.setattr(
        _resources, "read_data", lambda name: replace[name] if name in replace else real(name)
    )


def test_corrupted_release_is_refused(cold_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundled file that differs from its checksum is refused, saying so."""
    data = _resources.read_data("nato-rok-1.0.0.json").replace(b"Seoul", b"Busan", 1)
    _tampered(monkeypatch, {"nato-rok-1.0.0.json": data})
    with pytest.raises(ChecksumMismatchError, match=r"nato-rok-1\.0\.0\.json .* reinstall"):
        nato_rok.load("1.0.0")


def test_invalid_release_with_matching_checksum_is_refused(
    cold_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with a manifest that agrees, an invalid bundled file is a DatasetError."""
    data = b'{"schema_version": 1}'
    manifest = json.loads(_resources.read_data("manifest.json"))
    manifest["releases"][0]["sha256"] = hashlib.sha256(data).hexdigest()
    _tampered(
        monkeypatch,
        {
            "manifest.json": json.dumps(manifest).encode(),
            "nato-rok-1.0.0.json": data,
        },
    )
    with pytest.raises(
        BrokenInstallError, match=r"nato-rok-1\.0\.0\.json \(release 1\.0\.0\) is not a valid"
    ) as caught:
        nato_rok.load("1.0.0")
    assert caught.value.problems


def _missing(monkeypatch: pytest.MonkeyPatch, gone: str, error: OSError) -> None:
    real = _resources.read_data

    def read(name: str) -> bytes:
        if name == gone:
            raise error
        return real(name)

    monkeypatch.setattr(_resources, "read_data", read)


@pytest.mark.parametrize(
    "error", [FileNotFoundError(2, "No such file or directory"), PermissionError(13, "denied")]
)
@pytest.mark.parametrize("name", ["manifest.json", "nato-rok-1.0.0.json"])
def test_a_missing_or_unreadable_data_file_says_reinstall(
    name: str, error: OSError, cold_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data file that cannot be read is a BrokenInstallError naming it and the remedy."""
    _missing(monkeypatch, name, error)
    with pytest.raises(BrokenInstallError) as caught:
        nato_rok.load("1.0.0")
    assert f"data/{name} cannot be read ({error.strerror})" in caught.value.summary
    assert "reinstall nato-rok" in caught.value.summary
    assert () == caught.value.problems


@pytest.mark.parametrize(
    "manifest",
    [
        b"",
        b'{"releases": [',
        b"\xff",
        b"[]",
        b'{"releases": []}',
        b'{"releases": [{"version": "1.0.0"}]}',
        b'{"releases": [{"version": "1.0", "file": "a.json", "sha256": "00"}]}',
        b'{"releases": [{"version": "1.0.0", "file": "../x.json", "sha256": "'
        + b"0" * 64
        + b'"}]}',
    ],
)
def test_a_truncated_or_wrong_manifest_says_reinstall(
    manifest: bytes, cold_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A manifest that is not one is a BrokenInstallError, for load() and versions() alike."""
    _tampered(monkeypatch, {"manifest.json": manifest})
    message = r"data/manifest\.json is not a valid manifest; reinstall nato-rok"
    with pytest.raises(BrokenInstallError, match=message):
        nato_rok.load()
    with pytest.raises(BrokenInstallError, match=message):
        nato_rok.versions()


@pytest.mark.parametrize("damage", [b"", b"{"])
def test_a_missing_or_damaged_code_table_says_reinstall(
    damage: bytes, cold_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking a release with events needs the code tables; without them, reinstall.

    ``load()`` trusts the checksum and reads no table; the full checks of
    ``loads()`` on the same bytes do.
    """
    from nato_rok import _codes

    monkeypatch.setattr(_codes, "_tables", _codes._tables.__wrapped__)
    if damage:
        _tampered(monkeypatch, {"codes/cameo.json": damage})
        expected = r"data/codes/cameo\.json is not valid JSON; reinstall"
    else:
        _missing(monkeypatch, "codes/cameo.json", FileNotFoundError(2, "No such file"))
        expected = r"data/codes/cameo\.json cannot be read \(No such file\); reinstall"
    with pytest.raises(BrokenInstallError, match=expected):
        nato_rok.loads(_resources.read_data("nato-rok-1.1.0.json"))


@pytest.mark.parametrize("version", nato_rok.versions())
def test_every_bundled_release_passes_every_check(version: str) -> None:
    """The full loads() path accepts each bundled file and gives what load() gives.

    load() trusts the manifest's checksum; this is the proof it stands on.
    """
    manifest = json.loads(_resources.read_data("manifest.json"))
    (entry,) = (e for e in manifest["releases"] if e["version"] == version)
    data = _resources.read_data(entry["file"])
    assert nato_rok.load(version) == nato_rok.loads(data)
    assert nato_rok.dumps(nato_rok.load(version)).encode("utf-8") == data


def test_load_trusts_the_checksum(cold_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundled release is not walked again: the strict parse and the checks are loads()'s."""
    from nato_rok import _integrity, _json

    def never(*args: object, **kwargs: object) -> Any:
        raise AssertionError("the bundled path re-checked what the checksum proves")

    monkeypatch.setattr(_integrity, "check", never)
    monkeypatch.setattr(_json, "parse", never)
    for version in nato_rok.versions():
        assert version == nato_rok.load(version).version
    with pytest.raises(AssertionError, match="re-checked"):
        nato_rok.loads(_resources.read_data("nato-rok-1.0.0.json"))
