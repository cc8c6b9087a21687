"""The notebook page, docs/tour.ipynb: it runs in a real Jupyter kernel; its outputs are fresh."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))


@pytest.fixture(scope="module")
def tour_notebook() -> Any:
    """Return scripts/tour_notebook.py (not a package), imported only when this tier runs.

    Its Jupyter tools are the `notebook` group's, which the fast loop does not install.
    """
    import tour_notebook as module

    return module


#: Executing it starts a kernel (a few seconds): the docs tier.
pytestmark = pytest.mark.docs


@pytest.fixture(scope="module")
def executed(tour_notebook: Any) -> Any:
    """Return the tour run top to bottom in a fresh python3 kernel (ipykernel)."""
    return tour_notebook.execute()


def test_the_tour_runs_without_errors(executed: Any, tour_notebook: Any) -> None:
    """Every cell runs; none shows an error or writes to stderr."""
    for cell_outputs in tour_notebook.outputs(executed):
        for output in cell_outputs:
            assert "error" != output["type"], output
            assert "stderr" not in output, output


def test_first_run_notes_are_left_out(tour_notebook: Any) -> None:
    """Matplotlib's one-off note about its font cache is no output of the tour."""
    from types import SimpleNamespace as Node

    note = Node(output_type="stream", name="stderr", text="Matplotlib is building the font cache")
    kept = Node(output_type="stream", name="stdout", text="kept")
    notebook = Node(cells=[Node(cell_type="code", outputs=[note, kept])])
    assert [[{"type": "stream", "stdout": "kept"}]] == tour_notebook.outputs(notebook)


def test_committed_outputs_are_fresh(executed: Any, tour_notebook: Any) -> None:
    """What the site shows is what the notebook shows today (images compared by type)."""
    committed = tour_notebook.outputs(tour_notebook._read(tour_notebook.NOTEBOOK))
    assert committed == tour_notebook.outputs(executed), (
        "docs/tour.ipynb is stale: run python scripts/tour_notebook.py"
    )


def test_the_tour_shows_cards_tables_and_a_plot(executed: Any, tour_notebook: Any) -> None:
    """Cards, a table as HTML, the plot as an image, and displaCy's view of the spaCy export."""
    shown = [output for cell in tour_notebook.outputs(executed) for output in cell]
    html = [output["text/html"] for output in shown if "text/html" in output]
    assert any("nato-rok dataset release 1.1.0" in page for page in html)
    assert any("Quote · <code>quote-north-korea-threat" in page for page in html)
    assert any("<table" in page and "dataframe" in page for page in html)
    assert any("image/png" in output for output in shown)
    assert any('class="entities"' in page and "anders-fogh-rasmussen" in page for page in html)


def test_check_mode_finds_stale_outputs_and_writing_refreshes_them(
    tmp_path: Path,
    executed: Any,
    tour_notebook: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--check`` exits 1 with the fix on stale outputs; a run without it writes fresh ones.

    Both runs get the tour the fixture executed (a kernel run is 7 s; the
    fixture's run is the one checked for errors and freshness above).
    """
    import copy

    import nbformat

    stale = tmp_path / "tour.ipynb"
    notebook = tour_notebook._read(tour_notebook.NOTEBOOK)
    notebook.cells[2].outputs = []
    nbformat.write(notebook, stale)  # type: ignore[no-untyped-call]  # nbformat is untyped
    monkeypatch.setattr(tour_notebook, "NOTEBOOK", stale)
    monkeypatch.setattr(tour_notebook, "execute", lambda: copy.deepcopy(executed))
    assert 1 == tour_notebook.main(["--check"])
    assert "run python scripts/tour_notebook.py" in capsys.readouterr().out
    assert 0 == tour_notebook.main([])
    assert tour_notebook.outputs(executed) == tour_notebook.outputs(tour_notebook._read(stale))
