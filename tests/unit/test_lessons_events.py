"""Lessons and patterns from what the partner did: a lapse (a story event that
breaches your trust), how you answered it, and a kindness."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.engine.game import Game
from trustquest.engine.lessons import FORGIVING, path_lessons
from trustquest.engine.loader import load_file
from trustquest.engine.path import HIT_BACK, LET_PASS, REACHED_OUT, read_path
from trustquest.engine.patterns import read_patterns, summarize
from trustquest.tools.gates import lapses_and_moves, measure

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lessons_events.toml"
LEAVE, PLAN = 0, 1  # monday
ASK, SAY_NOTHING, CANCEL = 0, 1, 2  # tuesday, after the car
THANK, EAT = 0, 1  # wednesday, after the soup


@pytest.fixture(scope="module")
def scenario():
    return load_file(FIXTURE)


def play(scenario, *answers) -> Game:
    game = Game.new(scenario)
    for index in answers:
        game.choose(index)
    assert game.over
    return game


def test_a_lapse_answered_with_care_and_rebuilt(scenario):
    game = play(scenario, LEAVE, ASK, THANK)
    path = read_path(game)
    (lapse,) = path.lapses
    assert (lapse.pillar, lapse.owner, lapse.source, lapse.time) == (
        "reliability",
        "a",
        "event",
        "Tuesday",
    )
    assert lapse.rebuilt and path.breaks == ()
    assert [a.kind for a in path.answers] == [REACHED_OUT]
    lesson = path_lessons(game)[0]
    assert lesson.kind == "lapse"
    assert lesson.text.startswith(
        "Kai let you down on Tuesday: “Kai forgot to collect the car; the garage rang you”. "
        "You answered by reaching toward her, and your trust in her reliability was back "
        "where it had been 2 choices later."
    )
    assert FORGIVING in lesson.text


@pytest.mark.parametrize(
    ("answers", "kind", "words"),
    [
        ((LEAVE, SAY_NOTHING, EAT), LET_PASS, "You let it pass without a word"),
        ((LEAVE, CANCEL, EAT), HIT_BACK, "You answered in kind, and it cost her trust in you too"),
    ],
)
def test_how_the_lapse_was_answered(scenario, answers, kind, words):
    game = play(scenario, *answers)
    assert [a.kind for a in read_path(game).answers] == [kind]
    text = path_lessons(game)[0].text
    assert words in text and "was still lower than before" in text


def test_a_kindness_is_noticed_when_nothing_went_wrong(scenario):
    game = play(scenario, PLAN, ASK, THANK)
    path = read_path(game)
    assert path.lapses == () and len(path.kindnesses) == 1
    kinds = [lesson.kind for lesson in path_lessons(game)]
    assert "kindness" in kinds
    kindness = next(x for x in path_lessons(game) if x.kind == "kindness")
    assert "“Kai left soup on the stove for you”" in kindness.text


def test_patterns_count_how_lapses_were_answered(scenario):
    kept = [
        summarize(play(scenario, *answers), f"d{i}")
        for i, answers in enumerate(
            [(LEAVE, CANCEL, EAT), (LEAVE, CANCEL, EAT), (LEAVE, ASK, THANK), (LEAVE, ASK, THANK)]
        )
    ]
    assert kept[0].lapses == 1 and kept[0].answers["hit_back"] == 1
    lines = {s.heading: s.lines for s in read_patterns(kept).sections}
    assert lines["When your partner let you down"][0] == (
        "Your trust was breached 4 times: you reached out twice, you answered in kind twice."
    )
    changed = " ".join(lines["How it changed"])
    assert "When let down, you answered in kind at first; lately you reached out." in changed


def test_the_lapse_gate_reads_the_partner_lapsing_and_your_trust_moving(scenario):
    story = measure(scenario, runs=1000, seed=0)
    arc = story.arc
    assert arc.lapsed_runs > 0
    assert arc.your_trust.spread >= 15 and arc.your_trust.down > 0 and arc.your_trust.up > 0
    assert lapses_and_moves(arc)


def test_the_library_lapse_gate_passes_when_half_the_stories_have_one(scenario):
    from trustquest.tools.gates import library_gates

    other = measure(load_file(FIXTURE.parent / "gate_pass.toml"), runs=1000, seed=0)
    stories = [measure(scenario, runs=1000, seed=0), other]
    lapses = {g.name: g for g in library_gates(stories)}["lapses"]
    assert lapses.passed and "1 of 2 stories" in lapses.figure
