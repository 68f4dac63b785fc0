"""One-step undo of the last choice, in solo play.

Before a choice the face keeps a whole copy of the state; undo puts that
copy back, so the game is exactly as it was (by D7 the same choice again
gives the same result). Hot-seat has no undo: taking an answer back, or
seeing what it did and trying another, would undo the privacy of both
players' answers.
"""

from __future__ import annotations

import attrs

from trustquest.engine.game import Game
from trustquest.engine.history import ChoiceEntry
from trustquest.engine.state import GameState

#: Why the key does nothing in a story for two.
NOT_TOGETHER = (
    "Undo is for solo play: playing together, taking an answer back could show "
    "or change the other player's private answers."
)
NOTHING_YET = "Nothing to undo yet: undo takes back the last choice made since this story opened."


@attrs.frozen
class UndoPoint:
    """The state just before the last choice of `game` (that very object)."""

    game: Game = attrs.field(eq=False)
    previous: GameState


def before_choice(game: Game) -> UndoPoint | None:
    """What to keep before `game` takes a choice: None in hot-seat."""
    if game.state.mode != "solo":
        return None
    return UndoPoint(game, game.state.copy())


def refusal(game: Game, point: UndoPoint | None) -> str:
    """Why the last choice of `game` cannot be undone now, or "" if it can.
    A point kept for another game (a new story, a load, a reload) is no use."""
    if game.state.mode != "solo":
        return NOT_TOGETHER
    if point is None or point.game is not game:
        return NOTHING_YET
    return ""


def undone(point: UndoPoint) -> Game:
    """A game back at the kept state, exactly as it was."""
    return Game(point.game.scenario, point.previous.copy())


def taken_back(point: UndoPoint) -> str:
    """The text of the choice an undo takes back (placeholders not filled:
    fill it for role a), or "" if the scenario no longer has it."""
    scene = point.game.scenario.scenes.get(point.previous.scene)
    since = point.game.state.history[len(point.previous.history) :]
    entry = next((h for h in since if isinstance(h, ChoiceEntry)), None)
    if scene is None or entry is None or entry.choice_of("a") is None:
        return ""
    index = entry.choice_of("a").index
    return scene.choices[index].text if index < len(scene.choices) else ""
