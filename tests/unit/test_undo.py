"""One-step undo: the state before the last choice, whole; never in hot-seat."""

from __future__ import annotations

from trustquest.catalog import resolve
from trustquest.engine.game import Game
from trustquest.engine.undo import (
    NOT_TOGETHER,
    NOTHING_YET,
    before_choice,
    refusal,
    taken_back,
    undone,
)


def test_undo_gives_back_the_state_before_the_choice_and_the_same_choice_the_same_result():
    game = Game.new(resolve("late-again").scenario, seed=3)
    game.choose(game.available("a")[0])
    before = game.state.to_dict()
    point = before_choice(game)
    index = game.available("a")[-1]
    game.choose(index)
    after = game.state.to_dict()
    assert refusal(game, point) == ""
    back = undone(point)
    assert back.state.to_dict() == before
    assert taken_back(point) == game.scenario.scenes[before["scene"]].choices[index].text
    back.choose(index)
    assert back.state.to_dict() == after  # D7: nothing of the undone choice lingers
    back.choose(back.available("a")[0])
    assert undone(point).state.to_dict() == before  # the kept state is a copy of its own


def test_a_point_belongs_to_its_own_game():
    game = Game.new(resolve("late-again").scenario)
    point = before_choice(game)
    game.choose(0)
    assert refusal(Game.new(game.scenario), point) == NOTHING_YET
    assert refusal(game, None) == NOTHING_YET


def test_hot_seat_keeps_nothing_and_says_why():
    game = Game.new(resolve("late-again").scenario, "hotseat")
    assert before_choice(game) is None
    assert refusal(game, None) == NOT_TOGETHER


def test_a_state_copy_is_whole_and_shares_nothing_that_play_changes():
    # Every story, both modes, to an ending: at each step the copy equals a
    # deep copy, and playing on from the original never reaches the copy.
    import copy
    import random

    from trustquest.catalog import builtin_dir
    from trustquest.engine.loader import load_file

    for path in sorted(builtin_dir().glob("*.toml")):
        scenario = load_file(path)
        for mode in ("solo", "hotseat"):
            game = Game.new(scenario, mode=mode, seed=7)
            rng = random.Random(path.name + mode)
            kept = []
            while not game.over:
                copied = game.state.copy()
                assert copied == copy.deepcopy(game.state)
                kept.append((copied, game.state.to_dict()))
                prompt = game.prompt()
                game.choose(rng.choice(game.available(prompt.role)))
            for copied, then in kept:
                assert copied.to_dict() == then, path.name
