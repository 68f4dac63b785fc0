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
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trustquest.engine.describe import opening_lines, verdicts
from trustquest.engine.meters import other
from trustquest.engine.recap import recap
from trustquest.engine.turns import GUESS
from trustquest.tui.literal import assemble, join, literal, one_line, styled
from trustquest.tui.widgets.prose import prose, words_content


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
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.app.game = self.game
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
        from trustquest.tui.screens.dialogs import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                if not self.game.over:
                    self.app.autosave(self.game)
                self.app.go_title()

        self.app.push_screen(
            ConfirmScreen(
                "Leave this story?",
                "Your place is autosaved after every answer; Continue on the title picks it "
                "up, starting with a hand-over.",
                "Leave",
                "Stay",
            ),
            answer,
        )


def answer_cell(game, pick, scene) -> tuple[str, Content]:
    """(verb, text) for one answer in a reveal: 'chose' / 'guessed', and the
    choice in its chooser's words."""
    return ("guessed" if pick.kind == GUESS else "chose"), words_content(
        game, game.words(scene, pick)
    )


def verdict(game, outcome) -> Content:
    """How the answers of a scene both players answered compare."""
    return styled("\n".join(verdicts(game, outcome.picks)), "bold")


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
        from trustquest.tui.screens.play import outcome_content

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
            yield Footer(show_command_palette=False)
            return
        kind = {"predict": "the guess", "both_ways": "the guesses"}.get(scene.shape, "both answers")
        yield Static(literal(f"Together again: {kind}, revealed"), classes="screen-title")
        with VerticalScroll(id="reveal"):
            if scene.time:
                yield Static(literal(self.game.time_of(scene, "a")), id="reveal-time")
            with Horizontal(id="reveal-columns"):
                for role in ("a", "b"):
                    picks = [p for p in outcome.picks if p.role == role]
                    lines = [styled(names[role], "bold")]
                    for pick in picks:
                        verb, text = answer_cell(game, pick, scene)
                        lines.append(assemble((f"{verb}: ", "italic"), text))
                    yield Static(join("\n", lines), classes="reveal-cell", id=f"reveal-{role}")
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
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.app.game = self.game
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


# --- the side-by-side debrief -----------------------------------------------------------

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values, width: int = 24) -> str:
    """A line of block characters for a series (0-100), squeezed to `width`."""
    values = list(values)
    if not values:
        return ""
    if len(values) > width:
        step = len(values) / width
        values = [values[min(len(values) - 1, int(i * step))] for i in range(width - 1)] + [
            values[-1]
        ]
    low, high = min(values), max(values)
    span = max(high - low, 10.0)
    base = low - (span - (high - low)) / 2
    out = []
    for v in values:
        level = int((v - base) / span * (len(SPARKS) - 1) + 0.5)
        out.append(SPARKS[max(0, min(len(SPARKS) - 1, level))])
    return "".join(out)


def trust_cell(game, role: str) -> Content:
    """One player's column head in the debrief: their trust in the other, and its journey."""
    from trustquest.engine.describe import fmt, level_word
    from trustquest.engine.reflection import trust_path

    names = game.state.names
    path = trust_path(game, role)
    delta = path.end - path.start
    arrow = "▲" if delta > 0.5 else "▼" if delta < -0.5 else "="
    lows = "at the start" if path.low_step == 0 else f"after choice {path.low_step}"
    return assemble(
        (names[role], "bold"),
        "\n",
        (f"Trust in {names[other(role)]}: ", "italic"),
        f"{fmt(path.start)} → {fmt(path.end)} {arrow} ({level_word(path.end)})",
        "\n",
        (sparkline(path.series), "bold"),
        "\n",
        f"Lowest {fmt(path.low)}, {lows}",
    )


def tally_cell(game, role: str, rows) -> Content:
    names = game.state.names
    chose = sum(1 for r in rows for a in r.answers[role] if a.kind == "choose")
    guesses = [a for r in rows for a in r.answers[role] if a.kind == "guess"]
    parts = [f"{chose} choice{'s' if chose != 1 else ''}"]
    if guesses:
        right = sum(1 for a in guesses if a.right)
        parts.append(f"guessed {names[other(role)]}'s choice right {right} of {len(guesses)}")
    return literal("; ".join(parts) + ".")


def compose_debrief(game) -> ComposeResult:
    """The side-by-side debrief: a column per player, scene by scene."""
    from trustquest.engine.reflection import debrief_opening, debrief_rows

    names = game.state.names
    rows = debrief_rows(game)
    # It opens with where you differed most and how well each read the other.
    for line in opening_lines(game, debrief_opening(game, rows), lambda t: prose(t).plain):
        yield Static(literal(line), classes="debrief-opening")
    yield Static(
        literal("Your choices, side by side. Until now each of you saw only your own."),
        classes="hint",
    )
    with Horizontal(classes="debrief-row -head"):
        for role in ("a", "b"):
            yield Static(trust_cell(game, role), classes="debrief-cell", id=f"debrief-trust-{role}")
    with Horizontal(classes="debrief-row"):
        for role in ("a", "b"):
            yield Static(tally_cell(game, role, rows), classes="debrief-cell -tally")
    for row in rows:
        label = {
            "both": " · you both answered",
            "predict": " · a guess",
            "both_ways": " · you each guessed",
        }.get(row.kind, "")
        mark = ""
        if row.kind == "both":
            mark = "  ✓ same" if row.matched else "  ≠ different"
        elif row.kind == "predict":
            mark = "  ✓ guessed right" if row.matched else "  ✗ guessed wrong"
        yield Static(
            assemble(
                (f"Choice {row.step}", "bold"),
                (f" · {row.time}" if row.time else "") + label,
                (mark, "bold"),
            ),
            classes="debrief-scene",
        )
        with Horizontal(classes="debrief-row"):
            for role in ("a", "b"):
                lines = []
                for answer in row.answers[role]:
                    if answer.kind == "guess":
                        right = "✓" if answer.right else "✗"
                        lines.append(
                            assemble(
                                (f"{right} {names[role]} guessed: ", "italic"),
                                words_content(game, answer),
                            )
                        )
                    else:
                        lines.append(
                            assemble(
                                (f"{names[role]} chose: ", "italic"),
                                words_content(game, answer),
                            )
                        )
                cell = join("\n", lines) if lines else styled("—", "dim")
                yield Static(cell, classes="debrief-cell")
