"""A scenario file edited while it is played (`play FILE --watch`): what the
edit means for the game in progress, whichever face shows it.

The answers given so far are replayed on the new version; this module says
how many still fit, whether they now lead somewhere else, and how to put
that, and the file's problems, to the player.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from trustquest.engine.diagnostics import format_concise
from trustquest.engine.game import Game, replay
from trustquest.engine.model import Scenario

#: How many of a broken file's problems are listed while the last good version plays on.
MAX_PROBLEMS = 12


class Carried(NamedTuple):
    """The game in progress, replayed on the edited scenario."""

    game: Game
    kept: int  # answers that still fit
    given: int  # answers given before the edit
    moved: bool  # every answer fits, but they now lead elsewhere

    @property
    def all_kept(self) -> bool:
        return self.kept == self.given


def same_file(played: str, path: Path) -> bool:
    """Is the game being played from the file at `path`?"""
    try:
        return bool(played) and Path(played).resolve() == path.resolve()
    except OSError:
        return False


def carry_over(scenario: Scenario, old: Game) -> Carried:
    """Replay `old`'s answers on `scenario` (TrustQuestError when it cannot
    be played that way at all, e.g. the edit dropped the game's mode)."""
    answers = old.answers()
    game = replay(scenario, old, answers)
    kept = len(game.answers())
    moved = kept == len(answers) and (game.state.scene, game.state.ending) != (
        old.state.scene,
        old.state.ending,
    )
    return Carried(game, kept, len(answers), moved)


def carried_words(name: str, carried: Carried) -> str:
    """What the player is told about the reload of the file called `name`."""
    game = carried.game
    if carried.all_kept and not carried.moved:
        return f"Reloaded {name}; you are where you were (choice {game.state.turn + 1})."
    if carried.all_kept:
        there = (
            f"the ending '{game.state.ending}'"
            if game.state.ending
            else f"'{game.state.scene}' (choice {game.state.turn + 1})"
        )
        return f"Reloaded {name}. The edit changed this path: your answers now lead to {there}."
    return (
        f"Reloaded {name}. The edit changed this path: {carried.kept} of your "
        f"{carried.given} answers still fit, so you are back at choice {game.state.turn + 1}."
    )


def problem_lines(diags) -> list[str]:
    """A broken file's errors (or, with none, whatever it reported), one line
    each with its hint, at most `MAX_PROBLEMS` and a count of the rest."""
    errors = [d for d in diags if d.severity == "error"] or list(diags)
    lines = [
        format_concise(d) + (f" (hint: {d.hint})" if d.hint else "") for d in errors[:MAX_PROBLEMS]
    ]
    if len(errors) > MAX_PROBLEMS:
        lines.append(f"... and {len(errors) - MAX_PROBLEMS} more")
    return lines
