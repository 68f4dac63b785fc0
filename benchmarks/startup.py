"""Startup, memory and responsiveness of the Textual game, against a bare
Textual "hello" app measured side by side in the same run."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.drive import reach_play

ROUNDS = 7

# Peak memory of this process in KiB. VmHWM on Linux: `ru_maxrss` survives
# fork and exec, so a child of a big parent (this benchmark, after the
# simulation one) would report the parent's peak instead of its own.
_PEAK = """
def peak_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_BARE = (
    _PEAK
    + """
import sys
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello")

async def drive(pilot):
    await pilot.pause()
    pilot.app.exit()

Hello().run(headless=True, size=(80, 24), auto_pilot=drive)
print(peak_kib())
"""
)

_GAME = (
    _PEAK
    + """
import sys
from pathlib import Path
from trustquest.tui.app import TrustQuestApp

PLAY = int(sys.argv[1])
saves = Path(sys.argv[2])

async def drive(pilot):
    await pilot.pause()
    if PLAY:
        from benchmarks.drive import reach_play
        await reach_play(pilot)
        for _ in range(PLAY):
            await pilot.press("1")
            await pilot.pause()
    pilot.app.exit()

if PLAY:
    from trustquest.catalog import resolve
    # Pilot presses faster than a reader: no double-tap pause between choices.
    app = TrustQuestApp(saves, entry=resolve("late-again"), animations=False, choice_settle=0.0)
else:
    app = TrustQuestApp(saves, animations=False)
app.run(headless=True, size=(80, 24), auto_pilot=drive)
print(peak_kib())
"""
)


def _run(code: str, *args: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return elapsed, int(proc.stdout.strip().splitlines()[-1])


def startup() -> tuple[bool, str]:
    """Process start to an interactive title screen, headless, interleaved."""
    with tempfile.TemporaryDirectory() as saves:
        _run(_BARE)  # warm the file cache for both
        _run(_GAME, "0", saves)
        bare, game = [], []
        for _ in range(ROUNDS):
            bare.append(_run(_BARE)[0])
            game.append(_run(_GAME, "0", saves)[0])
    b, g = statistics.median(bare), statistics.median(game)
    ratio = g / b
    return (
        ratio <= 1.15,
        f"{ratio:.2f}x bare Textual ({g * 1000:.0f} ms vs {b * 1000:.0f} ms; target <= 1.15x)",
    )


def memory() -> tuple[bool, str]:
    """Peak RSS after ten choices of play, against the bare app's peak."""
    with tempfile.TemporaryDirectory() as saves:
        bare = statistics.median(_run(_BARE)[1] for _ in range(3))
        game = statistics.median(_run(_GAME, "10", saves)[1] for _ in range(3))
    ratio = game / bare
    return (
        ratio <= 1.3,
        f"{ratio:.2f}x bare Textual ({game / 1024:.0f} MB vs {bare / 1024:.0f} MB; target <= 1.30x)",
    )


def response() -> tuple[bool, str]:
    """Key press to the next scene on screen, measured with Pilot (reported)."""
    import asyncio

    from trustquest.catalog import resolve
    from trustquest.tui.app import TrustQuestApp

    times: list[float] = []

    async def go() -> None:
        with tempfile.TemporaryDirectory() as saves:
            app = TrustQuestApp(
                saves, entry=resolve("late-again"), animations=False, choice_settle=0.0
            )
            async with app.run_test(size=(80, 24)) as pilot:
                await reach_play(pilot)
                while app.game is not None and not app.game.over and len(times) < 40:
                    turn = app.game.state.turn
                    options = app.game.available("a")
                    t0 = time.perf_counter()
                    await pilot.press(str(options[0] + 1))
                    await pilot.pause()
                    if app.game is None or app.game.state.turn == turn:
                        break
                    times.append(time.perf_counter() - t0)

    asyncio.run(go())
    if not times:
        return False, "no choices were measured"
    times.sort()
    median = statistics.median(times) * 1000
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1000
    return True, json.dumps(
        {"choices": len(times), "median_ms": round(median, 1), "p95_ms": round(p95, 1)}
    )
