"""The output boundary of the headless faces (list, validate, run, simulate,
graph, new, schema, plain mode and every error message): whatever they print
goes through `CleanStream`, so a file *named* with escape sequences, or text
from a save, can never drive the terminal (clear it, write the clipboard with
OSC 52, open links...). The full-screen game has its own path, `tui.literal`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from trustquest.engine.text import strip_controls


class CleanStream:
    """A text stream that drops control and format characters on the way out
    (newlines and tabs stay). Everything else is the wrapped stream's."""

    def __init__(self, stream):
        self.raw = stream

    def write(self, text: str) -> int:
        self.raw.write(strip_controls(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


def raw(stream):
    """The stream under any CleanStreams, for output that is the game's own
    terminal control (a progress bar, plain mode clearing the screen)."""
    while isinstance(stream, CleanStream):
        stream = stream.raw
    return stream


@contextmanager
def clean_output() -> Iterator[None]:
    """Route sys.stdout and sys.stderr through CleanStream while inside."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanStream(sys.stdout), CleanStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
