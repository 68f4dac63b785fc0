"""The "Your patterns" screen: reached from the title and from the ending,
cleared after a confirmation, and its look at 80x24 and 60x20."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from trustquest import patterns_file
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.engine.patterns import summarize
from trustquest.tui.testing import make_app, screen_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lessons.toml"


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch):
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def keep_two(saves: Path) -> None:
    """Two finished games of the lessons fixture, on fixed days."""
    scenario = load_file(FIXTURE)
    for day, answers in (("2026-01-02", (0, 1, 1, 1)), ("2026-01-09", (1, 0, 0, 0))):
        game = Game.new(scenario)
        for index in answers:
            game.choose(index)
        patterns_file.add(saves, attrs.evolve(summarize(game, day), key=day))


def text_of(app) -> str:
    return " ".join(screen_text(app).split())


async def test_from_the_title_and_cleared_after_asking(tmp_path):
    saves = tmp_path / "saves"
    keep_two(saves)
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "PatternsScreen"
        text = text_of(app)
        assert "Across 2 finished stories (1 different), from 2026-01-02 to 2026-01-09." in text
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")  # keep them
        await pilot.pause()
        assert len(patterns_file.load(saves).playthroughs) == 2
        await pilot.press("c", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "PatternsScreen"
        assert not patterns_file.path_in(saves).exists()
        assert "Finish a story on your own" in text_of(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TitleScreen"


async def test_a_finished_story_is_kept_and_shown_from_the_ending(tmp_path):
    saves = tmp_path / "saves"
    app = make_app(saves, FIXTURE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for key in "1112":
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "EndingScreen"
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "PatternsScreen"
        assert "Across 1 finished story" in text_of(app)
    (kept,) = patterns_file.load(saves).playthroughs
    assert (kept.scenario, kept.breaks, kept.rebuilt) == ("lessons", 1, 1)


async def test_a_damaged_file_is_named_not_shown_as_a_crash(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    patterns_file.path_in(saves).write_text("[[[ not toml")
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert "is damaged" in text_of(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_patterns_snapshot(snap_compare, tmp_path, size):
    saves = tmp_path / "saves"
    keep_two(saves)
    assert snap_compare(make_app(saves), terminal_size=size, press=["y"])
