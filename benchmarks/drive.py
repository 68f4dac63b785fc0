"""Driving the game in a benchmark. Kept apart, and importing nothing, so
the game's process measures the game and not the benchmark's own modules
(statistics, subprocess...)."""

from __future__ import annotations


async def reach_play(pilot, limit: int = 10) -> None:
    """From `play ID`, press Enter through content notes and setup until the
    play screen is showing a game."""
    for _ in range(limit):
        app = pilot.app
        if app.game is not None and type(app.screen).__name__ == "PlayScreen":
            return
        await pilot.press("enter")
        await pilot.pause()
    raise RuntimeError(f"did not reach the play screen (at {type(pilot.app.screen).__name__})")
