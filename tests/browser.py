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


def report(page: Path, width: int, height: int, profile: Path) -> dict[str, object]:
    """Open *page* (which holds a probe) at *width* x *height*; return the probe's report."""
    completed = subprocess.run(  # our own Chromium, our own page
        [
            chromium(),
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
