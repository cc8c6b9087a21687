"""The Hugging Face folder: opened offline by `datasets`, its card read by `huggingface_hub`.

The tests that need those two are the `nlp` tier, and the one that needs only
pyarrow the `data` tier: they import them inside, so that the fast tier
collects this module without those groups.
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import attrs
import pytest

import nato_rok
from nato_rok import cli
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import croissant, huggingface, tables
from nato_rok.external import Reference, ReferenceKind

from .test_export_safe import _with_source_url


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder the CLI wrote for the newest release."""
    out = tmp_path_factory.mktemp("huggingface") / "nato-rok"
    assert 0 == cli.main(["export", "--format", "huggingface", "--out", str(out)])
    return out


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No Hub: datasets and huggingface_hub offline, their cache in a fresh folder."""
    import datasets
    import huggingface_hub.constants

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    # Both libraries read these variables once, on import: set what they read too.
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-home" / "datasets")


@pytest.mark.nlp
@pytest.mark.usefixtures("offline")
def test_load_dataset_opens_each_table_with_the_parquet_types(folder: Path) -> None:
    """load_dataset(folder, table): the rows of the table, the Parquet export's column types."""
    import datasets
    import pyarrow.parquet as pq

    dataset = nato_rok.load()
    assert [t.name for t in tables.TABLES] == datasets.get_dataset_config_names(str(folder))
    for table in tables.tables(dataset):
        opened = datasets.load_dataset(str(folder), table.name, split="train")
        parquet = pq.read_schema(folder / "data" / f"{table.name}.parquet")
        assert parquet.names == opened.column_names
        assert parquet.types == opened.data.table.schema.types
        expected = [[list(v) if isinstance(v, tuple) else v for v in row] for row in table.rows]
        assert expected == [list(row.values()) for row in opened]
    events = datasets.load_dataset(str(folder), "events", split="train")
    assert "042" in events["cameo_code"]  # a code, not the number 42


@pytest.mark.data
def test_the_parquet_files_are_the_parquet_exports(folder: Path, tmp_path: Path) -> None:
    """The Hub's layout: README.md at the top, data/ holding `--format parquet`'s files."""
    assert 0 == cli.main(["export", "--format", "parquet", "--out", str(tmp_path / "pq")])
    for path in (tmp_path / "pq").iterdir():
        assert path.read_bytes() == (folder / "data" / path.name).read_bytes()
    assert {p.name for p in (tmp_path / "pq").iterdir()} == {
        p.name for p in (folder / "data").iterdir()
    }
    assert {"README.md", "data"} == {p.name for p in folder.iterdir()}


@pytest.mark.nlp
@pytest.mark.usefixtures("offline")
def test_a_stale_table_file_stays_and_is_not_read(tmp_path: Path) -> None:
    """Into an old folder: its own files replaced, data/<gone>.parquet and other files kept."""
    import datasets

    out = tmp_path / "hf"
    (out / "data").mkdir(parents=True)
    (out / "data" / "gone.parquet").write_bytes(b"stale")
    (out / "data" / "quotes.parquet").write_bytes(b"old")
    (out / ".gitattributes").write_bytes(b"*.parquet filter=lfs")
    assert 0 == cli.main(["export", "--format", "huggingface", "--out", str(out)])
    assert b"stale" == (out / "data" / "gone.parquet").read_bytes()
    assert b"*.parquet filter=lfs" == (out / ".gitattributes").read_bytes()
    assert [t.name for t in tables.TABLES] == datasets.get_dataset_config_names(str(out))
    quotes = datasets.load_dataset(str(out), "quotes", split="train")
    assert len(nato_rok.load().quotes) == quotes.num_rows


def _resource(name: str) -> object:
    """Return one of the metadata lists `datasets` ships (size categories, languages, ...)."""
    text = (files("datasets.utils") / "resources" / name).read_text(encoding="utf-8")
    return json.loads(text)


@pytest.mark.nlp
@pytest.mark.usefixtures("offline")
def test_the_card_metadata_validates_offline(folder: Path) -> None:
    """huggingface_hub parses the card strictly; its values are in the lists datasets ships."""
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(folder / "README.md", ignore_metadata_errors=False)
    data = card.data.to_dict()
    assert [
        {"config_name": t.name, "data_files": f"data/{t.name}.parquet"} for t in tables.TABLES
    ] == data["configs"]
    assert ["cc-by-4.0", "cc-by-sa-4.0", "other"] == data["license"]
    assert data["size_categories"][0] in _resource("size_categories.json")  # type: ignore[operator]
    assert data["language"][0] in _resource("languages.json")  # type: ignore[operator]
    assert data["multilinguality"][0] in _resource("multilingualities.json")  # type: ignore[operator]
    creators = _resource("creators.json")
    assert data["annotations_creators"][0] in creators["annotations"]  # type: ignore[index]
    assert data["language_creators"][0] in creators["language"]  # type: ignore[index]
    assert card.text.lstrip().startswith("# nato-rok")


def test_the_card_states_the_licences_and_the_datasheet() -> None:
    """The three licences as the README has them, the datasheet's answers, each table's columns."""
    text = huggingface.card(nato_rok.load())
    assert "CC BY 4.0" in text
    assert "CC BY-SA 4.0" in text
    assert "NATO's, reproduced unchanged" in text
    assert "(one row). 1 row; key: id." in text
    for answer in croissant.RAI.values():
        assert answer in text
    for table in tables.TABLES:
        assert f"### `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` | {column.type} |" in text


def test_only_a_bundled_release_as_shipped_is_cited() -> None:
    """A release cites itself; a copy with another version, or edited, does not."""
    dataset = nato_rok.load()
    assert "```bibtex\n@misc{nato_rok_" in huggingface.card(dataset)
    assert "bibtex" not in huggingface.card(attrs.evolve(dataset, version="9.9.9"))
    edited = attrs.evolve(dataset, quotes=dataset.quotes[1:])
    assert "bibtex" not in huggingface.card(edited)


def test_the_size_category_counts_the_largest_table() -> None:
    """A thousand rows in one table make the dataset 1K<n<10K."""
    dataset = nato_rok.load()
    many = tuple(
        Reference(
            id=f"ref-{index}",
            kind=ReferenceKind.ARTICLE,
            title="t",
            publisher="p",
            url="https://example.org/",
            excerpt=None,
            note=None,
        )
        for index in range(1000)
    )
    assert '- "n<1K"' in huggingface.card(dataset)
    assert '- "1K<n<10K"' in huggingface.card(attrs.evolve(dataset, references=many))


def test_no_html_or_link_from_the_data_reaches_the_card() -> None:
    """A hostile title or URL in a copy is text in the card, never HTML or a javascript: link."""
    hostile = _with_source_url("javascript:alert(1)")
    object.__setattr__(hostile.source, "title", "<script>x</script> [a](javascript:b)")
    text = huggingface.card(hostile)
    assert "<script>" not in text
    assert "[a](javascript" not in text
    assert "\\[a\\](javascript:b)" in text  # brackets escaped: text, not a link
    assert "&lt;script&gt;" in text


def test_without_pyarrow_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing pyarrow: exit 1, and the message names the huggingface extra."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert 1 == cli.main(["export", "--format", "huggingface", "--out", str(tmp_path / "x")])
    assert "pip install 'nato-rok[huggingface]'" in capsys.readouterr().err
    assert [] == list(tmp_path.iterdir())
    with pytest.raises(MissingExtraError):
        huggingface.FORMAT.write(nato_rok.load(), tmp_path / "x")
