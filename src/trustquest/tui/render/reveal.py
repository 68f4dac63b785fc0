"""Hot-seat reveals: each answer as the actor saw it, and how two answers compare."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.describe import verdicts
from trustquest.engine.game import Game
from trustquest.engine.turns import GUESS
from trustquest.tui.literal import assemble, join, styled
from trustquest.tui.render.outcome import outcome_content
from trustquest.tui.widgets.prose import words_content


def answer_cell(game: Game, pick, scene) -> tuple[str, Content]:
    """(verb, text) for one answer in a reveal: 'chose' / 'guessed', and the
    choice in its chooser's words."""
    return ("guessed" if pick.kind == GUESS else "chose"), words_content(
        game, game.words(scene, pick)
    )


def verdict(game: Game, outcome) -> Content:
    """How the answers of a scene both players answered compare."""
    return styled("\n".join(verdicts(game, outcome.picks)), "bold")


def reveal_cell(game: Game, outcome, scene, role: str) -> Content:
    """One player's column of a reveal: their name and their answers."""
    lines = [styled(game.state.names[role], "bold")]
    for pick in (p for p in outcome.picks if p.role == role):
        verb, text = answer_cell(game, pick, scene)
        lines.append(assemble((f"{verb}: ", "italic"), text))
    return join("\n", lines)


def last_answer_content(game: Game, outcome) -> Content:
    """The last scene's answers, named, and what they changed (both players
    read the ending together)."""
    names = game.state.names
    scene = game.scenario.scenes.get(outcome.scene_id)
    lines: list[Content] = []
    if scene is not None:
        for pick in outcome.picks:
            verb, text = answer_cell(game, pick, scene)
            lines.append(assemble((f"{names[pick.role]} {verb}: ", "bold"), text.stylize("italic")))
        if len(outcome.picks) > 1:
            lines.append(verdict(game, outcome))
    lines.append(outcome_content(game, outcome, "", None))
    return join("\n", lines)
