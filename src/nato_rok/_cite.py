"""How to cite the dataset (BibTeX and APA, as CITATION.cff), and whose the article text is."""

from __future__ import annotations

from nato_rok._releases import published, released, versions
from nato_rok.dataset import Dataset

AUTHOR = "nato-rok maintainers"
TITLE = (
    "nato-rok: the first visit by a NATO Secretary General to the Republic of Korea (Seoul, 2013)"
)
URL = "https://pypi.org/project/nato-rok/"


def what(dataset: Dataset) -> str:
    """Say what *dataset* is, for the exports that name it: the release, or a copy of one.

    Only a bundled release, byte for byte (:func:`nato_rok._releases.published`),
    is called the release; an edited copy that keeps its version is said to
    be derived from it, and a version this package does not ship is said to
    be unverified. The exports give a release date and a citation only for
    the first.
    """
    version = dataset.version
    if published(dataset) is not None:
        return f"nato-rok dataset release {version}"
    if version in versions():
        return (
            f"a modified copy of nato-rok dataset release {version} (its content differs "
            "from the published release)"
        )
    return f"a nato-rok dataset declaring version {version}, not a release this package ships"


def text_terms(dataset: Dataset) -> str:
    """Return whose the article text is and on what terms nato-rok carries it, as NOTICE says.

    Every export that carries the article text states this beside it: the
    text is not under the licence of the annotations (:attr:`Dataset.license`).
    """
    source = dataset.source
    return (
        f"The text of the article '{source.title}' ({source.publisher}, "
        f"{source.published.isoformat()}) is the work of {source.publisher}. nato-rok reproduces "
        f"it unchanged, with acknowledgement of {source.publisher} as its author and publisher, "
        "so that every span can be checked; it is not licensed under nato-rok's licences (the "
        f"annotations' {dataset.license} does not cover it): see NOTICE."
    )


def bibtex(dataset: Dataset) -> str:
    """Return BibTeX entries for the dataset release and the article it is built from.

    The release's date is the one the manifest gives for its version.
    """
    source = dataset.source
    date = released(dataset.version)
    key = "nato_rok_" + dataset.version.replace(".", "_")
    return (
        f"@misc{{{key},\n"
        f"  author = {{{{{AUTHOR}}}}},\n"
        f"  title = {{{TITLE}}},\n"
        f"  version = {{{dataset.version}}},\n"
        f"  year = {{{date[:4]}}},\n"
        f"  date = {{{date}}},\n"
        f"  howpublished = {{Dataset release {dataset.version}}},\n"
        f"  url = {{{URL}}},\n"
        f"  note = {{Annotations CC BY 4.0; built from \\cite{{nato_news_99519}}}}\n"
        "}\n\n"
        "@misc{nato_news_99519,\n"
        f"  author = {{{{{source.publisher}}}}},\n"
        f"  title = {{{source.title}}},\n"
        f"  year = {{{source.published.year}}},\n"
        f"  date = {{{source.published.isoformat()}}},\n"
        f"  url = {{{source.url}}}\n"
        "}\n"
    )


def apa(dataset: Dataset) -> str:
    """Return APA (7th edition) references for the dataset release and the article."""
    source = dataset.source
    date = released(dataset.version)
    published = source.published
    return (
        f"{AUTHOR}. ({date[:4]}). {TITLE} (Version {dataset.version}) [Data set]. {URL}\n"
        f"{source.publisher}. ({published.year}, {published:%B} {published.day}). "
        f"{source.title}. {source.url}\n"
    )
