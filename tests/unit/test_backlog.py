"""The backlog: every scene as it was read, answers in place, in order."""

from __future__ import annotations

import pytest

from trustquest.catalog import resolve
from trustquest.engine.backlog import backlog
from trustquest.engine.game import Game
from trustquest.engine.loader import load_text

STORY = """
format = 1
[scenario]
id = "backlog"
title = "Backlog"
summary = "s"
start = "one"
order = "fixed"
[scenes.one]
text = "One, before anything."
[[scenes.one.choices]]
text = "Light the lamp, {partner}."
goto = "two"
sets = ["lamp"]
[[scenes.one.choices]]
text = "Stay in the dark."
goto = "two"
[scenes.two]
text = "Two, in the dark."
[[scenes.two.variants]]
if = "flags.lamp"
text = "Two, by lamplight."
[[scenes.two.choices]]
text = "Blow it out."
goto = "three"
clears = ["lamp"]
later = { after = 1, text = "The wick smokes.", their_trust = { respect = -2 } }
[scenes.three]
text = "Three."
[[scenes.three.events]]
text = "{partner} opens a window."
[[scenes.three.choices]]
text = "Go on."
goto = "end"
[endings.last]
title = "Last"
tone = "bittersweet"
text = "The end."
"""


@pytest.fixture
def game():
    return Game.new(load_text(STORY), names={"a": "Ana", "b": "Bo"})


def test_each_scene_reads_as_it_did_when_it_was_reached(game):
    game.choose(0)  # lights the lamp: scene two reads by lamplight
    game.choose(0)  # blows it out: the flag is gone now, but two was read lit
    passages = backlog(game)
    assert [p.scene for p in passages] == ["one", "two", "three"]
    assert [p.source for p in passages] == ["One, before anything.", "Two, by lamplight.", "Three."]
    assert [a.source for p in passages for a in p.answers] == [
        "Light the lamp, {partner}.",
        "Blow it out.",
    ]
    assert [p.current for p in passages] == [False, False, True]
    assert [p.turn for p in passages] == [0, 1, 2]
    assert [e.text for e in passages[2].events] == ["Bo opens a window."]


def test_consequences_come_after_the_answer_that_they_followed(game):
    game.choose(1)
    game.choose(0)
    game.choose(0)
    passages = backlog(game)
    assert passages[1].source == "Two, in the dark."
    assert [f.text for f in passages[2].fired] == ["The wick smokes."]
    assert not any(p.current for p in passages)  # the story is over: no scene in play


def test_the_backlog_leaves_the_game_as_it_was(game):
    game.choose(0)
    before = game.state.to_dict()
    backlog(game)
    assert game.state.to_dict() == before


def test_a_long_built_in_story_replays_to_where_the_player_is():
    game = Game.new(resolve("late-again").scenario, seed=7)
    while not game.over:
        game.choose(game.available("a")[-1])
    passages = backlog(game)
    assert len(passages) == game.state.turn
    assert passages[-1].scene == next(
        h.scene for h in reversed(game.state.history) if h.kind == "choice"
    )


def test_hot_seat_is_refused_until_the_privacy_rule_says_who_sees_what():
    game = Game.new(resolve("late-again").scenario, "hotseat")
    with pytest.raises(ValueError):
        backlog(game, "a")
