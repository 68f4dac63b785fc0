"""The backlog: the story so far as it was read (scene text, what happened,
the player's choices in place, what came due), scrollable, newest at the
bottom. The journal keeps the numbers; this keeps the words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trustquest.engine.backlog import Passage, backlog
from trustquest.engine.describe import event_heading
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.prose import filled


def passage_content(game, passage: Passage) -> Content:
    """One scene of the backlog: heading, text, events, answers, consequences."""
    heading = f"Choice {passage.turn + 1}" + (f" · {passage.time}" if passage.time else "")
    if passage.current:
        heading += " · now"
    lines: list[Content] = [styled(heading, "bold $accent")]
    for e in passage.events:
        lines.append(assemble(("◆ " + event_heading(e), "bold"), filled(game, e.source, e.reader)))
    lines.append(filled(game, passage.source, passage.reader))
    for answer in passage.answers:
        chosen = filled(game, answer.source, answer.reader).stylize("italic")
        lines.append(assemble(("▸ You chose: ", "bold"), chosen))
    for f in passage.fired:
        if f.averted:
            lines.append(
                assemble(
                    ("✓ Something from earlier came due, and did not happen: ", "bold"), f.text
                )
            )
        else:
            lines.append(
                assemble(("⏰ Something from earlier catches up with you: ", "bold"), f.text)
            )
    return join("\n", lines)


def backlog_content(game, reader: str = "a") -> Content:
    passages = backlog(game, reader)
    if not passages:
        return literal("Nothing yet.")
    return join("\n\n", [passage_content(game, p) for p in passages])


class BacklogScreen(ModalScreen):
    """Opened with `b` on the play screen; Esc, b or q closes it."""

    BINDINGS = [Binding("escape,b,q", "close", "Close")]

    def __init__(self, game, reader: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.reader = reader

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(
                literal(f"The story so far: {self.game.scenario.title}"), classes="dialog-title"
            )
            yield Static(
                literal("The newest is at the bottom; ↑ and PgUp read back."), classes="hint"
            )
            with VerticalScroll(classes="dialog-body", id="backlog-body"):
                yield Static(backlog_content(self.game, self.reader), id="backlog")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one("#backlog-body", VerticalScroll)
        body.focus()
        body.scroll_end(animate=False)  # the newest at the bottom, as it was read

    def action_close(self) -> None:
        self.dismiss()
