"""Hot-seat: what a turn asks of the player at the keyboard, and what the
hand-over says, without giving anything away."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.describe import guess_lead
from trustquest.engine.game import Game
from trustquest.engine.meters import other
from trustquest.engine.turns import GUESS
from trustquest.tui.literal import EMPTY, clipped, named


def turn_note(game: Game, prompt) -> str:
    """What this turn asks of the player, without giving anything
    away. Read from the scene's turns (`Game.turns`). A guess's note goes
    above the scene: it says whose words the scene is in."""
    names = game.state.names
    partner = names[other(prompt.role)]
    given = game.state.picks
    later = game.turns(prompt.scene)[len(given) + 1 :]
    if prompt.kind == GUESS:
        return guess_lead(game, prompt)
    guess_next = any(t.role == prompt.role and t.kind == GUESS for t in later)
    then_guess = f" Then guess what {partner} chooses." if guess_next else ""
    if prompt.turn.shared:
        if any(t.role != prompt.role for t in later):
            return (
                f"Answer privately.{then_guess} {partner} answers next without seeing yours; "
                "then both answers are revealed."
            )
        return (
            f"Answer privately.{then_guess} {partner}'s answer is hidden; "
            "both are revealed after yours."
        )
    if any(t.kind == GUESS and t.chooser == prompt.role for t in later):
        return f"Choose privately; then {partner} guesses which choice you made."
    return ""


def choices_title(game: Game, prompt, width: int = 80) -> Content:
    """The question over the choices, always in view, in at most `width`
    cells: a long name is cut, never the question ("Which did Bartholo…
    choose?")."""
    names = game.state.names
    if prompt.kind == GUESS:
        when = "will" if prompt.turn.ahead else "did"
        return named(f"Which {when} {{}} choose?", names[prompt.actor], width, "Which one?")
    if len(game.turns(prompt.scene)) > 1:
        return clipped("Answer privately", width)
    return EMPTY


def handover_note(game: Game, role: str, viewer: str | None, last_chooser: str | None) -> str:
    """What the hand-over to `role` says about how the turn came round:
    `viewer` is who the play screen last showed, `last_chooser` who answered last."""
    names = game.state.names
    notes = []
    if viewer is None and last_chooser is None:
        if game.state.turn == 0 and not game.state.picks:
            notes.append(
                f"{names['a']} and {names['b']} share this keyboard. {names[role]} goes first."
            )
        else:
            notes.append("Welcome back: the story picks up where you left it.")
    elif viewer is not None and last_chooser is not None and not game.state.picks:
        notes.append(f"{names[last_chooser]}'s turn is done.")
    if game.state.picks:
        answered = names[game.state.picks[-1].role]
        notes.append(f"{answered} has answered privately; it stays hidden until the reveal.")
    return " ".join(notes)
