"""The journal of the story so far, and the meters in a window of their own
(for narrow terminals, where they do not fit beside the story)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trustquest.engine.describe import trust_sentence
from trustquest.tui.literal import literal
from trustquest.tui.render.journal import journal_content
from trustquest.tui.widgets.meters import MetersPanel


class JournalScreen(ModalScreen):
    BINDINGS = [Binding("escape,j,q", "close", "Close")]

    def __init__(self, game, reader: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.reader = reader

    def compose(self) -> ComposeResult:
        title = f"Journal: {self.game.scenario.title}"
        if self.game.state.mode == "hotseat":
            title = f"{self.game.state.names[self.reader]}'s journal: {self.game.scenario.title}"
        with Vertical(classes="dialog -wide"):
            yield Static(literal(title), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(journal_content(self.game, self.reader), id="journal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one(".dialog-body", VerticalScroll)
        body.focus()
        body.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss()


class MetersScreen(ModalScreen):
    BINDINGS = [Binding("escape,m,q", "close", "Close")]

    def __init__(self, game, reader: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.reader = reader

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -meters"):
            yield Static(literal("Trust, both ways"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(literal(trust_sentence(self.game, self.reader)), classes="hint")
                yield MetersPanel(id="meters-modal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(MetersPanel).show_game(self.game, self.reader)
        self.query_one(".dialog-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
