"""`trustquest paths`: which scenes and endings can be reached, and how.

The search itself is `engine/explore.py`; this module turns its result into
a report for people (text) and for machines (`--json`), and decides the exit
code: 0 when every scene and ending has a walkthrough and no dead end or
endless loop was found, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
import time

from trustquest.engine.explore import Exploration, Walkthrough, explore
from trustquest.engine.model import Scenario
from trustquest.engine.text import strip_controls
from trustquest.errors import UsageError

REPORT_VERSION = 1


def _plain(text: str) -> str:
    """Untrusted text on one line, with nothing that could drive the terminal."""
    return " ".join(strip_controls(text).split())


def report(scenario: Scenario, found: Exploration) -> dict:
    """The exploration as plain, JSON-ready data."""
    bound = found.depth + 1  # nothing missing can be reached in fewer answers

    def walk(w: Walkthrough) -> dict:
        return {
            "choices": list(w.choices),
            "answers": len(w.choices),
            "turns": w.turns,
            "shortest": len(w.choices) <= bound,
        }

    return {
        "version": REPORT_VERSION,
        "scenario": scenario.id,
        "mode": found.mode,
        "seed": found.seed,
        "endings": {e: walk(w) for e, w in found.endings.items()},
        "scenes": {s: walk(w) for s, w in found.scenes.items()},
        "unreachable": list(found.unreachable),
        "unproven": list(found.unproven),
        "dead_ends": {s: walk(w) for s, w in found.dead_ends.items()},
        "endless": {s: walk(w) for s, w in found.endless.items()},
        "search": {
            "states": found.states,
            "exhaustive_answers": found.depth,
            "exhaustive": found.exhaustive,
            "max_states": found.max_states,
            "max_seconds": found.max_seconds,
        },
    }


def failed(data: dict) -> bool:
    return bool(data["unreachable"] or data["unproven"] or data["dead_ends"] or data["endless"])


def main(args) -> int:
    from trustquest.catalog import resolve

    entry = resolve(args.scenario)
    scenario = entry.scenario
    mode = "hotseat" if args.hotseat else "solo"
    if mode not in scenario.modes:
        raise UsageError(
            f"'{scenario.id}' cannot be played in {mode} mode (modes: {', '.join(scenario.modes)})"
        )
    began = time.perf_counter()
    found = explore(
        scenario, mode, seed=args.seed, max_states=args.max_states, max_seconds=args.max_seconds
    )
    elapsed = time.perf_counter() - began
    data = report(scenario, found)
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(scenario, data, args.scenario))
    # Timing differs from run to run: it stays out of the report.
    print(f"{found.states:,} states in {elapsed:.2f} s", file=sys.stderr)
    return 1 if failed(data) else 0


def render_text(scenario: Scenario, data: dict, ref: str) -> str:
    seed = "" if data["seed"] == 1 else f" --seed {data['seed']}"  # run's default
    hot = " --hotseat" if data["mode"] == "hotseat" else ""
    search = data["search"]
    lines = [
        f"Paths through '{_plain(scenario.id)}' ({_plain(scenario.title)}), "
        f"{data['mode']} play{', seed ' + str(data['seed']) if seed else ''}",
        "",
    ]

    def row(ident: str, w: dict) -> str:
        mark = "" if w["shortest"] else "  (not proven shortest)"
        return (
            f"  {_plain(ident)}: {w['answers']} answer{'s' * (w['answers'] != 1)}: "
            f"--choices {','.join(map(str, w['choices'])) or '(none: the start)'}{mark}"
        )

    lines.append(f"Endings ({len(data['endings'])} of {len(scenario.endings)} reached)")
    lines.extend(row(e, w) for e, w in data["endings"].items())
    lines.append("")
    lines.append(f"Scenes ({len(data['scenes'])} of {len(scenario.scenes)} reached)")
    lines.extend(row(s, w) for s, w in data["scenes"].items())
    lines.append("")
    problems = []
    if data["unreachable"]:
        problems.append(
            "unreachable (proven: no sequence of answers gets there): "
            + ", ".join(map(_plain, data["unreachable"]))
        )
    if data["unproven"]:
        problems.append(
            "unproven (not found within the bounds; any walkthrough needs more than "
            f"{search['exhaustive_answers']} answers): " + ", ".join(map(_plain, data["unproven"]))
        )
    for sid, w in data["dead_ends"].items():
        problems.append(
            f"dead end in '{_plain(sid)}' (every choice locked): "
            f"--choices {','.join(map(str, w['choices']))}"
        )
    for sid, w in data["endless"].items():
        problems.append(
            f"no ending can be reached any more from '{_plain(sid)}' (a loop): "
            f"--choices {','.join(map(str, w['choices']))}"
        )
    lines.append("Problems")
    lines.extend(f"  • {p}" for p in problems)
    if not problems:
        lines.append("  none: every scene and ending can be reached; no dead end, no endless loop")
    lines.append("")
    if search["exhaustive"]:
        lines.append(
            f"Search: every reachable state was explored ({search['states']:,} states), so "
            "what is not reached is unreachable and every walkthrough is a shortest one."
        )
    else:
        lines.append(
            f"Search: {search['states']:,} states. Every state up to "
            f"{search['exhaustive_answers']} answers was explored; beyond that, a search aimed "
            "at each missing scene and ending (walkthroughs longer than "
            f"{search['exhaustive_answers'] + 1} answers are not proven shortest)."
        )
        if data["unproven"]:
            lines.append(
                f"It stopped at its bounds ({search['max_states']:,} states, "
                f"{search['max_seconds']:g} s): raise --max-states or --max-seconds to go further."
            )
    lines.append(f"Replay one: trustquest run {ref}{hot}{seed} --choices ...")
    return "\n".join(lines) + "\n"
