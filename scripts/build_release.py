"""Build a dataset release from the article and check it in full.

    python scripts/build_release.py          # write new releases and the JSON Schemas
    python scripts/build_release.py --check  # prove releases and schemas rebuild exactly

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

import nato_rok
import release_1_0_0
import release_1_1_0
from nato_rok._schemas import SUPPORTED
from nato_rok.export.jsonschema import schema

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "nato_rok" / "data"
SOURCES = ROOT / "sources"
RELEASES = (release_1_0_0, release_1_1_0)


def _manifest() -> dict[str, list[dict[str, object]]]:
    path = DATA / "manifest.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    return {"releases": []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, write nothing")
    args = parser.parse_args(argv)
    manifest = _manifest()
    known = {entry["version"]: entry for entry in manifest["releases"]}
    failures = 0
    for release in RELEASES:
        text = (SOURCES / release.SOURCE_FILE).read_bytes().decode("utf-8")
        dataset = release.build(text)
        data = nato_rok.dumps(dataset).encode("utf-8")
        assert nato_rok.loads(data) == dataset  # the full check, spans and all
        name = f"nato-rok-{release.VERSION}.json"
        digest = hashlib.sha256(data).hexdigest()
        entry = known.get(release.VERSION)
        if entry is not None:
            if entry["sha256"] != digest or (DATA / name).read_bytes() != data:
                print(f"{release.VERSION}: rebuild differs from the released file", file=sys.stderr)
                failures += 1
            else:
                print(f"{release.VERSION}: released, rebuilds byte for byte ({digest})")
            continue
        if args.check:
            print(f"{release.VERSION}: not yet released", file=sys.stderr)
            failures += 1
            continue
        (DATA / name).write_bytes(data)
        manifest["releases"].append(
            {
                "version": release.VERSION,
                "schema_version": dataset.schema_version,
                "file": name,
                "sha256": digest,
            }
        )
        print(f"{release.VERSION}: written to {name} ({digest})")
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
