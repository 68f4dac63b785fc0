"""The side-by-side debrief as a widget: a column per player, scene by scene."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from trustquest.tui.literal import literal
from trustquest.tui.render.debrief import (
    DEBRIEF_INTRO,
    answers_cell,
    debrief_opening_lines,
    scene_heading,
    tally_cell,
    trust_cell,
)


class Debrief(Vertical):
    DEFAULT_CSS = """
    Debrief { height: auto; }
    Debrief .debrief-row { height: auto; }
    Debrief .debrief-row.-head { margin-top: 1; }
    Debrief .debrief-cell {
        width: 1fr;
        height: auto;
        padding: 0 1;
        border-left: tall $primary;
    }
    Debrief .debrief-cell.-tally { color: $text-muted; }
    Debrief .debrief-scene { margin-top: 1; color: $accent; }
    Debrief .debrief-opening { text-style: bold; }
    """

    def __init__(self, game, **kwargs):
        super().__init__(**kwargs)
        self.game = game

    def compose(self) -> ComposeResult:
        from trustquest.engine.privacy import averted_untold
        from trustquest.engine.reflection import debrief_rows
        from trustquest.tui.render.outcome import later_content

        game = self.game
        rows = debrief_rows(game)
        # It opens with where you differed most and how well each read the other.
        for line in debrief_opening_lines(game, rows):
            yield Static(literal(line), classes="debrief-opening")
        yield Static(literal(DEBRIEF_INTRO), classes="hint")
        with Horizontal(classes="debrief-row -head"):
            for role in ("a", "b"):
                yield Static(
                    trust_cell(game, role), classes="debrief-cell", id=f"debrief-trust-{role}"
                )
        with Horizontal(classes="debrief-row"):
            for role in ("a", "b"):
                yield Static(tally_cell(game, role, rows), classes="debrief-cell -tally")
        for row in rows:
            yield Static(scene_heading(row), classes="debrief-scene")
            with Horizontal(classes="debrief-row"):
                for role in ("a", "b"):
                    yield Static(answers_cell(game, row, role), classes="debrief-cell")
        # What each set up that was averted after their last turn: theirs
        # until now, when the debrief compares everything.
        averted = {role: averted_untold(game, role) for role in ("a", "b")}
        if any(averted.values()):
            yield Static(literal("Came due after your last turn"), classes="debrief-scene")
            with Horizontal(classes="debrief-row"):
                for role in ("a", "b"):
                    yield Static(
                        later_content(game, averted[role], role) if averted[role] else literal("—"),
                        classes="debrief-cell",
                        id=f"debrief-averted-{role}",
                    )
