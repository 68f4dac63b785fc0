"""Snapshots of the full-screen game at fixed sizes (pytest-textual-snapshot).

Regenerate after a deliberate change of look with
`pytest tests/functional/test_tui_snapshots.py --snapshot-update`, then look
at the report before committing the new SVGs. Animations are off, and no
screen here shows a clock or a save's time.
"""

from __future__ import annotations

import pytest

from trustquest.catalog import resolve
from trustquest.engine.game import Game
from trustquest.saves import AUTOSAVE, SaveStore
from trustquest.tui.testing import make_app, press_as_in_file, settle

#: Choosing the file's first choice 18 times in late-again leaves one choice
#: before the ending.
BEFORE_ENDING = [1] * 18


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch):
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def pressing(*keys: str):
    """`run_before` for snap_compare: digits pick choices as numbered in the file."""

    async def run_before(pilot) -> None:
        await press_as_in_file(pilot, *keys)
        await settle(pilot)

    return run_before


def autosave_after(saves, answers: list[int]) -> None:
    game = Game.new(resolve("late-again").scenario)
    for answer in answers:
        game.choose(answer - 1)
    SaveStore(saves).write(AUTOSAVE, game)


def test_title(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path / "saves"), terminal_size=(80, 24))


def test_library(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path / "saves"), terminal_size=(80, 24), press=["p"])


def test_play(snap_compare, tmp_path):
    # Stay at the desk, then leave the messages unread: changes, a wound-free
    # low meter, and the next scene.
    app = make_app(tmp_path / "saves", "late-again")
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("enter", "3", "3"))


def test_play_quiet_layout(snap_compare, tmp_path):
    # The text-first layout (v): the story alone, overall trust in the top bar,
    # what changed in one line.
    app = make_app(tmp_path / "saves", "late-again")
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("enter", "3", "3", "v"))


def test_play_a_consequence_fires_60x20(snap_compare, tmp_path):
    # Stay, lie about the trains, ...: five choices later the lie is found out.
    # Its line, the change line and the scene's first lines are all in view.
    autosave_after(tmp_path / "saves", [3, 2, 2, 2, 2, 1])
    app = make_app(tmp_path / "saves", resume=True)
    assert snap_compare(app, terminal_size=(60, 20), run_before=pressing("1"))


def test_play_locked_choice_60x20(snap_compare, tmp_path):
    autosave_after(tmp_path / "saves", [3, 3])
    app = make_app(tmp_path / "saves", resume=True)
    # Apologise: the kitchen, where the first choice is locked.
    assert snap_compare(app, terminal_size=(60, 20), run_before=pressing("1"))


def test_ending(snap_compare, tmp_path):
    autosave_after(tmp_path / "saves", BEFORE_ENDING)
    app = make_app(tmp_path / "saves", resume=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("1"))


def test_ending_chart(snap_compare, tmp_path):
    autosave_after(tmp_path / "saves", BEFORE_ENDING)
    app = make_app(tmp_path / "saves", resume=True)

    async def to_chart(pilot):
        await press_as_in_file(pilot, "1")
        pilot.app.screen.query_one("#chart").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=to_chart)


def test_help(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path / "saves"), terminal_size=(80, 24), press=["h"])


# --- hot-seat ------------------------------------------------------------------------------

#: In hot-seat, answering 1 every time: 29 answers leave Kai's last guess.
HOTSEAT_BEFORE_ENDING = [1] * 29
#: ...and 8 answers take the story through Robin's answer in `plan_together`.
HOTSEAT_ROBIN_PLANNED = [1] * 8


def hotseat_autosave_after(saves, answers: list[int]) -> None:
    game = Game.new(resolve("late-again").scenario, "hotseat")
    for answer in answers:
        game.choose(answer - 1)
    SaveStore(saves).write(AUTOSAVE, game)


def test_hotseat_handover(snap_compare, tmp_path):
    # Play together from the setup: the first hand-over, before anything is shown.
    app = make_app(tmp_path / "saves", "late-again", hotseat=True)
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


def test_hotseat_reveal(snap_compare, tmp_path):
    # Robin has answered plan_together privately; Kai takes the keyboard and
    # answers differently: both answers, revealed together.
    hotseat_autosave_after(tmp_path / "saves", HOTSEAT_ROBIN_PLANNED)
    app = make_app(tmp_path / "saves", resume=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("enter", "2"))


def test_hotseat_debrief(snap_compare, tmp_path):
    hotseat_autosave_after(tmp_path / "saves", HOTSEAT_BEFORE_ENDING)
    app = make_app(tmp_path / "saves", resume=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("enter", "1", "d"))


def test_gallery_hints(snap_compare, tmp_path):
    # One ending found; every other shows its tone and pillar, never its title.
    autosave_after(tmp_path / "saves", BEFORE_ENDING)
    app = make_app(tmp_path / "saves", resume=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("1", "g"))


def test_backlog(snap_compare, tmp_path):
    # Three choices in: the scenes as read, the choices in place, the newest at the bottom.
    app = make_app(tmp_path / "saves", "late-again")
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=pressing("enter", "3", "3", "1", "b")
    )


def test_hotseat_backlog(snap_compare, tmp_path):
    # Ten answers in, at the smallest size: the player at the keyboard reads
    # their own answers and the revealed ones; the scenes the other answered
    # alone are only named.
    hotseat_autosave_after(tmp_path / "saves", [1] * 10)
    app = make_app(tmp_path / "saves", resume=True)
    assert snap_compare(app, terminal_size=(60, 20), run_before=pressing("enter", "b"))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.parametrize("quiet", [False, True])
def test_hotseat_play_with_long_and_odd_names(snap_compare, tmp_path, size, quiet):
    # A 24-character name and one that looks like markup, with wounds open:
    # whose turn, the trust line, the meters' headings and the change line fit,
    # a name cut with an ellipsis, never a number or a word after it.
    game = Game.new(
        resolve("ten-candles").scenario,
        "hotseat",
        names={"a": "Bartholomew-Featherstone", "b": "[b]markup[/b] Dev"},
        seed=1,
    )
    game.choose(0)
    game.state.wounds["a"]["respect"] = 10.0
    game.state.wounds["b"]["transparency"] = 10.0
    SaveStore(tmp_path / "saves").write(AUTOSAVE, game)
    app = make_app(tmp_path / "saves", resume=True)

    async def run_before(pilot) -> None:
        await press_as_in_file(pilot, "enter", *(["v"] if quiet else []))
        pilot.app.clear_notifications()  # the layout's toast would cover the choices
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
