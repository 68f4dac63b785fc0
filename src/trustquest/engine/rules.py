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
from trustquest.engine.order import shown_order
from trustquest.engine.turns import judge, reader_of

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
    repeat: int  # a habit: the effects are applied this many times, step by step
    #: The events of the scene it leads to (so arriving costs no lookup when there are none).
    goto_events: tuple


class EventPlan(NamedTuple):
    index: int
    test: object  # the `if` test, or None
    their: tuple
    your: tuple
    breach: bool
    cause: str  # breach | event
    sets: tuple
    clears: tuple


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
    match_their: tuple
    match_your: tuple
    events: tuple  # EventPlan per event, in file order
    #: Who events are read for in hot-seat play (in solo play, always a).
    event_role: str
    fixed: bool  # order = "fixed": choices are shown in the file's order


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

    def resolve(self, state, scene_id: str, picks, mark=None) -> tuple:
        """Every answer for the scene is in: apply them, fire what came due,
        reward consistency (D6) and move on. `picks` are (role, kind, index)
        in the order they were given; kind is "choose" or "guess".

        Returns (changes, fired, matched, next scene, ending), a plain tuple
        because the simulator makes one per choice. `changes` are raw change
        tuples (owner, meter, before, after, asked, cause, wound_opened,
        wound_closed); `fired` holds (role, later, averted, own changes, the
        pending item that scheduled it) per consequence that came due;
        `matched` is `turns.Judged.matched` (None unless two answered).

        `changes` also holds what a habit's earlier steps and the events on
        arrival at the next scene changed. `mark(kind, ref, changes)`, if
        given, is called as each part is complete, with the changes so far:
        ("step", n) after step n of a habit (all but its last), ("choice",
        None) once the answers are taken, ("fired", the `fired` item) after a
        consequence came due and fired, ("settled", None) after D6 and the
        move on, and ("event", i) after event i of the next scene. `Game`
        records the history from it, at the moment it happens;
        the simulator passes nothing."""
        if len(picks) == 1:
            role, _, index = picks[0]
            return self.resolve_one(state, scene_id, role, index, mark)
        plan = self.scenes[scene_id]
        changes: list = []
        hurt: set = set()  # owners of a profile that lost something
        choosers = []
        last = None
        last_role = "a"
        for role, kind, index in picks:
            if kind == "choose":
                last = plan.choices[index]
                if last.repeat > 1:
                    self._habit(state, role, last, changes, mark)
                self._take(state, scene_id, index, last, role, changes, hurt)
                choosers.append(role)
                last_role = role
        judged = judge(picks)
        if plan.match_their or plan.match_your:
            # Both chose the same: `match` for each. A right guess: for the
            # guesser, who is rewarded for knowing their partner.
            rewarded = [r for r, _, _ in picks] if judged.same else []
            rewarded += [r for r, right in judged.guesses.items() if right]
            for role in rewarded:
                self._apply(state, role, plan.match_their, plan.match_your, changes, hurt)
        matched = judged.matched
        state.turn += 1
        if mark is not None:
            mark("choice", None, changes)
        fired = self._fire_due(state, changes, hurt, mark) if state.pending else ()
        self._reward_consistency(state, choosers, changes, hurt)
        next_scene, ending = self._move(state, last, last_role)
        if mark is not None:
            mark("settled", None, changes)
        if next_scene and last.goto_events:
            self.arrive(state, next_scene, changes, mark)
        return changes, fired, matched, next_scene, ending

    def resolve_one(self, state, scene_id: str, role: str, index: int, mark=None) -> tuple:
        """`resolve` for a scene answered by one choice, which is most scenes:
        the same steps, written out for one chooser because the simulator
        spends most of its time here."""
        choice = self.scenes[scene_id].choices[index]
        dyn = self.dyn
        changes: list = []
        hurt: set = set()
        if choice.repeat > 1:
            self._habit(state, role, choice, changes, mark)
        self._take(state, scene_id, index, choice, role, changes, hurt)
        state.turn += 1
        if mark is not None:
            mark("choice", None, changes)
        fired = self._fire_due(state, changes, hurt, mark) if state.pending else ()
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
            if mark is not None:
                mark("settled", None, changes)
            if choice.goto_events:
                self.arrive(state, goto, changes, mark)
            return changes, fired, None, goto, ""
        ending = goto if choice.goto_kind == TO_ENDING else self.pick_ending(state, role)
        state.ending = ending
        if mark is not None:
            mark("settled", None, changes)
        return changes, fired, None, "", ending

    def arrive(self, state, scene_id: str, changes: list, mark=None) -> None:
        """The story arrives at `scene_id`: each event whose `if` holds happens,
        in file order, through the same dynamics as a choice. An event is the
        partner's act for D6: a loss breaks the run of whoever caused it, and
        an event that costs the reader nothing extends the partner's run."""
        plan = self.scenes[scene_id]
        role = "a" if state.mode == "solo" else plan.event_role
        partner = (OTHER[role],)
        for index, test, their, your, breach, cause, sets, clears in plan.events:
            if test is not None and not test(self.context(state, role)):
                continue
            if their or your:
                hurt: set = set()
                self._apply(state, role, their, your, changes, hurt, breach, cause)
                self._reward_consistency(state, partner, changes, hurt)
            if sets:
                state.flags.update(sets)
            if clears:
                state.flags.difference_update(clears)
            if mark is not None:
                mark("event", index, changes)

    def _habit(self, state, role, choice, changes, mark) -> None:
        """A habit's steps before its last: each applies the choice's effects
        once and takes one D6 step, so wounds heal bit by bit and the run of
        choices that cost nothing grows. The last step is the choice itself."""
        their, your = choice.their, choice.your
        for step in range(1, choice.repeat):
            hurt: set = set()
            self._apply(state, role, their, your, changes, hurt, False, "choice")
            self._reward_consistency(state, (role,), changes, hurt)
            if mark is not None:
                mark("step", step, changes)

    def shown_order(self, state, scene_id: str) -> tuple[int, ...]:
        """The file indexes of the scene's choices in the order they are shown
        now: display number n is `order[n - 1]`. See `engine/order.py`."""
        plan = self.scenes[scene_id]
        if plan.fixed:
            return tuple(range(len(plan.choices)))
        return shown_order(state.seed, scene_id, state.turn, len(plan.choices))

    def _take(self, state, scene_id, index, choice, role, changes, hurt) -> None:
        """What one choice does by itself: effects, flags, a later consequence."""
        their, your, breach, cause, sets, clears, later = choice[:7]
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
                    "turn": state.turn + 1,  # the turn this choice answers
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

    def _fire_due(self, state, changes: list, hurt: set, mark=None) -> list | tuple:
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
                fired.append((role, later, True, (), item))
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
            fired.append((role, later, False, own, item))
            if mark is not None:
                mark("fired", fired[-1], changes)
        return fired


def _plan_events(scene) -> tuple:
    return tuple(
        EventPlan(
            e.index,
            e.condition.test if e.condition is not None else None,
            tuple(e.effects.their),
            tuple(e.effects.your),
            e.breach,
            "breach" if e.breach else "event",
            tuple(e.sets),
            tuple(e.clears),
        )
        for e in scene.events
    )


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
                c.repeat,
                _plan_events(scenario.scenes[c.goto]) if kind == TO_SCENE else (),
            )
        )
    return ScenePlan(
        scene.id,
        tuple(choices),
        tuple((c.index, c.condition.test) for c in scene.choices if c.condition is not None),
        [c.index for c in scene.choices],
        tuple((c.index, c.condition.test if c.condition else None) for c in scene.choices),
        tuple(scene.match.their),
        tuple(scene.match.your),
        _plan_events(scene),
        reader_of(scene.actor, scene.predict, "hotseat"),
        scene.order == "fixed",
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
