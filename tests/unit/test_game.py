"""The rules (engine/game.py): point of view, locks, flags, conditions, text,
delayed consequences, endings, hot-seat scenes, rewind and replay."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustquest.engine.dynamics import DEFAULT, apply_delta
from trustquest.engine.game import Game, replay
from trustquest.engine.loader import load_file, load_text
from trustquest.engine.turns import Pick
from trustquest.errors import ChoiceError

FIXTURES = Path(__file__).parent / "fixtures"
EXTREME = load_file(FIXTURES / "extreme.toml")


def build(
    body: str, modes: str = '["solo", "hotseat"]', start: str = "start", head: str = ""
) -> object:
    return load_text(
        f"""\
format = 1

[scenario]
id = "rules"
order = "fixed"  # tests number choices as in the file
title = "Rules"
summary = "A scenario for testing the rules."
modes = {modes}
start = "{start}"
{head}
{body}
"""
    )


def gain(value: float, delta: int) -> float:
    return apply_delta(DEFAULT, value, 0.0, delta, False)[0]


FALLBACK = """
[endings.fallback]
title = "Fallback"
tone = "bittersweet"
text = "The end."
"""

# --- point of view ------------------------------------------------------------------------------

POV = build(
    """
[roles.a]
name = "Alex"
pronouns = "she"
[roles.b]
name = "Sam"
pronouns = "he"

[start.their]
respect = 80

[scenes.start]
actor = "a"
text = "A acts."
[[scenes.start.choices]]
text = "Open up."
goto = "second"
their_trust = { transparency = 10 }
your_trust = { respect = -4 }

[scenes.second]
actor = "b"
text = "B acts."
[[scenes.second.choices]]
text = "Open up."
goto = "end"
their_trust = { transparency = 10 }
your_trust = { respect = -4 }
[[scenes.second.choices]]
text = "Ask for more."
goto = "end"
if = "their.respect >= 60"
locked = "{partner} has not earned it yet, {me}; {they} might."
"""
    + FALLBACK
)


def test_solo_their_trust_moves_the_partners_profile():
    game = Game.new(POV)
    assert game.state.meters["b"]["respect"] == 80.0  # [start.their] is b's trust in a
    assert game.state.meters["a"]["respect"] == 50.0
    outcome = game.choose(0)
    assert game.state.meters["b"]["transparency"] == gain(50.0, 10)
    assert game.state.meters["a"]["transparency"] == 50.0
    assert game.state.meters["a"]["respect"] == 46.0
    assert game.state.meters["b"]["respect"] == 80.0
    assert {(c.role, c.meter) for c in outcome.changes} >= {("b", "transparency"), ("a", "respect")}


def test_hotseat_actor_b_their_trust_moves_as_profile():
    game = Game.new(POV, mode="hotseat")
    game.choose(0)  # a acts
    assert game.prompt().role == "b"
    game.choose(0)  # b acts
    # b's their_trust is a's trust in b; b's your_trust is b's trust in a.
    assert game.state.meters["a"]["transparency"] == gain(50.0, 10)
    assert game.state.meters["b"]["transparency"] == gain(50.0, 10)
    assert game.state.meters["b"]["respect"] == 76.0
    assert game.state.meters["a"]["respect"] == 46.0


def test_in_solo_play_the_player_acts_for_every_actor():
    game = Game.new(POV)
    game.choose(0)
    prompt = game.prompt()
    assert (prompt.kind, prompt.role, prompt.actor) == ("choose", "a", "a")
    game.choose(0)
    assert game.state.meters["b"]["transparency"] == gain(gain(50.0, 10), 10)
    assert game.state.meters["a"]["transparency"] == 50.0


def test_conditions_read_from_the_acting_players_point_of_view():
    solo = Game.new(POV)
    solo.choose(0)
    assert solo.available("a") == [0, 1]  # a's partner, b, has respect 80
    hot = Game.new(POV, mode="hotseat")
    hot.choose(0)
    assert hot.available("b") == [0]  # b's partner, a, has respect 46


def test_trust_and_context_follow_roles():
    game = Game.new(POV)
    ctx_a, ctx_b = game.context("a"), game.context("b")
    assert ctx_a.their is game.state.meters["b"] and ctx_a.your is game.state.meters["a"]
    assert ctx_b.their is game.state.meters["a"] and ctx_b.your is game.state.meters["b"]
    assert game.trust("b") == 53.75  # (7 * 50 + 80) / 8
    assert game.trust("a") == 50.0
    assert ctx_a.trust_of("their") == 53.75 and ctx_a.trust_of("your") == 50.0
    assert ctx_b.trust_of("their") == 50.0


# --- locks and answers -----------------------------------------------------------------------


def test_locked_choices_are_shown_with_their_reason():
    game = Game.new(POV, mode="hotseat")
    game.choose(0)
    options = game.options()
    assert [o.available for o in options] == [True, False]
    # The reason speaks to the reader, b: the partner is Alex, whose pronouns are she.
    assert options[1].locked == "Alex has not earned it yet, Sam; she might."
    assert options[0].locked == ""
    with pytest.raises(ChoiceError) as info:
        game.choose(1)
    assert "locked" in str(info.value)
    assert "Alex has not earned it yet, Sam; she might." in str(info.value)
    assert game.state.picks == []  # a refused answer changes nothing
    assert game.state.turn == 1


def test_a_lock_without_a_reason_still_says_it_is_locked():
    scenario = build(
        """
[scenes.start]
text = "x"
[[scenes.start.choices]]
text = "Open"
goto = "end"
[[scenes.start.choices]]
text = "Shut"
goto = "end"
if = "turn > 5"
"""
        + FALLBACK
    )
    game = Game.new(scenario)
    assert game.options()[1].available is False
    assert game.options()[1].locked
    with pytest.raises(ChoiceError, match="locked"):
        game.choose(1)


@pytest.mark.parametrize("index", [2, 3, -1, 99])
def test_out_of_range_answers_are_refused(index):
    game = Game.new(POV)
    game.choose(0)
    before = game.state.to_dict()
    with pytest.raises(ChoiceError, match="out of range"):
        game.choose(index)
    assert game.state.to_dict() == before


def test_nothing_to_choose_once_the_story_ends():
    game = Game.new(POV)
    game.choose(0)
    game.choose(0)
    assert game.over and game.prompt() is None and game.options() == []
    with pytest.raises(ChoiceError, match="ended"):
        game.choose(0)


def test_new_rejects_modes_the_scenario_does_not_support():
    solo_only = build(
        '[scenes.start]\ntext = "x"\n[[scenes.start.choices]]\ntext = "y"\ngoto = "end"\n'
        + FALLBACK,
        modes='["solo"]',
    )
    with pytest.raises(ChoiceError, match="hotseat"):
        Game.new(solo_only, mode="hotseat")
    with pytest.raises(ChoiceError, match="unknown mode"):
        Game.new(POV, mode="online")


# --- flags, visited, turn, variants -------------------------------------------------------------

STORY = build(
    """
[scenes.start]
text = "Base text."
[[scenes.start.variants]]
if = "flags.lied and visited.side"
text = "Lied, and went aside."
[[scenes.start.variants]]
if = "flags.lied"
text = "You lied."
[[scenes.start.variants]]
if = "turn >= 3"
text = "Late."

[[scenes.start.choices]]
text = "Lie."
goto = "start"
sets = ["lied"]
[[scenes.start.choices]]
text = "Come clean."
goto = "start"
clears = ["lied"]
[[scenes.start.choices]]
text = "Step aside."
goto = "side"
[[scenes.start.choices]]
text = "Only after the side."
if = "visited.side"
goto = "start"
[[scenes.start.choices]]
text = "Only later."
if = "turn >= 2"
goto = "end"

[scenes.side]
text = "Aside."
[[scenes.side.choices]]
text = "Back."
goto = "start"
"""
    + FALLBACK
)


def test_flags_are_set_and_cleared():
    game = Game.new(STORY)
    game.choose(0)
    assert game.state.flags == {"lied"}
    game.choose(0)
    assert game.state.flags == {"lied"}
    game.choose(1)
    assert game.state.flags == set()
    game.choose(1)  # clearing an unset flag is fine
    assert game.state.flags == set()


def test_visited_and_turn_unlock_choices():
    game = Game.new(STORY)
    assert game.state.visited == ["start"]
    assert game.available("a") == [0, 1, 2]
    game.choose(2)
    assert game.state.visited == ["start", "side"]
    assert game.state.turn == 1
    game.choose(0)
    assert game.state.visited == ["start", "side"]  # each scene once, in order
    assert game.state.turn == 2
    assert game.available("a") == [0, 1, 2, 3, 4]


def test_the_first_matching_variant_replaces_the_text():
    game = Game.new(STORY)
    assert game.scene_text() == "Base text."
    game.choose(0)
    assert game.scene_text() == "You lied."
    game.choose(2)
    game.choose(0)
    assert game.scene_text() == "Lied, and went aside."  # the first that holds wins, not the last
    game.choose(1)
    assert game.state.turn == 4
    assert game.scene_text() == "Late."


# --- placeholders ----------------------------------------------------------------------------------

PLACES = build(
    """
[scenes.start]
actor = "a"
text = "{me} and {partner}: {they}/{them}/{their}/{theirs}. {They} {Them} {Their} {Theirs} {Partner} {Me}."
[[scenes.start.choices]]
text = "Call {them}, {me}."
goto = "end"
"""
    + FALLBACK
)


@pytest.mark.parametrize(
    ("pronouns", "forms"),
    [
        ("she", "she/her/her/hers. She Her Her Hers"),
        ("he", "he/him/his/his. He Him His His"),
        ("they", "they/them/their/theirs. They Them Their Theirs"),
    ],
)
def test_placeholders_follow_names_and_the_partners_pronouns(pronouns, forms):
    game = Game.new(PLACES, names={"a": "ada", "b": "Bo"}, pronouns={"b": pronouns})
    assert game.scene_text("a") == f"ada and Bo: {forms} Bo Ada."
    assert game.fill("{nope} {me}", "a") == "{nope} ada"  # unknown ones stay literal
    assert (
        game.options()[0].text
        == {"she": "Call her, ada.", "he": "Call him, ada.", "they": "Call them, ada."}[pronouns]
    )


def test_placeholders_for_the_other_reader_in_hotseat():
    game = Game.new(
        PLACES, mode="hotseat", names={"a": "Ada", "b": "Bo"}, pronouns={"a": "he", "b": "she"}
    )
    # Read by b: {me} is Bo, {partner} is Ada, pronouns are Ada's.
    assert game.scene_text("b").startswith("Bo and Ada: he/him/his/his.")
    assert game.fill("{me} calls {them}", "a") == "Ada calls her"


def test_names_are_cleaned_and_bad_pronouns_fall_back():
    game = Game.new(PLACES, names={"a": "\x1b[31mEve\x07 "}, pronouns={"b": "xe"})
    assert game.state.names == {"a": "[31mEve", "b": "Sam"}
    assert game.state.pronouns["b"] == "they"


# --- delayed consequences -------------------------------------------------------------------------


def later_scenario(after: int) -> object:
    return build(
        f"""
[start.their]
respect = 80

[scenes.start]
text = "Lie?"
[[scenes.start.choices]]
text = "Lie."
goto = "wait"
later = {{ after = {after}, unless = "flags.confessed", text = "{{partner}} finds out.", their_trust = {{ transparency = -20 }}, breach = true }}
[[scenes.start.choices]]
text = "Lie to someone who respects you."
goto = "wait"
later = {{ after = {after}, unless = "their.respect >= 70", text = "Respect held.", their_trust = {{ transparency = -10 }} }}
[[scenes.start.choices]]
text = "Lie to someone you respect."
goto = "wait"
later = {{ after = {after}, unless = "your.respect >= 70", text = "Your respect.", their_trust = {{ transparency = -10 }} }}

[scenes.wait]
actor = "b"
text = "Time passes."
[[scenes.wait.choices]]
text = "Wait."
goto = "wait"
[[scenes.wait.choices]]
text = "Confess."
goto = "wait"
sets = ["confessed"]
[[scenes.wait.choices]]
text = "Leave."
goto = "end"
"""
        + FALLBACK,
    )


@pytest.mark.parametrize("after", [1, 2, 3, 5])
def test_a_consequence_fires_exactly_after_choices_later(after):
    game = Game.new(later_scenario(after), names={"b": "Sam"})
    assert not game.choose(0).fired
    for _ in range(after - 1):
        assert not game.choose(0).fired
    outcome = game.choose(0)
    assert len(outcome.fired) == 1
    fired = outcome.fired[0]
    assert (fired.role, fired.text, fired.averted) == ("a", "Sam finds out.", False)
    # A breach of -20 lands as -30 and opens a wound.
    assert [
        (c.role, c.meter, c.before, c.after, c.cause, c.wound_opened) for c in fired.changes
    ] == [("b", "transparency", 50.0, 20.0, "breach", True)]  # a breach that came due
    assert fired.breach
    assert all(c in outcome.changes for c in fired.changes)
    assert game.state.meters["b"]["transparency"] == 20.0
    assert game.state.pending == []
    # The history credits it to the choice that set it up, on the turn it fired.
    entry = game.state.history[-1]
    assert (entry.kind, entry.scene, entry.choice, entry.set_turn) == (
        "consequence",
        "start",
        0,
        1,
    )
    assert entry.turn == after + 1 == game.state.turn
    assert (fired.scene, fired.choice, fired.set_turn) == ("start", 0, 1)
    for _ in range(3):
        assert not game.choose(0).fired  # it fires once


def test_a_consequence_is_averted_when_unless_holds_by_then():
    game = Game.new(later_scenario(3))
    game.choose(0)
    game.choose(1)  # confess
    game.choose(0)
    outcome = game.choose(0)
    assert [(f.text, f.averted, f.changes) for f in outcome.fired] == [("Sam finds out.", True, ())]
    assert game.state.meters["b"]["transparency"] == 50.0
    assert [h.kind for h in game.state.history] == ["choice"] * 4


def test_confessing_on_the_very_choice_it_comes_due_still_averts_it():
    game = Game.new(later_scenario(1))
    game.choose(0)
    outcome = game.choose(1)
    assert outcome.fired[0].averted


def test_unless_is_read_from_the_schedulers_point_of_view_in_hotseat():
    # a schedules; b is acting when it comes due. b's partner (a) has respect 50,
    # a's partner (b) has respect 80.
    game = Game.new(later_scenario(1), mode="hotseat")
    game.choose(1)  # unless their.respect >= 70: true for a
    assert game.prompt().role == "b"
    assert game.choose(0).fired[0].averted

    game = Game.new(later_scenario(1), mode="hotseat")
    game.choose(2)  # unless your.respect >= 70: false for a (true for b)
    outcome = game.choose(0)
    fired = outcome.fired[0]
    assert not fired.averted and fired.role == "a"
    # Its effects speak from a's point of view too: b's trust in a falls.
    assert [(c.role, c.meter, c.after) for c in fired.changes] == [("b", "transparency", 40.0)]
    assert game.state.meters["a"]["transparency"] == 50.0


def test_pending_consequences_survive_the_end_of_the_story_silently():
    game = Game.new(later_scenario(3))
    game.choose(0)
    outcome = game.choose(2)
    assert outcome.ending == "fallback" and not outcome.fired


# --- endings ---------------------------------------------------------------------------------------

ENDINGS = build(
    """
[scenes.start]
text = "How does it end?"
[[scenes.start.choices]]
text = "Talk."
goto = "end"
their_trust = { communication = 40 }
[[scenes.start.choices]]
text = "Flag."
goto = "end"
sets = ["f"]
[[scenes.start.choices]]
text = "Both."
goto = "end"
sets = ["f"]
their_trust = { communication = 40 }
[[scenes.start.choices]]
text = "Nothing."
goto = "end"
[[scenes.start.choices]]
text = "Straight to flagged."
goto = "flagged"

[endings.talked]
title = "Talked"
tone = "hopeful"
when = "their.communication >= 60"
text = "Talked."

[endings.flagged]
title = "Flagged"
tone = "broken"
when = "flags.f"
text = "Flagged."
"""
    + FALLBACK
)


@pytest.mark.parametrize(
    ("index", "ending"),
    [(0, "talked"), (1, "flagged"), (2, "talked"), (3, "fallback"), (4, "flagged")],
)
def test_endings(index, ending):
    game = Game.new(ENDINGS)
    outcome = game.choose(index)
    assert outcome.resolved and outcome.ending == ending and outcome.next_scene == ""
    assert game.state.ending == ending and game.over
    assert game.ending is ENDINGS.endings[ending]
    assert game.state.scene == "start"  # the last scene is kept
    assert game.state.history[-1].scene == "start"


# --- hot-seat scenes -------------------------------------------------------------------------------

HOTSEAT = build(
    """
[scenes.start]
actor = "both"
text = "What now?"
match = { their_trust = { communication = 10 } }
[[scenes.start.choices]]
text = "Talk."
goto = "guess"
their_trust = { respect = 4 }
[[scenes.start.choices]]
text = "Walk."
goto = "guess"
your_trust = { respect = -4 }

[scenes.guess]
actor = "a"
predict = true
text = "Guess what {me} picks."
match = { your_trust = { boundaries = 10 } }
[[scenes.guess.choices]]
text = "Stay."
goto = "end"
their_trust = { reliability = 6 }
[[scenes.guess.choices]]
text = "Go, and leave {partner} a note."
goto = "end"
"""
    + FALLBACK
)


def test_both_scene_asks_a_then_b_and_applies_match_to_each():
    game = Game.new(HOTSEAT, mode="hotseat")
    assert (game.prompt().kind, game.prompt().role) == ("choose", "a")
    first = game.choose(0)
    assert not first.resolved and first.changes == ()
    assert game.state.meters["b"]["respect"] == 50.0  # nothing applies until both answered
    assert (game.prompt().kind, game.prompt().role) == ("choose", "b")
    outcome = game.choose(0)
    assert outcome.resolved and outcome.matched is True
    assert [p.role for p in outcome.picks] == ["a", "b"]
    # Each player's own choice, from their own point of view...
    assert game.state.meters["b"]["respect"] == gain(50.0, 4)
    assert game.state.meters["a"]["respect"] == gain(50.0, 4)
    # ...and the match for each of them.
    match = sorted((c.role, c.meter) for c in outcome.changes if c.cause == "match")
    assert match == [("a", "communication"), ("b", "communication")]
    assert game.state.meters["a"]["communication"] == gain(50.0, 10)
    assert game.state.meters["b"]["communication"] == gain(50.0, 10)
    assert game.state.turn == 1
    assert outcome.next_scene == "guess"


def test_both_scene_without_a_match():
    game = Game.new(HOTSEAT, mode="hotseat")
    game.choose(0)
    outcome = game.choose(1)
    assert outcome.matched is False
    assert not [c for c in outcome.changes if c.cause == "match"]
    # a talked (b's trust in a rose), then b walked (b's own trust in a fell).
    assert game.state.meters["b"]["respect"] == gain(50.0, 4) - 4
    assert game.state.meters["a"]["respect"] == 50.0
    assert game.state.meters["b"]["communication"] == 50.0
    # A fall in b's trust in a breaks a's run of loss-free choices (D6), not b's.
    assert game.state.streak == {"a": 0, "b": 1}
    assert game.answers() == [0, 1]


@pytest.mark.parametrize(("guess", "right"), [(0, True), (1, False)])
def test_predict_scene(guess, right):
    game = Game.new(HOTSEAT, mode="hotseat")
    game.choose(0)
    game.choose(0)
    prompt = game.prompt()
    assert (prompt.kind, prompt.role, prompt.actor) == ("choose", "a", "a")
    assert not game.choose(0).resolved
    prompt = game.prompt()
    assert (prompt.kind, prompt.role, prompt.actor) == ("guess", "b", "a")
    assert game.scene_text(prompt.role) == "Guess what Sam picks."
    before = {r: dict(m) for r, m in game.state.meters.items()}
    outcome = game.choose(guess)
    assert outcome.resolved and outcome.matched is right
    assert outcome.ending == "fallback"
    # The actor's choice applies once, from the actor's point of view; the guess applies nothing.
    assert game.state.meters["b"]["reliability"] == gain(before["b"]["reliability"], 6)
    assert game.state.meters["a"]["reliability"] == before["a"]["reliability"]
    # A right guess rewards the guesser: b's your_trust is b's own profile.
    matched = [(c.role, c.meter) for c in outcome.changes if c.cause == "match"]
    assert matched == ([("b", "boundaries")] if right else [])
    assert game.state.meters["b"]["boundaries"] == (gain(50.0, 10) if right else 50.0)
    assert game.state.meters["a"]["boundaries"] == 50.0
    assert game.state.history[-1].picks == (Pick("a", "choose", 0), Pick("b", "guess", guess))


def test_hotseat_scenes_take_one_answer_in_solo_play():
    game = Game.new(HOTSEAT)
    outcome = game.choose(0)
    assert outcome.resolved and outcome.matched is None
    assert game.state.meters["a"]["respect"] == 50.0  # b never chose
    outcome = game.choose(0)
    assert outcome.resolved and outcome.matched is None and outcome.ending


def test_answers_are_listed_in_the_order_asked():
    game = Game.new(HOTSEAT, mode="hotseat")
    for index in (1, 0, 1):
        game.choose(index)
    assert game.answers() == [1, 0, 1]  # the pending pick is included


# --- history, rewind and replay ---------------------------------------------------------------------


def test_history_and_timeline_record_each_resolved_scene():
    game = Game.new(HOTSEAT, mode="hotseat")
    assert len(game.state.timeline) == 1 and game.state.timeline[0]["turn"] == 0
    for index in (0, 0, 0, 0):
        game.choose(index)
    assert [h.turn for h in game.state.history] == [1, 2]
    assert [t["turn"] for t in game.state.timeline] == [0, 1, 2]
    assert game.state.timeline[-1]["trust"] == {"a": game.trust("a"), "b": game.trust("b")}


def test_record_false_keeps_no_history_but_plays_the_same():
    fast = Game.new(HOTSEAT, mode="hotseat", record=False)
    slow = Game.new(HOTSEAT, mode="hotseat")
    for index in (0, 1, 0, 0):
        fast.choose(index)
        slow.choose(index)
    assert fast.state.history == [] and fast.state.timeline == []
    assert fast.state.meters == slow.state.meters and fast.state.ending == slow.state.ending


def test_rewind_zero_is_a_fresh_game():
    game = Game.new(POV, mode="hotseat", names={"a": "Ann"}, seed=7)
    game.choose(0)
    fresh = Game.new(POV, mode="hotseat", names={"a": "Ann"}, seed=7)
    assert game.rewind(0).state.to_dict() == fresh.state.to_dict()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["solo", "hotseat"]), st.data())
def test_rewind_gives_the_state_after_that_many_choices(mode, data):
    game = Game.new(EXTREME, mode=mode, seed=3)
    snapshots = [game.state.to_dict()]
    for _ in range(25):
        prompt = game.prompt()
        if prompt is None:
            break
        if game.choose(data.draw(st.sampled_from(game.available(prompt.actor)))).resolved:
            snapshots.append(game.state.to_dict())
    for steps, expected in enumerate(snapshots):
        assert game.rewind(steps).state.to_dict() == expected
    assert replay(EXTREME, game, game.answers()).state.to_dict() == game.state.to_dict()


def test_replay_stops_quietly_at_an_answer_that_no_longer_fits():
    game = Game.new(POV)
    game.choose(0)
    game.choose(1)
    again = replay(POV, game, [0, 5, 0])
    assert again.answers() == [0]
    assert not again.over
