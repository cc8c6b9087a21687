"""The bundled dataset releases: manifest, checksums, and the cached load."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

from nato_rok import _versions
from nato_rok._resources import broken, read_installed
from nato_rok.dataset import Dataset
from nato_rok.exceptions import (
    BrokenInstallError,
    ChecksumMismatchError,
    DatasetError,
    Problem,
    UnknownVersionError,
)

MANIFEST = "manifest.json"

_SHA256 = re.compile(r"[0-9a-f]{64}")
_FILE = re.compile(r"[a-z0-9][a-z0-9.-]*\.json")

# Keyed by the version asked for (None, "1", "1.0.0") and by the exact
# version. Written under _LOCK only; a plain dict read is atomic.
_CACHE: dict[str | None, Dataset] = {}
_LOCK = threading.Lock()
_MANIFEST: list[dict[str, Any]] = []


def _key(version: str) -> tuple[int, ...]:
    return _versions.parse(version) or ()


def loaded() -> tuple[Dataset, ...]:
    """Return the bundled releases loaded so far in this process, each once."""
    return tuple({id(dataset): dataset for dataset in list(_CACHE.values())}.values())


def _entries(value: Any) -> list[dict[str, Any]]:
    """Return the manifest's releases, or raise ValueError if it has the wrong shape."""
    releases = value["releases"] if type(value) is dict else None
    if type(releases) is not list or not releases:
        raise ValueError("no list of releases")
    for entry in releases:
        fine = (
            type(entry) is dict
            and type(entry.get("version")) is str
            and _versions.parse(entry["version"]) is not None
            and type(entry.get("file")) is str
            and _FILE.fullmatch(entry["file"])
            and type(entry.get("sha256")) is str
            and _SHA256.fullmatch(entry["sha256"])
        )
        if not fine:
            raise ValueError(f"a malformed entry: {entry!r:.80}")
    return releases


def _manifest() -> list[dict[str, Any]]:
    if not _MANIFEST:
        data = read_installed(MANIFEST)
        try:
            releases = _entries(json.loads(data))
        except (ValueError, KeyError) as exc:  # JSONDecodeError and UnicodeDecodeError too
            raise broken(MANIFEST, "is not a valid manifest") from exc
        _MANIFEST.extend(sorted(releases, key=lambda entry: _key(entry["version"])))
    return _MANIFEST


def versions() -> tuple[str, ...]:
    """Return the version of every bundled dataset release, oldest first.

    .. versionadded:: 1.0.0
    """
    with _LOCK:
        return tuple(entry["version"] for entry in _manifest())


def released(version: str) -> str:
    """Return the date (ISO 8601) the manifest gives for the bundled release *version*.

    Raises:
        UnknownVersionError: No bundled release matches *version*.
    """
    with _LOCK:
        return str(_resolve(version)["released"])


def published(dataset: Dataset) -> str | None:
    """Return the release date of *dataset* if it is a bundled release byte for byte.

    A copy that keeps a release's version but changes its content is not
    that release, and neither is a document whose version no bundled
    release has: for both, ``None``. The test is the manifest's SHA-256 of
    the release file against that of the dataset's canonical document
    (which a bundled release is, byte for byte).
    """
    import hashlib

    from nato_rok import _document

    with _LOCK:
        entries = [entry for entry in _manifest() if entry["version"] == dataset.version]
        if not entries:
            return None
        if _CACHE.get(dataset.version) is dataset:  # loaded here, checksum and all
            return str(entries[0]["released"])
    try:
        data = _document.dumps(dataset)
    except DatasetError:  # built by hand with data its schema cannot hold: not a release
        return None
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return str(entries[0]["released"]) if digest == entries[0]["sha256"] else None


def _resolve(spec: str | None) -> dict[str, Any]:
    if spec is not None and type(spec) is not str:
        kind = type(spec).__name__
        raise TypeError(f"load() argument 'version' must be a str or None, not {kind}")
    releases = _manifest()
    if spec is None:
        return releases[-1]
    wanted = _versions.parse_prefix(spec)
    if wanted is None:
        shown = _versions.shown(spec)
        raise UnknownVersionError(
            f"{shown} is not a version: expected '1', '1.0' or '1.0.0'",
            (Problem("version", f"malformed version {shown}"),),
        )
    found = [entry for entry in releases if _key(entry["version"])[: len(wanted)] == wanted]
    if not found:
        known = ", ".join(entry["version"] for entry in releases)
        raise UnknownVersionError(
            f"no bundled release matches {spec!r}; bundled: {known}",
            (Problem("version", f"unknown version {spec!r}"),),
        )
    return found[-1]


def _read(entry: dict[str, Any]) -> Dataset:
    import hashlib

    from nato_rok import _document

    data = read_installed(entry["file"])
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise ChecksumMismatchError(
            f"the installed nato-rok is damaged: data/{entry['file']} (release "
            f"{entry['version']}) has SHA-256 {digest}, the manifest says {entry['sha256']}; "
            "reinstall nato-rok (pip install --force-reinstall nato-rok)"
        )
    try:
        return _document.from_bundled(data)
    except DatasetError as exc:
        # The file matches its checksum, so the manifest was changed with it.
        summary = broken(entry["file"], f"(release {entry['version']}) is not a valid document")
        raise BrokenInstallError(str(summary), exc.problems, omitted=exc.omitted) from exc


def load(version: str | None = None) -> Dataset:
    """Return a bundled dataset release, proved by its checksum, cached.

    The first load of a release checks the file's SHA-256 against the
    manifest's; the release builder and the tests proved those very bytes
    with every check of :func:`loads`, so they are not checked again.

    Args:
        version: ``None`` for the newest release; an exact version such as
            ``"1.0.0"`` to pin it; or a prefix such as ``"1"`` or ``"1.0"``
            for the newest release that starts with it.

    Returns:
        The dataset. Every call with the same *version* returns the same
        object; concurrent first calls build it once.

    Raises:
        UnknownVersionError: No bundled release matches *version*.
        TypeError: *version* is neither a str nor ``None``.
        BrokenInstallError: A file of the installation (the manifest, the
            release, a code table) is missing, unreadable or damaged; the
            message names it and says to reinstall.
        ChecksumMismatchError: The bundled file does not match its checksum
            (a :class:`~nato_rok.exceptions.BrokenInstallError`).

    .. versionadded:: 1.0.0

    .. versionchanged:: 1.2.0
       A broken installation raises :class:`~nato_rok.exceptions.BrokenInstallError`;
       a *version* of the wrong type raises :class:`TypeError`.

    """
    try:
        return _CACHE[version]
    except (KeyError, TypeError):
        pass
    with _LOCK:
        entry = _resolve(version)
        exact = entry["version"]
        dataset = _CACHE.get(exact)
        if dataset is None:
            dataset = _read(entry)
            _CACHE[exact] = dataset
        _CACHE[version] = dataset
        return dataset
