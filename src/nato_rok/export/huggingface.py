"""The tables as a Hugging Face dataset folder: Parquet files and a dataset card.

    nato-rok export --format huggingface --out nato-rok-hf/

writes, in the layout of a dataset repository on the Hugging Face Hub, one
``data/<table>.parquet`` per table of :data:`nato_rok.export.tables.TABLES`
(the files the ``parquet`` export writes, byte for byte) and, at the top, a
``README.md`` dataset card. The card's YAML front matter declares one config
per table (``configs``, each with its ``data_files``:
``data/<table>.parquet``), the licences, the language,
the size category (of the largest table), task categories and tags; its
prose gives the licences as the README states them, each table's columns
with their types and meanings, and the datasheet's answers.

``datasets.load_dataset(folder, "quotes")`` opens one table, offline, with
the Parquet export's column types; the folder can be uploaded to the Hub as
it is. Writing it needs pyarrow only; the ``huggingface`` extra brings
``datasets`` to open it.

Written again into an existing folder, the export replaces its own files
only: a ``data/<table>.parquet`` of a table a newer release no longer has
stays (remove it by hand); no config of the card names it, so
``load_dataset`` does not read it.

The card's metadata uses the Hub's own keys. What ``huggingface_hub`` and
``datasets`` check on this machine (the YAML parses into a
``DatasetCardData``, every config names its files) passes; the Hub checks
the rest (licence and task identifiers against its lists) on upload.

    >>> import nato_rok
    >>> from nato_rok.export import huggingface
    >>> print(huggingface.card(nato_rok.load("1.2.0")).splitlines()[0:3])
    ['---', 'pretty_name: "nato-rok"', 'language:']

.. versionadded:: 1.2.0
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

from nato_rok import _cite
from nato_rok._releases import load
from nato_rok.dataset import Dataset
from nato_rok.exceptions import UnknownVersionError
from nato_rok.export._format import ExportOptions, Format
from nato_rok.export._safe import web_url
from nato_rok.export.arrow import to_arrow, to_parquet
from nato_rok.export.croissant import rai
from nato_rok.export.tables import Table, tables

__all__ = ["FORMAT", "card"]

#: The Hub's size categories, by the largest row count each admits.
_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"))

#: The licences in words, as the README states them.
_LICENCES = """\
- The structured annotations (records, fields, spans): CC BY 4.0.
- The event-code tables (`nato_rok/data/codes/` in the package): the PLOVER
  tables and the CAMEO 105 description are adapted from the PLOVER repository
  and shared under CC BY-SA 4.0.
- The article text (the `source` table's `text`, and the parts of it the
  other tables quote: quotations' `text`, the `spans` table's `excerpt`) is
  NATO's, reproduced unchanged with acknowledgement of NATO as its author and
  publisher, under NATO's terms; it is not covered by the licences above.
"""

#: The datasheet's answers, as the card's headings name them.
_DATASHEET = (
    ("Collection", "rai:dataCollection"),
    ("Collection method", "rai:dataCollectionType"),
    ("Timeframe", "rai:dataCollectionTimeframe"),
    ("Preprocessing", "rai:dataPreprocessingProtocol"),
    ("Annotation", "rai:dataAnnotationProtocol"),
    ("Uses", "rai:dataUseCases"),
    ("Limitations", "rai:dataLimitations"),
    ("Biases", "rai:dataBiases"),
    ("Personal and sensitive information", "rai:personalSensitiveInformation"),
    ("Maintenance", "rai:dataReleaseMaintenancePlan"),
)


def _yaml(value: str) -> str:
    # A JSON string (ASCII, escaped) is a YAML double-quoted scalar.
    return json.dumps(value)


def _text(value: str) -> str:
    """Return *value* as Markdown text: no HTML, no link of its own."""
    return html.escape(value).replace("[", "\\[").replace("]", "\\]")


def _size(rows: int) -> str:
    return next((name for bound, name in _SIZES if rows < bound), "n>100K")


def _front_matter(dataset: Dataset, all_tables: tuple[Table, ...]) -> Iterator[str]:
    yield "---"
    yield f"pretty_name: {_yaml('nato-rok')}"
    yield "language:"
    yield f"- {_yaml(dataset.source.language)}"
    yield "license:"
    yield from ("- cc-by-4.0", "- cc-by-sa-4.0", "- other")
    yield f"license_name: {_yaml('nato-article-text')}"
    yield "annotations_creators:\n- expert-generated"
    yield "language_creators:\n- found"
    yield "multilinguality:\n- monolingual"
    yield "source_datasets:\n- original"
    yield f"size_categories:\n- {_yaml(_size(max(len(t.rows) for t in all_tables)))}"
    yield "task_categories:\n- token-classification\n- text-classification"
    yield "task_ids:\n- named-entity-recognition"
    yield "tags:\n- event-data\n- quotation-attribution\n- cameo\n- plover\n- nato\n- korea"
    yield "configs:"
    for table in all_tables:
        yield f"- config_name: {_yaml(table.name)}"
        yield f"  data_files: {_yaml(f'data/{table.name}.parquet')}"
    yield "---"


def _columns(table: Table) -> Iterator[str]:
    yield f"### `{table.name}`"
    yield ""
    rows = f"{len(table.rows)} row" + ("" if len(table.rows) == 1 else "s")
    yield f"{table.description} {rows}; key: {', '.join(table.primary_key)}."
    yield ""
    yield "| column | type | meaning |"
    yield "| --- | --- | --- |"
    for field in table.fields:
        meaning = _text(field.description).replace("|", "\\|")
        yield f"| `{field.name}` | {field.type} | {meaning} |"
    yield ""


def _citation(dataset: Dataset) -> Iterator[str]:
    """Yield the release's BibTeX, only for a bundled release exactly as it ships."""
    try:
        bundled = load(dataset.version)
    except UnknownVersionError:
        return
    if bundled == dataset:
        yield "## Citation"
        yield ""
        yield "```bibtex"
        yield _cite.bibtex(dataset).rstrip()
        yield "```"
        yield ""


def card(dataset: Dataset) -> str:
    """Return the ``README.md`` dataset card of *dataset*: YAML front matter, then prose.

    .. versionadded:: 1.2.0
    """
    all_tables = tables(dataset)
    source = dataset.source
    url = web_url(source.url)
    title = _text(source.title)
    link = None if url is None else url.replace("<", "%3C").replace(">", "%3E")
    article = f"“{title}”" if link is None else f"[{title}](<{link}>)"
    lines = [
        *_front_matter(dataset, all_tables),
        "",
        "# nato-rok",
        "",
        "The first visit by a NATO Secretary General to the Republic of Korea (Seoul, "
        f"April 2013) as records anchored in the characters of {_text(source.publisher)}'s "
        f"news article {article}: release {_text(dataset.version)}, one config per table, "
        "every span an offset into "
        "the `source` table's `text` (Unicode code points, end excluded).",
        "",
        "```python",
        "from datasets import load_dataset",
        'quotes = load_dataset("path/to/this/folder", "quotes", split="train")',
        "```",
        "",
        "## Licences",
        "",
        _LICENCES,
        "## Tables",
        "",
        *(line for table in all_tables for line in _columns(table)),
        "## Datasheet",
        "",
    ]
    answers = rai(dataset)
    for heading, key in _DATASHEET:
        lines += [f"**{heading}.** {answers[key]}", ""]
    lines += list(_citation(dataset))
    return "\n".join(lines).rstrip("\n") + "\n"


def _files(dataset: Dataset, options: ExportOptions) -> Iterator[tuple[str, str | bytes]]:
    for name, table in to_arrow(dataset).items():
        yield f"data/{name}.parquet", to_parquet(table)
    yield "README.md", card(dataset)


#: ``nato-rok export --format huggingface``.
FORMAT = Format(
    name="huggingface",
    summary="one Parquet file per table under data/ and a README.md dataset card with a "
    "config per table, as datasets.load_dataset opens it, into a folder",
    writes="folder",
    extra="huggingface",
    requires=("pyarrow",),
    files=_files,
)
