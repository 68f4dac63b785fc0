"""A choice's autosave is written once its new scene is drawn, and at once
whenever anything else could need it: a new screen, quitting, leaving."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.saves import AUTOSAVE, SaveStore
from trustquest.tui.testing import make_app, press_as_in_file


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def saved_turn(saves: Path) -> int | None:
    store = SaveStore(saves)
    if not store.path(AUTOSAVE).exists():
        return None
    return store.read(AUTOSAVE).state.turn


async def choose_twice(pilot) -> None:
    await press_as_in_file(pilot, "enter")
    await pilot.pause()
    for _ in range(2):
        await press_as_in_file(pilot, "1")
        await pilot.pause()


async def test_a_choice_is_saved_after_the_frame_not_before(saves):
    app = make_app(saves, "late-again", save_delay=3600)  # the timer never fires here
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_twice(pilot)
        assert app.game.state.turn == 2
        # Drawn, waiting for the timer: nothing written yet, the copy whole.
        assert saved_turn(saves) is None
        assert app._unsaved is not None and app._unsaved.state.turn == 2
        app.flush_autosave()
        assert saved_turn(saves) == 2


async def test_a_new_screen_writes_the_waiting_save_first(saves):
    app = make_app(saves, "late-again", save_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_twice(pilot)
        await press_as_in_file(pilot, "j")  # the journal, or any screen
        await pilot.pause()
        assert type(app.screen).__name__ == "JournalScreen"
        assert saved_turn(saves) == 2


async def test_quitting_writes_the_waiting_save(saves):
    app = make_app(saves, "late-again", save_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_twice(pilot)
        app.exit()
    assert saved_turn(saves) == 2


async def test_the_saved_copy_is_the_moment_of_the_choice(saves):
    # A choice made while the save waits replaces it: the file never holds
    # a state between two choices, only one a choice left.
    app = make_app(saves, "late-again", save_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_twice(pilot)
        waiting = app._unsaved
        await press_as_in_file(pilot, "1")
        await pilot.pause()
        assert app._unsaved is not waiting and app._unsaved.state.turn == 3
        assert waiting.state.turn == 2  # the copy did not move with the game
        app.flush_autosave()
    assert saved_turn(saves) == 3


async def test_with_the_real_delay_the_save_lands_by_itself(saves):
    app = make_app(saves, "late-again", save_delay=0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_twice(pilot)
        for _ in range(50):
            if saved_turn(saves) == 2:
                break
            await pilot.pause(0.01)
        assert saved_turn(saves) == 2
        assert app._unsaved is None
