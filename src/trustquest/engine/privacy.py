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

In solo play the one player sees everything.
"""

from __future__ import annotations

import attrs

from trustquest.engine.history import ChoiceEntry, ConsequenceEntry, HistoryEntry


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


def told_of(game, fired, viewer: str) -> bool:
    """Whether `viewer` may hear that a delayed consequence came due (an
    `engine.game.Fired`): one that fired, always; one averted, only the
    player whose choice set it up, until the story ends."""
    everything = game.state.mode == "solo" or game.over
    return everything or not fired.averted or fired.role == viewer
