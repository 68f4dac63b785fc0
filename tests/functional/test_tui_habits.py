"""The habits of story games in the full-screen game (issue 12): the backlog
of the story so far, one-step undo, choices taken last time marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.tui.testing import make_app, press_as_in_file, screen_text


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def screen_name(app) -> str:
    return type(app.screen).__name__


async def press(pilot, *keys: str) -> None:
    await press_as_in_file(pilot, *keys)
    await pilot.pause()


# --- the backlog ----------------------------------------------------------------------


async def test_the_backlog_holds_the_story_text_with_the_choices_in_place(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "3", "3", "b")
        assert screen_name(app) == "BacklogScreen"
        text = str(app.screen.query_one("#backlog").render())
        order = [
            "Choice 1 · Thursday, 7:42 pm",
            "The build has failed for the third time",  # the first scene's text, not only the choice
            "▸ You chose: Stay. Ten more minutes",
            "Choice 2 · Thursday, 8:40 pm",
            "The ten minutes became forty.",
            "▸ You chose: Leave the messages unread",
            "Choice 3 · Thursday, 9:14 pm · now",
            "Kai's plate has been cleared",
        ]
        at = [text.find(part) for part in order]
        assert -1 not in at and at == sorted(at), at
        # It opens at the newest, as it was read, and scrolls back.
        body = app.screen.query_one("#backlog-body")
        assert body.scroll_y == body.max_scroll_y > 0
        await press(pilot, "pageup")
        assert body.scroll_y < body.max_scroll_y
        await press(pilot, "escape")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == 2  # looking back changed nothing


async def test_the_backlog_key_is_in_the_footer_and_the_help(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(100, 24)) as pilot:
        await press(pilot, "enter")
        assert "b Backlog" in screen_text(app)
        await press(pilot, "question_mark")
        assert "the backlog: the story so far" in str(app.screen.query_one("#help").render())


async def test_in_hot_seat_the_backlog_says_why_it_is_not_there(saves):
    app = make_app(saves, "late-again", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "enter", "b")
        assert screen_name(app) == "PlayScreen"
        assert "The backlog is for solo play" in next(iter(app._notifications)).message
