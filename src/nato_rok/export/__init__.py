"""Exports of a dataset to other formats, one small module per format.

- :mod:`nato_rok.export.jsonschema`: the JSON Schema (2020-12) of the document.

.. versionadded:: 1.1.0
"""
