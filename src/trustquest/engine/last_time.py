"""The choices taken the last time a story was played through, so the next
playthrough can mark them ("you chose this last time"), as story games do.

Solo play only: in hot-seat the marks would show one player what the other
chose before.
"""

from __future__ import annotations

from trustquest.engine.game import Game
from trustquest.engine.history import ChoiceEntry

#: scene id -> the file indexes of the choices taken there.
Taken = dict[str, tuple[int, ...]]


def taken(game: Game) -> Taken:
    """What the player chose in each scene of `game` (solo: role a)."""
    out: dict[str, set[int]] = {}
    if game.state.mode != "solo":
        return {}
    for entry in game.state.history:
        if isinstance(entry, ChoiceEntry) and entry.chose("a"):
            out.setdefault(entry.scene, set()).add(entry.choice_of("a").index)
    return {scene: tuple(sorted(indexes)) for scene, indexes in out.items()}


def marked(game: Game, last: Taken, index: int) -> bool:
    """Is the current scene's choice `index` one taken last time? Never in hot-seat."""
    return game.state.mode == "solo" and index in last.get(game.state.scene, ())
