"""Windows over the play screen: the journal of the story so far, the meters
(for narrow terminals and the quiet layout, where they are not beside the
story), and the full detail of what the last turn changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from trustquest.engine.describe import trust_sentence
from trustquest.tui.literal import literal
from trustquest.tui.render.journal import journal_content
from trustquest.tui.render.outcome import details_content
from trustquest.tui.widgets.keybar import KeyBar
from trustquest.tui.widgets.meters import LEGEND, MetersPanel


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
        yield KeyBar()

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
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(MetersPanel).show_game(self.game, self.reader)
        self.query_one(".dialog-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()


class DetailsScreen(ModalScreen):
    """Everything the last turn changed, in symbols and in words: the change
    line above the story is its one-line summary."""

    BINDINGS = [Binding("escape,d,q", "close", "Close")]

    def __init__(self, game, outcome, choice_text, reader: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.outcome = outcome
        self.choice_text = choice_text
        self.reader = reader

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(literal("What changed"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(
                    details_content(self.game, self.outcome, self.choice_text, self.reader),
                    id="details",
                )
                yield Static(literal(LEGEND), classes="hint", id="details-legend")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(".dialog-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
