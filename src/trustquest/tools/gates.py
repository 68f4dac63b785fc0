"""The trust-arc gates (issue 10; /work/helpers/ARC_FORMAT.md section 4),
read from `simulate`'s own report, story by story and across the library.

    python -m trustquest.tools.gates [SCENARIO ...] [--runs N] [--seed N] [--json]
    make gates                      # the built-in library

Without SCENARIO it checks every built-in story. It prints each story's
figures with PASS / FAIL / info, and exits 1 when a gate fails.

What each gate reads (all from the solo report, or the first mode a story has):
- *recovery*: breached meters that climb back to their value before the
  breach, in >= 5% of the breaches of the random runs (stories with a breach);
- *repair*: a hopeful ending is reached after a breach, by a smaller share of
  the breached runs than of the runs without one, and not in fewer answered
  scenes on average (stories with a breach);
- *first open*: the player who always takes the first open choice (as shown)
  reaches a hopeful ending in at most half of the seeds of each story, and in
  at most a quarter of all the seeds of the library;
- *lapses*: in at least half the stories the partner breaches your trust in
  some runs, and your own overall trust at the endings spans >= 15 points,
  ending below its start in some runs and above it in others.
The greedy player is reported as information: the issue asks for a warning.
"""

from __future__ import annotations

import argparse
import json
import sys
from math import ceil

import attrs

from trustquest.engine.model import Scenario
from trustquest.tools.arc import Arc
from trustquest.tools.simulate import simulate

RUNS = 4000
SEED = 0
RECOVERY_MIN = 5.0  # percent of breached meters that climb back
FIRST_OPEN_STORY_MAX = 50.0  # percent of a story's seeds
FIRST_OPEN_LIBRARY_MAX = 25.0  # percent of all the library's seeds
YOUR_TRUST_SPREAD_MIN = 15.0  # points across endings


@attrs.frozen
class Gate:
    story: str  # a scenario id, or "library"
    name: str  # recovery | repair | first_open | lapses | greedy
    passed: bool
    figure: str  # what was measured, in words
    binding: bool = True  # False: information, never a failure

    @property
    def mark(self) -> str:
        if not self.binding:
            return "info"
        return "PASS" if self.passed else "FAIL"


@attrs.frozen
class StoryArc:
    """One story's arc figures, as simulate reported them."""

    id: str
    title: str
    mode: str
    arc: Arc


def measure(scenario: Scenario, runs: int = RUNS, seed: int = SEED) -> StoryArc:
    report = simulate(scenario, runs=runs, seed=seed)
    mode, data = next(iter(report["modes"].items()))
    return StoryArc(scenario.id, scenario.title, mode, Arc.from_dict(data["arc"]))


def story_gates(story: StoryArc) -> list[Gate]:
    arc, sid = story.arc, story.id
    gates = []
    broke = arc.recovery.breaches > 0 or arc.breached_runs > 0
    rec = arc.recovery
    if broke:
        gates.append(
            Gate(
                sid,
                "recovery",
                rec.percent >= RECOVERY_MIN,
                f"breached meters that climb back: {rec.recovered:,} of {rec.breaches:,} "
                f"({rec.percent:.1f}%; need >= {RECOVERY_MIN:.0f}%)",
            )
        )
        gates.append(_repair(sid, arc))
    else:
        gates.append(Gate(sid, "recovery", True, "no breach in any run", binding=False))
    first = arc.first_open
    if first is not None:
        gates.append(
            Gate(
                sid,
                "first_open",
                first.best_percent <= FIRST_OPEN_STORY_MAX,
                f"first open choice reaches a hopeful ending in {first.best} of {first.seeds} "
                f"seeds ({first.best_percent:.1f}%; need <= {FIRST_OPEN_STORY_MAX:.0f}%)",
            )
        )
    gates.append(Gate(sid, "lapses", lapses_and_moves(arc), _lapse_figure(arc), binding=False))
    greedy = arc.greedy
    if greedy is not None:
        gates.append(
            Gate(
                sid,
                "greedy",
                greedy.best == 0,
                f"greedy player reaches a hopeful ending in {greedy.best} of {greedy.seeds} "
                f"seeds ({greedy.best_percent:.1f}%)",
                binding=False,
            )
        )
    return gates


def _repair(sid: str, arc: Arc) -> Gate:
    good = arc.good
    after = sum(e.after_breach for e in good)
    clean_runs = arc.runs - arc.breached_runs
    clean = sum(e.clean for e in good)
    after_share = 100.0 * after / arc.breached_runs if arc.breached_runs else 0.0
    clean_share = 100.0 * clean / clean_runs if clean_runs else 0.0
    turns_after = _mean_turns(good, "after")
    turns_clean = _mean_turns(good, "clean")
    rarer = after_share < clean_share
    slower = turns_after is not None and (turns_clean is None or turns_after >= turns_clean)
    figure = (
        f"hopeful after a breach in {after:,} of {arc.breached_runs:,} breached runs "
        f"({after_share:.1f}%), without one in {clean:,} of {clean_runs:,} ({clean_share:.1f}%); "
        f"avg turns {_turns(turns_after)} after a breach, {_turns(turns_clean)} without "
        "(need > 0, rarer, and not faster)"
    )
    return Gate(sid, "repair", after > 0 and rarer and slower, figure)


def _mean_turns(endings, which: str) -> float | None:
    total = count = 0.0
    for e in endings:
        n, avg = (
            (e.after_breach, e.turns_after_breach) if which == "after" else (e.clean, e.turns_clean)
        )
        if n and avg is not None:
            total += n * avg
            count += n
    return round(total / count, 2) if count else None


def _turns(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def lapses_and_moves(arc: Arc) -> bool:
    """The partner breaches your trust in some runs, and your own trust at the
    endings spans YOUR_TRUST_SPREAD_MIN points, below and above its start."""
    t = arc.your_trust
    return arc.lapsed_runs > 0 and t.spread >= YOUR_TRUST_SPREAD_MIN and t.down > 0 and t.up > 0


def _lapse_figure(arc: Arc) -> str:
    t = arc.your_trust
    where = (
        "never reached an ending"
        if t.min is None
        else f"{t.min:.1f} to {t.max:.1f} at the endings (start {t.start:.1f}; "
        f"down {t.down:.1f}, up {t.up:.1f}, spread {t.spread:.1f})"
    )
    return (
        f"the partner breaches your trust in {arc.lapsed_runs:,} of {arc.runs:,} runs; "
        f"your trust {where} (counts toward the library: a lapse and a spread of "
        f">= {YOUR_TRUST_SPREAD_MIN:.0f}, down and up)"
    )


def library_gates(stories: list[StoryArc]) -> list[Gate]:
    players = [s.arc.first_open for s in stories if s.arc.first_open is not None]
    best = sum(p.best for p in players)
    seeds = sum(p.seeds for p in players)
    share = 100.0 * best / seeds if seeds else 0.0
    moving = [s.id for s in stories if lapses_and_moves(s.arc)]
    need = ceil(len(stories) / 2)
    return [
        Gate(
            "library",
            "first_open",
            share <= FIRST_OPEN_LIBRARY_MAX,
            f"first open choice reaches a hopeful ending in {best} of {seeds} seeds "
            f"({share:.1f}%; need <= {FIRST_OPEN_LIBRARY_MAX:.0f}%)",
        ),
        Gate(
            "library",
            "lapses",
            len(moving) >= need,
            f"{len(moving)} of {len(stories)} stories where the partner lapses and your "
            f"trust moves (need >= {need})" + (f": {', '.join(moving)}" if moving else ""),
        ),
    ]


def check(stories: list[StoryArc]) -> list[Gate]:
    gates = []
    for story in stories:
        gates.extend(story_gates(story))
    gates.extend(library_gates(stories))
    return gates


def failures(gates: list[Gate]) -> list[Gate]:
    return [g for g in gates if g.binding and not g.passed]


# --- the command ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    from trustquest.catalog import builtin_dir, resolve
    from trustquest.errors import ScenarioError, TrustQuestError

    parser = argparse.ArgumentParser(
        prog="python -m trustquest.tools.gates",
        description="Check the trust-arc gates against simulate's report.",
    )
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO", help="default: the built-ins")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"random runs (default {RUNS})")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    refs = args.scenarios or [p.stem for p in sorted(builtin_dir().glob("*.toml"))]
    stories = []
    for ref in refs:
        try:
            entry = resolve(ref)
        except ScenarioError as exc:
            print(f"error: {exc}; run trustquest validate {ref}", file=sys.stderr)
            return 1
        except TrustQuestError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        stories.append(measure(entry.scenario, args.runs, args.seed))
    gates = check(stories)
    if args.json:
        out = {
            "runs": args.runs,
            "seed": args.seed,
            "gates": [attrs.asdict(g) | {"mark": g.mark} for g in gates],
            "failed": len(failures(gates)),
        }
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    else:
        print(f"Trust-arc gates (simulate: {args.runs:,} runs, seed {args.seed})")
        titles = {s.id: s.title for s in stories}
        current = None
        for g in gates:
            if g.story != current:
                current = g.story
                print()
                print(g.story if g.story == "library" else f"{g.story} ({titles[g.story]})")
            print(f"  {g.mark:<4}  {g.name:<10}  {g.figure}")
        failed = failures(gates)
        print()
        print(f"{len(failed)} gate(s) failed." if failed else "Every gate passes.")
    return 1 if failures(gates) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `... | head`: the reader has all it wanted
        sys.exit(0)
