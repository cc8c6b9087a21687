"""Score an event coder, a quotation attributor or a tagger against the gold records.

    nato-rok score coder.plover.jsonl

reads prediction files in the project's own PLOVER JSON Lines export, the
W3C Web Annotation export, a plain JSON Lines span format or a CAMEO-style
CSV event table, matches them one to one with the gold records of a release
(optimally over the whole file: scipy's ``linear_sum_assignment``, from the
``score`` extra), and reports precision, recall and F1 at every level: the
four span schemes of nervaluate and SemEval-2013 (``strict``, ``exact``,
``partial``, ``type``) and a character ``overlap``; for events, CAMEO
(``cameo``, ``cameo_base``, ``cameo_root``, ``quad_class``), PLOVER
(``plover_event``, ``plover_event_mode``, ``plover_context``), ``dyad``,
``date`` and ``date_near``, and the mean absolute Goldstein error. The
how-to "Score your event coder" defines every level exactly.

    >>> import nato_rok
    >>> from nato_rok.export import plover
    >>> from nato_rok.score import score
    >>> report = score(plover.jsonl(nato_rok.load()), task="events")
    >>> report.results[0].level("cameo").f1
    1.0

.. versionadded:: 1.2.0
"""

from nato_rok.score._html import html_report
from nato_rok.score._items import TASKS
from nato_rok.score._match import EVENT_LEVELS, SPAN_LEVELS
from nato_rok.score._read import FORMATS
from nato_rok.score._results import (
    SCORE_VERSION,
    Agreement,
    Diagnostic,
    FileScore,
    LevelScore,
    Report,
)
from nato_rok.score._score import agreement, score

__all__ = [
    "EVENT_LEVELS",
    "FORMATS",
    "SCORE_VERSION",
    "SPAN_LEVELS",
    "TASKS",
    "Agreement",
    "Diagnostic",
    "FileScore",
    "LevelScore",
    "Report",
    "agreement",
    "html_report",
    "score",
]
