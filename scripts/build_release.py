"""Build every dataset release from its data file and check it in full.

    python scripts/build_release.py          # write new releases and the JSON Schemas
    python scripts/build_release.py --check  # prove releases and schemas rebuild exactly

Each release is authored as data: ``sources/releases/nato-rok-VERSION.json``
holds ``{"release": {"date": ..., "article": ...}, "document": ...}``, where
the document has the shape of the released file except that the source's
``text`` is left out (it is read from ``sources/ARTICLE``) and every span is
written as the excerpt it covers: ``{"excerpt": "..."}``, or, when the
excerpt occurs more than once in the article, ``{"excerpt": "...", "within":
"..."}`` with a context that occurs once and holds the excerpt once. Spans
are computed here, never typed by hand; an absent or ambiguous excerpt is an
error. The document is then read by the real loader (:func:`nato_rok.loads`,
every check included) and written canonically.

A released file never changes: when a release is already in the manifest,
this script only checks that it rebuilds to the same bytes and refuses to
overwrite it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import nato_rok
from nato_rok._schemas import SUPPORTED
from nato_rok._versions import parse as parse_version, shown
from nato_rok.export.jsonschema import schema

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "nato_rok" / "data"
SOURCES = ROOT / "sources"
RELEASES = SOURCES / "releases"


class AnchorError(ValueError):
    """An excerpt is absent from the text or matches more than one place."""


def _starts(text: str, needle: str) -> list[int]:
    starts, at = [], text.find(needle)
    while at != -1:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


def _one(haystack: str, needle: str, where: str) -> int:
    starts = _starts(haystack, needle)
    if not starts:
        raise AnchorError(f"{needle!r} does not occur in {where}")
    if len(starts) > 1:
        raise AnchorError(f"{needle!r} is ambiguous: it occurs {len(starts)} times in {where}")
    return starts[0]


def span(text: str, excerpt: str, within: str | None = None) -> dict[str, int]:
    """Return the span of *excerpt* in *text*, inside the one place of *within*.

    Raises:
        AnchorError: *within* or *excerpt* is absent or occurs twice.

    """
    if not excerpt:
        raise AnchorError("an excerpt must not be empty")
    if within is None:
        start = _one(text, excerpt, "the text")
    else:
        start = _one(text, within, "the text") + _one(within, excerpt, f"its context {within!r}")
    return {"start": start, "end": start + len(excerpt)}


def _is_span(node: dict[str, Any]) -> bool:
    return set(node) in ({"excerpt"}, {"excerpt", "within"})


def anchor(node: Any, text: str, path: str = "$") -> Any:
    """Return *node* with every written span replaced by its offsets.

    Raises:
        AnchorError: An excerpt is absent or ambiguous (the message names its path).

    """
    if isinstance(node, dict):
        if _is_span(node):
            try:
                return span(text, node["excerpt"], node.get("within"))
            except AnchorError as exc:
                raise AnchorError(f"{path}: {exc}") from exc
        return {key: anchor(value, text, f"{path}.{key}") for key, value in node.items()}
    if isinstance(node, list):
        return [anchor(item, text, f"{path}[{index}]") for index, item in enumerate(node)]
    return node


def build(path: Path) -> tuple[str, str, bytes, nato_rok.Dataset]:
    """Build the release authored in *path*.

    Returns:
        Its version, release date, canonical bytes, and the dataset they load to.

    """
    authored = json.loads(path.read_bytes())
    release = authored["release"]
    text = (SOURCES / release["article"]).read_bytes().decode("utf-8")
    document = anchor(authored["document"], text)
    document["source"]["text"] = text
    dataset = nato_rok.loads(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    data = nato_rok.dumps(dataset).encode("utf-8")
    assert nato_rok.loads(data) == dataset  # the canonical file reads back the same
    expected = f"nato-rok-{dataset.version}.json"
    if path.name != expected:
        raise ValueError(f"{path.name}: holds release {dataset.version}; name it {expected}")
    return dataset.version, release["date"], data, dataset


def _key(path: Path) -> tuple[int, ...]:
    version = path.name[len("nato-rok-") : -len(".json")]
    key = parse_version(version)
    if key is None:
        raise ValueError(f"{path.name}: {shown(version)} is not a release number like 1.0.0")
    return key


def _manifest() -> dict[str, list[dict[str, object]]]:
    path = DATA / "manifest.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    return {"releases": []}  # pragma: no cover - only before the first release


def main(argv: list[str] | None = None) -> int:
    """Build or check every release and the JSON Schemas; return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, write nothing")
    args = parser.parse_args(argv)
    manifest = _manifest()
    known = {entry["version"]: entry for entry in manifest["releases"]}
    failures = 0
    for path in sorted(RELEASES.glob("nato-rok-*.json"), key=_key):
        version, date, data, dataset = build(path)
        name = f"nato-rok-{version}.json"
        digest = hashlib.sha256(data).hexdigest()
        entry = known.get(version)
        if entry is not None:
            released = DATA / name
            if entry["sha256"] != digest or released.read_bytes() != data:
                print(f"{version}: rebuild differs from the released file", file=sys.stderr)
                failures += 1
            elif entry.get("released") != date:
                print(f"{version}: the manifest's release date is not {date}", file=sys.stderr)
                failures += 1
            else:
                print(f"{version}: released, rebuilds byte for byte ({digest})")
            continue
        if args.check:
            print(f"{version}: not yet released", file=sys.stderr)
            failures += 1
            continue
        (DATA / name).write_bytes(data)
        manifest["releases"].append(
            {
                "version": version,
                "schema_version": dataset.schema_version,
                "file": name,
                "sha256": digest,
                "released": date,
            }
        )
        print(f"{version}: written to {name} ({digest})")
    if not args.check:
        (DATA / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    failures += _schemas(check=args.check)
    return 1 if failures else 0


def _schemas(*, check: bool) -> int:
    """Write (or check) the JSON Schema of every schema version, generated from the model."""
    failures = 0
    for version in SUPPORTED:
        path = DATA / "schema" / f"nato-rok-{version}.schema.json"
        text = json.dumps(schema(version), ensure_ascii=False, indent=2) + "\n"
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path.name}: differs from the model; rerun this script", file=sys.stderr)
                failures += 1
            else:
                print(f"{path.name}: matches the model")
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path.name}: written")
    return failures


if __name__ == "__main__":
    sys.exit(main())
