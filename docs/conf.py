"""Sphinx configuration for the nato-rok documentation.

Build (warnings are errors; nothing is fetched from the network)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

The site documents the *installed* nato-rok (``pip install -e . --group docs``).
"""

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "nato-rok"
author = "nato-rok maintainers"
copyright = "2026, nato-rok maintainers"  # noqa: A001  # the name Sphinx reads
release = _version("nato-rok")
version = release

extensions = [
    "myst_nb",  # MyST Markdown (it sets up myst_parser) and the notebook page, tour.ipynb
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "nato_rok_docs",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "_ext"]
language = "en"

myst_enable_extensions = ["colon_fence", "deflist"]

# The notebook's committed outputs are shown as they are: the build stays
# offline and fast; tests/test_tour.py runs it in a real kernel and checks them.
nb_execution_mode = "off"
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False  # `Attributes:` become attribute entries, one anchor per field

# Every cross-reference must resolve. The site is built offline (no
# intersphinx), so names from the standard library and other packages are
# listed here instead of linked.
nitpicky = True
# Only the "more than one target" warning of the Python domain: a builtin
# named in a signature (``type[R]`` in Dataset.record) has no target offline
# (no intersphinx), so Sphinx's fuzzy search offers the attributes named
# ``type`` of the tables module. Missing references still fail (nitpicky).
suppress_warnings = ["ref.python"]
nitpick_ignore = [
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "datetime.date"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "pathlib.Path"),
    ("py:func", "attrs.evolve"),
    ("py:class", "nato_rok.dataset._R"),  # the type variable of Dataset.record's overloads
]

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["nato-rok.css"]  # wrap long code lines; the inline annotated article
html_title = f"nato-rok {release}"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
