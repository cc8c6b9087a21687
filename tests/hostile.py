"""Hostile input for loads(): strategies and the properties every input must meet.

Shared by the tests and by the time-bounded fuzzer in ``fuzz/``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import nato_rok
from nato_rok.exceptions import DatasetError

#: Any JSON value, NaN and infinities included (json.dumps writes them).
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)


def _assert_well_formed(error: DatasetError) -> None:
    assert str(error)
    assert all(p.path.startswith("$") and p.message for p in error.problems)


def assert_refused(data: str | bytes) -> DatasetError:
    """Assert loads(*data*) raises a DatasetError with a message and located problems."""
    try:
        nato_rok.loads(data)
    except DatasetError as exc:
        error = exc
    else:
        raise AssertionError("loads() accepted hostile input")
    _assert_well_formed(error)
    return error


def assert_refused_or_canonical(data: bytes, *, exercise: bool = False) -> None:
    """Assert loads(*data*) either refuses cleanly or gives a dataset that round-trips.

    With *exercise*, an accepted document also goes through the command line
    and every export (see :func:`assert_usable`).
    """
    try:
        dataset = nato_rok.loads(data)
    except DatasetError as exc:
        _assert_well_formed(exc)
    else:
        assert dataset == nato_rok.loads(nato_rok.dumps(dataset))
        if exercise:
            assert_usable(dataset)


def _shown(text: str) -> bool:
    """Whether *text* holds nothing a terminal would obey or hide (line breaks aside)."""
    hidden = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
    return not any(
        unicodedata.category(c) in hidden for c in text.replace("\r\n", "\n") if c != "\n"
    )


def _cli(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in this process; return its exit code, stdout and stderr."""
    from nato_rok import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_usable(dataset: nato_rok.Dataset) -> None:
    """Assert an accepted dataset goes through the command line and every export.

    ``validate`` and ``diff`` read it from a file and exit 0, printing nothing
    raw; every record shows (as ``show`` does for a release); every export
    builds, and every registered format writes, from Python and from the
    command line.
    """
    from nato_rok import _terminal, _views
    from nato_rok.export import datapackage, formats, html, jsonld, jsonschema, tables

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.json"
        path.write_text(nato_rok.dumps(dataset), encoding="utf-8")
        for argv in (
            ["validate", str(path)],
            ["diff", str(path), str(path)],
            ["diff", "1.0.0", str(path), "--format", "json"],
        ):
            code, out, err = _cli(argv)
            assert 0 == code, (argv, err)
            assert _shown(out)
            assert _shown(err)
        for record in (dataset.source, *dataset.records()):
            text = _terminal.escape(
                _views.show_text(_views.show(dataset, record.id)), newlines=True
            )
            assert _shown(text)
        for table in tables.tables(dataset):
            datapackage.to_csv(table)
        json.dumps(datapackage.datapackage(dataset))
        json.dumps(jsonld.jsonld(dataset))
        html.html_page(dataset)
        jsonschema.schema(dataset.schema_version)
        # The frames too: every date and number the loader accepts fits them.
        dataset.to_pandas()
        dataset.to_arrow()
        dataset.to_polars()
        # Every registered format whose extra is installed (the tests and the
        # fuzz session install them all), written through the atomic writer,
        # and once more through the command line over what the first wrote.
        for form in formats.FORMATS:
            if not form.available:
                continue
            target = Path(folder) / f"out-{form.name}"
            written = form.write(dataset, target)
            assert written, form.name
            code, _, err = _cli(["export", "--format", form.name, "--from", str(path),
                                 "--out", str(target)])  # fmt: skip
            assert 0 == code, (form.name, err)


def _slots(value: Any, path: str = "$") -> list[tuple[str, Any, Any]]:
    """Every (path, container, key) below *value*."""
    found: list[tuple[str, Any, Any]] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        child_path = f"{path}.{key}" if isinstance(value, dict) else f"{path}[{key}]"
        found.append((child_path, value, key))
        found += _slots(child, child_path)
    return found


def _others(value: Any) -> list[Any]:
    """JSON values of every type but the type of *value*, that no schema field accepts.

    Strings, numbers with a fraction and objects may be optional (``note``,
    ``goldstein``, ``plover``): a null in their place can be valid, so they
    are never replaced by null. A null is never replaced by a string, as
    optional strings are the only fields that are ever null.
    """
    nullable = value is None or isinstance(value, (str, float, dict))
    candidates: list[Any] = [True, 0, 0.5, "x", ["x"], {"x": 1}]
    if not nullable:
        candidates.append(None)
    return [
        c
        for c in candidates
        if type(c) is not type(value) and not (value is None and isinstance(c, str))
    ]


@st.composite
def mutations(draw: Any, base: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Return an invalid variant of *base*, and the path of the value it changed.

    One value is retyped, one key deleted, or one unknown key added: each is
    always invalid, since every key is required and no field takes two types.
    """
    document = copy.deepcopy(base)
    path, container, key = draw(st.sampled_from(_slots(document)))
    actions = ["retype", "delete", "add"] if isinstance(container, dict) else ["retype"]
    action = draw(st.sampled_from(actions))
    if action == "delete":
        del container[key]
    elif action == "add":
        container["unexpected_key"] = 1
        path = path.rpartition(".")[0]
    else:
        container[key] = draw(st.sampled_from(_others(container[key])))
    return document, path


@st.composite
def byte_mutations(draw: Any, data: bytes) -> bytes:
    """Return *data* with a few bytes flipped, dropped, or inserted."""
    damaged = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(damaged) - 1))
        action = draw(st.sampled_from(["flip", "drop", "insert"]))
        if action == "flip":
            damaged[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "drop":
            del damaged[at]
        else:
            damaged[at:at] = draw(st.binary(min_size=1, max_size=3))
    return bytes(damaged)


def _near(problem_path: str, changed: str) -> bool:
    """Whether a problem is reported at the changed value, inside it, or at a parent."""
    return any(
        longer == shorter or longer.startswith((shorter + ".", shorter + "["))
        for longer, shorter in ((changed, problem_path), (problem_path, changed))
    )


def assert_refused_near(document: dict[str, Any], changed: str) -> None:
    """Assert *document* is refused with a problem at, inside, or above *changed*."""
    error = assert_refused(json.dumps(document, ensure_ascii=False))
    paths = [p.path for p in error.problems]
    # The whole document ("$") is everybody's parent; it only counts for top-level keys.
    top_level = changed.count(".") + changed.count("[") <= 1
    assert any(_near(p, changed) and (p != "$" or top_level) for p in paths), (changed, paths)
