"""`trustquest play FILE --watch`: edits reload in the game and keep the
player's place; a broken edit shows its errors and the last good version
keeps running."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trustquest.tui.testing import make_app, press_as_in_file, screen_text

SOURCE = Path(__file__).parents[2] / "scenarios" / "late-again.toml"


@pytest.fixture
def scenario(tmp_path) -> Path:
    path = tmp_path / "late.toml"
    path.write_text(SOURCE.read_text("utf-8"), "utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a visible change


async def start(pilot, answers: str) -> None:
    await press_as_in_file(pilot, "enter", *answers)


async def test_a_good_edit_reloads_and_keeps_the_players_place(tmp_path, scenario):
    app = make_app(tmp_path / "saves", scenario, watch=True, watch_interval=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "12")  # heads_up, then "say twenty minutes": buzzing
        assert app.game.state.scene == "buzzing" and app.game.state.turn == 2
        edit(scenario, "The ten minutes became forty.", "The ten minutes became FORTY-FIVE.")
        assert app.poll_watch() is True
        await pilot.pause()
        assert app.game.state.scene == "buzzing" and app.game.state.turn == 2
        assert app.game.scenario.scenes["buzzing"].text.count("FORTY-FIVE") == 1
        assert any("Reloaded late.toml" in n.message for n in app._notifications)
        await press_as_in_file(pilot, "1")  # and play goes on with the new version
        assert app.game.state.scene == "honest_call"
        assert app.poll_watch() is False  # nothing changed since


async def test_a_broken_edit_shows_errors_and_keeps_the_last_good_version(tmp_path, scenario):
    app = make_app(tmp_path / "saves", scenario, watch=True, watch_interval=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "1")
        good = app.game
        edit(scenario, 'goto = "the_table"', 'goto = "the_tabel"')
        assert app.poll_watch() is False
        await pilot.pause()
        box = app.screen.query_one("#watch-errors")
        assert box.display
        text = str(box.render())
        assert "late.toml has errors; still playing the last good version" in text
        assert "TQ201" in text and "the_tabel" in text
        assert "did you mean 'the_table'" in text  # the hint travels with the error
        assert app.game is good and app.game.state.scene == "heads_up"
        await press_as_in_file(pilot, "2")  # still playable
        assert app.game.state.scene == "buzzing"
        edit(scenario, 'goto = "the_tabel"', 'goto = "the_table"')
        assert app.poll_watch() is True
        await pilot.pause()
        assert not app.screen.query_one("#watch-errors").display
        assert app.game.state.scene == "buzzing" and app.game.state.turn == 2


async def test_an_edit_that_removes_the_path_replays_what_still_fits(tmp_path, scenario):
    app = make_app(tmp_path / "saves", scenario, watch=True, watch_interval=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "12")
        # Lock the second answer behind a condition that fails: replay stops before it.
        edit(
            scenario,
            'text = "Say twenty minutes. It sounds so much better."',
            'text = "Say twenty minutes. It sounds so much better."\nif = "turn > 50"',
        )
        assert app.poll_watch() is True
        await pilot.pause()
        assert app.game.state.turn == 1 and app.game.state.scene == "heads_up"
        assert any("1 of your 2 answers still fit" in n.message for n in app._notifications)
        assert "Choice 2" in screen_text(app)


async def test_an_edit_that_reroutes_a_past_answer_says_where_it_leads(tmp_path, scenario):
    app = make_app(tmp_path / "saves", scenario, watch=True, watch_interval=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "12")
        assert app.game.state.scene == "buzzing"
        # Every answer still fits, but the second one now leads elsewhere.
        edit(
            scenario,
            'text = "Say twenty minutes. It sounds so much better."\ngoto = "buzzing"',
            'text = "Say twenty minutes. It sounds so much better."\ngoto = "honest_call"',
        )
        assert app.poll_watch() is True
        await pilot.pause()
        assert app.game.state.scene == "honest_call" and app.game.state.turn == 2
        notes = [n.message for n in app._notifications]
        assert any("your answers now lead to 'honest_call'" in n for n in notes), notes
        assert not any("you are where you were" in n for n in notes)


async def test_the_timer_polls_the_file(tmp_path, scenario):
    app = make_app(tmp_path / "saves", scenario, watch=True, watch_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "1")
        edit(scenario, "*Thanks for ringing. How late, really?*", "*THANKS. How late?*")
        for _ in range(40):
            await pilot.pause(0.05)
            if "THANKS" in screen_text(app):
                break
        assert "THANKS" in screen_text(app)
        assert app.game.state.scene == "heads_up"
