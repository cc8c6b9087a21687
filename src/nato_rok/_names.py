"""Name normalisation for forgiving look-ups."""

from __future__ import annotations

import re
import unicodedata

# Spaces, hyphens and the other dashes, and full stops ("Mr.") do not
# distinguish one person from another in this dataset.
_IGNORED = re.compile(r"[\s\-\u2010-\u2015\u2212.]+")


def name_key(name: str) -> str:
    """Return the look-up key of *name*.

    The key is NFC, case-folded, and without spaces, hyphens, dashes or
    full stops.
    """
    return _IGNORED.sub("", unicodedata.normalize("NFC", name).casefold())
