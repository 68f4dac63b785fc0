"""Everything that changes during play (like ink's StoryState).

The state serialises whole to plain data (`to_dict` / `from_dict`), which is
what makes saves, replays and "rewind to a turning point" simple.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from trustquest.engine.text import clean_name
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
    #: Answers given so far in the current scene (both / predict scenes):
    #: [{"role", "kind": "choose"|"guess", "index"}].
    picks: list[dict[str, Any]] = attrs.field(factory=list)
    #: What happened, in order: one entry per answered scene ("kind": "choice",
    #: with "picks" and the "order" shown), per consequence that fired
    #: ("consequence": the "scene", "choice" and "set_turn" that set it up)
    #: and per story event ("event": its "scene" and index). Each has "turn",
    #: "changes" and "points" (its first and last timeline index).
    history: list[dict[str, Any]] = attrs.field(factory=list)
    #: Overall trust and every meter at the start and after each history
    #: entry (a habit adds a point per step); "entry" names the history
    #: index (-1 for the start) and "label" a habit's step.
    timeline: list[dict[str, Any]] = attrs.field(factory=list)

    @property
    def over(self) -> bool:
        return bool(self.ending)

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
            "picks": [dict(p) for p in self.picks],
            "history": [_copy(h) for h in self.history],
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
            meters = {
                r: {k: _number(v, 100.0) for k, v in data["meters"][r].items()} for r in ("a", "b")
            }
            wounds = {
                r: {k: _number(v) for k, v in data["wounds"].get(r, {}).items()} for r in ("a", "b")
            }
            state = cls(
                scenario_id=str(data["scenario_id"]),
                scenario_digest=str(data["scenario_digest"]),
                mode=_one_of(data["mode"], ("solo", "hotseat")),
                names={r: clean_name(str(data["names"][r])) for r in ("a", "b")},
                pronouns={
                    r: _one_of(data["pronouns"][r], ("they", "she", "he")) for r in ("a", "b")
                },
                seed=int(data["seed"]),
                scene=str(data["scene"]),
                ending=str(data.get("ending", "")),
                turn=int(data["turn"]),
                meters=meters,
                wounds=wounds,
                streak={r: int(data["streak"][r]) for r in ("a", "b")},
                flags={str(f) for f in data["flags"]},
                visited=[str(v) for v in data["visited"]],
                pending=[_pending(p) for p in data["pending"]],
                picks=[_pick(p) for p in data["picks"]],
                history=[_entry(h) for h in data["history"]],
                timeline=[_point(t) for t in data["timeline"]],
            )
        except SaveError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise SaveError(f"the saved game is incomplete or malformed ({exc})") from None
        return state


def _number(value: Any, hi: float = math.inf) -> float:
    """A meter value or wound depth: a real number from 0 (to `hi`), so a
    hand-made save cannot break D1 or bring NaN into play."""
    x = float(value)
    if not (0.0 <= x <= hi and math.isfinite(x)):
        raise SaveError(f"a meter or wound in the save has an impossible value ({value!r})")
    return x


def _pending(item: Any) -> dict[str, Any]:
    """A scheduled consequence, checked field by field: the rules index with it."""
    return {
        "due": int(item["due"]),
        "role": _one_of(item["role"], ("a", "b")),
        "scene": str(item["scene"]),
        "choice": _index(item["choice"]),
        "turn": int(item.get("turn", 0)),
    }


_KINDS = ("choice", "consequence", "event")


def _entry(item: Any) -> dict[str, Any]:
    """A history entry: the fields every reader indexes with are checked."""
    entry = dict(item)
    _one_of(entry["kind"], _KINDS)
    entry["turn"] = int(entry["turn"])
    entry["scene"] = str(entry["scene"])
    if entry["kind"] == "choice":
        entry["picks"] = [_pick(p) for p in entry["picks"]]
        entry["order"] = [_index(i) for i in entry.get("order", [])]
    elif entry["kind"] == "consequence":
        entry["choice"] = _index(entry["choice"])
        entry["set_turn"] = int(entry["set_turn"])
    else:
        entry["event"] = _index(entry["event"])
    points = entry.get("points")
    entry["points"] = [int(points[0]), int(points[1])]
    entry["changes"] = list(entry.get("changes", []))
    return entry


def _point(item: Any) -> dict[str, Any]:
    point = dict(item)
    point["entry"] = int(point.get("entry", -1))
    point["label"] = str(point.get("label", ""))
    return point


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


def _pick(item: Any) -> dict[str, Any]:
    return {
        "role": _one_of(item["role"], ("a", "b")),
        "kind": _one_of(item["kind"], ("choose", "guess")),
        "index": _index(item["index"]),
    }


def _index(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 100:
        raise SaveError(f"a choice number in the save is impossible ({value!r})")
    return value


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise SaveError(f"unexpected value {value!r} in save")
    return value


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
