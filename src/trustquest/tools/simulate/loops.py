"""The hot loops: random playthroughs that count into `Stats`.

No I/O and no formatting: per choice, one table lookup, one random number
and one counter besides the engine's compiled rules (`engine/rules.py`, the
same ones `Game.choose` uses).
"""

from __future__ import annotations

from random import Random
from typing import NamedTuple

import attrs

from trustquest.engine.game import Game
from trustquest.engine.model import Scenario
from trustquest.engine.rules import Rules, rules_for
from trustquest.engine.state import GameState
from trustquest.engine.turns import CHOOSE
from trustquest.tools.simulate.statistics import BREACH_A, BREACH_B, Stats

#: Resolved scenes in one run before it counts as a loop that never ends.
TURN_CAP = 500


def fresh_state(template: GameState) -> GameState:
    """A copy of a game's starting state, as `Game.new` builds it (the start
    scene's events included), without rebuilding it from the scenario every
    run. Every argument is given (attrs factories cost time), and names and
    pronouns are shared: the rules never change them."""
    wounds, streak = template.wounds, template.streak
    return GameState(
        template.scenario_id,
        template.scenario_digest,
        template.mode,
        template.names,
        template.pronouns,
        template.seed,
        template.scene,
        {"a": template.meters["a"].copy(), "b": template.meters["b"].copy()},
        {"a": wounds["a"].copy(), "b": wounds["b"].copy()},
        {"a": streak["a"], "b": streak["b"]},
        0,
        "",
        set(template.flags),
        list(template.visited),
        [],
        [],
        [],
        [],
    )


def play(
    stats: Stats, scenario: Scenario, mode: str, runs: int, rng: Random, turn_cap: int, tick
) -> None:
    """Play `runs` games in `mode`, counting into `stats`."""
    if mode == "solo":
        _play_solo(stats, scenario, runs, rng, turn_cap, tick)
    else:
        _play_hotseat(stats, scenario, runs, rng, turn_cap, tick)
    if tick is not None:
        tick(runs)


class SceneTable(NamedTuple):
    """Per scene, everything the hot loops need (one lookup per choice; a
    NamedTuple unpacks as fast as a tuple)."""

    conditions: tuple  # (index, condition) of the choices with an `if`
    every_index: list[int]  # every choice, when none is locked
    n_choices: int
    picked: list[int]  # Stats.picked[scene], counted in place
    locked: list[int]  # Stats.locked[scene]
    breachy: bool  # whether a choice (or an event on arrival) can cause a breach


def _tables(stats: Stats, rules: Rules) -> dict[str, SceneTable]:
    info = {}
    for sid, plan in rules.scenes.items():
        info[sid] = SceneTable(
            plan.conditions,
            plan.every_index,
            len(plan.choices),
            stats.picked[sid],
            stats.locked[sid],
            # Only then can a choice (or an event on arrival) cause a breach.
            any(c.breach or any(e.breach for e in c.goto_events) for c in plan.choices),
        )
    return info


def _dead_end(stats: Stats, sid: str, conditions: tuple, locked: list) -> None:
    """Every choice is locked: the run stops here."""
    stats.dead_ends[sid] += 1
    for i, _ in conditions:
        locked[i] += 1


def _count_locked(conditions: tuple, available: list, locked: list) -> None:
    for i, _ in conditions:
        if i not in available:
            locked[i] += 1


def _play_solo(
    stats: Stats, scenario: Scenario, runs: int, rng: Random, turn_cap: int, tick
) -> None:
    """The hot loop for solo play. No I/O, no formatting, as little as possible
    besides `Rules.resolve_one`: per choice, one table lookup, one random number and
    one counter. Visits and choices are worked out from the counters later."""
    rules = rules_for(scenario)
    template = Game.new(scenario, "solo", record=False).state
    stats.use_meter_order(rules, template)
    info = _tables(stats, rules)
    resolve_one, available = rules.resolve_one, rules.available
    rand = rng.random
    every = max(1, runs // 100)
    for run in range(runs):
        if tick is not None and run % every == 0:
            tick(run)
        state = fresh_state(template)
        trackers: dict = {}
        breached = 0
        while True:
            sid = state.scene
            conditions, every_index, n_choices, picked, locked, breachy = info[sid]
            # A choice without `if` is always available, so a scene with no
            # conditions needs no call into the rules to say so.
            av = available(state, "a", sid) if conditions else every_index
            n = len(av)
            if not n:
                _dead_end(stats, sid, conditions, locked)
                break
            pick = av[int(rand() * n)]
            picked[pick] += 1
            if n != n_choices:
                _count_locked(conditions, av, locked)
            changes, fired, _, _, ending = resolve_one(state, sid, "a", pick)
            if trackers or breachy or fired:
                breached |= _track(stats, changes, trackers)
            if ending:
                break
            if state.turn >= turn_cap:
                stats.capped[state.scene] += 1
                break
        stats.finish(rules, state, breached)


def _play_hotseat(
    stats: Stats, scenario: Scenario, runs: int, rng: Random, turn_cap: int, tick
) -> None:
    """The hot loop for hot-seat play: both roles answer, in the order
    `Game.prompt` asks for them: each scene's turns (`engine/turns.py`)."""
    rules = rules_for(scenario)
    template = Game.new(scenario, "hotseat", record=False).state
    stats.use_meter_order(rules, template)
    info = _tables(stats, rules)
    # (role, kind, chooser) per turn, as plain tuples: this is the hot path.
    turns_of = {
        sid: tuple((t.role, t.kind, t.chooser) for t in scene.turns("hotseat"))
        for sid, scene in scenario.scenes.items()
    }
    resolve, resolve_one, available = rules.resolve, rules.resolve_one, rules.available
    rand = rng.random
    guessed, answered, matched, visits = stats.guessed, stats.resolved, stats.matched, stats.visits
    every = max(1, runs // 100)
    for run in range(runs):
        if tick is not None and run % every == 0:
            tick(run)
        state = fresh_state(template)
        trackers: dict = {}
        breached = 0
        while True:
            sid = state.scene
            conditions, every_index, n_choices, picked, locked, breachy = info[sid]
            turns = turns_of[sid]
            visits[sid] += 1
            picks = []
            for role, kind, chooser in turns:
                # A guess is made among the chooser's choices, as `Game.options` offers them.
                av = available(state, chooser, sid) if conditions else every_index
                n = len(av)
                if not n:
                    break
                index = av[int(rand() * n)]
                if kind == CHOOSE:
                    picked[index] += 1
                    if n != n_choices:
                        _count_locked(conditions, av, locked)
                else:
                    guessed[sid][index] += 1
                picks.append((role, kind, index))
            if len(picks) < len(turns):
                _dead_end(stats, sid, conditions, locked)
                break
            if len(picks) == 1:
                role, _, index = picks[0]
                changes, fired, _, _, ending = resolve_one(state, sid, role, index)
            else:
                changes, fired, was_matched, _, ending = resolve(state, sid, picks)
                answered[sid] += 1
                if was_matched:
                    matched[sid] += 1
            if trackers or breachy or fired:
                breached |= _track(stats, changes, trackers)
            if ending:
                break
            if state.turn >= turn_cap:
                stats.capped[state.scene] += 1
                break
        stats.finish(rules, state, breached)


@attrs.define
class OpenBreach:
    """A breach not yet made good: the value before it, and the gains since."""

    before: float
    gains: int = 0


def _track(stats: Stats, changes: list, trackers: dict) -> int:
    """Follow breaches and the gains that make them good (the rebuild ratio).
    A change is a raw tuple: (owner, meter, before, after, asked, cause, ...).
    Returns BREACH_A | BREACH_B for the profiles a breach landed on."""
    found = 0
    for owner, meter, before, after, _, cause, _, _ in changes:
        if after > before:
            open_ = trackers.get((owner, meter))
            if open_:
                still = []
                for t in open_:
                    t.gains += 1
                    if after >= t.before:
                        stats.recovered(meter, t.gains)
                    else:
                        still.append(t)
                open_[:] = still
        elif after < before and cause == "breach":
            trackers.setdefault((owner, meter), []).append(OpenBreach(before))
            stats.breach(meter)
            found |= BREACH_A if owner == "a" else BREACH_B
    return found
