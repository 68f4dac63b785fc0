"""The trust-arc gates of issue 10 for every built-in story and the whole
library, read from simulate's own report, and player two's share of the
answers in hot-seat (issue 11). One place for what the stories' own test files
would otherwise each repeat."""

from __future__ import annotations

import random

import pytest

from trustquest.catalog import builtin_dir
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.tools.gates import check, failures, library_gates, measure, story_gates

PATHS = sorted(builtin_dir().glob("*.toml"))
STORIES = [p.stem for p in PATHS]


@pytest.fixture(scope="module")
def arcs():
    return {p.stem: measure(load_file(p)) for p in PATHS}


def test_every_builtin_story_and_the_library_meet_the_trust_arc_gates(arcs):
    assert len(arcs) >= 4
    gates = check(list(arcs.values()))
    assert [f"{g.name}: {g.figure}" for g in failures(gates)] == []
    library = {g.name for g in library_gates(list(arcs.values())) if g.binding}
    assert library == {"first_open", "lapses"}  # the library lines were checked too


@pytest.mark.parametrize("sid", STORIES)
def test_each_story_meets_every_story_gate(arcs, sid):
    gates = story_gates(arcs[sid])
    failed = [f"{g.name}: {g.figure}" for g in gates if g.binding and not g.passed]
    assert failed == []
    assert {"recovery", "repair", "first_open"} <= {g.name for g in gates if g.binding}


@pytest.mark.parametrize("sid", STORIES)
def test_the_partner_lapses_and_your_own_trust_moves_both_ways(arcs, sid):
    arc = arcs[sid].arc
    assert arc.lapsed_runs > 0
    assert arc.your_trust.spread >= 15
    assert arc.your_trust.down > 0 and arc.your_trust.up > 0


@pytest.mark.parametrize("sid", STORIES)
def test_a_greedy_player_does_not_coast_to_a_hopeful_ending(arcs, sid):
    assert arcs[sid].arc.greedy.best == 0


@pytest.mark.parametrize("sid", STORIES)
def test_player_two_gives_at_least_35_percent_of_the_answers_in_every_hotseat_game(sid):
    """Random hot-seat games (any choice order, any path): in each one, player
    two gives at least 35% of the answers, choosing, guessing or both."""
    scenario = load_file(builtin_dir() / f"{sid}.toml")
    rng = random.Random(sid)
    for _ in range(300):
        game = Game.new(scenario, "hotseat", seed=rng.randint(1, 10**6), record=False)
        answers = {"a": 0, "b": 0}
        while not game.over:
            prompt = game.prompt()
            answers[prompt.role] += 1
            game.advance(rng.choice([o.index for o in game.options(prompt) if o.available]))
        assert answers["b"] / (answers["a"] + answers["b"]) >= 0.35, answers
