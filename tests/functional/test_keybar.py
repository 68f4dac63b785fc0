"""The key bar at the bottom of every screen: one widget, whole labels only."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.tui.testing import make_app, press_as_in_file
from trustquest.tui.widgets.keybar import Key, KeyBar, fit


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def key(display: str, description: str, help: bool = False) -> Key:
    return Key(display, display, description, True, help)


def test_fit_leaves_out_whole_keys_from_the_right_and_keeps_help():
    keys = [key("1-9", "Choose"), key("b", "Backlog"), key("j", "Journal"), key("?", "Help", True)]
    assert fit(keys, 80) == keys
    # " 1-9 Choose  b Backlog  ? Help" is 30 cells: Journal does not fit beside Help.
    assert [k.description for k in fit(keys, 31)] == ["Choose", "Backlog", "Help"]
    assert [k.description for k in fit(keys, 12)] == ["Help"]
    assert fit(keys, 3) == []


def bar_text(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_every_label_on_the_play_screen_is_whole(saves, width):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(width, 24)) as pilot:
        await press_as_in_file(pilot, "enter")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = bar_text(app)
        assert len(text) <= width
        shown = [k for k in bar.active_keys() if f"{k.display} {k.description}" in text]
        assert shown and "? Help" in text
        # Nothing else is on the bar: no part of a label that did not fit.
        rest = text
        for k in shown:
            rest = rest.replace(f"{k.display} {k.description}", "")
        assert rest.strip() == ""
        if width >= 80:
            assert "d Details" in text and "b Backlog" in text


async def test_clicking_a_key_does_what_the_key_does(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(100, 24)) as pilot:
        await press_as_in_file(pilot, "enter")
        await pilot.pause()
        text = bar_text(app)
        x = text.index("b Backlog")
        await pilot.click(KeyBar, offset=(x + 2, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "BacklogScreen"
