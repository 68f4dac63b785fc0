"""The ending's lessons from this path, as plain mode and the full-screen game
show them."""

from __future__ import annotations

import io
from pathlib import Path

from trustquest.catalog import resolve
from trustquest.plain import play
from trustquest.tui.testing import make_app, screen_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lessons.toml"


def test_plain_mode_shows_the_lessons_of_this_path(tmp_path):
    out = io.StringIO()
    # Forget the pickup, make it up twice, carry on: broken, then rebuilt.
    play(resolve(str(FIXTURE)), tmp_path, inp=io.StringIO("1\n1\n1\n2\n"), out=out)
    text = " ".join(out.getvalue().split())
    assert "What this path says:" in text
    assert "• Reliability broke on Monday (“Forget the pickup”)." in text
    assert "back where it had been 2 choices later, by Wednesday." in text


async def test_the_ending_screen_shows_the_lessons_of_this_path(tmp_path):
    app = make_app(tmp_path / "saves", FIXTURE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # setup: the default names
        await pilot.pause()
        for key in "1112":
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "EndingScreen"
        section = app.screen.query_one(".lesson")
        section.scroll_visible(animate=False)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "What this path says" in text
        assert "Reliability broke on Monday" in text
