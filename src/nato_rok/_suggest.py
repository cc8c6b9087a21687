"""Did you mean: the closest names or ids to one that was refused.

One rule for every look-up of the API and the command line: texts that start
with what was asked come first, then texts sharing a word with it, then the
texts :mod:`difflib` finds similar. Matching ignores case, spaces, hyphens
and full stops, as :func:`nato_rok._names.name_key` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nato_rok._names import name_key
from nato_rok.exceptions import AmbiguousNameError, RecordNotFoundError

_WORD = re.compile(r"[^\W_]+")

#: How many suggestions a message shows; the error keeps them all.
SHOWN = 3


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def suggestions(wanted: object, choices: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Return what to suggest for *wanted*, best first, without repeats.

    Args:
        wanted: The name or id that was refused (anything: a look-up may be
            given a non-string).
        choices: ``(text, suggestion)`` pairs: *text* is matched, *suggestion*
            is offered (a participant's alias matches, its name is offered).

    Returns:
        Every choice whose text starts with *wanted*, in the order given; then
        every choice with a word that starts with one of *wanted*'s words, the
        most similar first; then up to :data:`SHOWN` similar ones.

    """
    if type(wanted) is not str or not name_key(wanted):
        return ()
    import difflib  # only a refused look-up needs it: 0.9 ms off every cold start

    key = name_key(wanted)
    words = [word for word in _words(wanted) if len(word) >= 2]
    pairs = list(choices)
    prefix = [offer for text, offer in pairs if name_key(text).startswith(key)]
    shared = sorted(
        (
            (text, offer)
            for text, offer in pairs
            if any(theirs.startswith(mine) for mine in words for theirs in _words(text))
        ),
        key=lambda pair: -difflib.SequenceMatcher(None, key, name_key(pair[0])).ratio(),
    )
    by_key: dict[str, str] = {}
    for text, offer in pairs:
        by_key.setdefault(name_key(text), offer)
    similar = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=SHOWN)]
    return tuple(dict.fromkeys([*prefix, *(offer for _, offer in shared), *similar]))


def did_you_mean(found: tuple[str, ...]) -> str:
    """Return ``"; did you mean 'a' or 'b'?"`` for *found*, or ``""`` for none.

    At most :data:`SHOWN` are named; the rest are counted.
    """
    if not found:
        return ""
    named = [repr(text) for text in found[:SHOWN]]
    rest = len(found) - len(named)
    if rest:
        named.append(f"one of {rest} more" if rest > 1 else "one more")
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
    return f"; did you mean {listed}?"


def refusal(
    summary: str,
    wanted: object,
    choices: Iterable[tuple[str, str]],
    error: type[RecordNotFoundError] = RecordNotFoundError,
) -> RecordNotFoundError:
    """Return *error* saying *summary*, with the suggestions for *wanted* among *choices*."""
    found = suggestions(wanted, choices)
    return error(summary + did_you_mean(found), suggestions=found)


def ambiguity(what: str, wanted: str, candidates: Iterable[str]) -> AmbiguousNameError:
    """Return the error saying that *wanted* names several *what*, listing them all."""
    found = tuple(dict.fromkeys(candidates))
    listed = ", ".join(repr(name) for name in found)
    return AmbiguousNameError(
        f"{wanted!r} could be any of {len(found)} {what}: {listed}; give a full name or an id",
        suggestions=found,
    )
