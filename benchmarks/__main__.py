"""`make bench`: performance as ratios against baselines measured in the same run.

These machines are noisy, so every figure is a ratio (or a rate) taken side by
side, with the median of several interleaved rounds. Targets (PRODUCT.md §9):

    startup      <= 1.15 x a bare Textual "hello" app (headless, to an interactive title)
    memory       <= 1.30 x the same bare app (peak RSS while playing)
    validation   <= 3.00 x tomllib parsing the same 2,000-scene file, clean and with 75 problems
    simulation   >= 100,000 choices per second on one core
    paths        <= 10 s per built-in story and mode, every scene and ending settled
    response     <= 2.00 x a bare Textual app swapping a paragraph: a choice key to the
                 next scene, in a real terminal (tmux), median and p95
    pilot        reported: the same in-process with Pilot (median, p95)
    cpu          reported: the thread CPU from a new scene to its first frame and to
                 idle, every scene of every story, against the bare app (steady
                 where `response` is noisy: it says where the time goes)
    lsp          <= 5.00 x tomllib: an edit to a 2,000-scene file, to its diagnostics

Run one with `python -m benchmarks NAME`; no name runs them all.
Exits 1 if a target is missed.
"""

from __future__ import annotations

import sys

from benchmarks import lsp, scene_cpu, startup, terminal, throughput

BENCHES = {
    "validation": throughput.validation,
    "simulation": throughput.simulation,
    "paths": throughput.paths,
    "startup": startup.startup,
    "memory": startup.memory,
    "response": terminal.response,
    "pilot": startup.response,
    "cpu": scene_cpu.cpu,
    "lsp": lsp.lsp,
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHES)}",
            file=sys.stderr,
        )
        return 2
    failed = []
    for name in names:
        ok, line = BENCHES[name]()
        print(f"{'PASS' if ok else 'FAIL'}  {name:<11} {line}", flush=True)
        if not ok:
            failed.append(name)
    if failed:
        print(f"missed targets: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
