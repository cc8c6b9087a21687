"""Check the import contracts, and that they can fail (CONTRIBUTING.md, "Layers").

    python scripts/check_layers.py

Runs import-linter (``lint-imports``, the ``lint`` dependency group) on the
package as it is: every contract of ``[tool.importlinter]`` in
``pyproject.toml`` must be kept. Then it proves the contracts have teeth on
copies of the package, each with one import added inside a function (the kind
of import a circle hides in): an upward import must break the layers
contract, and two modules of one layer importing each other must break the
acyclic one. The lint session runs it; it exits 1 if any of that is not so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "nato_rok"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

#: (what is added, contract that must break, {module: source appended}).
MUTATIONS = (
    (
        "an upward import: reading data files imports the dataset",
        "layers",
        {"_resources.py": "\n\ndef _upward() -> None:\n    from nato_rok import dataset\n"},
    ),
    (
        "a circle inside one layer: the parser and the schemas import each other",
        "acyclic",
        {
            "_json.py": "\n\ndef _circle() -> None:\n    from nato_rok import _schemas\n",
            "_schemas.py": "\n\ndef _circle() -> None:\n    from nato_rok import _json\n",
        },
    ),
)


def lint_imports(src: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    """Run the contracts of pyproject.toml on the package found in *src*."""
    selected = [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run(  # noqa: S603  # our venv's lint-imports, fixed arguments
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", *selected, str(ROOT / "pyproject.toml")],
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=False,
    )


def main() -> int:
    """Return 0 if the tree keeps every contract and each mutation breaks its own."""
    kept = lint_imports(PACKAGE.parent)
    print(kept.stdout.strip())
    if kept.returncode != 0:
        print(kept.stderr, file=sys.stderr)
        return 1
    failed = 0
    for what, contract, added in MUTATIONS:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "nato_rok"
            shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
            for name, source in added.items():
                with (copy / name).open("a", encoding="utf-8") as module:
                    module.write(source)
            broken = lint_imports(Path(tmp), contract)
        if broken.returncode == 0 or "BROKEN" not in broken.stdout:
            print(f"the {contract!r} contract missed {what}", file=sys.stderr)
            failed += 1
        else:
            print(f"the {contract!r} contract refuses {what}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
