"""The report: plain, JSON-ready data built from the counters after the runs.

It is what `--json` prints and what the Rich tables are drawn from, so both
say the same thing. The same scenario, seed and number of runs always give a
byte-identical report.
"""

from __future__ import annotations

import json
from random import Random

from trustquest.engine.meters import ROLES
from trustquest.engine.model import Scenario
from trustquest.engine.turns import GUESS
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
from trustquest.tools.simulate.loops import TURN_CAP, play
from trustquest.tools.simulate.statistics import Stats

REPORT_VERSION = 1


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

        stats = Stats(scenario, mode)
        play(stats, scenario, mode, runs, rng, turn_cap, tick)
        seeds = min(runs, PLAYER_SEEDS) if players is None else players
        scripted = None
        if n == 0 and seeds > 0:
            scripted = [
                play_scripted(scenario, mode, strategy, seeds, turn_cap)
                for strategy in ("first_open", "greedy")
            ]
        report["modes"][mode] = mode_report(stats, runs, scripted)
        choices += stats.choices
    report["choices"] = choices
    return report


def _arc_figures(stats: Stats, runs: int, endings: list[dict], scripted) -> Arc:
    rows = []
    for e in endings:
        turns = stats.arc[e["id"]]
        after = turns.after_breach
        clean = e["runs"] - after
        rows.append(
            EndingArc(
                e["id"],
                e["tone"],
                e["runs"],
                after,
                round(turns.turns_clean / clean, 2) if clean else None,
                round(turns.turns_after_breach / after, 2) if after else None,
            )
        )
    lows = [e["trust"]["a"]["min"] for e in endings if e["trust"]["a"] is not None]
    highs = [e["trust"]["a"]["max"] for e in endings if e["trust"]["a"] is not None]
    first_open, greedy = scripted if scripted else (None, None)
    return Arc(
        runs,
        stats.breached_runs,
        stats.lapsed_runs,
        tuple(rows),
        rebuild_ratios(stats.scenario),
        Recovery(
            sum(r.breaches for r in stats.rebuild.values()),
            sum(r.recovered for r in stats.rebuild.values()),
        ),
        TrustRange(stats.your_start, min(lows, default=None), max(highs, default=None)),
        first_open,
        greedy,
    )


def mode_report(stats: Stats, runs: int, scripted=None) -> dict:
    """The report of one mode, from its counters."""
    sc = stats.scenario
    scenes, never_choices, locked = _scene_rows(stats, runs)
    endings = _ending_rows(stats, runs)
    return {
        "runs": runs,
        "choices": stats.choices,
        "ended": sum(stats.endings.values()),
        "avg_turns": round(stats.turns / runs, 2) if runs else 0.0,
        "endings": endings,
        "scenes": scenes,
        "dead_ends": {
            "runs": sum(stats.dead_ends.values()),
            "scenes": [{"scene": s, "runs": n} for s, n in stats.dead_ends.items() if n],
        },
        "endless": {
            "runs": sum(stats.capped.values()),
            "scenes": [{"scene": s, "runs": n} for s, n in stats.capped.items() if n],
        },
        "never_reached": {
            "scenes": [s for s in sc.scenes if not stats.reached[s]],
            "endings": [e for e in sc.endings if not stats.endings[e]],
            "choices": never_choices,
        },
        "locked": locked,
        "rebuild": _rebuild_rows(stats),
        "arc": _arc_figures(stats, runs, endings, scripted).to_dict(),
    }


def _scene_rows(stats: Stats, runs: int) -> tuple[list[dict], list[dict], list[dict]]:
    """Per scene, its runs and choices; with the choices never picked in a
    scene that was reached, and every locked choice, in scene order."""
    scenes = []
    never_choices = []
    locked = []
    for sid, scene in stats.scenario.scenes.items():
        picked = stats.picked[sid]
        answered = sum(picked)
        # Every choose prompt ends in a pick or a dead end (with everything locked).
        shown = answered + stats.dead_ends[sid]
        visits = stats.visits[sid] if stats.mode == "hotseat" else shown
        row = {
            "id": sid,
            "actor": scene.actor,
            "predict": scene.predict,
            "runs": stats.reached[sid],
            "percent": _pct(stats.reached[sid], runs),
            "visits": visits,
            "dead_ends": stats.dead_ends[sid],
            "choices": [],
        }
        for choice in scene.choices:
            i = choice.index
            item = _choice_row(stats, sid, scene, choice, answered, shown)
            if choice.condition is not None:
                locked.append(
                    {
                        "scene": sid,
                        "choice": i + 1,
                        "condition": choice.condition.source,
                        "shown": shown,
                        "locked": stats.locked[sid][i],
                        "percent": _pct(stats.locked[sid][i], shown),
                    }
                )
            if picked[i] == 0 and stats.reached[sid]:
                never_choices.append({"scene": sid, "choice": i + 1})
            row["choices"].append(item)
        if stats.mode == "hotseat" and len(scene.turns("hotseat")) > 1:
            row["matches"] = {
                "answered": stats.resolved[sid],
                "matched": stats.matched[sid],
                "percent": _pct(stats.matched[sid], stats.resolved[sid]),
            }
        scenes.append(row)
    return scenes, never_choices, locked


def _choice_row(stats: Stats, sid: str, scene, choice, answered: int, shown: int) -> dict:
    i = choice.index
    picked = stats.picked[sid][i]
    item = {
        "choice": i + 1,
        "text": choice.text,
        "goto": choice.goto,
        "picked": picked,
        "percent": _pct(picked, answered),
        "breach": choice.breach,
        "later": choice.later is not None,
        "condition": choice.condition.source if choice.condition is not None else None,
    }
    if choice.condition is not None:
        item["shown"] = shown
        item["locked"] = stats.locked[sid][i]
    if stats.mode == "hotseat" and any(t.kind == GUESS for t in scene.turns("hotseat")):
        item["guessed"] = stats.guessed[sid][i]
    return item


def _ending_rows(stats: Stats, runs: int) -> list[dict]:
    """Per ending, its runs, and trust and every meter there (min / avg / max)."""
    sc = stats.scenario
    endings = []
    for eid, ending in sc.endings.items():
        count = stats.endings[eid]
        values = stats.at_end(eid, count)
        endings.append(
            {
                "id": eid,
                "title": ending.title,
                "tone": ending.tone,
                "when": ending.when.source if ending.when is not None else None,
                "runs": count,
                "percent": _pct(count, runs),
                "after_breach": stats.arc[eid].after_breach,
                "trust": {r: values[r]["trust"] for r in ROLES},
                "meters": {r: {m: values[r][m] for m in sc.meter_ids} for r in ROLES},
            }
        )
    return endings


def _rebuild_rows(stats: Stats) -> dict[str, dict]:
    """Per breached meter: breaches, how many were made good, and the gains it took."""
    rebuild = {}
    for meter, row in sorted(stats.rebuild.items()):
        breaches, recovered = row.breaches, row.recovered
        never = breaches - recovered
        rebuild[meter] = {
            "breaches": breaches,
            "recovered": recovered,
            "never": never,
            "never_percent": _pct(never, breaches),
            "gains": None
            if not recovered
            else {"min": row.fewest, "avg": round(row.gains / recovered, 2), "max": row.most},
        }
    return rebuild


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
