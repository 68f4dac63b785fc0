"""What happened in one playthrough, read from its history: which pillars
broke and whether (and how fast) they were rebuilt, what the partner did, and
how the player answered. The ending's lessons (`lessons.py`) and the profile's
patterns across stories (`patterns.py`) are both drawn from it.

Only a recorded game has a history (typed entries, see `history.py`). Every
entry holds the meter changes it made as (owner, meter, before, after, cause,
...), where the owner's profile is the owner's trust in the other.
"""

from __future__ import annotations

import attrs

from trustquest.engine.history import ConsequenceEntry, EventEntry
from trustquest.engine.meters import PILLARS, other

#: How the player answered one of the partner's lapses, judged by their next
#: choice: it raised the partner's trust in them, cost it, or changed nothing.
REACHED_OUT, HIT_BACK, LET_PASS, NO_ANSWER = "reached_out", "hit_back", "let_pass", "no_answer"


@attrs.frozen
class Break:
    """A breach that landed on one pillar of one profile, and its repair."""

    pillar: str
    owner: str  # whose trust broke
    entry: int  # 0-based history entry
    turn: int  # choices answered before it (1-based position of the choice)
    time: str  # the scene's time label, if it has one
    before: float  # the value it had just before: "rebuilt" means back to this
    source: str  # choice | consequence | event
    text: str  # what was chosen or what happened, filled for the reader
    rebuilt_turn: int | None = None  # the choice that brought it back
    rebuilt_time: str = ""

    @property
    def rebuilt(self) -> bool:
        return self.rebuilt_turn is not None

    @property
    def took(self) -> int | None:
        """Choices from the breach to the repair (None: never rebuilt)."""
        if self.rebuilt_turn is None:
            return None
        return max(1, self.rebuilt_turn - self.turn)


@attrs.frozen
class LapseAnswer:
    lapse: Break
    kind: str  # REACHED_OUT | HIT_BACK | LET_PASS | NO_ANSWER


@attrs.frozen
class Kindness:
    """A story event that raised the reader's trust in the partner."""

    entry: int
    time: str
    text: str
    gained: float


@attrs.frozen
class PathRecord:
    """One playthrough, from the reader's side."""

    reader: str
    breaks: tuple[Break, ...]  # breaches of the partner's trust in the reader
    lapses: tuple[Break, ...]  # breaches of the reader's trust in the partner
    answers: tuple[LapseAnswer, ...]
    kindnesses: tuple[Kindness, ...]
    #: Pillar -> points the reader's own choices added to / took from the
    #: partner's trust in them.
    gains: dict[str, float]
    losses: dict[str, float]
    choices: int
    their_start: float
    their_end: float
    your_start: float
    your_end: float
    open_wounds: tuple[str, ...]  # wounded pillars of the partner's trust at the end


def read_path(game, reader: str = "a") -> PathRecord:
    """Walk a recorded game's history once and say what happened."""
    scenario, state = game.scenario, game.state
    partner = other(reader)
    history = state.history
    turn = 0
    time = ""
    opened: dict[tuple[str, str], dict] = {}  # (owner, pillar) -> a Break's fields, not yet rebuilt
    breaks: list[dict] = []
    gains = dict.fromkeys(PILLARS, 0.0)
    losses = dict.fromkeys(PILLARS, 0.0)
    lapse_waiting: list[dict] = []  # lapses whose answer is the reader's next choice
    answers: list[tuple[dict, str]] = []
    kindnesses = []
    for i, entry in enumerate(history):
        kind = entry.kind
        scene = scenario.scenes.get(entry.scene)
        if kind == "choice":
            turn += 1
            time = game.time_of(scene, reader) if scene is not None else ""
            chose = entry.chose(reader)
        elif kind == "event":
            time = game.time_of(scene, reader) if scene is not None else time
            chose = False
        else:
            chose = False
        # [owner, meter, before, after, cause, ...]: later saves keep more after these five.
        changes = [c[:5] for c in entry.changes]
        if chose and lapse_waiting:
            net = sum(
                c[3] - c[2] for c in changes if c[0] == partner and c[4] in ("choice", "breach")
            )
            answer = REACHED_OUT if net > 0 else HIT_BACK if net < 0 else LET_PASS
            answers.extend((lapse, answer) for lapse in lapse_waiting)
            lapse_waiting = []
        text = None
        for owner, meter, before, after, cause, *_ in changes:
            key = (owner, meter)
            if after > before and key in opened and after >= opened[key]["before"]:
                found = opened.pop(key)
                found["rebuilt_turn"] = turn
                found["rebuilt_time"] = time
            if meter not in gains:
                continue
            if chose and owner == partner and cause in ("choice", "breach"):
                if after > before:
                    gains[meter] += after - before
                else:
                    losses[meter] += before - after
            if cause == "breach" and after < before and key not in opened:
                if text is None:
                    text, source = _what(game, entry, kind, reader, scene)
                found = {
                    "pillar": meter,
                    "owner": owner,
                    "entry": i,
                    "turn": max(turn, 1),
                    "time": time,
                    "before": before,
                    "source": source,
                    "text": text,
                }
                opened[key] = found
                breaks.append(found)
                if owner == reader:
                    lapse_waiting.append(found)
        if kind == "event":
            gained = sum(c[3] - c[2] for c in changes if c[0] == reader)
            if gained > 0:
                what, _ = _what(game, entry, kind, reader, scene)
                kindnesses.append(Kindness(i, time, what, round(gained, 2)))
    answers.extend((lapse, NO_ANSWER) for lapse in lapse_waiting)
    made = {id(b): Break(**b) for b in breaks}
    timeline = state.timeline
    first = timeline[0]["trust"] if timeline else {r: game.trust(r) for r in ("a", "b")}
    return PathRecord(
        reader,
        tuple(made[id(b)] for b in breaks if b["owner"] == partner),
        tuple(made[id(b)] for b in breaks if b["owner"] == reader),
        tuple(LapseAnswer(made[id(lapse)], kind) for lapse, kind in answers),
        tuple(kindnesses),
        {p: round(v, 2) for p, v in gains.items()},
        {p: round(v, 2) for p, v in losses.items()},
        turn,
        first[partner],
        game.trust(partner),
        first[reader],
        game.trust(reader),
        tuple(p for p in PILLARS if p in state.wounds[partner]),
    )


def _what(game, entry, kind: str, reader: str, scene) -> tuple[str, str]:
    """What caused an entry's changes, filled for `reader` (a choice: in its
    chooser's words), and its source."""
    if scene is None:
        return "", kind
    if isinstance(entry, EventEntry):
        events = scene.events
        if 0 <= entry.event < len(events):
            # told as its scene's actor saw it, as every face shows it, whoever reads the lesson
            return game.fill(events[entry.event].text, game.event_role(scene)).strip(), "event"
        return "", "event"
    if isinstance(entry, ConsequenceEntry):
        index = entry.choice
        if 0 <= index < len(scene.choices) and scene.choices[index].later is not None:
            return game.fill(scene.choices[index].later.text, entry.role).strip(), "consequence"
        return "", "consequence"
    pick = entry.choice_of(reader)
    if (
        pick is not None
        and 0 <= pick.index < len(scene.choices)
        and scene.choices[pick.index].breach
    ):
        return game.words(scene, pick).text.strip(), "choice"
    fired = entry.fired
    return (str(fired[0]).strip() if fired else ""), "consequence"
