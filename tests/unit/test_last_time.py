"""Choices taken last time: what a finished solo playthrough keeps, and how
the profile stores it (atomic, range-checked, damage reported)."""

from __future__ import annotations

import pytest

from trustquest.catalog import resolve
from trustquest.engine.game import Game
from trustquest.engine.last_time import marked, taken
from trustquest.saves import MAX_STORIES, PROFILE, Profile, load_profile, save_profile


def played(mode: str = "solo") -> Game:
    game = Game.new(resolve("late-again").scenario, mode, seed=5)
    while not game.over:
        game.choose(game.available(game.prompt().role)[0])
    return game


def test_a_solo_playthrough_keeps_each_scenes_choice_as_numbered_in_the_file():
    game = played()
    kept = taken(game)
    choices = [h for h in game.state.history if h.kind == "choice"]
    assert sum(len(v) for v in kept.values()) == len({(h.scene, h.picks[0].index) for h in choices})
    first = choices[0]
    assert kept[first.scene] == (first.picks[0].index,)


def test_marks_are_for_the_scene_in_play_and_never_in_hot_seat():
    solo = Game.new(resolve("late-again").scenario)
    last = {solo.state.scene: (1,)}
    assert marked(solo, last, 1) and not marked(solo, last, 0)
    together = Game.new(resolve("late-again").scenario, "hotseat")
    assert not marked(together, last, 1)
    assert taken(played("hotseat")) == {}


def test_the_profile_keeps_them_across_a_save_and_a_load(tmp_path):
    profile = Profile()
    profile.remember_choices("late-again", {"desk": (2,), "kitchen": (0, 3)})
    save_profile(tmp_path, profile)
    assert load_profile(tmp_path).chosen_last_time("late-again") == {
        "desk": (2,),
        "kitchen": (0, 3),
    }


def test_only_the_newest_stories_are_kept():
    profile = Profile()
    for n in range(MAX_STORIES + 3):
        profile.remember_choices(f"story-{n}", {"one": (0,)})
    profile.remember_choices("story-5", {"one": (1,)})  # played again: the newest now
    assert len(profile.last_time) == MAX_STORIES
    assert "story-0" not in profile.last_time and "story-5" in profile.last_time
    assert list(profile.last_time)[-1] == "story-5"


@pytest.mark.parametrize(
    "table",
    [
        'last_time = "desk"',
        '[last_time."late-again"]\ndesk = [9]',
        '[last_time."late-again"]\ndesk = [-1]',
        '[last_time."late-again"]\ndesk = [true]',
        '[last_time."late-again"]\ndesk = 1',
        '[last_time."late-again"]\ndesk = [0, 1, 2, 3, 4, 5, 6, 7, 8, 0]',
        '[last_time."late-again"]\n"Desk\\u001b[2J" = [0]',
        '[last_time."Late Again"]\ndesk = [0]',
        '[last_time]\n"late-again" = [0]',
    ],
)
def test_a_damaged_table_is_reported_and_never_overwritten(tmp_path, table):
    path = tmp_path / PROFILE
    text = f'version = 1\n[settings]\ntheme = ""\n[endings]\n{table}\n'
    path.write_text(text, "utf-8")
    profile = load_profile(tmp_path)
    assert "is damaged" in profile.problem and str(path) in profile.problem
    assert profile.last_time == {}
    save_profile(tmp_path, profile)
    assert path.read_text("utf-8") == text
