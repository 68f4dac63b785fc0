"""`trustquest simulate`: the command line around the simulation."""

from __future__ import annotations

import sys
import time

from trustquest.tools.simulate.render import ProgressBar, isatty, render_text
from trustquest.tools.simulate.report import check_failures, simulate, to_json

#: Show a progress bar (on stderr, when it is a terminal) from this many runs.
PROGRESS_FROM = 5000


def main(args) -> int:
    from trustquest.catalog import resolve

    entry = resolve(args.scenario)
    scenario = entry.scenario
    progress = None
    bar = None
    modes = sum(m in scenario.modes for m in ("solo", "hotseat"))
    if args.runs * modes >= PROGRESS_FROM and isatty(sys.stderr):
        bar = ProgressBar()
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


def speed_line(choices: int, seconds: float) -> str:
    rate = choices / seconds if seconds > 0 else float("inf")
    return f"{choices:,} choices in {seconds:.2f} s ({rate:,.0f} choices/s)"
