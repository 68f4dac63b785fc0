"""Privacy in hot-seat play: the history as one player may see it.

Every face that shows one player what happened (a journal, a recap at a
hand-over, plain mode) reads the history through `seen_by`, so the rule is
kept once. A player sees:

- their own answers, always;
- the other player's answers once they are revealed: a scene answered by
  both of them (a shared answer or a guess) is revealed as soon as it is
  resolved, and a scene the other answered alone stays theirs until the
  story ends (the debrief compares everything);
- every story event and every delayed consequence that fired: they happen
  in the shared story. But the choice that set a consequence up is only
  named when the viewer may see that choice, and one that came due and was
  averted (its `unless` held) is its setter's alone: it changed nothing in
  the shared story, and telling it would tell what they chose.

A consequence that comes due is told as the scene it follows resolves, to
whoever is looking then (`looking`): the one player who answered, or both
at a reveal. An averted one its setter could not be told then is told to
them alone at their next turn (`averted_untold`).

In solo play the one player sees everything.
"""

from __future__ import annotations

import attrs

from trustquest.engine.game import Fired, Game, Outcome
from trustquest.engine.history import ChoiceEntry, ConsequenceEntry, HistoryEntry
from trustquest.errors import ChoiceError


@attrs.frozen
class Seen:
    """One history entry as one player may see it."""

    index: int  # its position in the game's history
    #: The entry, narrowed: a choice entry holds only the answers the viewer
    #: may see. With none left (the other player answered in private) it
    #: holds no changes either, since they would tell what was chosen.
    entry: HistoryEntry
    #: Something here stays private to the other player: their answer or,
    #: for a consequence, the choice that set it up. Don't name it.
    private: bool = False


def seen_by(game, viewer: str) -> tuple[Seen, ...]:
    """The game's history as `viewer` (a | b) may see it now, in story order."""
    state = game.state
    everything = state.mode == "solo" or game.over
    out = []
    answered: dict[tuple[int, str], ChoiceEntry] = {}
    for i, entry in enumerate(state.history):
        if isinstance(entry, ChoiceEntry):
            answered[(entry.turn, entry.scene)] = entry
            if everything or revealed(entry) or all(p.role == viewer for p in entry.picks):
                out.append(Seen(i, entry))
            else:
                out.append(Seen(i, attrs.evolve(entry, picks=(), changes=()), True))
        elif isinstance(entry, ConsequenceEntry) and not everything and entry.role != viewer:
            source = answered.get((entry.set_turn, entry.scene))
            out.append(Seen(i, entry, source is None or not revealed(source)))
        else:
            out.append(Seen(i, entry))
    return tuple(out)


def revealed(entry: ChoiceEntry) -> bool:
    """Whether both players saw every answer of a resolved scene: it waited
    for more than one answer (a shared answer or a guess), so a reveal
    followed it."""
    return len(entry.picks) > 1


def told_of(game, fired: Fired, viewer: str | None) -> bool:
    """Whether `viewer` may hear that a delayed consequence came due: one
    that fired, always; one averted, only the player whose choice set it up,
    until the story ends. `viewer` None is both players at once (a reveal)."""
    everything = game.state.mode == "solo" or game.over
    return everything or not fired.averted or fired.role == viewer


def looking(outcome: Outcome) -> str | None:
    """Who reads a resolved scene's outcome as it resolves: the one player
    who answered it, or None (both) when it waited for more answers, since
    its reveal is watched together."""
    return outcome.picks[0].role if len(outcome.picks) == 1 else None


def told(game, outcome: Outcome, viewer: str | None) -> tuple[Fired, ...]:
    """The consequences `outcome` brought due that `viewer` may hear of."""
    return tuple(f for f in outcome.fired if told_of(game, f, viewer))


def averted_untold(game: Game, viewer: str) -> tuple[Fired, ...]:
    """The consequences `viewer` set up that came due and were averted since
    their last answer, while the other player or both were looking: theirs
    to hear now, alone, at their turn (or in the debrief, once the story
    has ended). The state keeps no record of an averted consequence, so the
    answers are replayed (D7 makes it exact)."""
    s = game.state
    if s.mode != "hotseat" or not _can_avert(game.scenario):
        return ()
    replayed = Game.new(game.scenario, s.mode, dict(s.names), dict(s.pronouns), s.seed, False)
    owed: list[Fired] = []
    for index in game.answers():
        try:
            outcome = replayed.choose(index)
        except ChoiceError:
            return ()  # the scenario changed under the save (a reload)
        if outcome.picks[-1].role == viewer:
            owed = []  # their turn: told what was owed, and what this answer brings due
        if outcome.resolved:
            owed.extend(
                f
                for f in outcome.fired
                if f.role == viewer and not told_of(replayed, f, looking(outcome))
            )
    return tuple(owed)


def _can_avert(scenario) -> bool:
    return any(
        c.later is not None and c.later.unless is not None
        for scene in scenario.scenes.values()
        for c in scene.choices
    )
