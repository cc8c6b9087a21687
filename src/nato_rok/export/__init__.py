"""Exports of a dataset to other formats, one small module per format.

- :mod:`nato_rok.export.formats`: the registry of every format ``nato-rok
  export`` writes, and the protocol each implements.
- :mod:`nato_rok.export.tables`: the dataset as tables (rows of Python values).
- :mod:`nato_rok.export.datapackage`: those tables as CSV files and a
  Frictionless Data Package (v2).
- :mod:`nato_rok.export.pandas`: those tables as pandas DataFrames.
- :mod:`nato_rok.export.arrow`: those tables as Arrow tables and Parquet files.
- :mod:`nato_rok.export.polars`: those tables as polars DataFrames.
- :mod:`nato_rok.export.duckdb`: those tables as one DuckDB database.
- :mod:`nato_rok.export.html`: the annotated article, one self-contained page.
- :mod:`nato_rok.export.jsonld`: JSON-LD with the schema.org vocabulary.
- :mod:`nato_rok.export.jsonschema`: the JSON Schema (2020-12) of the document.
- :mod:`nato_rok.export.webannotation`: every span as a W3C Web Annotation.
- :mod:`nato_rok.export.plover`: the PLOVER-coded events as PLOVER JSON Lines.
- :mod:`nato_rok.export.croissant`: Croissant 1.0 metadata beside the CSV tables.
- :mod:`nato_rok.export.huggingface`: the Parquet files and a dataset card, as
  a Hugging Face dataset folder.
- :mod:`nato_rok.export.spacy`: the article and its spans as a spaCy ``Doc``
  in a ``DocBin``.

Every export is deterministic: the same dataset gives the same bytes (a
DuckDB file: the same tables and rows); and every file is written
atomically, never through a symbolic link.

.. versionadded:: 1.1.0
"""
