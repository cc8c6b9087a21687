"""Headless Chromium for the tests that look at rendered pages.

A page to check gets a probe ``<script>`` that measures it after ``load``
and writes a JSON report into ``body[data-report]``. :class:`Chromium` opens
each page in a window of its own in one browser, which the ``chromium``
fixture (``tests/conftest.py``) starts once a test session for each colour
scheme, and reads the report back over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: commands on the browser's file descriptor 3,
answers on 4, each a JSON text ended by a NUL). A Chromium started for each
page cost two to three seconds; a window costs a fraction of one.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

#: Seconds a page may take to load and report, and the browser to answer.
TIMEOUT = 120


def chromium() -> str:
    """Return the Chromium executable; fail (never skip) when there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, (
        "Chromium is needed (Debian: apt-get install chromium); scripts/check.sh installs it"
    )
    return found


#: Chromium's flags for a reader who prefers a dark theme (``prefers-color-scheme: dark``).
DARK = ("--force-dark-mode", "--blink-settings=preferredColorScheme=0")
#: What every run of Chromium here is given: headless, as root, quiet, offline.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)

#: Waits for the probe's report, on the page the window has navigated to.
_REPORT = """
new Promise((resolve, reject) => {
  const until = Date.now() + %d;
  const poll = () => {
    const found = location.href === %s && document.body
      && document.body.getAttribute("data-report");
    if (found) resolve(found);
    else if (Date.now() > until) reject(new Error("no report from " + location.href));
    else setTimeout(poll, 20);
  };
  poll();
})
"""

#: Waits until the window's blank page is as wide as asked.
_SIZED = """
new Promise((done) => {
  const poll = () => (innerWidth === %d ? done(true) : setTimeout(poll, 10));
  poll();
})
"""


class Chromium:
    """One headless Chromium, in the light or the dark colour scheme, driven over a pipe."""

    def __init__(self, profile: Path, *, dark: bool = False) -> None:
        """Start the browser with its own *profile* folder; *dark* makes it prefer dark."""
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        # The browser's end of each pipe, at the numbers it reads and writes (3 and 4).
        script = 'exec 3<&"$1" 4>&"$2"; shift 2; exec "$@"'
        self._process = subprocess.Popen(  # our own Chromium, fixed arguments
            [
                shutil.which("bash") or "/bin/bash", "-c", script, "chromium",
                str(commands_read), str(answers_write),
                chromium(), *(DARK if dark else ()), *FLAGS,
                f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank",
            ],
            pass_fds=(commands_read, answers_write),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._last_id = 0

    def _send(self, method: str, session: str | None = None, **params: Any) -> None:
        """Send one DevTools command."""
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")

    def _call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its result; fail on its error."""
        answer = self._ask(method, session, **params)
        assert "error" not in answer, f"{method}: {answer['error']}"
        result: dict[str, Any] = answer["result"]
        return result

    def _ask(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its answer, a result or an error."""
        self._send(method, session, **params)
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" not in self._buffer:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([self._answers], [], [], max(left, 0))
                assert ready, f"Chromium did not answer {method} within {TIMEOUT} s"
                chunk = os.read(self._answers, 1 << 16)
                assert chunk, f"Chromium exited ({self._process.poll()}) before answering {method}"
                self._buffer += chunk
            text, self._buffer = self._buffer.split(b"\0", 1)
            answer: dict[str, Any] = json.loads(text)
            if answer.get("id") == self._last_id:  # anything else is an event: not asked for
                return answer

    def _evaluate(self, session: str, expression: str) -> object:
        """Return the value of a JavaScript *expression* (awaited) in the window's page.

        A page that is navigating away destroys the context an expression runs
        in: then it is asked again, in the new page.
        """
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._ask(
                "Runtime.evaluate",
                session,
                expression=expression,
                awaitPromise=True,
                returnByValue=True,
            )
            error = answer.get("error", {}).get("message", "")
            if "context" not in error or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        assert "error" not in answer, f"Runtime.evaluate: {answer['error']}"
        evaluated = answer["result"]
        assert "exceptionDetails" not in evaluated, evaluated["exceptionDetails"]
        return evaluated["result"].get("value")

    def report(self, page: Path, width: int, height: int) -> dict[str, object]:
        """Open *page* (which holds a probe) in a *width* x *height* window; return its report."""
        url = page.as_uri()
        target = self._call(
            "Target.createTarget", url="about:blank", newWindow=True, width=width, height=height
        )["targetId"]
        try:
            session = self._call("Target.attachToTarget", targetId=target, flatten=True)
            session_id = session["sessionId"]
            # The page loads only once the window has its size, as with --window-size.
            self._evaluate(session_id, _SIZED % width)
            self._call("Page.navigate", session_id, url=url)
            text = self._evaluate(session_id, _REPORT % (TIMEOUT * 1000, json.dumps(url)))
        finally:
            self._call("Target.closeTarget", targetId=target)
        found: dict[str, object] = json.loads(str(text))
        return found

    def close(self) -> None:
        """Close the browser (it may exit before it answers) and the pipes."""
        try:
            self._send("Browser.close")
            self._process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._commands)
            os.close(self._answers)


class Browsers:
    """A light and a dark :class:`Chromium`, each started when first asked for."""

    def __init__(self, folder: Path) -> None:
        """Keep the browsers' profiles in *folder*."""
        self._folder = folder
        self._started: dict[bool, Chromium] = {}

    def report(
        self, page: Path, width: int, height: int, *, dark: bool = False
    ) -> dict[str, object]:
        """Return the report of *page* at *width* x *height*, in the dark scheme or not."""
        if dark not in self._started:
            profile = self._folder / ("dark" if dark else "light")
            self._started[dark] = Chromium(profile, dark=dark)
        return self._started[dark].report(page, width, height)

    def close(self) -> None:
        """Close every browser started."""
        for started in self._started.values():
            started.close()


def screenshot(
    page: Path, width: int, height: int, profile: Path, out: Path, *, dark: bool
) -> None:
    """Save a PNG of *page* at *width* x *height* into *out* (for a person to look at)."""
    subprocess.run(  # our own Chromium, our own page
        [
            chromium(),
            *(DARK if dark else ()),
            *FLAGS,
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
