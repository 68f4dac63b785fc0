"""Any terminal size at any moment: every screen, shrunk to 1x1 and the other
sizes that used to crash (OptionList wrapping), then grown back.

Below 60x20 the game shows "please enlarge" (keys other than quit do
nothing there), and when the terminal grows the player is exactly where
they were. The story is the hostile fixture, so long names and markup-like
text are wrapped at every size too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.tui.testing import make_app, screen_text

HOSTILE = Path(__file__).parent / "fixtures_tui" / "hostile.toml"
SMALL = [(1, 1), (5, 3), (10, 5), (20, 8), (30, 10), (59, 20)]


def top(app) -> str:
    return type(app.screen).__name__


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


async def until(pilot, done) -> None:
    """Answer 1 and confirm every hand-over and reveal until `done(app)`."""
    app = pilot.app
    for _ in range(40):
        if done(app):
            return
        await pilot.press("1" if top(app) == "PlayScreen" else "enter")
        await settle(pilot)
    raise AssertionError(f"not reached; on {top(app)}")


def playing(kind: str = "choose"):
    def done(app) -> bool:
        if top(app) != "PlayScreen" or app.game is None or app.game.over:
            return False
        return app.game.prompt().kind == kind and app.screen.viewer is not None

    return done


def keys(*pressed: str):
    """A route to a screen: these keys, one after the other."""

    async def route(pilot) -> None:
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return route


async def at_ending(pilot):
    await pilot.press("enter")
    await until(pilot, lambda app: top(app) == "EndingScreen")


async def at_gallery(pilot):
    await at_ending(pilot)
    await pilot.press("g")


async def at_message(pilot):
    pilot.app.show_message("A message", "With a body [/] that wraps " * 20)


async def at_hotseat_play(pilot):
    await pilot.press("ctrl+s")
    await settle(pilot)
    await until(pilot, playing())


async def at_private_result(pilot):
    await at_hotseat_play(pilot)
    await until(pilot, lambda app: top(app) == "RevealScreen")


async def at_reveal(pilot):
    await pilot.press("ctrl+s")
    await settle(pilot)
    await until(pilot, lambda app: top(app) == "RevealScreen" and app.screen.private_for is None)


async def at_guess(pilot):
    await pilot.press("ctrl+s")
    await settle(pilot)
    await until(pilot, playing("guess"))


async def at_debrief(pilot):
    await pilot.press("ctrl+s")
    await settle(pilot)
    await until(pilot, lambda app: top(app) == "EndingScreen")
    await pilot.press("d")


SOLO = {
    "TitleScreen": (None, keys()),
    "LibraryScreen": (None, keys("t")),
    "SetupScreen": (HOSTILE, keys()),
    "PlayScreen": (HOSTILE, keys("enter")),
    "JournalScreen": (HOSTILE, keys("enter", "1", "j")),
    "MetersScreen": (HOSTILE, keys("enter", "m")),
    "SavesScreen": (HOSTILE, keys("enter", "s")),
    "HelpScreen": (None, keys("f1")),
    "PatternsScreen": (None, keys("y")),
    "ConfirmScreen": (HOSTILE, keys("enter", "ctrl+q")),
    "EndingScreen": (HOSTILE, at_ending),
    "GalleryScreen": (HOSTILE, at_gallery),
    "MessageScreen": (None, at_message),
}
TOGETHER = {
    "SetupScreen": keys(),
    "HandOverScreen": keys("ctrl+s"),
    "PlayScreen": at_hotseat_play,
    "RevealScreen": at_private_result,
    "RevealScreen-both": at_reveal,
    "PlayScreen-guess": at_guess,
    "EndingScreen": at_debrief,
}


async def sweep(pilot, expected: str) -> None:
    """Shrink to every small size and back, checking "please enlarge" and
    that the same screen, with the same game, comes back."""
    app = pilot.app
    await settle(pilot)
    assert top(app) == expected, screen_text(app)
    screen = app.screen
    state = app.game.state.to_dict() if app.game is not None else None
    quitting = expected == "ConfirmScreen"
    for width, height in [*SMALL, (60, 20)]:
        await pilot.resize_terminal(width, height)
        await settle(pilot)
        assert app.is_running and app._exception is None
        small = width < 60 or height < 20
        if small and not quitting:
            assert top(app) == "TooSmallScreen"
            if width >= 30:
                assert "Please enlarge" in screen_text(app)
            if (width, height) == (20, 8):
                await pilot.press("1", "enter", "f1", "ctrl+p", "escape")  # nothing happens here
                await settle(pilot)
                assert top(app) == "TooSmallScreen"
        else:
            assert app.screen is screen, f"{top(app)} instead of {expected}"
    assert (app.game.state.to_dict() if app.game is not None else None) == state
    assert [type(s).__name__ for s in app.screen_stack].count("TooSmallScreen") == 0


@pytest.mark.parametrize("name", sorted(SOLO))
async def test_every_solo_screen_survives_any_size(tmp_path, name):
    story, route = SOLO[name]
    app = make_app(tmp_path / "saves", story)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await route(pilot)
        await sweep(pilot, name)


@pytest.mark.parametrize("name", sorted(TOGETHER))
async def test_every_hotseat_screen_survives_any_size(tmp_path, name):
    app = make_app(tmp_path / "saves", HOSTILE, hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await TOGETHER[name](pilot)
        await sweep(pilot, name.split("-")[0])


async def test_shrinking_mid_answer_keeps_the_place_and_the_answer_still_counts(tmp_path):
    app = make_app(tmp_path / "saves", HOSTILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.resize_terminal(20, 8)
        await settle(pilot)
        await pilot.press("1")  # hidden behind "please enlarge": chooses nothing
        await settle(pilot)
        assert app.game.state.turn == 0
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert app.game.state.turn == 1 and top(app) == "PlayScreen"


async def test_quitting_while_too_small_still_asks_and_can_be_answered(tmp_path):
    app = make_app(tmp_path / "saves", HOSTILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.resize_terminal(10, 5)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert top(app) == "ConfirmScreen"
        await pilot.press("n")
        await settle(pilot)
        assert top(app) == "TooSmallScreen"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert top(app) == "PlayScreen"
