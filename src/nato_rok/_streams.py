"""The standard streams and signals of the command line, hardened.

Output that can always be written or given up on quietly: stdout as UTF-8
whatever the console (:func:`out`), messages escaped on stderr that stay silent
when stderr is unusable (:func:`say`), a failed stdout reported once
(:func:`lost`) and both streams flushed before exit (:func:`settle`); and every
catchable signal that would end the process turned into an unwinding, as
Ctrl-C is (:func:`stopping_signals`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

from nato_rok._terminal import escape

__all__ = ["SIGNAL_NAMES", "Signals", "Stopped", "lost", "out", "say", "settle", "stopping_signals"]


def out(text: str) -> None:
    """Write *text* to stdout as UTF-8, whatever the console's encoding.

    Raises:
        OSError: Standard output is closed or cannot be written.
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed (>&-)
        raise OSError(errno.EBADF, "it is closed")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
    else:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def say(message: str, *, lines: bool = False) -> None:
    """Write a message to stderr, escaped; stay silent if stderr is unusable.

    The message is one line (any line feed in it is escaped) unless *lines*
    is true, for argparse's own multi-line usage messages.
    """
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(escape(message, newlines=lines) + "\n")
        stream.flush()
    except (OSError, ValueError):  # closed, full, or cannot encode: nowhere left to say it
        _silence(stream)


def lost(exc: OSError) -> None:
    """Say that standard output failed (unless the reader simply left), and stop writing."""
    if not isinstance(exc, BrokenPipeError):  # `nato-rok ... | head`: quiet, as Unix tools are
        say(f"nato-rok: error: cannot write standard output: {exc.strerror}")
    _silence(sys.stdout)


def _silence(stream: Any) -> None:
    """Point a failed standard stream at the null device, so exit has nothing to complain of."""
    try:
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):  # not a real file (tests), or gone
        return
    os.dup2(null, fd)
    os.close(null)


def settle() -> None:
    """Flush both streams now, so a failure ends here and not in a complaint at exit.

    Every failure that matters was reported where it happened; this is the
    safety net, and says nothing.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence(sys.stdout)
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        _silence(sys.stderr)


# Signals whose default action ends the process, and which a process may
# catch. Left out: SIGPIPE and SIGXFSZ, which Python ignores (the write fails,
# and says so), and the faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
# SIGTRAP, SIGSYS), which report a bug in the process itself.
_STOPPING = (
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGTERM",
    "SIGUSR1",
    "SIGUSR2",
    "SIGALRM",
    "SIGVTALRM",
    "SIGPROF",
    "SIGXCPU",
    "SIGIO",
    "SIGPWR",
    "SIGSTKFLT",
)
SIGNAL_NAMES = {int(number): number.name for number in signal.Signals}


class Stopped(KeyboardInterrupt):
    """A signal that would end the process: unwound as Ctrl-C is, so clean-ups run."""


class Signals:
    """The handler of every stopping signal, and the signal it received.

    Once armed, the first signal raises :class:`Stopped` wherever the
    command is (one that came before is raised by :meth:`arm`); every later
    one, and any after :attr:`done`, is ignored, so a second Ctrl-C cannot
    cut the clean-up short.
    """

    def __init__(self) -> None:
        self.received: list[int] = []
        self.armed = False
        self.done = False

    def arm(self) -> None:
        """Let a signal stop the command (at once, if one came already)."""
        self.armed = True
        if self.received:
            raise Stopped

    def __call__(self, number: int, frame: object) -> None:
        if self.received or self.done:
            return
        self.received.append(number)
        if self.armed:
            raise Stopped


@contextlib.contextmanager
def stopping_signals() -> Iterator[Signals]:
    """Handle every stopping signal with one :class:`Signals` while the block runs.

    Only a signal left at its default action is taken (a SIGHUP that
    ``nohup`` ignores stays ignored), only from the main thread (the only one
    Python lets handle signals), and the previous handlers are put back.
    """
    handler = Signals()
    numbers = [int(getattr(signal, name)) for name in _STOPPING if hasattr(signal, name)]
    # Real-time signals end a process too (none where the platform has none).
    numbers.extend(range(getattr(signal, "SIGRTMIN", 0), getattr(signal, "SIGRTMAX", -1) + 1))
    previous: dict[int, Any] = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        for number in numbers:
            if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                previous[number] = signal.signal(number, handler)
    try:
        yield handler
    finally:
        for number, before in previous.items():
            signal.signal(number, before)
