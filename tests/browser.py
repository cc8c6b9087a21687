"""Headless Chromium for the tests that look at rendered pages.

A page to check gets a probe ``<script>`` that measures it after ``load``
and writes a JSON report into ``body[data-report]``; Chromium's
``--dump-dom`` prints the DOM, and :func:`report` reads the JSON back.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path


def chromium() -> str:
    """Return the Chromium executable; fail (never skip) when there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, (
        "Chromium is needed (Debian: apt-get install chromium); scripts/check.sh installs it"
    )
    return found


#: Chromium's flags for a reader who prefers a dark theme (``prefers-color-scheme: dark``).
DARK = ("--force-dark-mode", "--blink-settings=preferredColorScheme=0")


def report(
    page: Path, width: int, height: int, profile: Path, *, dark: bool = False
) -> dict[str, object]:
    """Open *page* (which holds a probe) at *width* x *height*; return the probe's report.

    With *dark*, the browser prefers a dark colour scheme, as a reader's
    system set to dark does.
    """
    completed = subprocess.run(  # our own Chromium, our own page
        [
            chromium(),
            *(DARK if dark else ()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    match = re.search(r'data-report="([^"]*)"', completed.stdout)
    assert match, completed.stdout[-2000:]
    found: dict[str, object] = json.loads(
        match[1]
        .replace("&quot;", '"')
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )
    return found


def screenshot(
    page: Path, width: int, height: int, profile: Path, out: Path, *, dark: bool
) -> None:
    """Save a PNG of *page* at *width* x *height* into *out* (for a person to look at)."""
    subprocess.run(  # our own Chromium, our own page
        [
            chromium(),
            *(DARK if dark else ()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
