"""The turn model (who answers, and how), the privacy function (the history as
one player may see it) and the chooser-text function (a choice in its
chooser's words)."""

from __future__ import annotations

import pytest

from trustquest.engine.dynamics import DEFAULT, apply_delta
from trustquest.engine.game import Game
from trustquest.engine.loader import load_text
from trustquest.engine.privacy import seen_by
from trustquest.engine.reflection import debrief_opening, debrief_rows
from trustquest.engine.state import GameState
from trustquest.engine.turns import CHOOSE, GUESS, Pick, Turn, judge, scene_turns

STORY = """\
format = 1

[scenario]
id = "turns"
order = "fixed"
title = "Turns"
summary = "Every shape of scene."
modes = ["solo", "hotseat"]
start = "alone_b"

[roles.a]
name = "Ana"
pronouns = "she"
[roles.b]
name = "Ben"
pronouns = "he"

[scenes.alone_b]
actor = "b"
text = "{partner} is late."
[[scenes.alone_b.choices]]
text = "Text {partner} a joke."
goto = "shared"
their_trust = { communication = 4 }
later = { after = 1, text = "{partner} laughs at the joke.", their_trust = { respect = 2 } }
[[scenes.alone_b.choices]]
text = "Say nothing to {partner}."
goto = "shared"

[scenes.shared]
actor = "both"
text = "Where now?"
match = { their_trust = { communication = 3 } }
[[scenes.shared.choices]]
text = "Home, with {partner}."
goto = "guess"
[[scenes.shared.choices]]
text = "Out, without {partner}."
goto = "guess"

[scenes.guess]
actor = "a"
predict = true
text = "{partner} waits."
match = { your_trust = { boundaries = 10 } }
[[scenes.guess.choices]]
text = "Call {partner}."
goto = "each"
[[scenes.guess.choices]]
text = "Wait for {partner}."
goto = "each"

[scenes.each]
actor = "both"
predict = true
text = "What would {partner} say?"
match = { your_trust = { communication = 10 } }
[[scenes.each.choices]]
text = "Sorry, {partner}."
goto = "end"
[[scenes.each.choices]]
text = "Thank you, {partner}."
goto = "end"

[endings.fallback]
title = "After"
tone = "bittersweet"
text = "The end."
"""


@pytest.fixture(scope="module")
def story():
    return load_text(STORY)


def hotseat(story, *answers: int) -> Game:
    game = Game.new(story, mode="hotseat")
    for index in answers:
        game.choose(index)
    return game


# --- the turn model --------------------------------------------------------------------------


def test_in_solo_play_every_scene_is_one_choice_by_the_player(story):
    for scene in story.scenes.values():
        assert scene.turns("solo") == (Turn("a", CHOOSE, "a"),)
    game = Game.new(story)
    seen = []
    while not game.over:
        prompt = game.prompt()
        seen.append((prompt.role, prompt.kind, prompt.actor))
        assert game.choose(0).resolved
    assert seen == [("a", CHOOSE, "a")] * 4


@pytest.mark.parametrize(
    ("actor", "predict", "expected"),
    [
        ("a", False, [("a", CHOOSE, "a", False)]),
        ("b", False, [("b", CHOOSE, "b", False)]),
        ("a", True, [("a", CHOOSE, "a", False), ("b", GUESS, "a", False)]),
        ("b", True, [("b", CHOOSE, "b", False), ("a", GUESS, "b", False)]),
        ("both", False, [("a", CHOOSE, "a", True), ("b", CHOOSE, "b", True)]),
        (
            "both",
            True,
            [
                ("a", CHOOSE, "a", True),
                ("a", GUESS, "b", False),
                ("b", CHOOSE, "b", True),
                ("b", GUESS, "a", False),
            ],
        ),
    ],
)
def test_hotseat_turns_by_shape(actor, predict, expected):
    turns = scene_turns(actor, predict, "hotseat")
    assert [(t.role, t.kind, t.chooser, t.shared) for t in turns] == expected
    # Only guessing both ways guesses before the partner has chosen.
    assert [t.ahead for t in turns] == [
        predict and actor == "both" and i == 1 for i in range(len(turns))
    ]


def test_game_asks_in_the_order_of_the_turns(story):
    game = Game.new(story, mode="hotseat")
    asked = []
    while not game.over:
        prompt = game.prompt()
        turns = game.turns()
        assert prompt.turn == turns[len(game.state.picks)]
        asked.append((prompt.scene.id, prompt.role, prompt.kind, prompt.actor))
        after = len(game.state.picks) + 1
        outcome = game.choose(0)
        still = game.prompt_after_pick(prompt.scene)
        if after < len(turns):
            assert not outcome.resolved and still == turns[after].role
        else:
            assert outcome.resolved
    assert asked == [
        ("alone_b", "b", CHOOSE, "b"),
        ("shared", "a", CHOOSE, "a"),
        ("shared", "b", CHOOSE, "b"),
        ("guess", "a", CHOOSE, "a"),
        ("guess", "b", GUESS, "a"),
        ("each", "a", CHOOSE, "a"),
        ("each", "a", GUESS, "b"),
        ("each", "b", CHOOSE, "b"),
        ("each", "b", GUESS, "a"),
    ]


def gain(value: float, delta: int) -> float:
    return apply_delta(DEFAULT, value, 0.0, delta, False)[0]


@pytest.mark.parametrize(
    ("a_guess", "b_guess", "rewarded"),
    [(1, 0, ("a", "b")), (1, 1, ("a",)), (0, 0, ("b",)), (0, 1, ())],
)
def test_guessing_both_ways_rewards_each_right_guesser(story, a_guess, b_guess, rewarded):
    game = hotseat(story, 0, 0, 0, 0, 0)
    before = {r: dict(game.state.meters[r]) for r in ("a", "b")}
    # a chooses "Sorry" (0) and guesses; b chooses "Thank you" (1) and guesses.
    for index in (0, a_guess, 1, b_guess):
        outcome = game.choose(index)
    assert outcome.resolved and game.over
    assert outcome.matched is (len(rewarded) == 2)
    matched = sorted(c.role for c in outcome.changes if c.cause == "match")
    assert matched == sorted(rewarded)
    for role in ("a", "b"):
        # `your_trust` in match: the guesser's own trust in the partner grows.
        want = gain(before[role]["communication"], 10) if role in rewarded else None
        if want is not None:
            assert game.state.meters[role]["communication"] == want


def test_judge_compares_shared_answers_and_guesses():
    assert judge([Pick("a", CHOOSE, 1), Pick("b", CHOOSE, 1)]).same is True
    assert judge([Pick("a", CHOOSE, 1), Pick("b", CHOOSE, 0)]).matched is False
    guessed = judge([Pick("a", CHOOSE, 0), Pick("b", GUESS, 0)])
    assert guessed.same is None and guessed.guesses == {"b": True} and guessed.matched
    both_ways = judge(
        [Pick("a", CHOOSE, 0), Pick("a", GUESS, 0), Pick("b", CHOOSE, 1), Pick("b", GUESS, 0)]
    )
    assert both_ways.guesses == {"a": False, "b": True} and both_ways.matched is False
    assert judge([Pick("a", CHOOSE, 0)]).matched is None


def test_a_save_in_the_middle_of_guessing_both_ways_resumes_at_the_same_turn(story):
    game = hotseat(story, 0, 0, 0, 0, 0, 1, 0)  # in `each`: a chose and guessed
    state = GameState.from_dict(game.state.to_dict())
    assert state.picks == [Pick("a", CHOOSE, 1), Pick("a", GUESS, 0)]
    resumed = Game(story, state)
    assert resumed.prompt().turn == Turn("b", CHOOSE, "b", True)
    assert GameState.from_dict(state.to_dict()) == state


def test_the_scene_and_its_events_read_from_the_first_answer(story):
    game = Game.new(story, mode="hotseat")
    assert game.event_role(story.scenes["alone_b"]) == "b"
    assert game.event_role(story.scenes["each"]) == "a"
    assert Game.new(story).event_role(story.scenes["alone_b"]) == "a"


# --- whose words ------------------------------------------------------------------------------


def test_a_guess_is_read_in_the_chooser_s_words(story):
    game = hotseat(story, 0, 0, 0, 1)  # in `guess`: Ana chose "Wait for Ben"
    prompt = game.prompt()
    assert (prompt.role, prompt.kind, prompt.actor) == ("b", GUESS, "a")
    # Ben guesses Ana's choice: the options read as Ana saw them.
    assert [o.text for o in game.options(prompt)] == ["Call Ben.", "Wait for Ben."]
    guess = Pick("b", GUESS, 1)
    words = game.words(story.scenes["guess"], guess)
    assert (words.text, words.reader, words.source) == ("Wait for Ben.", "a", "Wait for {partner}.")
    # Ben's own choice reads in Ben's words.
    assert game.words(story.scenes["guess"], Pick("b", CHOOSE, 1)).text == "Wait for Ana."


def test_guessing_both_ways_reads_each_guess_in_the_partner_s_words(story):
    game = hotseat(story, 0, 0, 0, 0, 0, 1)  # in `each`: Ana chose, now guesses Ben
    prompt = game.prompt()
    assert (prompt.role, prompt.kind, prompt.actor, prompt.turn.ahead) == ("a", GUESS, "b", True)
    assert [o.text for o in game.options(prompt)] == ["Sorry, Ana.", "Thank you, Ana."]
    game.choose(0)  # Ana guesses Ben will say "Sorry, Ana."
    game.choose(0)  # and he does
    prompt = game.prompt()
    assert [o.text for o in game.options(prompt)] == ["Sorry, Ben.", "Thank you, Ben."]
    game.choose(1)  # and guesses Ana said "Thank you, Ben." (right)
    row = debrief_rows(game)[-1]
    assert row.kind == "both_ways"
    assert [(x.kind, x.text, x.right) for x in row.answers["a"]] == [
        (CHOOSE, "Thank you, Ben.", None),
        (GUESS, "Sorry, Ana.", True),
    ]
    assert [(x.kind, x.text, x.right) for x in row.answers["b"]] == [
        (CHOOSE, "Sorry, Ana.", None),
        (GUESS, "Thank you, Ben.", True),
    ]


def test_a_missing_choice_has_no_words(story):
    game = Game.new(story, mode="hotseat")
    assert game.words(story.scenes["guess"], Pick("a", CHOOSE, 7)).text == "?"
    assert game.words(None, Pick("b", GUESS, 0)).reader == "a"


# --- privacy ----------------------------------------------------------------------------------


def picks_seen(game: Game, viewer: str) -> list[tuple[str, tuple]]:
    return [
        (s.entry.scene, tuple((p.role, p.kind, p.index) for p in s.entry.picks))
        for s in seen_by(game, viewer)
        if s.entry.kind == "choice"
    ]


def test_a_player_never_sees_the_other_s_answer_made_alone(story):
    game = hotseat(story, 0)  # Ben texted a joke, alone and in private
    assert picks_seen(game, "b") == [("alone_b", (("b", CHOOSE, 0),))]
    ana = seen_by(game, "a")
    assert picks_seen(game, "a") == [("alone_b", ())]
    assert ana[0].private and ana[0].entry.changes == ()  # what it changed would tell
    # The consequence it set up happens in the shared story, but Ana is not told its cause.
    game.choose(1)
    game.choose(0)  # the shared scene resolves, and the joke's consequence fires
    fired = [s for s in seen_by(game, "a") if s.entry.kind == "consequence"]
    assert len(fired) == 1 and fired[0].private
    assert not [s for s in seen_by(game, "b") if s.entry.kind == "consequence"][0].private


def test_shared_answers_and_guesses_are_seen_once_revealed(story):
    game = hotseat(story, 0, 1)  # Ana answered the shared scene; Ben has not
    assert game.state.picks == [Pick("a", CHOOSE, 1)]
    assert picks_seen(game, "b") == [("alone_b", (("b", CHOOSE, 0),))]  # not history yet
    game.choose(0)  # Ben answers: the scene resolves and is revealed to both
    for viewer in ("a", "b"):
        assert picks_seen(game, viewer)[-1] == ("shared", (("a", CHOOSE, 1), ("b", CHOOSE, 0)))
    game.choose(0)
    game.choose(1)  # the guess: revealed to both as well
    assert picks_seen(game, "a")[-1] == ("guess", (("a", CHOOSE, 0), ("b", GUESS, 1)))
    assert not any(s.private for s in seen_by(game, "b") if s.entry.scene == "guess")


def test_everything_is_seen_once_the_story_ends_and_always_in_solo(story):
    game = hotseat(story, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert game.over
    assert picks_seen(game, "a")[0] == ("alone_b", (("b", CHOOSE, 0),))
    assert not any(s.private for s in seen_by(game, "a"))
    solo = Game.new(story)
    solo.choose(0)
    assert picks_seen(solo, "a") == [("alone_b", (("a", CHOOSE, 0),))]


# --- the debrief opening ----------------------------------------------------------------------


def test_the_debrief_opens_with_where_you_differed_most_and_how_each_read_the_other(story):
    # Shared: Ana "Home" (0), Ben "Out" (1). Guess: Ana chose 0, Ben guessed 1 (wrong).
    # Each: Ana "Sorry" (0), guesses Ben 1 (right); Ben "Thank you" (1), guesses Ana 0 (right).
    game = hotseat(story, 0, 0, 1, 0, 1, 0, 1, 1, 0)
    opening = debrief_opening(game)
    assert (opening.shared, opening.same) == (2, 0)
    assert [d.row.scene_id for d in opening.differed] == ["shared", "each"]
    assert [(r.role, r.right, r.guesses) for r in opening.readings] == [("a", 1, 1), ("b", 1, 2)]


# --- the simulator plays by the same turns ----------------------------------------------------


def test_simulate_plays_every_turn_of_every_scene_in_hotseat(story):
    from trustquest.tools.simulate import simulate

    runs = 200
    hot = simulate(story, runs=runs, seed=3)["modes"]["hotseat"]
    rows = {row["id"]: row for row in hot["scenes"]}
    # Guessing both ways: two choices and two guesses per visit, judged once.
    each = rows["each"]
    assert sum(c["picked"] for c in each["choices"]) == 2 * runs
    assert sum(c["guessed"] for c in each["choices"]) == 2 * runs
    assert each["matches"]["answered"] == runs
    # Both guesses right, out of two choices each: about a quarter of the time.
    assert 0 < each["matches"]["matched"] < runs // 2
    guess = rows["guess"]
    assert sum(c["guessed"] for c in guess["choices"]) == runs
    assert "matches" not in rows["alone_b"] and "guessed" not in rows["shared"]["choices"][0]
    assert hot["ended"] == runs
