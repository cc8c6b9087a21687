"""Short reprs: a record's id and what identifies it, on one line a person can read.

A repr never holds the whole record (a quotation, the article's text): it
shows the fields its class's :class:`Look` names, shortens long texts to fit
:data:`LIMIT` characters and says so (``'Today's securi…' (145 chars)``),
writes a span as ``start:end`` and an enum as its value. It is for reading,
not for ``eval``; the whole record is ``nato_rok.dumps`` or ``attrs.asdict``
away.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

import attrs

#: The longest repr of a record, in characters (a long id may exceed it).
LIMIT = 120


@attrs.frozen(kw_only=True)
class Look:
    """How a record class is shown, declared in its body as ``_look = Look(...)``.

    A class whose look has a :attr:`colour` is a *kind of record*: the
    ``Dataset`` fields that hold it are its collection (see
    ``nato_rok.dataset.kinds``), and every display reads it from here.

    Attributes:
        shown: The fields its repr shows, in order; empty: every field.
        colour: Its colour in the notebook cards and the HTML export (light
            enough to read black text on); ``None`` for a class that is not
            a kind of record (the source, a coding, a name).
        legend: Its place in the HTML export's legend, lowest first (the
            order the colours were chosen in); ``None`` comes last.
    """

    shown: tuple[str, ...] = ()
    colour: str | None = None
    legend: int | None = None


_PLAIN = Look()


def look(cls: type) -> Look:
    """Return the :class:`Look` a record class declares (every field, no colour if none)."""
    found: Look = getattr(cls, "_look", _PLAIN)
    return found


#: How a repr writes a value of these types, never shortened. Filled by the
#: record modules, which sit above this one (:mod:`nato_rok.model` writes a
#: ``Span`` as ``start:end``).
WRITERS: dict[type, Callable[[Any], str]] = {}

_ELLIPSIS = "…"


class Shown:
    """Mixin: the short repr and the notebook displays of a record class.

    The displays live in :mod:`nato_rok._display`, imported on first use.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return short_repr(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's text view: the short repr."""
        printer.text(short_repr(self))

    def _repr_html_(self) -> str:
        """Jupyter's view: a card (a quotation in its sentence, a person's mentions...)."""
        from nato_rok._display import html_card

        return html_card(self)


def _fixed(value: object) -> str | None:
    """Return how *value* is written if it is never shortened, else None."""
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    writer = WRITERS.get(type(value))
    if writer is not None:
        return writer(value)
    if isinstance(value, (str, tuple)):
        return None
    return repr(value)


def shortened(value: str | tuple[Any, ...], width: int) -> str:
    """Return the repr of *value*, shortened to about *width* characters, saying so."""
    full = repr(value)
    if len(full) <= width:
        return full
    if isinstance(value, tuple):
        suffix = f" ({len(value)} items)"
        shown = len(value) - 1
        while shown and len(repr((*value[:shown], _ELLIPSIS))) + len(suffix) > width:
            shown -= 1
        return repr((*value[:shown], _ELLIPSIS)).replace(f"'{_ELLIPSIS}'", _ELLIPSIS) + suffix
    suffix = f" ({len(value)} chars)"
    keep = min(len(value) - 1, width)
    while keep > 1 and len(repr(value[:keep] + _ELLIPSIS)) + len(suffix) > width:
        keep -= 1
    return repr(value[:keep].rstrip() + _ELLIPSIS) + suffix


def short_repr(record: Any) -> str:
    """Return the one-line repr of *record* (an attrs instance), at most about :data:`LIMIT`."""
    cls = type(record)
    names = look(cls).shown or tuple(field.name for field in attrs.fields(cls))
    values = {name: getattr(record, name) for name in names}
    written = {name: repr(v) if name == "id" else _fixed(v) for name, v in values.items()}
    # Share what the fixed parts leave among the texts, the shortest served first.
    budget = LIMIT - len(cls.__name__) - 2
    budget -= sum(len(name) + 1 + len(text) + 2 for name, text in written.items() if text)
    loose = sorted((n for n, t in written.items() if t is None), key=lambda n: len(repr(values[n])))
    for index, name in enumerate(loose):
        share = budget // (len(loose) - index) - len(name) - 3
        written[name] = shortened(values[name], share)
        budget -= len(name) + 3 + len(written[name] or "")
    fields = ", ".join(f"{name}={written[name]}" for name in names)
    return f"{cls.__name__}({fields})"
