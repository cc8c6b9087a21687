"""Time the exports against the libraries' own writers given the same data in hand.

    python -m benchmarks.exports            # 1 000, 10 000 and 100 000 quotations
    python -m benchmarks.exports --quick    # 1 000 and 10 000

Each export is timed end to end (tables from the records, types, metadata,
the atomic write); the baseline is pyarrow alone writing the same rows, as
plain Python tuples already in hand, to one Parquet file per table. Both run
on the same synthetic documents as ``python -m benchmarks``, so "time per
quotation at the largest / at the smallest size" shows whether an export is
linear.

The ``huggingface`` export (Parquet files and a dataset card) is timed
against ``datasets`` writing the same rows with its own writer
(``Dataset.from_dict(...).to_parquet``), and the ``spacy`` export (the
tokenized article with its entities, span groups and user data) against
spaCy tokenizing the same text with a blank English pipeline and writing it,
unannotated, with ``DocBin.to_disk``. Needs the ``arrow``, ``duckdb``,
``spacy`` and ``huggingface`` extras.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import spacy
from spacy.tokens import DocBin

import nato_rok
from benchmarks.run import _median_seconds, _Table, synthetic
from nato_rok.export import formats, tables


def _pyarrow_alone(rows: dict[str, tuple[list[str], list[tuple[object, ...]]]], out: Path) -> None:
    for name, (columns, values) in rows.items():
        table = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in values])
        pq.write_table(table, out / f"{name}.parquet", compression="zstd")


def _datasets_alone(rows: dict[str, tuple[list[str], list[tuple[object, ...]]]], out: Path) -> None:
    for name, (columns, values) in rows.items():
        data = {column: [row[i] for row in values] for i, column in enumerate(columns)}
        datasets.Dataset.from_dict(data).to_parquet(out / f"{name}.parquet")


def _spacy_alone(text: str, root: Path) -> None:
    nlp = spacy.blank("en")
    nlp.max_length = max(nlp.max_length, len(text))
    DocBin(docs=[nlp.make_doc(text)]).to_disk(_fresh(root, "docbin"))


def _fresh(folder: Path, name: str) -> Path:
    """Return a path in *folder* that does not exist yet (each run writes anew)."""
    for index in range(1_000_000):
        path = folder / f"{name}-{index}"
        if not path.exists():
            return path
    raise RuntimeError("no free name")  # pragma: no cover


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 5
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    print(f"Python {sys.version.split()[0]}, nato-rok {nato_rok.__version__}, median of {repeats}")
    print(f"{'measure':<58} {'value':>13}  {'baseline':>13}  {'ratio':>8}")
    per_quote: dict[str, dict[int, float]] = {
        "parquet": {},
        "duckdb": {},
        "huggingface": {},
        "spacy": {},
    }
    datasets.disable_progress_bars()
    table = _Table()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for size in sizes:
            dataset = nato_rok.loads(synthetic(size))
            rows = {
                t.name: (
                    [f.name for f in t.fields],
                    [tuple(list(v) if isinstance(v, tuple) else v for v in r) for r in t.rows],
                )
                for t in tables.tables(dataset)
            }

            def baseline(rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]) -> None:
                folder = _fresh(root, "pyarrow")
                folder.mkdir()
                _pyarrow_alone(rows, folder)

            base = _median_seconds(functools.partial(baseline, rows), repeats)

            def export(name: str, dataset: nato_rok.Dataset) -> None:
                formats.get(name).write(dataset, _fresh(root, name))

            parquet = _median_seconds(functools.partial(export, "parquet", dataset), repeats)
            database = _median_seconds(functools.partial(export, "duckdb", dataset), repeats)
            per_quote["parquet"][size] = parquet / size
            per_quote["duckdb"][size] = database / size
            table.row(f"export parquet ({size} quotes) / pyarrow alone", parquet, base)
            table.row(f"export duckdb ({size} quotes) / pyarrow alone", database, base)

            def with_datasets(rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]) -> None:
                folder = _fresh(root, "datasets")
                folder.mkdir()
                _datasets_alone(rows, folder)

            own = _median_seconds(functools.partial(with_datasets, rows), repeats)
            hub = _median_seconds(functools.partial(export, "huggingface", dataset), repeats)
            per_quote["huggingface"][size] = hub / size
            table.row(f"export huggingface ({size} quotes) / datasets to_parquet", hub, own)
            own = _median_seconds(
                functools.partial(_spacy_alone, dataset.source.text, root), repeats
            )
            doc = _median_seconds(functools.partial(export, "spacy", dataset), repeats)
            per_quote["spacy"][size] = doc / size
            table.row(f"export spacy ({size} quotes) / DocBin.to_disk, no spans", doc, own)
    smallest, largest = min(sizes), max(sizes)
    for name, figures in per_quote.items():
        print(
            f"{name + ': time per quote at ' + str(largest) + ' / at ' + str(smallest):<58} "
            f"{figures[largest] / figures[smallest]:>39.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
