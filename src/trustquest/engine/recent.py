"""What changed since a player last chose: their answer, what came due, and
what happened on arrival, netted to one move per profile and meter. Every
face's short summary of a turn is built from this; the full story of each
change is in the history (the journal, the detail view)."""

from __future__ import annotations

from typing import NamedTuple

from trustquest.engine.game import Game

#: A loss or gain at least this big counts double in the symbols (▼▼, ▲▲).
BIG = 6


class Move(NamedTuple):
    """One meter of one profile, from before the turn to now."""

    role: str  # whose trust: role's trust in the other
    meter: str
    before: float
    after: float
    wound_opened: bool = False
    wound_closed: bool = False

    @property
    def delta(self) -> float:
        return self.after - self.before


class Recent(NamedTuple):
    """The moves of the last turn, biggest first, and overall trust both ways
    before it (keyed by role) to set against `Game.trust` now."""

    moves: tuple[Move, ...]
    trust_before: dict[str, float]
    #: Did it include the reader's own answer (not only what happened since)?
    answered: bool
    #: Did a delayed consequence come due?
    fired: bool


def _steps(game: Game, reader: str, own_answer: bool) -> list:
    """The history entries that make up the reader's last turn: from their
    last answer on when `own_answer`, else only what came after it."""
    history = game.state.history
    last = None
    for i in range(len(history) - 1, -1, -1):
        step = history[i]
        if step.kind == "choice":
            if game.state.mode != "hotseat" or any(p.role == reader for p in step.picks):
                last = i
            break  # only the very last answered scene can be this turn's
    if own_answer and last is not None:
        return history[last:]
    tail = []
    for step in reversed(history):
        if step.kind == "choice":
            break
        if step.kind == "event":  # a consequence belongs to whoever set it up
            tail.append(step)
    return tail[::-1]


def recent(game: Game, reader: str = "a", own_answer: bool = True) -> Recent:
    """What moved in the reader's last turn (see `_steps`)."""
    steps = _steps(game, reader, own_answer)
    net: dict[tuple[str, str], Move] = {}
    for step in steps:
        for change in step.changes:
            role, meter, before, after = change[:4]
            opened = bool(change[6]) if len(change) > 6 else False
            closed = bool(change[7]) if len(change) > 7 else False
            key = (role, meter)
            if key in net:
                first = net[key]
                net[key] = Move(
                    role,
                    meter,
                    first.before,
                    after,
                    first.wound_opened or opened,
                    (first.wound_closed or closed) and not opened,
                )
            else:
                net[key] = Move(role, meter, before, after, opened, closed)
    moves = tuple(
        sorted(
            (m for m in net.values() if m.delta or m.wound_opened or m.wound_closed),
            key=lambda m: (not m.wound_opened, -abs(m.delta)),
        )
    )
    trust_before = {r: game.trust(r) for r in ("a", "b")}
    if steps:
        timeline = game.state.timeline
        first = steps[0].points[0]
        if 0 < first <= len(timeline):
            trust_before = dict(timeline[first - 1]["trust"])
    return Recent(
        moves,
        trust_before,
        answered=bool(steps) and steps[0].kind == "choice",
        fired=any(s.kind == "consequence" for s in steps),
    )
