"""The backlog: every scene as it was read, answers in place, in order."""

from __future__ import annotations

import random

import pytest

from trustquest.catalog import resolve
from trustquest.engine.backlog import backlog
from trustquest.engine.game import Game
from trustquest.engine.loader import load_text
from trustquest.engine.meters import other

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


def hot_seat_game(answers: int) -> Game:
    game = Game.new(resolve("late-again").scenario, "hotseat", seed=2)
    for _ in range(answers):
        game.choose(game.available(game.prompt().actor)[0])
    return game


def test_in_hot_seat_each_player_sees_only_what_they_may():
    game = hot_seat_game(14)
    choices = [h for h in game.state.history if h.kind == "choice"]
    alone = [i for i, h in enumerate(choices) if len(h.picks) == 1]
    assert alone, "the story has scenes answered by one player alone"
    for viewer in ("a", "b"):
        passages = backlog(game, viewer)[: len(choices)]
        assert len(passages) == len(choices)
        for entry, passage in zip(choices, passages, strict=True):
            others_alone = len(entry.picks) == 1 and entry.picks[0].role != viewer
            assert passage.private == others_alone
            if others_alone:  # neither their answer nor the text they read
                assert passage.answers == () and passage.source == ""
            else:
                assert {a.role for a in passage.answers} == {p.role for p in entry.picks}
                assert passage.source


@pytest.mark.parametrize("story", ["ten-candles", "the-shared-account"])
def test_a_private_answer_never_reaches_the_other_players_backlog_before_the_reveal(story):
    """After every answer of a whole hot-seat game, neither player's backlog
    holds an answer of the other's that was not revealed: not one given alone,
    nor one given in private in the scene in play and waiting for theirs."""
    rng = random.Random(story)
    game = Game.new(resolve(story).scenario, "hotseat", seed=3)
    shared = 0
    while not game.over:
        game.choose(rng.choice(game.available(game.prompt().actor)))
        if game.over:
            break
        choices = [h for h in game.state.history if h.kind == "choice"]
        for viewer in ("a", "b"):
            passages = backlog(game, viewer)
            assert len(passages) == len(choices) + 1
            for entry, passage in zip(choices, passages, strict=False):
                by_other_alone = [p.role for p in entry.picks] == [other(viewer)]
                if by_other_alone:
                    assert passage.answers == () and passage.source == ""
                shared += len(entry.picks) > 1
            now = passages[-1]
            assert now.current and now.answers == ()
    assert shared, "the story has answers both players see"


HIDDEN = """
format = 1
[scenario]
id = "hidden"
title = "Hidden"
summary = "s"
modes = ["hotseat"]
start = "one"
[scenes.one]
actor = "a"
text = "A letter."
[[scenes.one.choices]]
text = "Burn the letter."
goto = "two"
sets = ["burned"]
later = { after = 1, unless = "flags.burned", text = "The letter turns up." }
[[scenes.one.choices]]
text = "Keep the letter."
goto = "two"
later = { after = 1, unless = "flags.burned", text = "The letter turns up." }
[scenes.two]
actor = "b"
text = "A walk."
[[scenes.two.choices]]
text = "Walk on."
goto = "three"
[scenes.three]
actor = "a"
text = "Home."
[[scenes.three.choices]]
text = "Sit down."
goto = "end"
[endings.last]
title = "Last"
tone = "bittersweet"
text = "The end."
"""


@pytest.mark.parametrize("index", [0, 1])
def test_a_consequence_averted_is_its_setters_and_one_that_fired_is_everyones(index):
    game = Game.new(load_text(HIDDEN), "hotseat", names={"a": "Ana", "b": "Bo"})
    game.choose(index)  # Ana, alone: burn (averts the letter) or keep (it turns up)
    game.choose(0)  # Bo walks on; the letter comes due after his answer
    told = {v: [f.text for p in backlog(game, v) for f in p.fired] for v in "ab"}
    assert told["a"] == ["The letter turns up."]
    # Bo hears of the letter only if it turned up: an averted one would tell him Ana burned it.
    assert told["b"] == ([] if index == 0 else ["The letter turns up."])


def test_an_answer_given_in_private_in_the_scene_in_play_is_never_in_it():
    game = hot_seat_game(0)
    while not game.state.picks:  # until someone has answered a shared scene privately
        game.choose(game.available(game.prompt().actor)[0])
    waiting = game.prompt().role
    now = backlog(game, waiting)[-1]
    assert now.current and now.answers == () and now.scene == game.state.scene


def test_at_the_end_both_players_see_everything():
    game = hot_seat_game(0)
    while not game.over:
        game.choose(game.available(game.prompt().actor)[0])
    assert not any(p.private for v in "ab" for p in backlog(game, v))
