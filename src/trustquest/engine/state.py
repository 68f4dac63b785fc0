"""Everything that changes during play (like ink's StoryState).

The state serialises whole to plain data (`to_dict` / `from_dict`), which is
what makes saves, replays and "rewind to a turning point" simple.
"""

from __future__ import annotations

import math
import re
from typing import Any

import attrs

from trustquest.engine.format import (
    ID_PATTERN,
    MAX_ID,
    MAX_METERS,
    MAX_NAME,
    SCENARIO_ID_PATTERN,
)
from trustquest.engine.history import ChoiceEntry, ConsequenceEntry, EventEntry, HistoryEntry
from trustquest.engine.meters import PILLARS, ROLES
from trustquest.engine.turns import CHOOSE, GUESS, Pick
from trustquest.errors import SaveError

#: 2: history entries have a kind (choice | consequence | event), choices
#: record the order they were shown in, timeline points name their entry.
STATE_VERSION = 2


@attrs.define
class GameState:
    scenario_id: str
    scenario_digest: str
    mode: str  # solo | hotseat
    names: dict[str, str]  # role -> player name
    pronouns: dict[str, str]  # role -> pronouns (they | she | he)
    seed: int
    scene: str
    #: role -> meter -> value: how much that role trusts the other.
    meters: dict[str, dict[str, float]]
    #: role -> meter -> open wound depth (only open wounds are present).
    wounds: dict[str, dict[str, float]] = attrs.field(factory=lambda: {"a": {}, "b": {}})
    #: role -> length of the current run of choices that caused no loss.
    streak: dict[str, int] = attrs.field(factory=lambda: {"a": 0, "b": 0})
    turn: int = 0
    ending: str = ""
    flags: set[str] = attrs.field(factory=set)
    visited: list[str] = attrs.field(factory=list)
    #: Scheduled consequences: {"due", "role", "scene", "choice", "turn"}
    #: (the turn of the choice that set it up).
    pending: list[dict[str, Any]] = attrs.field(factory=list)
    #: Answers given so far in the current scene, while it waits for more
    #: (see `turns.py`).
    picks: list[Pick] = attrs.field(factory=list)
    #: What happened, in order: one typed entry per answered scene, per
    #: consequence that fired and per story event (see `history.py`).
    history: list[HistoryEntry] = attrs.field(factory=list)
    #: Overall trust and every meter at the start and after each history
    #: entry (a habit adds a point per step); "entry" names the history
    #: index (-1 for the start) and "label" a habit's step.
    timeline: list[dict[str, Any]] = attrs.field(factory=list)

    @property
    def over(self) -> bool:
        return bool(self.ending)

    def copy(self) -> GameState:
        """A whole, independent copy: every container is new, and only the
        immutable records (history entries, picks) are shared. What undo and
        the autosave keep of a moment; far quicker than a deep copy."""
        return attrs.evolve(
            self,
            names=dict(self.names),
            pronouns=dict(self.pronouns),
            meters={r: dict(m) for r, m in self.meters.items()},
            wounds={r: dict(w) for r, w in self.wounds.items()},
            streak=dict(self.streak),
            flags=set(self.flags),
            visited=list(self.visited),
            pending=[dict(p) for p in self.pending],
            picks=list(self.picks),
            history=list(self.history),
            timeline=[_copy(t) for t in self.timeline],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "scenario_id": self.scenario_id,
            "scenario_digest": self.scenario_digest,
            "mode": self.mode,
            "names": dict(self.names),
            "pronouns": dict(self.pronouns),
            "seed": self.seed,
            "scene": self.scene,
            "ending": self.ending,
            "turn": self.turn,
            "meters": {r: dict(m) for r, m in self.meters.items()},
            "wounds": {r: dict(w) for r, w in self.wounds.items()},
            "streak": dict(self.streak),
            "flags": sorted(self.flags),
            "visited": list(self.visited),
            "pending": [dict(p) for p in self.pending],
            "picks": [p.to_dict() for p in self.picks],
            "history": [h.to_dict() for h in self.history],
            "timeline": [_copy(t) for t in self.timeline],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        """Rebuild a state. Raises SaveError on anything malformed."""
        try:
            if data.get("version") == 1:
                data = _from_version_1(data)
            if data.get("version") != STATE_VERSION:
                raise SaveError(
                    f"this save was made by a newer or unknown TrustQuest "
                    f"(save state version {data.get('version')!r}); this one reads "
                    f"versions 1 and {STATE_VERSION}"
                )
            # Every field is checked, even when the checksum matched: anyone
            # can recompute a checksum.
            state = cls(
                scenario_id=_id(data["scenario_id"], _SCENARIO_ID, "scenario id"),
                scenario_digest=_id(data["scenario_digest"], _DIGEST, "scenario digest"),
                mode=_one_of(data["mode"], ("solo", "hotseat")),
                names={r: check_name(data["names"][r], "a player's name") for r in ROLES},
                pronouns={r: _one_of(data["pronouns"][r], ("they", "she", "he")) for r in ROLES},
                seed=_int(data["seed"], 0, 2**64 - 1, "seed"),
                scene=_id(data["scene"], _ID, "scene"),
                ending=_id(data.get("ending", ""), _ID_OR_NONE, "ending"),
                turn=_int(data["turn"], 0, MAX_TURNS, "turn"),
                meters={r: _meters(data["meters"][r], 100.0) for r in ROLES},
                wounds={r: _meters(data["wounds"].get(r, {}), MAX_WOUND) for r in ROLES},
                streak={r: _int(data["streak"][r], 0, MAX_TURNS, "streak") for r in ROLES},
                flags={_id(f, _ID, "flag") for f in _list(data["flags"], MAX_FLAGS, "flags")},
                visited=[
                    _id(v, _ID, "scene") for v in _list(data["visited"], MAX_POINTS, "visits")
                ],
                pending=[_pending(p) for p in _list(data["pending"], MAX_TURNS, "consequences")],
                picks=[_pick(p) for p in _list(data["picks"], 4, "answers")],
                history=[_entry(h) for h in _list(data["history"], MAX_POINTS, "history")],
                timeline=[_point(t) for t in _list(data["timeline"], MAX_POINTS, "timeline")],
            )
        except SaveError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise SaveError(f"the saved game is incomplete or malformed ({exc})") from None
        return state


#: No story is played this long; a save that claims it is damaged.
MAX_TURNS = 10_000
#: History entries and timeline points (a habit adds a point per step).
MAX_POINTS = 100_000
MAX_FLAGS = 10_000
MAX_WOUND = 10_000.0
MAX_TEXT = 20_000  # a text kept in the history, placeholders filled
_ID = re.compile(ID_PATTERN)
_ID_OR_NONE = re.compile(f"(?:{ID_PATTERN[1:-1]})?$")
_SCENARIO_ID = re.compile(SCENARIO_ID_PATTERN)
_DIGEST = re.compile(r"^[0-9a-z]{0,64}$")
_CAUSE = re.compile(r"^[a-z_]{1,32}$")
#: Characters that never belong in a name or a line of text read from a file
#: (C0 and C1 controls, DEL); story text may hold tabs and newlines.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_name(name: Any, what: str) -> str:
    """A player's name read from a file, as it was saved: refused if it holds
    control characters (the game never saves them), is blank or too long."""
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise ValueError(f"{what} is not a name")
    if CONTROLS.search(name):
        raise ValueError(f"{what} holds control characters")
    if not name.strip():
        raise ValueError(f"{what} is empty")
    return name


def _int(value: Any, lo: int, hi: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise SaveError(f"the save's {what} is impossible ({_short(value)})")
    return value


def _id(value: Any, pattern: re.Pattern, what: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_ID or not pattern.match(value):
        raise SaveError(f"the save names an impossible {what} ({_short(value)})")
    return value


def _list(value: Any, limit: int, what: str) -> list:
    if not isinstance(value, list) or len(value) > limit:
        raise SaveError(f"the save's {what} are malformed")
    return value


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit or _TEXT_CONTROLS.search(value):
        raise SaveError("a text in the save is malformed or holds control characters")
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _number(value: Any, hi: float) -> float:
    """A meter value or wound depth: a real number from 0 to `hi`, so a
    hand-made save cannot break D1 or bring NaN into play."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SaveError(f"a meter or wound in the save is not a number ({_short(value)})")
    x = float(value)
    if not (0.0 <= x <= hi and math.isfinite(x)):
        raise SaveError(f"a meter or wound in the save has an impossible value ({_short(value)})")
    return x


def _meters(table: Any, hi: float) -> dict[str, float]:
    if not isinstance(table, dict) or len(table) > MAX_METERS + len(PILLARS):
        raise SaveError("the save's meters are malformed")
    return {_id(k, _ID, "meter"): _number(v, hi) for k, v in table.items()}


def _pending(item: Any) -> dict[str, Any]:
    """A scheduled consequence, checked field by field: the rules index with it."""
    return {
        "due": _int(item["due"], 0, MAX_TURNS + 100, "consequence's turn"),
        "role": _one_of(item["role"], ROLES),
        "scene": _id(item["scene"], _ID, "scene"),
        "choice": _index(item["choice"]),
        "turn": _int(item.get("turn", 0), 0, MAX_TURNS, "turn"),
    }


def _entry(item: Any) -> HistoryEntry:
    """A history entry, every field checked: readers index scenes and choices with them."""
    if not isinstance(item, dict):
        raise SaveError("the save's history is malformed")
    kind = item["kind"]
    turn = _int(item["turn"], 0, MAX_TURNS, "turn")
    scene = _id(item["scene"], _ID, "scene")
    points = _list(item.get("points"), 2, "trust journey")
    if len(points) != 2:
        raise SaveError("the save's trust journey is malformed")
    points = tuple(_int(p, 0, MAX_POINTS, "journey point") for p in points)
    changes = [_change(c) for c in _list(item.get("changes", []), 1000, "changes")]
    for key, value in item.items():  # facts this version does not keep are still checked
        if key not in _ENTRY_KEYS:
            _fact(value)
    if kind == "choice":
        return ChoiceEntry(
            turn,
            scene,
            [_pick(p) for p in _list(item["picks"], 4, "answers")],
            [_index(i) for i in _list(item.get("order", []), 100, "choices")],
            changes,
            points,
            [_text(t) for t in _list(item.get("fired", []), 100, "consequences")],
        )
    if kind == "consequence":
        return ConsequenceEntry(
            turn,
            scene,
            _index(item["choice"]),
            _int(item["set_turn"], 0, MAX_TURNS, "turn"),
            _one_of(item.get("role", "a"), ROLES),
            _bool(item.get("breach", False)),
            changes,
            points,
        )
    if kind == "event":
        return EventEntry(turn, scene, _index(item["event"]), changes, points)
    raise SaveError(f"unexpected value {_short(kind)} in save")


_ENTRY_KEYS = {"kind", "turn", "scene", "picks", "order", "choice", "set_turn", "event"}
_ENTRY_KEYS |= {"role", "breach", "points", "changes", "fired"}


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise SaveError(f"unexpected value {_short(value)} in save")
    return value


def _change(change: Any) -> tuple:
    """(owner, meter, before, after, cause), and maybe more facts after them."""
    role, meter, before, after, cause, *more = _list(change, 16, "changes")
    return (
        _one_of(role, ROLES),
        _id(meter, _ID, "meter"),
        _number(before, 100.0),
        _number(after, 100.0),
        _id(cause, _CAUSE, "cause"),
        *map(_fact, more),
    )


def _fact(value: Any) -> Any:
    """A plain fact kept in the history: true/false, a finite number or a line."""
    if isinstance(value, bool) or (isinstance(value, int) and abs(value) <= 10**9):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, str) and len(value) <= 200 and not CONTROLS.search(value):
        return value
    raise SaveError(f"the save holds an impossible value ({_short(value)})")


def _point(item: Any) -> dict[str, Any]:
    """One point of the trust journey."""
    if not isinstance(item, dict) or not isinstance(item["trust"], dict):
        raise SaveError("the save's trust journey is malformed")
    return {
        "turn": _int(item["turn"], 0, MAX_TURNS, "turn"),
        "entry": _int(item.get("entry", -1), -1, MAX_POINTS, "journey point"),
        "label": _text(item.get("label", ""), 200),
        "trust": {r: _number(item["trust"][r], 100.0) for r in ROLES},
        "meters": {r: _meters(item["meters"][r], 100.0) for r in ROLES},
        "wounds": {r: _meters(item["wounds"][r], MAX_WOUND) for r in ROLES},
    }


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept one history entry per answered scene and one timeline
    point per entry, with no events and the file's order shown."""
    data = dict(data)
    data["history"] = [
        {**h, "kind": "choice", "points": [i + 1, i + 1]} for i, h in enumerate(data["history"])
    ]
    data["timeline"] = [{**t, "entry": i - 1} for i, t in enumerate(data["timeline"])]
    data["version"] = 2
    return data


def _pick(item: Any) -> Pick:
    return Pick(
        _one_of(item["role"], ROLES), _one_of(item["kind"], (CHOOSE, GUESS)), _index(item["index"])
    )


def _index(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 100:
        raise SaveError(f"a choice number in the save is impossible ({_short(value)})")
    return value


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise SaveError(f"unexpected value {_short(value)} in save")
    return value


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
