"""What drawing a scene costs in CPU, against a bare Textual app swapping a
paragraph: steady figures where the terminal benchmark (`response`) is noisy.

Both run headless in this process's thread clock (`time.thread_time`), which
a busy machine hardly moves: the game shows every scene of every built-in
story (three random walks each) from its play screen, the bare app swaps in a
new paragraph of the same length as often, and each is timed from the update
to the first frame drawn and to idle (every frame that update caused).
Reported, not a target: the target is `response`'s, in a real terminal.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from pathlib import Path

WALKS = 3


def _scenes():
    from trustquest.catalog import builtin_dir
    from trustquest.engine.game import Game
    from trustquest.engine.loader import load_file

    games = []
    for path in sorted(builtin_dir().glob("*.toml")):
        scenario = load_file(path)
        if "solo" not in scenario.modes:
            continue
        for seed in range(WALKS):
            game, rng = Game.new(scenario, seed=seed), random.Random(seed)
            while not game.over:
                games.append(Game(scenario, game.state.copy()))
                game.choose(rng.choice(game.available("a")))
    return games


class _FirstFrame:
    """Notes the thread clock when the screen next draws."""

    def __init__(self):
        from textual.screen import Screen

        self.at: float | None = None
        self.armed = False
        original = Screen._compositor_refresh
        first = self

        def refresh(screen):
            result = original(screen)
            if first.armed:
                first.armed, first.at = False, time.thread_time()
            return result

        self._restore = (Screen, original)
        Screen._compositor_refresh = refresh

    def arm(self) -> None:
        self.armed, self.at = True, None

    def close(self) -> None:
        cls, original = self._restore
        cls._compositor_refresh = original


async def _measure(pilot, update, count: int, first: _FirstFrame):
    to_first, to_idle = [], []
    for n in range(count):
        gc.disable()  # a collection would land on whichever side it chose
        first.arm()
        t0 = time.thread_time()
        update(n)
        await pilot.pause()
        t1 = time.thread_time()
        gc.enable()
        to_first.append((first.at or t1) - t0)
        to_idle.append(t1 - t0)
    return statistics.median(to_first) * 1000, statistics.median(to_idle) * 1000


def _game(games, first):
    from benchmarks.drive import reach_play
    from trustquest.catalog import resolve
    from trustquest.tui.app import TrustQuestApp

    out = {}

    async def drive(pilot):
        await reach_play(pilot)
        app = pilot.app
        screen = app.screen

        def show(n):
            app.game = screen.game = games[n]
            screen.last_outcome = None
            screen.refresh_game()

        out["game"] = await _measure(pilot, show, len(games), first)
        app.exit()

    with tempfile.TemporaryDirectory() as saves:
        app = TrustQuestApp(
            Path(saves), entry=resolve("late-again"), animations=False, choice_settle=0.0
        )
        app.run(headless=True, size=(80, 24), auto_pilot=drive)
    return out["game"]


def _bare(games, first):
    from textual.app import App
    from textual.widgets import Static

    texts = [g.scene.text for g in games]
    out = {}

    class Swap(App):
        def compose(self):
            yield Static("Paragraph 0", id="head")
            yield Static("", id="text")

    async def drive(pilot):
        await pilot.pause()
        app = pilot.app

        def show(n):
            app.query_one("#head", Static).update(f"Paragraph {n + 1}")
            app.query_one("#text", Static).update(texts[n])

        out["bare"] = await _measure(pilot, show, len(texts), first)
        app.exit()

    Swap().run(headless=True, size=(80, 24), auto_pilot=drive)
    return out["bare"]


def cpu() -> tuple[bool, str]:
    """CPU from a new scene to its first frame and to idle, against the bare app."""
    games = _scenes()
    first = _FirstFrame()
    try:
        bare_first, bare_idle = _bare(games, first)
        game_first, game_idle = _game(games, first)
    finally:
        first.close()
    return True, (
        f"{game_first / bare_first:.1f}x bare Textual to the first frame "
        f"({game_first:.1f} ms vs {bare_first:.1f} ms CPU), {game_idle / bare_idle:.1f}x to idle "
        f"({game_idle:.1f} ms vs {bare_idle:.1f} ms); {len(games)} scenes, median"
    )
