"""What happened in a game, one typed record per history entry.

A recorded game keeps one entry per answered scene (`ChoiceEntry`), per
delayed consequence that fired (`ConsequenceEntry`, credited to the choice
that set it up) and per story event (`EventEntry`). Each holds the meter
changes it made and the timeline points it spans. Saves write them as the
tables they always were (`to_dict`; `state.py` reads them back and checks
every field).

A change is kept as saved: (owner, meter, before, after, cause, asked, wound
opened, wound closed), where the owner's profile is the owner's trust in the
other; saves before version 2 kept the first five, and a later version may
keep more facts after them.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from trustquest.engine.turns import CHOOSE, Pick


def _tuple(value) -> tuple:
    return tuple(value)


@attrs.frozen
class ChoiceEntry:
    """An answered scene: every answer given in it and the order choices were shown in."""

    kind: ClassVar[str] = "choice"
    turn: int  # 1-based: the scenes answered so far, this one included
    scene: str
    picks: tuple[Pick, ...] = attrs.field(converter=_tuple)
    order: tuple[int, ...] = attrs.field(converter=_tuple, default=())
    changes: tuple[tuple, ...] = attrs.field(converter=_tuple, default=())
    points: tuple[int, int] = (0, 0)  # its first and last timeline index
    #: Saves from before consequences had entries of their own name what fired here.
    fired: tuple[str, ...] = attrs.field(converter=_tuple, default=())

    def chose(self, role: str) -> bool:
        """Whether `role` chose here (a guess is not a choice)."""
        return any(p.kind == CHOOSE and p.role == role for p in self.picks)

    def choice_of(self, role: str | None = None) -> Pick | None:
        """`role`'s choice here, or with no role (or none by them) the first choice."""
        chosen = [p for p in self.picks if p.kind == CHOOSE]
        mine = [p for p in chosen if p.role == role]
        return (mine or chosen or [None])[0]

    def to_dict(self) -> dict:
        out = {
            "kind": self.kind,
            "turn": self.turn,
            "scene": self.scene,
            "picks": [p.to_dict() for p in self.picks],
            "order": list(self.order),
        }
        if self.fired:
            out["fired"] = list(self.fired)
        return _with_changes(out, self)


@attrs.frozen
class ConsequenceEntry:
    """A delayed consequence that came due and fired."""

    kind: ClassVar[str] = "consequence"
    turn: int  # the answered scene after which it fired
    scene: str  # the scene of the choice that set it up
    choice: int  # that choice's file index
    set_turn: int  # the turn that choice answered
    role: str  # who made that choice: the consequence reads from their side
    breach: bool = False
    changes: tuple[tuple, ...] = attrs.field(converter=_tuple, default=())
    points: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict:
        out = {
            "kind": self.kind,
            "turn": self.turn,
            "scene": self.scene,
            "choice": self.choice,
            "set_turn": self.set_turn,
            "role": self.role,
            "breach": self.breach,
        }
        return _with_changes(out, self)


@attrs.frozen
class EventEntry:
    """A story event that happened on arrival at a scene."""

    kind: ClassVar[str] = "event"
    turn: int  # the scenes answered before it
    scene: str
    event: int  # its 0-based index in the scene's events
    changes: tuple[tuple, ...] = attrs.field(converter=_tuple, default=())
    points: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict:
        return _with_changes(
            {"kind": self.kind, "turn": self.turn, "scene": self.scene, "event": self.event}, self
        )


HistoryEntry = ChoiceEntry | ConsequenceEntry | EventEntry


def _with_changes(out: dict, entry) -> dict:
    out["changes"] = [list(c) for c in entry.changes]
    out["points"] = list(entry.points)
    return out
