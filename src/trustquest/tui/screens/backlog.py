"""The backlog: the story so far as it was read (scene text, what happened,
the answers in place, what came due), scrollable, newest at the
bottom. The journal keeps the numbers; this keeps the words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from trustquest.engine.meters import other
from trustquest.tui.literal import literal
from trustquest.tui.render.backlog import backlog_content
from trustquest.tui.widgets.keybar import KeyBar


class BacklogScreen(ModalScreen):
    """Opened with `b` on the play screen; Esc, b or q closes it."""

    BINDINGS = [Binding("escape,b,q", "close", "Close")]

    def __init__(self, game, viewer: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.viewer = viewer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            state = self.game.state
            title = f"The story so far: {self.game.scenario.title}"
            hint = "The newest is at the bottom; ↑ and PgUp read back."
            if state.mode == "hotseat":
                title = f"{state.names[self.viewer]}'s story so far: {self.game.scenario.title}"
                hint += (
                    f" What {state.names[other(self.viewer)]} answered in private stays "
                    "private until the end."
                )
            yield Static(literal(title), classes="dialog-title")
            yield Static(literal(hint), classes="hint")
            with VerticalScroll(classes="dialog-body", id="backlog-body"):
                yield Static(backlog_content(self.game, self.viewer), id="backlog")
        yield KeyBar()

    def on_mount(self) -> None:
        body = self.query_one("#backlog-body", VerticalScroll)
        body.focus()
        body.scroll_end(animate=False)  # the newest at the bottom, as it was read

    def action_close(self) -> None:
        self.dismiss()
