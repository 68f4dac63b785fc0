"""The play screen, story first (issue 12): after a choice the new scene is
what you see, what changed is one line above it (all of it one key away),
and the meters are there on demand, a choice the game remembers."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.engine.describe import shown
from trustquest.saves import AUTOSAVE, SaveStore, load_profile
from trustquest.tui.testing import make_app, press_as_in_file, screen_text

#: late-again, answers as numbered in the file: stay, lie about the trains,
#: ... and five choices later the lie is found out (a consequence fires).
TO_THE_LIE = [3, 2, 2, 2, 2]


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def prepared(saves: Path, answers: list[int]) -> None:
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game

    game = Game.new(resolve("late-again").scenario)
    for answer in answers:
        game.choose(answer - 1)
    SaveStore(saves).write(AUTOSAVE, game)


def scene_starts_in_view(screen) -> bool:
    """The scene's first line (its time label when it has one) is inside the
    visible part of the story, which is inside the screen, above the choices."""
    story = screen.query_one("#story")
    label = screen.query_one("#time-label")
    first = label if label.display else screen.query_one("#scene")
    top = first.region.y
    return (
        story.scroll_y == 0
        and story.region.y <= top < story.region.bottom
        and 0 <= top < screen.region.bottom
        and top < screen.query_one("#choices").region.y
    )


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_after_every_choice_the_new_scene_starts_in_view(saves, size):
    prepared(saves, TO_THE_LIE)
    app = make_app(saves, resume=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(4):  # ...the lie found out on the second, a wound opening
            await press_as_in_file(pilot, "1")
            await pilot.pause()
            screen = app.screen
            assert type(screen).__name__ == "PlayScreen"
            assert scene_starts_in_view(screen), screen_text(app)
            scene_text = str(screen.query_one("#scene").render()).splitlines()[0]
            assert scene_text[:20] in screen_text(app)
            # The change line is one line, never a block.
            assert screen.query_one("#changes").region.height in (0, 1)


async def test_the_change_line_counts_what_does_not_fit_and_the_detail_is_one_key_away(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(60, 20)) as pilot:
        await press_as_in_file(pilot, "enter")
        await pilot.pause()
        await press_as_in_file(pilot, "1")  # ring now: four meters move
        line = app.screen.query_one("#changes").text
        assert len(line) <= 58 and "more (d)" in line
        assert "d Details" in screen_text(app)  # the key, in the footer
        await pilot.press("d")
        assert type(app.screen).__name__ == "DetailsScreen"
        details = str(app.screen.query_one("#details").render())
        assert details.count("rose") + details.count("fell") >= 4  # every move, in words
        await pilot.press("escape")
        assert type(app.screen).__name__ == "PlayScreen"


async def test_the_change_line_and_the_meters_round_alike(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_as_in_file(pilot, "enter", "1", "1", "1")
        game = app.game
        meters = str(app.screen.query_one("#meters").render())
        line = app.screen.query_one("#changes").text
        last = game.state.history[-1]
        assert last.changes
        for role, meter, _before, after, *_ in last.changes:
            label = game.scenario.meter(meter).label
            value = shown(game.state.meters[role][meter])
            assert shown(after) == value or any(
                c[1] == meter and c[0] == role for c in last.changes[1:]
            )
            if role == "b":  # Kai's trust in you: the first block of the meters
                row = next(r for r in meters.splitlines() if r.startswith(label))
                assert row.rstrip(" ✚").endswith(f" {value}")
        overall = f"overall {shown(app.screen.query_one('#changes')._recent.trust_before['b'])}"
        if overall in line:
            assert line.split(overall + " → ")[1].split()[0] == str(shown(game.trust("b")))


async def test_a_delayed_consequence_has_a_line_of_its_own_above_the_scene(saves):
    prepared(saves, TO_THE_LIE)
    app = make_app(saves, resume=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await press_as_in_file(pilot, "1", "1")
        later = app.screen.query_one("#later")
        assert later.display and "catches up with you" in str(later.render())
        assert later.region.y < app.screen.query_one("#scene").region.y
        assert 0 <= later.region.y < 20  # in view, not below the fold


async def test_the_quiet_layout_is_remembered_across_runs(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_as_in_file(pilot, "enter", "1")
        assert app.screen.query_one("#meters-col").display
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.has_class("-quiet")
        assert not app.screen.query_one("#meters-col").display
        assert "Kai→you" in str(app.screen.query_one("#trustline").render())  # numbers, one line
        await pilot.press("m")  # the meters on demand
        assert type(app.screen).__name__ == "MetersScreen"
        await pilot.press("escape")
    assert load_profile(saves).layout == "quiet"

    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-quiet")
        assert not app.screen.query_one("#meters-col").display
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#meters-col").display
    assert load_profile(saves).layout == "meters"
