"""The rules of play, compiled once per scenario.

`Game` is the face every player meets: it checks answers, fills in names and
keeps the history. Underneath, it asks `Rules` what an answer does to the
`GameState`. The simulator calls `Rules` directly, without the checks and the
texts it does not need, and that is how it plays 100,000+ choices a second by
exactly the same rules: there is no second copy of them.

Compiling turns every scene and choice into a flat tuple (a "plan"), so that
resolving an answer reads local variables instead of walking the attrs model.

Point of view: scenario files speak as the acting player (`their_*` is the
partner's trust in you, `your_*` your trust in the partner). State holds one
profile per role: `meters["a"]` is how much a trusts b.
"""

from __future__ import annotations

import weakref
from functools import partial
from typing import NamedTuple

from trustquest.engine.conditions import EvalContext
from trustquest.engine.dynamics import apply_deltas, overall_trust
from trustquest.engine.model import Later, Scenario

OTHER = {"a": "b", "b": "a"}

#: Where a choice leads.
TO_SCENE, TO_ENDING, TO_CHOSEN_ENDING = 0, 1, 2


class ChoicePlan(NamedTuple):
    their: tuple  # (meter, delta) pairs applied to the partner's trust in the chooser
    your: tuple  # ... and to the chooser's trust in the partner
    breach: bool
    cause: str  # breach | choice
    sets: tuple
    clears: tuple
    later: Later | None
    goto: str
    goto_kind: int  # TO_SCENE, TO_ENDING, or TO_CHOSEN_ENDING for `goto = "end"`


class ScenePlan(NamedTuple):
    id: str
    choices: tuple  # ChoicePlan per choice, by index
    #: (index, test) for each choice with an `if`, in order.
    conditions: tuple
    #: Every index: what `available` returns when nothing is locked. Callers
    #: must not change it.
    every_index: list
    #: (index, test or None) for every choice.
    options: tuple
    actor: str
    predict: bool
    match_their: tuple
    match_your: tuple


class Rules:
    """The compiled rules of one scenario. Holds no state of its own."""

    __slots__ = ("__weakref__", "_of", "dyn", "scenes", "endings")

    def __init__(self, scenario: Scenario):
        self._of = weakref.ref(scenario)
        self.dyn = scenario.dynamics
        self.scenes = {sid: _plan_scene(scenario, scene) for sid, scene in scenario.scenes.items()}
        #: (id, test or None) in file order; the last one is the fallback.
        self.endings = tuple(
            (e.id, e.when.test if e.when is not None else None) for e in scenario.endings.values()
        )

    # --- reading ------------------------------------------------------------------------

    def trust(self, state, role: str) -> float:
        """Overall trust that `role` has in the other."""
        return overall_trust(self.dyn, state.meters[role], state.wounds[role])

    def context(self, state, role: str) -> EvalContext:
        """What a condition sees from `role`'s point of view."""
        them = OTHER[role]
        return EvalContext(
            state.meters[them],
            state.meters[role],
            state.flags,
            state.visited,
            state.turn,
            partial(self.trust, state),
            role,
            them,
        )

    def available(self, state, role: str, scene_id: str) -> list[int]:
        """Indexes of the choices `role` may take in the scene (cheap: no text).
        The list may be shared: do not change it."""
        plan = self.scenes[scene_id]
        if not plan.conditions:
            return plan.every_index
        ctx = self.context(state, role)
        for _, test in plan.conditions:
            if not test(ctx):
                break
        else:
            return plan.every_index  # nothing is locked now
        return [i for i, test in plan.options if test is None or test(ctx)]

    def pick_ending(self, state, role: str) -> str:
        """The first ending whose `when` holds from `role`'s point of view."""
        ctx = self.context(state, role)
        for eid, test in self.endings:
            if test is None or test(ctx):
                return eid
        return self.endings[-1][0]  # the validator guarantees a fallback; be safe anyway

    # --- acting -------------------------------------------------------------------------

    def resolve(self, state, scene_id: str, picks) -> tuple:
        """Every answer for the scene is in: apply them, fire what came due,
        reward consistency (D6) and move on. `picks` are (role, kind, index)
        in the order they were given; kind is "choose" or "guess".

        Returns (changes, fired, matched, next scene, ending), a plain tuple
        because the simulator makes one per choice. `changes` are raw change
        tuples (owner, meter, before, after, asked, cause, wound_opened,
        wound_closed); `fired` holds (role, later, averted, own changes) per
        consequence that came due; `matched` is None unless two answered."""
        if len(picks) == 1:
            role, _, index = picks[0]
            return self.resolve_one(state, scene_id, role, index)
        plan = self.scenes[scene_id]
        changes: list = []
        hurt: set = set()  # owners of a profile that lost something
        choosers = []
        last = None
        last_role = "a"
        for role, kind, index in picks:
            if kind == "choose":
                last = plan.choices[index]
                self._take(state, scene_id, index, last, role, changes, hurt)
                choosers.append(role)
                last_role = role
        matched = picks[0][2] == picks[1][2]
        if matched and (plan.match_their or plan.match_your):
            if plan.actor == "both":
                for role, _, _ in picks:
                    self._apply(state, role, plan.match_their, plan.match_your, changes, hurt)
            else:  # predict: the guesser is rewarded for knowing their partner
                role = picks[1][0]
                self._apply(state, role, plan.match_their, plan.match_your, changes, hurt)
        state.turn += 1
        fired = self._fire_due(state, changes, hurt) if state.pending else ()
        self._reward_consistency(state, choosers, changes, hurt)
        next_scene, ending = self._move(state, last, last_role)
        return changes, fired, matched, next_scene, ending

    def resolve_one(self, state, scene_id: str, role: str, index: int) -> tuple:
        """`resolve` for a scene answered by one choice, which is most scenes:
        the same steps, written out for one chooser because the simulator
        spends most of its time here."""
        choice = self.scenes[scene_id].choices[index]
        dyn = self.dyn
        changes: list = []
        hurt: set = set()
        self._take(state, scene_id, index, choice, role, changes, hurt)
        state.turn += 1
        fired = self._fire_due(state, changes, hurt) if state.pending else ()
        # D6 for one chooser (see _reward_consistency).
        streak = state.streak
        partner = OTHER[role]
        if hurt:
            for owner in hurt:
                streak[OTHER[owner]] = 0
        if partner not in hurt:
            run = streak[role] = streak[role] + 1
            if run % dyn.consistency_every == 0 and dyn.consistency_bonus > 0:
                self._bonus(state, partner, changes)
        # Move on (see _move).
        goto = choice.goto
        if choice.goto_kind == TO_SCENE:
            state.scene = goto
            if goto not in state.visited:
                state.visited.append(goto)
            return changes, fired, None, goto, ""
        ending = goto if choice.goto_kind == TO_ENDING else self.pick_ending(state, role)
        state.ending = ending
        return changes, fired, None, "", ending

    def _take(self, state, scene_id, index, choice, role, changes, hurt) -> None:
        """What one choice does by itself: effects, flags, a later consequence."""
        their, your, breach, cause, sets, clears, later, _, _ = choice
        # `_apply` written out: this is the simulator's hottest path.
        if their:
            them = OTHER[role]
            if apply_deltas(
                self.dyn,
                state.meters[them],
                state.wounds[them],
                them,
                their,
                breach,
                cause,
                changes,
            ):
                hurt.add(them)
        if your and apply_deltas(
            self.dyn, state.meters[role], state.wounds[role], role, your, breach, cause, changes
        ):
            hurt.add(role)
        if sets:
            state.flags.update(sets)
        if clears:
            state.flags.difference_update(clears)
        if later is not None:
            state.pending.append(
                {
                    "due": state.turn + 1 + later.after,
                    "role": role,
                    "scene": scene_id,
                    "choice": index,
                }
            )

    def _reward_consistency(self, state, choosers, changes, hurt) -> None:
        """D6: a run of choices that cost the partner's trust nothing is
        rewarded; any loss in a profile breaks the run of the one who caused it."""
        dyn, streak = self.dyn, state.streak
        for owner in hurt:
            streak[OTHER[owner]] = 0
        for role in choosers:
            partner = OTHER[role]
            if partner in hurt:
                continue
            streak[role] += 1
            if streak[role] % dyn.consistency_every == 0 and dyn.consistency_bonus > 0:
                self._bonus(state, partner, changes)

    def _bonus(self, state, owner: str, changes: list) -> None:
        dyn = self.dyn
        apply_deltas(
            dyn,
            state.meters[owner],
            state.wounds[owner],
            owner,
            (("consistency", dyn.consistency_bonus),),
            False,
            "consistency",
            changes,
        )

    def _move(self, state, choice, role: str) -> tuple[str, str]:
        """Follow the last choice: to a scene, an ending, or the ending whose
        `when` holds (`goto = "end"`). Returns (next scene, ending)."""
        if choice is None:
            return "", ""  # only guesses: the validator and Game never let it happen
        if choice.goto_kind == TO_SCENE:
            state.scene = choice.goto
            if choice.goto not in state.visited:
                state.visited.append(choice.goto)
            return choice.goto, ""
        ending = choice.goto if choice.goto_kind == TO_ENDING else self.pick_ending(state, role)
        state.ending = ending
        return "", ending

    def _apply(
        self, state, role: str, their, your, out: list, hurt: set, breach=False, cause="match"
    ):
        """Apply effects written from `role`'s point of view."""
        dyn, meters, wounds = self.dyn, state.meters, state.wounds
        if their:
            them = OTHER[role]
            if apply_deltas(dyn, meters[them], wounds[them], them, their, breach, cause, out):
                hurt.add(them)
        if your and apply_deltas(dyn, meters[role], wounds[role], role, your, breach, cause, out):
            hurt.add(role)

    def _fire_due(self, state, changes: list, hurt: set) -> list | tuple:
        turn = state.turn
        pending = state.pending
        for item in pending:
            if item["due"] <= turn:
                break
        else:
            return ()  # the common case: something is scheduled, nothing is due yet
        due = [p for p in pending if p["due"] <= turn]
        state.pending = [p for p in pending if p["due"] > turn]
        fired = []
        for item in due:
            plan = self.scenes.get(item["scene"])
            if plan is None or item["choice"] >= len(plan.choices):
                continue  # the scenario changed under a save; nothing left to fire
            later = plan.choices[item["choice"]].later
            if later is None:
                continue
            role = item["role"]
            if later.unless is not None and later.unless.test(self.context(state, role)):
                fired.append((role, later, True, ()))
                continue
            own: list = []
            # A breach that comes due counts as a breach (the rebuild ratio follows it).
            cause = "breach" if later.breach else "consequence"
            effects = later.effects
            self._apply(state, role, effects.their, effects.your, own, hurt, later.breach, cause)
            if later.sets:
                state.flags.update(later.sets)
            if later.clears:
                state.flags.difference_update(later.clears)
            changes.extend(own)
            fired.append((role, later, False, own))
        return fired


def _plan_scene(scenario: Scenario, scene) -> ScenePlan:
    choices = []
    for c in scene.choices:
        if c.goto == "end":
            kind = TO_CHOSEN_ENDING
        elif c.goto in scenario.endings:
            kind = TO_ENDING
        else:
            kind = TO_SCENE
        choices.append(
            ChoicePlan(
                tuple(c.effects.their),
                tuple(c.effects.your),
                c.breach,
                "breach" if c.breach else "choice",
                tuple(c.sets),
                tuple(c.clears),
                c.later,
                c.goto,
                kind,
            )
        )
    return ScenePlan(
        scene.id,
        tuple(choices),
        tuple((c.index, c.condition.test) for c in scene.choices if c.condition is not None),
        [c.index for c in scene.choices],
        tuple((c.index, c.condition.test if c.condition else None) for c in scene.choices),
        scene.actor,
        scene.predict,
        tuple(scene.match.their),
        tuple(scene.match.your),
    )


_compiled: dict[int, Rules] = {}


def rules_for(scenario: Scenario) -> Rules:
    """The compiled rules of `scenario`, compiled on first use and kept while
    the scenario lives (Rules holds no reference to it, so reloads don't leak)."""
    key = id(scenario)
    rules = _compiled.get(key)
    if rules is None or rules._of() is not scenario:
        rules = _compiled[key] = Rules(scenario)
        weakref.finalize(scenario, _compiled.pop, key, None)
    return rules
