"""`trustquest simulate`: random playthroughs and what they show.

Like ChoiceScript's randomtest, but aware of the trust meters. Every run
starts a fresh game and picks uniformly among the choices that are unlocked
for the player who must answer, until an ending, a dead end (nothing can be
chosen) or the turn cap (a loop that never ends). Hot-seat scenarios are also
played in hot-seat mode, with both roles answering (`both` scenes, `predict`
guesses), and reported separately.

The inner loop does no I/O and no formatting: it calls the engine's compiled
rules (`engine/rules.py`, the same ones `Game.choose` uses: the rules live in
the engine and nowhere else) and adds to counters. The report is
built afterwards as plain data (`simulate()`), which is what `--json` prints
and what the Rich tables are drawn from, so both say the same thing. The same
scenario, seed and number of runs always give a byte-identical report; the
speed footer goes to stderr for that reason.

The rebuild ratio (PRODUCT.md §1, D5): for every breach seen in a run (a
loss on a meter from a choice marked `breach`, or from a delayed consequence
marked `breach`), count the gains on that same meter of that same profile it
takes to bring it back to its value before the breach. A breach that is not
made good before the run ends counts as "never".
"""

from __future__ import annotations

import json
import sys
import time
from random import Random

from trustquest.engine.game import Game
from trustquest.engine.meters import ROLES, other
from trustquest.engine.model import Scenario
from trustquest.engine.rules import Rules, rules_for
from trustquest.engine.state import GameState
from trustquest.tools.arc import (
    PLAYER_SEEDS,
    Arc,
    EndingArc,
    Recovery,
    TrustRange,
    play_scripted,
    rebuild_ratios,
)
from trustquest.tools.arc import pct as _pct

REPORT_VERSION = 1
#: Resolved scenes in one run before it counts as a loop that never ends.
TURN_CAP = 500
#: Show a progress bar (on stderr, when it is a terminal) from this many runs.
PROGRESS_FROM = 5000
#: Values at an ending are kept in rows and folded into min/max/sum this often.
FOLD_EVERY = 4096
#: Width of the text report when it is not printed to a terminal.
WIDTH = 120


# --- the simulation ------------------------------------------------------------------


def simulate(
    scenario: Scenario,
    runs: int = 1000,
    seed: int = 0,
    turn_cap: int = TURN_CAP,
    progress=None,
    players: int | None = None,
) -> dict:
    """Play `runs` random games per mode the scenario supports and return the
    report as plain, JSON-ready data. `progress(done, total)`, if given, is
    called between runs, never inside one.

    The scripted players (first open choice, greedy; see `tools/arc.py`) walk
    `players` game seeds (default: as many as runs, at most PLAYER_SEEDS) in
    the first mode (solo when the story has it)."""
    rng = Random(seed)
    modes = [m for m in ("solo", "hotseat") if m in scenario.modes]
    total = runs * len(modes)
    report = {
        "version": REPORT_VERSION,
        "scenario": {"id": scenario.id, "title": scenario.title},
        "seed": seed,
        "runs": runs,
        "turn_cap": turn_cap,
        "roles": {r: scenario.roles[r].name for r in ROLES},
        "modes": {},
    }
    choices = 0
    for n, mode in enumerate(modes):
        tick = None
        if progress is not None:
            done_before = n * runs

            def tick(done, _before=done_before):
                progress(_before + done, total)

        stats = _Stats(scenario, mode)
        _play(stats, scenario, mode, runs, rng, turn_cap, tick)
        seeds = min(runs, PLAYER_SEEDS) if players is None else players
        scripted = None
        if n == 0 and seeds > 0:
            scripted = [
                play_scripted(scenario, mode, strategy, seeds, turn_cap)
                for strategy in ("first_open", "greedy")
            ]
        report["modes"][mode] = stats.report(runs, scripted)
        choices += stats.choices
    report["choices"] = choices
    return report


class _Stats:
    """Counters for one mode, indexed by scene id and choice index."""

    def __init__(self, scenario: Scenario, mode: str):
        self.scenario = scenario
        self.mode = mode
        self.turns = 0  # resolved scenes, summed over runs
        sids = list(scenario.scenes)
        self.reached = dict.fromkeys(sids, 0)  # runs that reached the scene
        self.visits = dict.fromkeys(sids, 0)  # hot-seat only; solo works it out from the picks
        self.picked = {s: [0] * len(sc.choices) for s, sc in scenario.scenes.items()}
        self.guessed = {s: [0] * len(sc.choices) for s, sc in scenario.scenes.items()}
        self.locked = {s: [0] * len(sc.choices) for s, sc in scenario.scenes.items()}
        self.resolved = dict.fromkeys(sids, 0)  # both/predict scenes resolved with two answers
        self.matched = dict.fromkeys(sids, 0)
        self.dead_ends = dict.fromkeys(sids, 0)
        self.capped = dict.fromkeys(sids, 0)
        self.endings = dict.fromkeys(scenario.endings, 0)
        #: The values kept at each ending: overall trust, then every meter, per role.
        self.columns = [(r, "trust") for r in ROLES] + [
            (r, m) for r in ROLES for m in scenario.meter_ids
        ]
        #: ending -> rows not yet folded; ending -> per column [min, max, sum]
        self.rows: dict[str, list] = {e: [] for e in scenario.endings}
        self.acc: dict[str, list | None] = dict.fromkeys(scenario.endings)
        #: meter -> [breaches, recovered, gains summed over recoveries, min gains, max gains]
        self.rebuild: dict[str, list] = {}
        #: ending -> [runs after a breach, turns summed without, turns summed with]
        self.arc = {e: [0, 0, 0] for e in scenario.endings}
        self.breached_runs = 0
        self.lapsed_runs = 0
        #: The player's own overall trust at the start (set by use_meter_order).
        self.your_start = 0.0

    # --- after each run ----------------------------------------------------------------

    def finish(self, rules: Rules, state: GameState, breached: int) -> None:
        """Count a finished run. `breached` holds the BREACH_ bits `_track` found."""
        reached = self.reached
        for sid in state.visited:
            reached[sid] += 1
        # Solo: a breach of the partner's trust (b) is the player's; one of the
        # player's own trust (a) is the partner's lapse. Hot-seat: both are players.
        broke = breached & BREACH_B if self.mode == "solo" else breached
        if broke:
            self.breached_runs += 1
        if self.mode == "solo" and breached & BREACH_A:
            self.lapsed_runs += 1
        ending = state.ending
        if ending:
            self.endings[ending] += 1
            arc = self.arc[ending]
            if broke:
                arc[0] += 1
                arc[2] += state.turn
            else:
                arc[1] += state.turn
            m = state.meters
            rows = self.rows[ending]
            # Meter dicts keep the order they were built in, which is the order
            # of self.columns (see use_meter_order).
            rows.append(
                (
                    rules.trust(state, "a"),
                    rules.trust(state, "b"),
                    *m["a"].values(),
                    *m["b"].values(),
                )
            )
            if len(rows) >= FOLD_EVERY:
                self.fold(ending)
        self.turns += state.turn

    def use_meter_order(self, rules: Rules, state: GameState) -> None:
        """Columns in the order of the meter dicts of `state`, so a run's values
        can be copied with `dict.values()`; and the player's trust at the start."""
        self.your_start = rules.trust(state, "a")
        self.columns = [(r, "trust") for r in ROLES] + [
            (r, m) for r in ROLES for m in state.meters[r]
        ]

    def fold(self, ending: str) -> None:
        """Fold the rows kept for `ending` into [min, max, sum] per column."""
        rows = self.rows[ending]
        if not rows:
            return
        acc = self.acc[ending]
        columns = list(zip(*rows, strict=True))
        if acc is None:
            self.acc[ending] = [[min(c), max(c), sum(c)] for c in columns]
        else:
            for a, c in zip(acc, columns, strict=True):
                lo, hi = min(c), max(c)
                if lo < a[0]:
                    a[0] = lo
                if hi > a[1]:
                    a[1] = hi
                a[2] += sum(c)
        rows.clear()

    def at_end(self, ending: str, count: int) -> dict:
        """{role: {"trust" or meter: {min, avg, max}}} at `ending`."""
        self.fold(ending)
        acc = self.acc[ending]
        out: dict = {r: {} for r in ROLES}
        for i, (role, name) in enumerate(self.columns):
            out[role][name] = None if acc is None else _range(acc[i], count)
        return out

    def breach(self, meter: str) -> None:
        row = self.rebuild.get(meter)
        if row is None:
            row = self.rebuild[meter] = [0, 0, 0, None, None]
        row[0] += 1

    def recovered(self, meter: str, gains: int) -> None:
        row = self.rebuild[meter]
        row[1] += 1
        row[2] += gains
        if row[3] is None or gains < row[3]:
            row[3] = gains
        if row[4] is None or gains > row[4]:
            row[4] = gains

    # --- the report -----------------------------------------------------------------------

    @property
    def choices(self) -> int:
        """Every answer given: choices and guesses."""
        return sum(map(sum, self.picked.values())) + sum(map(sum, self.guessed.values()))

    def arc_figures(self, runs: int, endings: list[dict], scripted) -> Arc:
        rows = []
        for e in endings:
            after, clean_turns, breached_turns = self.arc[e["id"]]
            clean = e["runs"] - after
            rows.append(
                EndingArc(
                    e["id"],
                    e["tone"],
                    e["runs"],
                    after,
                    round(clean_turns / clean, 2) if clean else None,
                    round(breached_turns / after, 2) if after else None,
                )
            )
        lows = [e["trust"]["a"]["min"] for e in endings if e["trust"]["a"] is not None]
        highs = [e["trust"]["a"]["max"] for e in endings if e["trust"]["a"] is not None]
        first_open, greedy = scripted if scripted else (None, None)
        return Arc(
            runs,
            self.breached_runs,
            self.lapsed_runs,
            tuple(rows),
            rebuild_ratios(self.scenario),
            Recovery(
                sum(r[0] for r in self.rebuild.values()), sum(r[1] for r in self.rebuild.values())
            ),
            TrustRange(self.your_start, min(lows, default=None), max(highs, default=None)),
            first_open,
            greedy,
        )

    def report(self, runs: int, scripted=None) -> dict:
        sc = self.scenario
        scenes = []
        never_choices = []
        locked = []
        for sid, scene in sc.scenes.items():
            picked = self.picked[sid]
            answered = sum(picked)
            # Every choose prompt ends in a pick or a dead end (with everything locked).
            shown = answered + self.dead_ends[sid]
            visits = self.visits[sid] if self.mode == "hotseat" else shown
            row = {
                "id": sid,
                "actor": scene.actor,
                "predict": scene.predict,
                "runs": self.reached[sid],
                "percent": _pct(self.reached[sid], runs),
                "visits": visits,
                "dead_ends": self.dead_ends[sid],
                "choices": [],
            }
            for choice in scene.choices:
                i = choice.index
                item = {
                    "choice": i + 1,
                    "text": choice.text,
                    "goto": choice.goto,
                    "picked": picked[i],
                    "percent": _pct(picked[i], answered),
                    "breach": choice.breach,
                    "later": choice.later is not None,
                    "condition": choice.condition.source if choice.condition is not None else None,
                }
                if choice.condition is not None:
                    item["shown"] = shown
                    item["locked"] = self.locked[sid][i]
                    locked.append(
                        {
                            "scene": sid,
                            "choice": i + 1,
                            "condition": choice.condition.source,
                            "shown": shown,
                            "locked": self.locked[sid][i],
                            "percent": _pct(self.locked[sid][i], shown),
                        }
                    )
                if self.mode == "hotseat" and scene.predict:
                    item["guessed"] = self.guessed[sid][i]
                if picked[i] == 0 and self.reached[sid]:
                    never_choices.append({"scene": sid, "choice": i + 1})
                row["choices"].append(item)
            if self.mode == "hotseat" and (scene.actor == "both" or scene.predict):
                row["matches"] = {
                    "answered": self.resolved[sid],
                    "matched": self.matched[sid],
                    "percent": _pct(self.matched[sid], self.resolved[sid]),
                }
            scenes.append(row)
        endings = []
        for eid, ending in sc.endings.items():
            count = self.endings[eid]
            values = self.at_end(eid, count)
            endings.append(
                {
                    "id": eid,
                    "title": ending.title,
                    "tone": ending.tone,
                    "when": ending.when.source if ending.when is not None else None,
                    "runs": count,
                    "percent": _pct(count, runs),
                    "after_breach": self.arc[eid][0],
                    "trust": {r: values[r]["trust"] for r in ROLES},
                    "meters": {r: {m: values[r][m] for m in sc.meter_ids} for r in ROLES},
                }
            )
        ended = sum(self.endings.values())
        dead = sum(self.dead_ends.values())
        capped = sum(self.capped.values())
        rebuild = {}
        for meter, (breaches, recovered, gains, lo, hi) in sorted(self.rebuild.items()):
            never = breaches - recovered
            rebuild[meter] = {
                "breaches": breaches,
                "recovered": recovered,
                "never": never,
                "never_percent": _pct(never, breaches),
                "gains": None
                if not recovered
                else {"min": lo, "avg": round(gains / recovered, 2), "max": hi},
            }
        return {
            "runs": runs,
            "choices": self.choices,
            "ended": ended,
            "avg_turns": round(self.turns / runs, 2) if runs else 0.0,
            "endings": endings,
            "scenes": scenes,
            "dead_ends": {
                "runs": dead,
                "scenes": [{"scene": s, "runs": n} for s, n in self.dead_ends.items() if n],
            },
            "endless": {
                "runs": capped,
                "scenes": [{"scene": s, "runs": n} for s, n in self.capped.items() if n],
            },
            "never_reached": {
                "scenes": [s for s in sc.scenes if not self.reached[s]],
                "endings": [e for e in sc.endings if not self.endings[e]],
                "choices": never_choices,
            },
            "locked": locked,
            "rebuild": rebuild,
            "arc": self.arc_figures(runs, endings, scripted).to_dict(),
        }


def _range(acc: list, count: int) -> dict | None:
    if not count:
        return None
    return {"min": acc[0], "avg": round(acc[2] / count, 2), "max": acc[1]}


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


def _play(
    stats: _Stats, scenario: Scenario, mode: str, runs: int, rng: Random, turn_cap: int, tick
) -> None:
    """Play `runs` games in `mode`, counting into `stats`."""
    if mode == "solo":
        _play_solo(stats, scenario, runs, rng, turn_cap, tick)
    else:
        _play_hotseat(stats, scenario, runs, rng, turn_cap, tick)
    if tick is not None:
        tick(runs)


def _tables(stats: _Stats, rules: Rules) -> dict:
    """Per scene, everything the hot loops need in one tuple (one lookup per choice)."""
    info = {}
    for sid, plan in rules.scenes.items():
        info[sid] = (
            plan.conditions,
            plan.every_index,
            len(plan.choices),
            stats.picked[sid],
            stats.locked[sid],
            # Only then can a choice (or an event on arrival) cause a breach.
            any(c.breach or any(e.breach for e in c.goto_events) for c in plan.choices),
        )
    return info


def _dead_end(stats: _Stats, sid: str, conditions: tuple, locked: list) -> None:
    """Every choice is locked: the run stops here."""
    stats.dead_ends[sid] += 1
    for i, _ in conditions:
        locked[i] += 1


def _count_locked(conditions: tuple, available: list, locked: list) -> None:
    for i, _ in conditions:
        if i not in available:
            locked[i] += 1


def _play_solo(
    stats: _Stats, scenario: Scenario, runs: int, rng: Random, turn_cap: int, tick
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
    stats: _Stats, scenario: Scenario, runs: int, rng: Random, turn_cap: int, tick
) -> None:
    """The hot loop for hot-seat play: both roles answer, in the order
    `Game.prompt` asks for them (a then b in `both` scenes; the actor, then
    the partner's guess, in `predict` scenes)."""
    rules = rules_for(scenario)
    template = Game.new(scenario, "hotseat", record=False).state
    stats.use_meter_order(rules, template)
    info = _tables(stats, rules)
    scenes = rules.scenes
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
            plan = scenes[sid]
            visits[sid] += 1
            first = "a" if plan.actor == "both" else plan.actor
            av = available(state, first, sid) if conditions else every_index
            n = len(av)
            if not n:
                _dead_end(stats, sid, conditions, locked)
                break
            pick = av[int(rand() * n)]
            picked[pick] += 1
            if n != n_choices:
                _count_locked(conditions, av, locked)
            if plan.actor == "both":
                av = available(state, "b", sid) if conditions else every_index
                n = len(av)
                if not n:
                    _dead_end(stats, sid, conditions, locked)
                    break
                second = av[int(rand() * n)]
                picked[second] += 1
                if n != n_choices:
                    _count_locked(conditions, av, locked)
                picks = (("a", "choose", pick), ("b", "choose", second))
            elif plan.predict:
                # The guess is made among the actor's choices, as `Game.prompt` asks.
                second = av[int(rand() * n)]
                guessed[sid][second] += 1
                picks = ((first, "choose", pick), (other(first), "guess", second))
            else:
                picks = None
            if picks is None:
                changes, fired, _, _, ending = resolve_one(state, sid, first, pick)
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


#: Bits `_track` returns: a breach landed on role a's / role b's trust.
BREACH_A, BREACH_B = 1, 2


def _track(stats: _Stats, changes: list, trackers: dict) -> int:
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
                    t[1] += 1
                    if after >= t[0]:
                        stats.recovered(meter, t[1])
                    else:
                        still.append(t)
                open_[:] = still
        elif after < before and cause == "breach":
            trackers.setdefault((owner, meter), []).append([before, 0])
            stats.breach(meter)
            found |= BREACH_A if owner == "a" else BREACH_B
    return found


# --- the command ---------------------------------------------------------------------


def main(args) -> int:
    from trustquest.catalog import resolve

    entry = resolve(args.scenario)
    scenario = entry.scenario
    progress = None
    bar = None
    modes = sum(m in scenario.modes for m in ("solo", "hotseat"))
    if args.runs * modes >= PROGRESS_FROM and _isatty(sys.stderr):
        bar = _ProgressBar()
        progress = bar.update
    start = time.perf_counter()
    try:
        report = simulate(scenario, runs=args.runs, seed=args.seed, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    elapsed = time.perf_counter() - start
    if args.json:
        sys.stdout.write(to_json(report))
    else:
        render_text(report, sys.stdout)
    # Timing changes from run to run, so it stays out of the report itself.
    print(speed_line(report["choices"], elapsed), file=sys.stderr)
    if not getattr(args, "check", False):
        return 0
    failures = check_failures(report)
    for line in failures:
        print(f"check: {line}", file=sys.stderr)
    if failures:
        n = len(failures)
        print(f"check failed: {n} problem{'s' * (n != 1)}", file=sys.stderr)
        return 1
    print("check passed: every scene and ending reached; every run ended", file=sys.stderr)
    return 0


def check_failures(report: dict) -> list[str]:
    """What makes `simulate --check` fail, one line each, per mode: a scene or
    an ending that no run reached, a run that dead-ended, a run that hit the
    turn cap. Choices never picked are not failures: a choice can be a rare
    reward on purpose, and its scene is still proven reachable."""
    return [
        f"{mode}: {line}" for mode, data in report["modes"].items() for line in gating(report, data)
    ]


def gating(report: dict, data: dict) -> list[str]:
    """The problems of one mode that fail `--check`, as the report words them."""
    out = [
        f"dead end: {row['runs']:,} runs stopped at '{row['scene']}' with every choice locked"
        for row in data["dead_ends"]["scenes"]
    ]
    out.extend(
        f"loop that never ends: {row['runs']:,} runs hit the {report['turn_cap']}-turn cap, "
        f"stuck at '{row['scene']}'"
        for row in data["endless"]["scenes"]
    )
    never = data["never_reached"]
    if never["scenes"]:
        out.append("scenes never reached: " + ", ".join(never["scenes"]))
    if never["endings"]:
        out.append("endings never reached: " + ", ".join(never["endings"]))
    return out


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def speed_line(choices: int, seconds: float) -> str:
    rate = choices / seconds if seconds > 0 else float("inf")
    return f"{choices:,} choices in {seconds:.2f} s ({rate:,.0f} choices/s)"


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _ProgressBar:
    def __init__(self):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from trustquest.output import raw

        self.progress = Progress(
            TextColumn("simulating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            # The bar is the game's own terminal control: past the output cleaning.
            console=Console(file=raw(sys.stderr)),
            transient=True,
        )
        self.task = None
        self.progress.start()

    def update(self, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.progress.add_task("runs", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        self.progress.stop()


# --- text report ---------------------------------------------------------------------


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _rng(r: dict | None) -> str:
    return "-" if r is None else f"{_num(r['min'])} / {_num(r['avg'])} / {_num(r['max'])}"


def render_text(report: dict, out) -> None:
    """Draw the report as Rich tables. Without a terminal the width is fixed
    and there is no colour, so the same report prints the same bytes."""
    import io

    from rich.console import Console

    tty = _isatty(out)
    target = out if tty else io.StringIO()
    console = Console(
        file=target,
        width=None if tty else WIDTH,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=not tty,
        force_terminal=tty,
        soft_wrap=False,
    )
    sc = report["scenario"]
    console.print(
        f"Simulation of '{sc['id']}' ({sc['title']}): {report['runs']:,} runs per mode, "
        f"seed {report['seed']}, turn cap {report['turn_cap']}"
    )
    for mode, data in report["modes"].items():
        _render_mode(console, report, mode, data)
    if not tty:  # a file or a pipe: no trailing padding
        out.write("".join(line.rstrip() + "\n" for line in target.getvalue().splitlines()))


def _profiles(report: dict, mode: str) -> list[tuple[str, str]]:
    names = report["roles"]
    if mode == "solo":
        return [
            ("b", f"their: {names['b']} → {names['a']}"),
            ("a", f"your: {names['a']} → {names['b']}"),
        ]
    return [(r, f"{names[r]} ({r}) → {names[other(r)]}") for r in ROLES]


def _render_arc(console, arc: Arc, mode: str) -> None:
    """The trust arc: breaches, rebuilding, the player's own trust, and the
    scripted players, with a warning when one reaches a hopeful ending."""
    from rich.text import Text

    lines = []
    share = f"{_pct(arc.breached_runs, arc.runs):.1f}%"
    lines.append(f"runs with a breach: {arc.breached_runs:,} of {arc.runs:,} ({share})")
    if mode == "solo":
        lines.append(f"runs in which the partner breached your trust: {arc.lapsed_runs:,}")
    ratio = arc.rebuild_ratio
    lines.append(
        "rebuild ratio (gains of +10 to undo one -20 breach at 70): "
        f"{_count(ratio.scenario)} with this scenario's [dynamics], "
        f"{_count(ratio.default)} with the defaults"
    )
    rec = arc.recovery
    lines.append(
        f"breached meters that climbed back to their value before the breach: "
        f"{rec.recovered:,} of {rec.breaches:,} ({rec.percent:.1f}%)"
    )
    t = arc.your_trust
    who = "your" if mode == "solo" else "role a's"
    if t.min is not None:
        lines.append(
            f"{who} trust at the endings: {t.min:.1f} to {t.max:.1f} "
            f"(start {t.start:.1f}: down {t.down:.1f}, up {t.up:.1f}; spread {t.spread:.1f})"
        )
    for player, label in ((arc.first_open, "first open choice"), (arc.greedy, "greedy")):
        if player is None:
            continue
        reached = ", ".join(f"{e} {n:,}" for e, n in player.endings.items() if n)
        stuck = f", stuck {player.stuck:,}" if player.stuck else ""
        lines.append(f"{label} player over {player.seeds:,} seeds: {reached or 'none'}{stuck}")
    console.print(Text("The trust arc", style="bold"))
    for line in lines:
        console.print(Text(f"  {line}"))
    for warning in arc.warnings:
        console.print(Text(f"  warning: {warning}", style="bold"))
    console.print()


def _count(n: int | None) -> str:
    return "never" if n is None else str(n)


def _render_mode(console, report: dict, mode: str, data: dict) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    runs = data["runs"]
    console.print()
    console.rule(Text(f"{mode}: {runs:,} runs, {data['choices']:,} choices"), style="bold")
    profiles = _profiles(report, mode)

    # Endings, with overall trust at each.
    t = Table(title="Endings", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("ending", no_wrap=True)
    t.add_column("tone", no_wrap=True)
    t.add_column("runs", justify="right")
    t.add_column("%", justify="right")
    t.add_column("after\nbreach", justify="right", no_wrap=True)
    t.add_column("avg turns\nclean / breach", justify="right", no_wrap=True)
    for _, label in profiles:
        t.add_column(f"trust\n{label}\nmin / avg / max", justify="right", no_wrap=True)
    arc = Arc.from_dict(data["arc"])
    for e in data["endings"]:
        turns = arc.ending(e["id"])
        t.add_row(
            Text(e["id"]),
            e["tone"],
            f"{e['runs']:,}",
            f"{e['percent']:.1f}",
            f"{e['after_breach']:,}",
            f"{_num(turns.turns_clean)} / {_num(turns.turns_after_breach)}",
            *(_rng(e["trust"][r]) for r, _ in profiles),
        )
    for label, key in (("(dead end)", "dead_ends"), ("(turn cap)", "endless")):
        if data[key]["runs"]:
            t.add_row(
                Text(label),
                "",
                f"{data[key]['runs']:,}",
                f"{100.0 * data[key]['runs'] / runs:.1f}",
                *("" for _ in range(2 + len(profiles))),
            )
    console.print(t)
    _render_arc(console, arc, mode)

    # Problems first: they are what an author acts on.
    problems = gating(report, data)
    never = data["never_reached"]
    if never["choices"]:
        problems.append(
            "choices never picked: "
            + ", ".join(f"{c['scene']} #{c['choice']}" for c in never["choices"])
        )
    console.print(Text("Problems", style="bold"))
    if problems:
        for line in problems:
            console.print(Text(f"  • {line}"))
    else:
        console.print(
            Text(
                "  none: every scene, choice and ending was reached; no dead ends or endless loops"
            )
        )
    console.print()

    # Scenes and choices.
    t = Table(
        title="Scenes (runs that reached each) and choices (share of the scene's answers)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    t.add_column("scene / choice", no_wrap=True, overflow="ellipsis", max_width=40)
    t.add_column("runs", justify="right", no_wrap=True)
    t.add_column("%", justify="right", no_wrap=True)
    t.add_column("picked", justify="right", no_wrap=True)
    t.add_column("%", justify="right", no_wrap=True)
    t.add_column("goto", no_wrap=True, overflow="ellipsis", max_width=15)
    t.add_column("notes", min_width=24)
    for s in data["scenes"]:
        notes = [] if s["actor"] == "a" else [f"[{s['actor']}]"]
        if s["predict"]:
            notes.append("[predict]")
        if s["visits"] != s["runs"]:
            notes.append(f"{s['visits']:,} visits")
        if "matches" in s:
            m = s["matches"]
            notes.append(f"{m['percent']:.1f}% matched")
        t.add_row(
            Text(s["id"], style="bold"),
            f"{s['runs']:,}",
            f"{s['percent']:.1f}",
            "",
            "",
            "",
            Text(" ".join(notes)),
        )
        for c in s["choices"]:
            notes = []
            if c["condition"] is not None:
                notes.append(f"locked {c['locked']:,}/{c['shown']:,}")
            if c["breach"]:
                notes.append("breach")
            if c["later"]:
                notes.append("later")
            if "guessed" in c:
                notes.append(f"guessed {c['guessed']:,}")
            t.add_row(
                Text(f"  {c['choice']}. {_short(c['text'], 36)}"),
                "",
                "",
                f"{c['picked']:,}",
                f"{c['percent']:.1f}",
                Text(c["goto"]),
                Text(", ".join(notes)),
            )
    console.print(t)

    # Locked choices.
    if data["locked"]:
        t = Table(
            title="Locked choices (per time the scene was shown)",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        t.add_column("choice")
        t.add_column("if")
        t.add_column("locked", justify="right")
        t.add_column("shown", justify="right")
        t.add_column("% locked", justify="right")
        for row in data["locked"]:
            t.add_row(
                Text(f"{row['scene']} #{row['choice']}"),
                Text(row["condition"]),
                f"{row['locked']:,}",
                f"{row['shown']:,}",
                f"{row['percent']:.1f}",
            )
        console.print(t)

    # Meters at each ending.
    for e in data["endings"]:
        if not e["runs"]:
            continue
        t = Table(
            title=f"Meters at ending '{e['id']}' ({e['runs']:,} runs), min / avg / max",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        t.add_column("meter")
        for _, label in profiles:
            t.add_column(label, justify="right")
        t.add_row("trust (overall)", *(_rng(e["trust"][r]) for r, _ in profiles))
        for meter in e["meters"]["a"]:
            t.add_row(meter, *(_rng(e["meters"][r][meter]) for r, _ in profiles))
        console.print(t)

    # Rebuild ratio.
    console.print(Text("Rebuild ratio: gains on a meter needed to undo one breach", style="bold"))
    if not data["rebuild"]:
        console.print(Text("  no breach happened in any run"))
    else:
        t = Table(box=box.SIMPLE_HEAD)
        t.add_column("meter")
        t.add_column("breaches", justify="right")
        t.add_column("recovered", justify="right")
        t.add_column("gains to recover min/avg/max", justify="right")
        t.add_column("never recovered", justify="right")
        for meter, r in data["rebuild"].items():
            t.add_row(
                meter,
                f"{r['breaches']:,}",
                f"{r['recovered']:,}",
                _rng(r["gains"]),
                f"{r['never']:,} ({r['never_percent']:.1f}%)",
            )
        console.print(t)
