"""The change line above the story: one line, drawn again at every width so
as many moves fit as there is room for (see `render.changes`)."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from trustquest.engine.recent import Recent
from trustquest.tui.literal import literal
from trustquest.tui.render.changes import change_line, nothing_moved


class ChangeLine(Widget):
    DEFAULT_CSS = """
    ChangeLine {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $boost;
    }
    ChangeLine.-empty { display: none; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._game = None
        self._recent: Recent | None = None
        self._reader = "a"

    def show(self, game, recent: Recent | None, reader: str) -> None:
        self._game, self._recent, self._reader = game, recent, reader
        self.set_class(nothing_moved(recent), "-empty")
        self.refresh()

    @property
    def text(self) -> str:
        """The line as drawn now, for a test or a screen reader's summary."""
        return self.render().plain

    def render(self) -> Content:
        if self._game is None:
            return literal("")
        width = self.content_size.width or 80
        return change_line(self._game, self._recent, self._reader, width)
