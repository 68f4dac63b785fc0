"""Nothing is lost to a stray key: setup takes typing and Enter from anywhere,
a double tap never skips a scene unread, the ending asks before rewinding,
and toasts neither pile up nor outlive their scene."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet

from trustquest.players import Players
from trustquest.saves import AUTOSAVE, SaveStore
from trustquest.tui.testing import make_app, screen_text

ALL_ONES = 19  # choosing 1 every time in late-again reaches an ending


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def screen_name(app) -> str:
    return type(app.screen).__name__


class FakeClock:
    """The app's clock, moved on by the test: no sleeping."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_setup_opens_on_the_first_name_field_and_typing_goes_there(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "me"
        field = app.screen.query_one("#me", Input)
        field.value = ""
        await pilot.press("M", "o", "enter")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.names["a"] == "Mo"


async def test_enter_on_a_pronoun_chooses_it_and_begins(saves):
    app = make_app(saves, "late-again", players=Players(pronouns={"b": "they"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#pronouns", RadioSet).focus()
        await pilot.press("right", "enter")  # from "they" to "she", then Enter
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.pronouns["b"] == "she"


async def test_enter_on_the_back_button_goes_back_not_in(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#back").focus()
        await pilot.press("enter")
        assert screen_name(app) != "PlayScreen" and app.game is None


async def test_the_chosen_pronoun_is_marked_without_colour(saves, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(saves, "late-again", players=Players(pronouns={"b": "he"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "● he" in text and "○ she" in text
        assert "● she" not in text and "● they" not in text
        app.screen.query_one("#p-she").value = True
        await pilot.pause()
        text = screen_text(app)
        assert "● she" in text and "● he" not in text


async def test_a_double_tap_never_skips_a_scene_unread(saves):
    clock = FakeClock()
    app = make_app(saves, "late-again", choice_settle=0.4, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")  # the first scene has only just appeared
        assert app.game.state.turn == 0
        clock.now += 1
        await pilot.press("1", "1")  # a double tap: the second lands on the new scene
        await pilot.pause()
        assert app.game.state.turn == 1
        await pilot.press("enter")  # Enter on the highlighted choice waits too
        assert app.game.state.turn == 1
        clock.now += 1
        await pilot.press("1")  # read, then chosen
        assert app.game.state.turn == 2


async def test_number_keys_on_the_ending_ask_and_a_rewind_is_autosaved(saves):
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game

    game = Game.new(resolve("late-again").scenario)
    for _ in range(ALL_ONES - 1):
        game.choose(0)
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        assert screen_name(app) == "EndingScreen"
        point = app.screen.points[0]
        await pilot.press("1")
        assert screen_name(app) == "ConfirmScreen"
        assert f"Replay from choice {point.replay_from + 1}?" in screen_text(app)
        await pilot.press("n")  # a stray key loses nothing
        assert screen_name(app) == "EndingScreen"
        assert app.game.over
        await pilot.press("1", "y")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == point.replay_from
    saved = SaveStore(saves).read(AUTOSAVE).state
    assert saved.turn == point.replay_from and not saved.ending


async def test_toasts_do_not_pile_up_or_outlive_their_scene(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.press("9", "9", "9")  # "only N choices here", three times
        await pilot.pause()
        assert len(app._notifications) == 1
        await pilot.press("1")
        await pilot.pause()
        assert app.game.state.turn == 1
        assert len(app._notifications) == 0
