"""What changed, netted to one move per profile and meter.

The rules record a meter each time it moves: a habit's every step, D6's
credit for steady choices, a matched answer's reward, an event. Every face
that lists what an answer or a turn changed (the change line, the detail
view, the journal, plain mode, `run`) lists it through `net_changes`, so a
meter is named once with its total change; the history keeps every step
for the chart. `recent` is the reader's last turn, the change line's
source.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from trustquest.engine.game import Change, Game, saved_change

#: A loss or gain at least this big counts double in the symbols (▼▼, ▲▲).
BIG = 6


class Move(NamedTuple):
    """One meter of one profile, from its first `before` to its last `after`
    over the changes netted (`Change`'s fields, and the causes folded in)."""

    role: str  # whose trust: role's trust in the other
    meter: str
    before: float
    after: float
    asked: float = 0.0  # what every part asked for, summed
    cause: str = "choice"  # the first part's, or "breach" if any part was one
    wound_opened: bool = False
    wound_closed: bool = False
    #: The other causes folded in, e.g. ("consistency",) for D6's credit.
    also: tuple[str, ...] = ()

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 2)

    def had(self, cause: str) -> bool:
        """Did any part of this move have `cause`?"""
        return cause == self.cause or cause in self.also


def net_changes(changes: Iterable[Change | Move]) -> tuple[Move, ...]:
    """One move per profile and meter, in the order each first moved."""
    net: dict[tuple[str, str], Move] = {}
    for c in changes:
        key = (c.role, c.meter)
        first = net.get(key)
        if first is None:
            also = c.also if isinstance(c, Move) else ()
            net[key] = Move(
                c.role,
                c.meter,
                c.before,
                c.after,
                c.asked,
                c.cause,
                c.wound_opened,
                c.wound_closed,
                also,
            )
            continue
        causes = [first.cause, *first.also, c.cause, *(c.also if isinstance(c, Move) else ())]
        main = "breach" if "breach" in causes else first.cause
        net[key] = Move(
            c.role,
            c.meter,
            first.before,
            c.after,
            first.asked + c.asked,
            main,
            first.wound_opened or c.wound_opened,
            # Healed, unless a later part opened it again.
            (first.wound_closed or c.wound_closed) and not c.wound_opened,
            tuple(dict.fromkeys(x for x in causes if x != main)),
        )
    return tuple(net.values())


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
    net = net_changes(saved_change(c) for step in steps for c in step.changes)
    moves = tuple(
        sorted(
            (m for m in net if m.delta or m.wound_opened or m.wound_closed),
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
