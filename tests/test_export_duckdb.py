"""The DuckDB database: every table, its keys enforced, comments, and the how-to's joins.

The `data` tier: DuckDB comes with the `data` group, imported inside the tests
so that the fast tier collects this module without it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

import nato_rok
from nato_rok import Event, cli
from nato_rok.exceptions import DatasetError, ExportTargetError, MissingExtraError
from nato_rok.export import duckdb as export, tables

if TYPE_CHECKING:
    import duckdb

pytestmark = pytest.mark.data


@pytest.fixture
def database(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Return a read-only connection to the newest release exported by the CLI."""
    import duckdb

    path = tmp_path / "nato-rok.duckdb"
    assert 0 == cli.main(["export", "--format", "duckdb", "--out", str(path)])
    return duckdb.connect(str(path), read_only=True)


def test_every_table_holds_its_rows(database: duckdb.DuckDBPyConnection) -> None:
    """Each declared table is there, with as many rows as the table has."""
    for table in tables.tables(nato_rok.load()):
        rows = database.sql(f'SELECT count(*) FROM "{table.name}"').fetchall()  # noqa: S608
        assert [(len(table.rows),)] == rows, table.name


def test_keys_and_comments_are_declared(database: duckdb.DuckDBPyConnection) -> None:
    """Primary and foreign keys as declared; a comment on every table and column."""
    constraints = database.sql(
        "SELECT table_name, constraint_type, constraint_column_names, referenced_table "
        "FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')"
    ).fetchall()
    for table in tables.TABLES:
        assert (table.name, "PRIMARY KEY", list(table.primary_key), None) in constraints
        for own, target, _ in table.foreign_keys:
            assert (table.name, "FOREIGN KEY", list(own), target) in constraints
    comments = dict(
        database.sql(
            "SELECT table_name || '.' || column_name, comment FROM duckdb_columns() "
            "WHERE table_name <> 'metadata' AND NOT internal"
        ).fetchall()
    )
    expected = {f"{t.name}.{c.name}": c.description for t in tables.TABLES for c in t.columns}
    assert expected == comments
    table_comments = dict(
        database.sql("SELECT table_name, comment FROM duckdb_tables()").fetchall()
    )
    assert "Every quotation, verbatim." == table_comments["quotes"]


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    """A quotation by nobody is refused by the database itself."""
    import duckdb

    database = export.connect(nato_rok.load())
    with pytest.raises(duckdb.ConstraintException):
        database.execute("INSERT INTO quotes VALUES ('q-x', 'nobody', 'partial', 'x', 0, 1, 0, 1)")


def test_the_how_to_queries(database: duckdb.DuckDBPyConnection) -> None:
    """Quotations joined to their speakers, and events to their actors' names."""
    speakers = database.sql(
        "SELECT p.name, count(*) FROM quotes q JOIN participants p ON p.id = q.speaker_id "
        "GROUP BY p.name"
    ).fetchall()
    dataset = nato_rok.load()
    assert {(dataset.participant(q.speaker_id).name, 1) for q in dataset.quotes} >= {
        (name, 1) for name, _ in speakers
    }
    assert len(dataset.quotes) == sum(count for _, count in speakers)
    actors = database.sql(
        "SELECT e.id, coalesce(o.name, p.name) FROM events e "
        "JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor' "
        "LEFT JOIN organizations o ON o.id = a.record_id "
        "LEFT JOIN participants p ON p.id = a.record_id ORDER BY e.id"
    ).fetchall()
    assert ("event-visit", "Anders Fogh Rasmussen") in actors
    assert all(name is not None for _, name in actors)


def test_the_metadata_table_says_where_the_data_comes_from(
    database: duckdb.DuckDBPyConnection,
) -> None:
    """Release, schema version, SHA-256, licence and source, as (key, value) rows."""
    metadata = dict(database.sql("SELECT key, value FROM metadata").fetchall())
    assert nato_rok.load().version == metadata["nato_rok.release"]
    assert 64 == len(metadata["nato_rok.sha256"])


def test_children_are_inserted_after_their_parents() -> None:
    """An event listed before its parent still loads: rows go in by generation."""
    dataset = nato_rok.load()
    reordered = attrs.evolve(dataset, events=tuple(reversed(dataset.events)))
    rows = export.connect(reordered).sql("SELECT count(*) FROM events").fetchall()
    assert [(len(dataset.events),)] == rows


def test_a_cycle_or_a_dangling_link_is_a_dataset_error() -> None:
    """Rows built without the loader's checks: a DatasetError, not a database traceback."""
    dataset = nato_rok.load()
    first, second, *rest = dataset.events
    cycle = (
        attrs.evolve(first, parent_id=second.id),
        attrs.evolve(second, parent_id=first.id),
        *rest,
    )
    with pytest.raises(DatasetError, match="cycle"):
        export.connect(attrs.evolve(dataset, events=cycle))
    quote = attrs.evolve(dataset.quotes[0], speaker_id="nobody")
    with pytest.raises(DatasetError, match="DuckDB refused"):
        export.connect(attrs.evolve(dataset, quotes=(quote,)))


def test_an_interrupted_export_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A failure half-way through filling the database leaves neither file nor temporary."""

    def fail(connection: object, dataset: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "_fill", fail)
    with pytest.raises(KeyboardInterrupt):
        export.write(nato_rok.load(), tmp_path / "x.duckdb")
    assert [] == list(tmp_path.iterdir())


def test_write_returns_the_path(tmp_path: Path) -> None:
    """The Python API writes the same database as the CLI."""
    import duckdb

    path = export.write(nato_rok.load("1.0.0"), tmp_path / "old.duckdb")
    rows = duckdb.connect(str(path), read_only=True).sql("SELECT count(*) FROM events").fetchall()
    assert [(0,)] == rows


def test_without_duckdb_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing duckdb is a MissingExtraError naming the extra."""
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'nato-rok\[duckdb\]'"):
        export.connect(nato_rok.load())


@pytest.mark.parametrize("what", ["file", "link"])
def test_connect_never_writes_into_something_that_exists(tmp_path: Path, what: str) -> None:
    """connect(ds, path) creates a new database only: an existing file or a link is refused."""
    kept = tmp_path / "kept.duckdb"
    export.connect(nato_rok.load(), kept).close()
    before = kept.read_bytes()
    target = kept if what == "file" else tmp_path / "link.duckdb"
    if what == "link":
        target.symlink_to(kept)
    with pytest.raises(ExportTargetError, match="creates a new database"):
        export.connect(nato_rok.load(), target)
    assert before == kept.read_bytes()


def test_a_stale_log_beside_the_file_is_not_replayed(tmp_path: Path) -> None:
    """Re-exporting over x.duckdb beside another database's x.duckdb.wal: the new one opens."""
    import duckdb

    stale = tmp_path / "other.duckdb"
    other = duckdb.connect(str(stale))
    other.execute("PRAGMA disable_checkpoint_on_shutdown")
    other.execute("CREATE TABLE t (a INTEGER)")
    other.execute("INSERT INTO t VALUES (1)")
    other.close()  # leaves its log: other.duckdb.wal
    path = tmp_path / "x.duckdb"
    assert 0 == cli.main(["export", "--format", "duckdb", "--out", str(path)])
    (tmp_path / "other.duckdb.wal").rename(tmp_path / "x.duckdb.wal")
    assert 0 == cli.main(["export", "--format", "duckdb", "--out", str(path)])
    assert {"other.duckdb", "x.duckdb"} == {p.name for p in tmp_path.iterdir()}
    connection = duckdb.connect(str(path), read_only=True)
    assert [(nato_rok.load().version,)] == connection.sql(
        "SELECT value FROM metadata WHERE key = 'nato_rok.release'"
    ).fetchall()


def _chain(dataset: nato_rok.Dataset, length: int) -> tuple[Event, ...]:
    """Return *length* copies of the first event, each the parent of the next, children first."""
    first = dataset.events[0]
    links = [
        attrs.evolve(first, id=f"link-{n}", parent_id=f"link-{n - 1}" if n else None)
        for n in range(length)
    ]
    return tuple(reversed(links))


def test_a_long_chain_of_parents_goes_in_one_level_at_a_time() -> None:
    """A chain of 300 events listed children first: every row, every link, one batch a level."""
    dataset = nato_rok.load()
    chained = attrs.evolve(dataset, events=(*dataset.events, *_chain(dataset, 300)))
    (table,) = [t for t in tables.tables(chained) if t.name == "events"]
    batches = export._generations(table)
    assert 300 == len(batches)
    assert sorted(table.rows) == sorted(row for batch in batches for row in batch)
    database = export.connect(chained)
    got = database.sql("SELECT count(parent_id) FROM events WHERE id LIKE 'link-%'").fetchall()
    assert [(299,)] == got


def test_a_parent_that_does_not_exist_is_a_dataset_error() -> None:
    """An event whose parent no row has: the same DatasetError as a cycle, before DuckDB."""
    dataset = nato_rok.load()
    orphan = attrs.evolve(dataset.events[0], parent_id="nowhere")
    with pytest.raises(DatasetError, match="or at rows that do not exist"):
        export.connect(attrs.evolve(dataset, events=(orphan, *dataset.events[1:])))
