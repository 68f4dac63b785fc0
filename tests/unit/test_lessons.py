"""Lessons from this path: what broke, whether and how fast it was rebuilt (in
choices and in the story's time), and where trust went when nothing broke."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from trustquest.engine.game import Game
from trustquest.engine.lessons import REPAIR, UNREPAIRED, path_lessons
from trustquest.engine.loader import load_file
from trustquest.engine.path import read_path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lessons.toml"
FORGET, COLLECT, CANCEL, TRAFFIC = 0, 1, 2, 3  # monday
MAKE_UP, CARRY_ON, CANCEL_LATER = 0, 1, 2  # the other days


@pytest.fixture(scope="module")
def scenario():
    return load_file(FIXTURE)


def play(scenario, *answers, names=None) -> Game:
    game = Game.new(scenario, names=names)
    for index in answers:
        game.choose(index)
    assert game.over
    return game


def test_a_breach_rebuilt_says_how_long_it_took(scenario):
    game = play(scenario, FORGET, MAKE_UP, MAKE_UP, CARRY_ON)
    path = read_path(game)
    (brk,) = path.breaks
    assert (brk.pillar, brk.turn, brk.time, brk.before, brk.source) == (
        "reliability",
        1,
        "Monday",
        50.0,
        "choice",
    )
    assert (brk.rebuilt_turn, brk.rebuilt_time, brk.took) == (3, "Wednesday", 2)
    (lesson,) = path_lessons(game)
    assert lesson.kind == "rebuilt" and lesson.pillar == "reliability"
    assert lesson.text.startswith("Reliability broke on Monday (“Forget the pickup”).")
    assert "back where it had been 2 choices later, by Wednesday." in lesson.text
    assert REPAIR["reliability"] in lesson.text and UNREPAIRED not in lesson.text
    assert "*" not in lesson.text  # Markdown emphasis is dropped from quotes


def test_a_breach_never_rebuilt_says_so(scenario):
    game = play(scenario, FORGET, MAKE_UP, CARRY_ON, CARRY_ON)
    (brk,) = read_path(game).breaks
    assert not brk.rebuilt and brk.took is None
    (lesson,) = path_lessons(game)
    assert lesson.kind == "not_rebuilt"
    assert "Reliability was still lower when the story ended." in lesson.text
    assert UNREPAIRED in lesson.text


def test_a_consequence_is_told_as_an_earlier_choice_catching_up(scenario):
    game = play(scenario, TRAFFIC, CARRY_ON, CARRY_ON, CARRY_ON)
    (brk,) = read_path(game).breaks
    assert (brk.pillar, brk.source, brk.time, brk.turn) == (
        "transparency",
        "consequence",
        "Tuesday",
        2,
    )
    (lesson,) = path_lessons(game)
    assert lesson.text.startswith(
        "Transparency broke on Tuesday, when an earlier choice caught up with you "
        "(“Kai sees the roads were clear”)."
    )


def test_a_story_without_a_breach_names_what_grew(scenario):
    game = play(scenario, COLLECT, MAKE_UP, CARRY_ON, CARRY_ON)
    path = read_path(game)
    assert path.breaks == () and path.gains["reliability"] == 20.0 and path.choices == 4
    (lesson,) = path_lessons(game)
    assert lesson.kind == "growth"
    assert lesson.text.startswith(
        "Nothing you did broke Kai's trust. Reliability grew the most, by 20 points over 4 choices."
    )


def test_trust_that_slipped_without_a_breach_is_not_called_growth(scenario):
    game = play(scenario, CANCEL, CANCEL_LATER, CANCEL_LATER, CANCEL_LATER)
    path = read_path(game)
    assert path.losses["reliability"] == path.losses["communication"] == 20.0
    (lesson,) = path_lessons(game)
    assert lesson.kind == "slipped"
    assert lesson.text.startswith(
        "Nothing you did was a betrayal, yet Kai's trust in you slipped from 50 to 45, "
        "most of it on communication."
    )


def test_names_are_filled_but_never_read_as_placeholders(scenario):
    game = play(scenario, COLLECT, CARRY_ON, CARRY_ON, CARRY_ON, names={"b": "{them}"})
    (lesson,) = path_lessons(game)
    assert "broke {them}'s trust" in lesson.text


def test_lessons_follow_the_path_not_the_story(scenario):
    texts = {
        path_lessons(play(scenario, *answers))[0].text
        for answers in (
            (FORGET, MAKE_UP, MAKE_UP, CARRY_ON),
            (FORGET, CARRY_ON, CARRY_ON, CARRY_ON),
            (COLLECT, MAKE_UP, CARRY_ON, CARRY_ON),
            (CANCEL, CANCEL_LATER, CANCEL_LATER, CANCEL_LATER),
            (TRAFFIC, CARRY_ON, CARRY_ON, CARRY_ON),
        )
    }
    assert len(texts) == 5


def test_changes_saved_with_more_fields_read_the_same(scenario):
    """Later history entries keep [owner, meter, before, after, cause] and more."""
    game = play(scenario, FORGET, MAKE_UP, MAKE_UP, CARRY_ON)
    before = read_path(game)
    game.state.history = [
        attrs.evolve(entry, changes=[(*c, 0.0, False, False) for c in entry.changes])
        for entry in game.state.history
    ]
    assert read_path(game) == before
