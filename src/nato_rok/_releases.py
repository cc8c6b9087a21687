"""The bundled dataset releases: manifest, checksums, and the cached load."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import ChecksumMismatchError, DatasetError, Problem, UnknownVersionError

MANIFEST = "manifest.json"

_SPEC = re.compile(r"(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?)?")

# Keyed by the version asked for (None, "1", "1.0.0") and by the exact
# version. Written under _LOCK only; a plain dict read is atomic.
_CACHE: dict[str | None, Dataset] = {}
_LOCK = threading.Lock()
_MANIFEST: list[dict[str, Any]] = []


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _manifest() -> list[dict[str, Any]]:
    if not _MANIFEST:
        from nato_rok import _resources

        releases = json.loads(_resources.read_data(MANIFEST))["releases"]
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


def _resolve(spec: str | None) -> dict[str, Any]:
    releases = _manifest()
    if spec is None:
        return releases[-1]
    match = _SPEC.fullmatch(spec) if type(spec) is str else None
    if match is None:
        raise UnknownVersionError(
            f"{spec!r} is not a version: expected '1', '1.0' or '1.0.0'",
            (Problem("version", f"malformed version {spec!r}"),),
        )
    wanted = tuple(int(part) for part in match.groups() if part is not None)
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

    from nato_rok import _document, _resources

    data = _resources.read_data(entry["file"])
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise ChecksumMismatchError(
            f"bundled release {entry['version']} ({entry['file']}) is corrupted or was "
            f"changed: its SHA-256 is {digest}, the manifest says {entry['sha256']}; "
            "reinstall nato-rok",
            (Problem("$", "checksum mismatch"),),
        )
    try:
        return _document.loads(data, max_size=len(data))
    except DatasetError as exc:
        raise DatasetError(f"bundled release {entry['version']} is invalid", exc.problems) from exc


def load(version: str | None = None) -> Dataset:
    """Return a bundled dataset release, checked in full, cached.

    Args:
        version: ``None`` for the newest release; an exact version such as
            ``"1.0.0"`` to pin it; or a prefix such as ``"1"`` or ``"1.0"``
            for the newest release that starts with it.

    Returns:
        The dataset. Every call with the same *version* returns the same
        object; concurrent first calls build it once.

    Raises:
        UnknownVersionError: No bundled release matches *version*.
        ChecksumMismatchError: The bundled file does not match its checksum.

    .. versionadded:: 1.0.0

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
