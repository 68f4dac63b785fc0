"""The rules written the plain way: a reference for the differential test.

`engine/rules.py` and `engine/dynamics.py` are written for speed (flat plans,
a hand-inlined `round`, one loop per profile, a special path for scenes with
one answer). This module says the same thing as plainly as possible, straight
from PRODUCT.md §1 and the docs, with no shortcuts; `test_rules_reference.py`
plays random games with both and demands identical states and changes.

It works on plain dicts: {"meters": {role: {meter: value}}, "wounds": ...,
"streak", "turn", "flags", "visited", "pending", "scene", "ending"}.
"""

from __future__ import annotations

from trustquest.engine.conditions import EvalContext
from trustquest.engine.meters import PILLARS


def other(role: str) -> str:
    return "b" if role == "a" else "a"


def apply_delta(dyn, value: float, wound: float, delta: float, breach: bool):
    """One requested change: (new value, new wound depth, opened)."""
    if delta < 0:
        loss = -delta * (dyn.loss_multiplier if breach else 1.0)
        new = max(0.0, value - loss)
        landed = value - new
        opened = False
        if breach or loss >= dyn.wound_threshold:
            opened = wound <= 0
            if landed < 1.0 and (breach or opened):
                landed = 1.0
            wound = wound + landed
        elif wound > 0:
            wound = wound + landed
        return round(new, 2), round(wound, 2), opened
    if delta > 0:
        gain = delta * (1.0 - dyn.gain_damping * value / 100.0)
        if wound > 0:
            gain = gain * dyn.wound_gain_factor
        if gain <= 0:
            return value, wound, False
        new = round(min(100.0, value + gain), 2)
        if wound > 0:
            wound = max(0.0, round(wound - (new - value) * dyn.wound_heal_rate, 2))
        return new, wound, False
    return value, wound, False


def trust(dyn, state: dict, role: str) -> float:
    meters, wounds = state["meters"][role], state["wounds"][role]
    total = 0.0
    for p in PILLARS:
        total += meters[p]
    drag = 0.0
    for p in PILLARS:
        drag += wounds.get(p, 0.0)
    return round(min(100.0, max(0.0, (total - drag * dyn.wound_drag) / len(PILLARS))), 2)


def context(dyn, state: dict, role: str) -> EvalContext:
    them = other(role)
    return EvalContext(
        state["meters"][them],
        state["meters"][role],
        state["flags"],
        state["visited"],
        state["turn"],
        lambda ns: trust(dyn, state, them if ns == "their" else role),
    )


class Reference:
    def __init__(self, scenario):
        self.scenario = scenario
        self.dyn = scenario.dynamics

    def profile(self, state, owner, deltas, breach, cause, out):
        for meter, delta in deltas:
            before = state["meters"][owner][meter]
            wound = state["wounds"][owner].get(meter, 0.0)
            after, new_wound, opened = apply_delta(self.dyn, before, wound, delta, breach)
            state["meters"][owner][meter] = after
            closed = wound > 0 and new_wound <= 0
            if new_wound > 0:
                state["wounds"][owner][meter] = new_wound
            else:
                state["wounds"][owner].pop(meter, None)
            out.append((owner, meter, before, after, delta, cause, opened, closed))

    def effects(self, state, role, effects, breach, cause, out):
        self.profile(state, other(role), effects.their, breach, cause, out)
        self.profile(state, role, effects.your, breach, cause, out)

    def available(self, state, role, scene) -> list[int]:
        ctx = context(self.dyn, state, role)
        return [c.index for c in scene.choices if c.condition is None or c.condition.test(ctx)]

    def reward(self, state, role, hurt, out):
        """D6 for one chooser after one step: a loss breaks the run of whoever
        caused it; a chooser whose partner lost nothing moves on, and every
        `consistency_every` steps the partner's consistency gains the bonus."""
        for owner in hurt:
            state["streak"][other(owner)] = 0
        if other(role) in hurt:
            return
        state["streak"][role] += 1
        if state["streak"][role] % self.dyn.consistency_every == 0:
            bonus = self.dyn.consistency_bonus
            if bonus > 0:
                self.profile(
                    state, other(role), (("consistency", bonus),), False, "consistency", out
                )

    def arrive(self, state, mode):
        """The events of the scene the story arrives at, each as the partner's
        act: their losses break the run of whoever caused them; an event that
        cost the reader nothing is a step in the partner's run."""
        scene = self.scenario.scenes[state["scene"]]
        role = "a" if mode == "solo" or scene.actor == "both" else scene.actor
        out: list = []
        for event in scene.events:
            if event.condition is not None and not event.condition.test(
                context(self.dyn, state, role)
            ):
                continue
            if event.effects:
                own: list = []
                cause = "breach" if event.breach else "event"
                self.effects(state, role, event.effects, event.breach, cause, own)
                out.extend(own)
                self.reward(state, other(role), {c[0] for c in own if c[3] < c[2]}, out)
            state["flags"] |= set(event.sets)
            state["flags"] -= set(event.clears)
        return out

    def resolve(self, state: dict, picks: list[tuple[str, str, int]], mode: str = "solo"):
        """Returns (changes, [(role, averted, breach)] per fired consequence)."""
        scene = self.scenario.scenes[state["scene"]]
        changes: list = []
        counted: list = []  # the changes D6 looks at: not a habit's earlier steps
        choosers, last, last_role = [], None, "a"
        for role, kind, index in picks:
            if kind != "choose":
                continue
            choice = scene.choices[index]
            # A habit: every step but the last is the effects once and one D6 step.
            for _ in range(choice.repeat - 1):
                own: list = []
                self.effects(state, role, choice.effects, False, "choice", own)
                changes.extend(own)
                self.reward(state, role, {c[0] for c in own if c[3] < c[2]}, changes)
            start = len(changes)
            self.effects(state, role, choice.effects, choice.breach, _cause(choice.breach), changes)
            counted.extend(changes[start:])
            state["flags"] |= set(choice.sets)
            state["flags"] -= set(choice.clears)
            if choice.later is not None:
                state["pending"].append(
                    {
                        "due": state["turn"] + 1 + choice.later.after,
                        "role": role,
                        "scene": scene.id,
                        "choice": index,
                        "turn": state["turn"] + 1,
                    }
                )
            choosers.append(role)
            last, last_role = choice, role
        chosen = {r: i for r, k, i in picks if k == "choose"}
        guesses = [(r, i) for r, k, i in picks if k == "guess"]
        if guesses:  # predict, one way or both ways: each guesser who was right
            rewarded = [r for r, i in guesses if chosen.get(other(r)) == i]
        elif len(chosen) == 2 and chosen["a"] == chosen["b"]:  # both: each of them
            rewarded = ["a", "b"]
        else:
            rewarded = []
        if scene.match:
            for role in rewarded:
                start = len(changes)
                self.effects(state, role, scene.match, False, "match", changes)
                counted.extend(changes[start:])
        state["turn"] += 1
        fired = []
        due = [p for p in state["pending"] if p["due"] <= state["turn"]]
        state["pending"] = [p for p in state["pending"] if p["due"] > state["turn"]]
        for item in due:
            later = self.scenario.scenes[item["scene"]].choices[item["choice"]].later
            role = item["role"]
            if later.unless is not None and later.unless.test(context(self.dyn, state, role)):
                fired.append((role, True, False))
                continue
            cause = "breach" if later.breach else "consequence"
            start = len(changes)
            self.effects(state, role, later.effects, later.breach, cause, changes)
            counted.extend(changes[start:])
            state["flags"] |= set(later.sets)
            state["flags"] -= set(later.clears)
            fired.append((role, False, later.breach))
        # D6: any loss in this resolution (the last steps of the choices, the
        # match, the consequences) counts; every chooser takes one step.
        hurt = {c[0] for c in counted if c[3] < c[2]}
        for owner in hurt:
            state["streak"][other(owner)] = 0
        for role in choosers:
            self.reward(state, role, hurt, changes)
        if last.goto == "end":
            ctx = context(self.dyn, state, last_role)
            endings = list(self.scenario.endings.values())
            state["ending"] = next(
                (e.id for e in endings if e.when is None or e.when.test(ctx)), endings[-1].id
            )
        elif last.goto in self.scenario.endings:
            state["ending"] = last.goto
        else:
            state["scene"] = last.goto
            if last.goto not in state["visited"]:
                state["visited"].append(last.goto)
            changes.extend(self.arrive(state, mode))
        return changes, fired

    def start(self, mode: str) -> dict:
        """A new game's state: the starting values, then the start scene's events."""
        sc = self.scenario
        meters = {
            "a": {m.id: float(sc.start_your.get(m.id, m.start)) for m in sc.meters},
            "b": {m.id: float(sc.start_their.get(m.id, m.start)) for m in sc.meters},
        }
        state = {
            "meters": meters,
            "wounds": {"a": {}, "b": {}},
            "streak": {"a": 0, "b": 0},
            "turn": 0,
            "flags": set(),
            "visited": [sc.start],
            "pending": [],
            "scene": sc.start,
            "ending": "",
        }
        self.arrive(state, mode)
        return state


def _cause(breach: bool) -> str:
    return "breach" if breach else "choice"
