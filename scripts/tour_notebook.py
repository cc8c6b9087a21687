"""Execute docs/tour.ipynb with a real Jupyter kernel, and compare or write its outputs.

The site shows the notebook's committed outputs (myst-nb, execution off), so
the build stays offline and fast; this script keeps them fresh, and the tests
check that they are::

    python scripts/tour_notebook.py           # execute and write the outputs back
    python scripts/tour_notebook.py --check   # exit 1 if the committed outputs are stale

Needs the ``test`` dependency group (nbclient, ipykernel, matplotlib).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "tour.ipynb"

#: Output data compared exactly; any other (images) is compared by its type only,
#: since a PNG's bytes change with the matplotlib and FreeType versions.
TEXT = ("text/plain", "text/html", "text/markdown")

#: What a fresh environment prints once, whatever the notebook: left out.
FIRST_RUN_NOTES = ("Matplotlib is building the font cache",)


def _read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]  # nbformat is untyped


def execute(path: Path | None = None) -> Any:
    """Return the notebook at *path* (the tour) run top to bottom in a fresh python3 kernel."""
    path = path or NOTEBOOK
    notebook = _read(path)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"  # stable ids: diffs show content, not noise
    return notebook


def outputs(notebook: Any) -> list[list[dict[str, Any]]]:
    """Return what each code cell showed, images by type only."""
    shown = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell_outputs = []
        for output in cell.outputs:
            entry: dict[str, Any] = {"type": output.output_type}
            if output.output_type == "stream":
                if output.text.startswith(FIRST_RUN_NOTES):
                    continue  # printed once per machine, not by the tour
                entry[output.name] = output.text
            elif output.output_type == "error":
                entry["error"] = f"{output.ename}: {output.evalue}"
            else:
                entry.update({k: output.data[k] if k in TEXT else "…" for k in output.data})
            cell_outputs.append(entry)
        shown.append(cell_outputs)
    return shown


def main(argv: list[str] | None = None) -> int:
    """Execute the tour; write it back, or with ``--check`` compare it with the committed one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    fresh = execute()
    if args.check:
        stale = outputs(fresh) != outputs(_read(NOTEBOOK))
        if stale:
            print(f"{NOTEBOOK.name}: outputs are stale; run python scripts/tour_notebook.py")
        return int(stale)
    nbformat.write(fresh, NOTEBOOK)  # type: ignore[no-untyped-call]  # nbformat is untyped
    print(f"wrote {NOTEBOOK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
