"""The shipped CAMEO and PLOVER tables, checked against their sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nato_rok import ActorCode, CameoCoding, CodeScheme, PloverCoding, _codes, _resources
from nato_rok.exceptions import Problem

REFERENCE = Path(__file__).parent.parent / "sources" / "reference"


def _gdelt() -> dict[str, str]:
    rows = (REFERENCE / "CAMEO.eventcodes.txt").read_text(encoding="utf-8").splitlines()[1:]
    return dict(row.split("\t", 1) for row in rows)


def _mapping() -> dict[str, str]:
    """CAMEO code -> description, from the CAMEO2PLOVER table."""
    found = {}
    for line in (REFERENCE / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d+): [^#]*# (.*)", line)
        if match:
            found[match[1]] = match[2].strip()
    return found


def _manual_section(name: str) -> str:
    manual = (REFERENCE / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    start = manual.index(f"\\section{{{name}}}")
    return manual[start : manual.index("\\section{", start + 1)]


CAMEO = json.loads(_resources.read_data("codes/cameo.json"))
PLOVER = json.loads(_resources.read_data("codes/plover.json"))

#: Goldstein weights as issue 3 gives them with the CAMEO codes.
GOLDSTEIN = {
    "040": 1.0,
    "042": 1.9,
    "043": 2.8,
    "0212": 3.4,
    "0312": 5.2,
    "062": 7.4,
    "071": 7.4,
    "072": 8.3,
    "073": 7.4,
    "111": -2.0,
}


@pytest.mark.parametrize("entry", CAMEO["events"], ids=lambda e: e["code"])
def test_cameo_names_are_the_codebook_names(entry: dict[str, object]) -> None:
    """Each name is GDELT's, or the PLOVER table's where GDELT's copy is defective (105)."""
    defective = {"105"}
    source = _mapping() if entry["code"] in defective else _gdelt()
    assert source[str(entry["code"])].strip() == entry["name"]


@pytest.mark.parametrize("entry", CAMEO["events"], ids=lambda e: e["code"])
def test_goldstein_weights_are_the_referenced_ones(entry: dict[str, object]) -> None:
    """A weight is shipped only where the reference gives one, and then exactly."""
    assert GOLDSTEIN.get(str(entry["code"])) == entry["goldstein"]


@pytest.mark.parametrize("event", sorted(PLOVER["events"]))
def test_plover_modes_are_the_manuals(event: str) -> None:
    """Each PLOVER event type has exactly the modes its section of the manual lists."""
    section = _manual_section(event)
    modes = re.findall(r"^([a-z][a-z_-]*) & ", section, re.MULTILINE)
    assert modes == PLOVER["events"][event]


@pytest.mark.parametrize("context", PLOVER["contexts"])
def test_plover_contexts_are_in_the_manual(context: str) -> None:
    """Each shipped context is a general context of the manual."""
    manual = (REFERENCE / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    assert re.search(rf"(\{{{context}\}}|^{context}) & ", manual, re.MULTILINE)


def test_tables_index_the_files() -> None:
    """tables() reads both files into look-up structures."""
    tables = _codes.tables("1.1.0")
    assert {e["code"] for e in CAMEO["events"]} == set(tables.cameo_events)
    assert frozenset(PLOVER["contexts"]) == tables.plover_contexts


@pytest.mark.parametrize(
    ("coding", "problems"),
    [
        (
            CameoCoding(code="111", name="Criticize or denounce", goldstein=-2.0, alternatives=()),
            [],
        ),
        (
            CameoCoding(code="999", name="x", goldstein=None, alternatives=()),
            [Problem("$.code", "'999' is not in the shipped CAMEO table")],
        ),
        (
            CameoCoding(code="111", name="Denounce", goldstein=-2.0, alternatives=()),
            [Problem("$.name", "CAMEO 111 is named 'Criticize or denounce', not 'Denounce'")],
        ),
        (
            CameoCoding(code="111", name="Criticize or denounce", goldstein=2.0, alternatives=()),
            [Problem("$.goldstein", "CAMEO 111 has Goldstein weight -2.0, not 2.0")],
        ),
        (
            CameoCoding(
                code="111", name="Criticize or denounce", goldstein=-2.0, alternatives=("111", "9")
            ),
            [
                Problem(
                    "$.alternatives[0]", "'111' is not another code of the shipped CAMEO table"
                ),
                Problem("$.alternatives[1]", "'9' is not another code of the shipped CAMEO table"),
            ],
        ),
    ],
)
def test_cameo_problems(coding: CameoCoding, problems: list[Problem]) -> None:
    """Unknown codes, wrong names or weights and bad alternatives are each reported."""
    assert problems == _codes.cameo_problems("$", coding)


@pytest.mark.parametrize(
    ("coding", "problems"),
    [
        (PloverCoding(event="CONSULT", mode="visit", contexts=("military",)), []),
        (PloverCoding(event="CONSULT", mode=None, contexts=()), []),
        (
            PloverCoding(event="PARTY", mode=None, contexts=()),
            [Problem("$.event", "'PARTY' is not a PLOVER event type")],
        ),
        (
            PloverCoding(event="AGREE", mode="visit", contexts=()),
            [Problem("$.mode", "PLOVER AGREE has no mode 'visit' (modes: none)")],
        ),
        (
            PloverCoding(event="CONSULT", mode="dinner", contexts=("space",)),
            [
                Problem(
                    "$.mode",
                    "PLOVER CONSULT has no mode 'dinner' "
                    "(modes: multilateral, phone, third-party, visit)",
                ),
                Problem("$.contexts[0]", "'space' is not a shipped PLOVER context"),
            ],
        ),
    ],
)
def test_plover_problems(coding: PloverCoding, problems: list[Problem]) -> None:
    """Unknown event types, modes and contexts are each reported."""
    assert problems == _codes.plover_problems("$", coding)


@pytest.mark.parametrize(
    ("scheme", "code", "valid"),
    [
        (CodeScheme.CAMEO_ACTOR, "IGOWSTNAT", True),
        (CodeScheme.CAMEO_ACTOR, "USA", False),
        (CodeScheme.CAMEO_SECTOR, "MIL", True),
        (CodeScheme.CAMEO_SECTOR, "KOR", False),
        (CodeScheme.ISO_3166_1_ALPHA_3, "KOR", True),
        (CodeScheme.ISO_3166_1_ALPHA_3, "KR", False),
        (CodeScheme.ISO_3166_1_ALPHA_3, "K0R", False),
    ],
)
def test_actor_codes_are_checked_by_scheme(scheme: CodeScheme, code: str, valid: bool) -> None:
    """CAMEO codes must be in the shipped table; ISO codes must be three letters."""
    problems = _codes.actor_code_problems(
        "$", ActorCode(scheme=scheme, code=code, reference_id="r")
    )
    assert valid == (problems == [])


@pytest.mark.parametrize(
    ("version", "files"),
    [
        ("1.0.0", ("cameo.json", "plover.json")),
        ("1.1.0", ("cameo.json", "plover.json")),
        ("1.1.9", ("cameo.json", "plover.json")),
        ("1.2.0", ("cameo-1.2.0.json", "plover-1.2.0.json")),
        ("7.0.0", ("cameo-1.2.0.json", "plover-1.2.0.json")),
        (None, ("cameo-1.2.0.json", "plover-1.2.0.json")),
        ("no numbers", ("cameo-1.2.0.json", "plover-1.2.0.json")),
    ],
)
def test_each_release_is_checked_against_its_edition_of_the_tables(
    version: str | None, files: tuple[str, str]
) -> None:
    """A release's tables are the newest edition not newer than it (the newest for None)."""
    assert files == _codes.edition(version)


def test_every_edition_is_shipped() -> None:
    """Each edition's files are package data and read into tables."""
    for first, cameo, plover in _codes.EDITIONS:
        assert _codes.tables(".".join(map(str, first))).cameo_events
        assert json.loads(_resources.read_data(f"codes/{cameo}"))["events"]
        assert json.loads(_resources.read_data(f"codes/{plover}"))["events"]
