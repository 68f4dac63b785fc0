"""Hot-seat screens: the hand-over between the two players, and the results
both players (or, before a hand-over, only the one who chose) look at.

The hand-over is a screen of its own, so nothing of the previous turn is on
screen while the keyboard changes hands, and the play screen's keys (number
keys above all) cannot reach a choice from here.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from trustquest.engine.recap import recap
from trustquest.tui import messages
from trustquest.tui.literal import assemble, literal, one_line
from trustquest.tui.render.outcome import outcome_content
from trustquest.tui.render.reveal import reveal_cell, verdict
from trustquest.tui.widgets.keybar import KeyBar


class HandOverScreen(Screen[bool]):
    """Whose turn it is, and nothing else. Dismisses True when the named player
    confirms they are at the keyboard."""

    BINDINGS = [
        Binding("enter", "confirm", "Show my turn", key_display="⏎", priority=True),
        Binding("escape", "leave", "Title"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        *[Binding(str(n), "stray", show=False) for n in range(10)],
    ]

    def __init__(self, game, role: str, note: str = ""):
        super().__init__()
        self.game = game
        self.role = role
        self.note = note

    def compose(self) -> ComposeResult:
        names = self.game.state.names
        name = names[self.role]
        yield Static(
            literal(f"{self.game.scenario.title} · playing together"), classes="screen-title"
        )
        with VerticalScroll(id="handover-scroll"), Vertical(id="handover"):
            yield Static(literal("Hand-over"), id="handover-label")
            yield Static(literal(f"{name}'s turn"), id="handover-name")
            if self.note:
                yield Static(literal(self.note), id="handover-note")
            # What happened since this player's last turn: shared story only,
            # so it can stand here while either player is looking.
            told = recap(self.game, self.role)
            if told.lines:
                yield Static(
                    assemble((told.heading, "bold"), "\n", "\n".join(told.lines)),
                    id="handover-recap",
                )
            yield Static(
                literal(
                    f"{name}, take the keyboard. Everyone else, look away: what comes next "
                    f"is for {name} only."
                ),
                id="handover-text",
            )
            with Center():
                yield Button(
                    one_line(f"I'm {name} — show my turn (Enter)"),
                    id="handover-go",
                    variant="primary",
                    compact=True,
                )
            yield Static(
                literal(f"Not {name}? Pass the keyboard first. Number keys do nothing here."),
                id="handover-hint",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        # Focused without scrolling: the top of the box (whose turn, the recap) stays in view.
        self.query_one("#handover-go", Button).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_stray(self) -> None:
        """A number key here chooses nothing; say so in place (no pop-up to cover the box)."""
        name = self.game.state.names[self.role]
        hint = self.query_one("#handover-hint", Static)
        hint.update(
            literal(
                f"Nothing was chosen: this is the hand-over. {name}, press Enter when you "
                "are at the keyboard."
            )
        )
        hint.add_class("-warn")
        self.app.bell()

    def action_leave(self) -> None:
        self.post_message(
            messages.LeaveStory(
                self.game,
                "Your place is autosaved after every answer; Continue on the title picks it "
                "up, starting with a hand-over.",
            )
        )


class RevealScreen(Screen):
    """After a `both` or `predict` scene: both answers, side by side, whether
    they matched, and what changed. Both players look at this together.

    With `private_for` set it is instead one player's own result, shown
    before the keyboard goes to the other player: "You chose ..." and what
    it changed, from that player's side."""

    BINDINGS = [
        Binding("enter", "done", "Continue", key_display="⏎", priority=True),
        Binding("pageup", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(1)", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        *[Binding(str(n), "stray", show=False) for n in range(10)],
    ]

    def __init__(self, game, outcome, private_for: str | None = None, choice_text: str = ""):
        super().__init__()
        self.game = game
        self.outcome = outcome
        self.private_for = private_for
        self.choice_text = choice_text

    def compose(self) -> ComposeResult:
        game, outcome = self.game, self.outcome
        names = game.state.names
        scene = game.scenario.scenes[outcome.scene_id]
        next_role = game.prompt().role if not game.over else None
        with_next = f" · next: {names[next_role]}'s turn" if next_role else ""
        if self.private_for is not None:
            me = self.private_for
            yield Static(
                literal(f"{names[me]}: what your choice changed{with_next}"),
                classes="screen-title",
            )
            with VerticalScroll(id="reveal"):
                yield Static(
                    literal(f"Only {names[me]} should see this. Then the keyboard goes on."),
                    classes="hint",
                )
                yield Static(
                    outcome_content(game, outcome, self.choice_text, me), classes="box", id="result"
                )
                with Center():
                    yield Button(
                        one_line(f"Done — hand over to {names[next_role]} (Enter)")
                        if next_role
                        else "Continue (Enter)",
                        id="reveal-go",
                        variant="primary",
                        compact=True,
                    )
            yield KeyBar()
            return
        kind = {"predict": "the guess", "both_ways": "the guesses"}.get(scene.shape, "both answers")
        yield Static(literal(f"Together again: {kind}, revealed"), classes="screen-title")
        with VerticalScroll(id="reveal"):
            if scene.time:
                yield Static(literal(self.game.time_of(scene, "a")), id="reveal-time")
            with Horizontal(id="reveal-columns"):
                for role in ("a", "b"):
                    yield Static(
                        reveal_cell(game, outcome, scene, role),
                        classes="reveal-cell",
                        id=f"reveal-{role}",
                    )
            yield Static(verdict(game, outcome), id="reveal-verdict")
            yield Static(literal("What changed"), classes="section")
            yield Static(outcome_content(game, outcome, "", None), id="reveal-changes")
            with Center():
                yield Button(
                    one_line(f"Continue: {names[next_role]}'s turn is next (Enter)")
                    if next_role
                    else "Continue (Enter)",
                    id="reveal-go",
                    variant="primary",
                    compact=True,
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#reveal-go", Button).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        self.dismiss(True)

    def action_scroll(self, direction: int) -> None:
        body = self.query_one("#reveal", VerticalScroll)
        if direction < 0:
            body.scroll_page_up()
        else:
            body.scroll_page_down()

    def action_stray(self) -> None:
        self.app.bell()  # nothing to choose here: Enter goes on
