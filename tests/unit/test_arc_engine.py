"""The trust arc in the engine: story events, habits, the seeded choice order,
and turning points that credit the cause (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from walkthrough import as_shown

from trustquest.cli import main
from trustquest.engine.game import Game
from trustquest.engine.lessons import ending_lessons
from trustquest.engine.loader import load_file, load_text
from trustquest.engine.order import shown_order
from trustquest.engine.reflection import journey_marks, journey_x, turning_points
from trustquest.engine.state import GameState
from trustquest.errors import ChoiceError

ARC = Path(__file__).resolve().parents[1] / "fixtures" / "arc.toml"

HEAD = """\
format = 1
[scenario]
id = "t"
title = "T"
summary = "T."
start = "first"
{order}
[start.their]
reliability = 70
"""

ENDINGS = """
[endings.over]
title = "Over"
tone = "bittersweet"
text = "Over."
"""


def build(body: str, order: str = 'order = "fixed"') -> object:
    return load_text(HEAD.format(order=order) + body + ENDINGS)


def plain_state(game: Game) -> dict:
    s = game.state
    return {
        "meters": s.meters,
        "wounds": s.wounds,
        "streak": s.streak,
        "flags": s.flags,
        "turn": s.turn,
        "ending": s.ending,
        "visited": s.visited,
    }


# --- events ---------------------------------------------------------------------------


def test_the_start_scenes_events_happen_when_the_game_begins():
    game = Game.new(load_file(ARC), names={"b": "Sam"})
    assert [e.text for e in game.opening] == ["Sam made you coffee before you woke."]
    assert game.arrived() == game.opening  # read back from the history
    assert game.state.meters["a"]["consistency"] == 53.0  # 4 * (1 - 0.5 * 50 / 100) -> +3
    assert "coffee" in game.state.flags and game.state.turn == 0
    entry = game.state.history[0]
    assert (entry.kind, entry.scene, entry.event, entry.turn) == (
        "event",
        "monday",
        0,
        0,
    )
    assert entry.points == (1, 1) and len(game.state.timeline) == 2


def test_events_happen_on_arrival_when_their_if_holds_and_a_lapse_is_a_breach_of_your_trust():
    game = Game.new(load_file(ARC), names={"b": "Sam"})
    outcome = game.choose(1)  # collect the car: flags.forgot stays false
    assert [e.index for e in outcome.events] == [1]  # only the cancellation
    cancelled = outcome.events[0]
    assert cancelled.breach and cancelled.scene == "tuesday"
    (change,) = cancelled.changes
    # -12 lands as -18 (a breach) and opens a wound in the player's trust.
    assert (change.role, change.meter, change.before, change.after, change.cause) == (
        "a",
        "reliability",
        50.0,
        32.0,
        "breach",
    )
    assert change.wound_opened and game.state.wounds["a"]["reliability"] == 18.0
    # Events are not the choice's changes, and they do not count as a turn.
    assert all(c.cause != "breach" for c in outcome.changes)
    assert game.state.turn == 1
    assert [e.text for e in game.arrived()] == ["Sam cancels your plans at the last minute."]


def test_events_happen_on_every_visit_and_do_not_count_for_later_after():
    game = Game.new(load_file(ARC))
    game.choose(0)  # the broken promise: a consequence 2 choices later, unless owned up
    game.choose(1)  # shrug
    outcome = game.choose(2)  # routine: do nothing; 2 choices after turn 1 -> due now
    assert [f.text for f in outcome.fired] == ["The garage charges a second day."]
    assert len(outcome.events) == 1  # the note on the fridge, which is not a choice
    game.choose(game.scene.choices[0].index)  # go round again: monday once more
    assert [e.index for e in game.arrived()] == [0]  # the coffee again
    kinds = [h.kind for h in game.state.history]
    # coffee; silence and the cancellation; the booked Fridays; the note; coffee again
    assert kinds.count("event") == 6 and kinds.count("choice") == 4
    assert kinds.count("consequence") == 1


def test_an_event_without_effects_changes_no_run_and_an_events_kindness_extends_the_partners():
    scenario = build(
        """
[scenes.first]
text = "A."
[[scenes.first.events]]
text = "Kind."
your_trust = { respect = 1 }
[[scenes.first.events]]
text = "Just news."
sets = ["news"]
[[scenes.first.choices]]
text = "On."
goto = "end"
if = "flags.news"
[[scenes.first.choices]]
text = "Off."
goto = "end"
"""
    )
    game = Game.new(scenario)
    assert game.state.streak == {"a": 0, "b": 1}  # one act of the partner's, nothing for news
    assert "news" in game.state.flags


# --- habits ----------------------------------------------------------------------------

HABIT = """
[scenes.first]
text = "Break it."
[[scenes.first.choices]]
text = "Break it."
goto = "habit"
breach = true
their_trust = {{ reliability = -20 }}
[scenes.habit]
text = "Weeks."
[[scenes.habit.choices]]
text = "Keep it up."
goto = "end"
their_trust = {{ reliability = 6, consistency = 2 }}
repeat = {n}
span = "the next {n} weeks"
"""

STEPS = """
[scenes.first]
text = "Break it."
[[scenes.first.choices]]
text = "Break it."
goto = "s1"
breach = true
their_trust = {{ reliability = -20 }}
""" + "".join(
    f"""
[scenes.s{i}]
text = "Week."
[[scenes.s{i}.choices]]
text = "Keep it up."
goto = "{"s" + str(i + 1) if i < 4 else "end"}"
their_trust = {{{{ reliability = 6, consistency = 2 }}}}
"""
    for i in range(1, 5)
)


def test_a_habit_is_its_effects_step_by_step_through_the_dynamics():
    """A habit of four steps lands exactly like four answers with the same
    effects: damped per step, healing the wound bit by bit, each step a
    step in the D6 run. Only the turn counts one answer."""
    habit = Game.new(build(HABIT.format(n=4)))
    habit.choose(0)
    wound = habit.state.wounds["b"]["reliability"]
    habit.choose(0)
    steps = Game.new(build(STEPS.format()))
    for _ in range(5):
        steps.choose(0)
    for key in ("meters", "wounds", "streak"):
        assert plain_state(habit)[key] == plain_state(steps)[key], key
    assert habit.state.turn == 2 and steps.state.turn == 5
    # The wound healed a little with each step, and is smaller than it was.
    healed = [c for c in habit.state.history[-1].changes if c[1] == "reliability" and c[0] == "b"]
    assert len(healed) == 4 and 0 < habit.state.wounds["b"].get("reliability", 0.0) < wound
    gains = [round(after - before, 2) for _, _, before, after, *_ in healed]
    assert all(g > 0 for g in gains) and gains == sorted(gains, reverse=True)  # D3 per step
    # Three runs of three: the D6 bonus arrived inside the habit.
    assert any(c[4] == "consistency" for c in habit.state.history[-1].changes)


def test_a_habit_adds_a_timeline_point_per_step_labelled_from_its_span():
    game = Game.new(build(HABIT.format(n=4)))
    game.choose(0)
    game.choose(0)
    entry = game.state.history[-1]
    first, last = entry.points
    assert last - first == 3
    labels = [p["label"] for p in game.state.timeline[first : last + 1]]
    assert labels == ["week 1 of 4", "week 2 of 4", "week 3 of 4", "week 4 of 4"]
    assert journey_x(game)[first : last + 1] == [1.25, 1.5, 1.75, 2.0]
    assert [kind for _, kind in journey_marks(game)] == ["step", "step", "step"]
    option = Game.new(build(HABIT.format(n=4)))
    option.choose(0)
    (shown,) = option.options()
    assert (shown.repeat, shown.span) == (4, "the next 4 weeks")


# --- order -----------------------------------------------------------------------------


def test_the_order_is_a_seeded_permutation_that_varies():
    orders = {shown_order(seed, "kitchen", 3, 4) for seed in range(40)}
    assert all(sorted(o) == [0, 1, 2, 3] for o in orders)
    assert len(orders) > 12  # most of the 24 orders turn up
    assert shown_order(7, "kitchen", 3, 4) == shown_order(7, "kitchen", 3, 4)
    firsts = [shown_order(seed, "kitchen", 0, 3)[0] for seed in range(300)]
    assert {firsts.count(i) for i in range(3)} <= set(range(70, 131))  # no favourite


def test_fixed_order_keeps_the_files_order_and_shuffle_is_the_default():
    assert Game.new(load_file(ARC), seed=9).shown_order(load_file(ARC).scenes["routine"]) == (
        0,
        1,
        2,
    )
    assert load_file(ARC).order == "shuffle"
    scenario = build(HABIT.format(n=2), order="")
    assert scenario.order == "shuffle" and scenario.scenes["habit"].order == "shuffle"


def test_options_come_in_the_shown_order_numbered_from_one():
    game = Game.new(load_file(ARC), seed=4)
    order = game.shown_order()
    options = game.options()
    assert [o.index for o in options] == list(order)
    assert [o.number for o in options] == [1, 2, 3]
    for o in options:
        assert game.index_of(o.number) == o.index and game.number_of(o.index) == o.number
    with pytest.raises(ChoiceError, match="out of range"):
        game.index_of(4)


def test_the_order_survives_save_resume_and_rewind_and_is_recorded():
    game = Game.new(load_file(ARC), seed=11)
    shown = []
    for _ in range(3):
        shown.append(game.shown_order())
        game.choose(next(o.index for o in game.options() if o.available))
    resumed = Game(game.scenario, GameState.from_dict(json.loads(json.dumps(game.state.to_dict()))))
    assert resumed.shown_order() == game.shown_order()
    assert [tuple(h.order) for h in game.state.history if h.kind == "choice"] == shown
    back = game.rewind(1)
    assert back.state.turn == 1 and back.shown_order() == shown[1]


@settings(max_examples=40, deadline=None)
@given(
    seeds=st.tuples(st.integers(0, 2**40), st.integers(0, 2**40)),
    draws=st.lists(st.integers(0, 100), min_size=1, max_size=30),
    mode=st.sampled_from(["solo", "hotseat"]),
)
def test_order_never_changes_the_rules_only_the_numbering(seeds, draws, mode):
    """The same answers (file indexes) under two seeds: the same game in
    every respect, while the numbers shown for them may differ."""
    scenario = load_file(ARC)
    one, two = (Game.new(scenario, mode, seed=s) for s in seeds)
    for draw in draws:
        if one.over:
            break
        open_ = [o.index for o in one.options() if o.available]
        assert sorted(open_) == sorted(o.index for o in two.options() if o.available)
        index = open_[draw % len(open_)]
        via_number = two.number_of(index)
        one.choose(index)
        two.choose_number(via_number)
        assert plain_state(one) == plain_state(two)
    assert [h.changes for h in one.state.history] == [h.changes for h in two.state.history]


def test_run_uses_the_numbers_shown_and_is_reproducible_with_its_seed(capsys):
    answers = as_shown(ARC, [1, 2, 1, 2], seed=5)
    assert main(["run", str(ARC), "--seed", "5", "--choices", answers, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["run", str(ARC), "--seed", "5", "--choices", answers, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert first["seed"] == 5
    assert [s["choice"] for s in first["steps"]] == [1, 2, 1, 2]
    for step in first["steps"]:
        assert step["order"][step["answer"] - 1] == step["choice"]
    assert [e["text"] for e in first["opening_events"]] == ["Sam made you coffee before you woke."]
    assert first["steps"][0]["events"][-1]["breach"] is True  # the cancellation
    # The default seed is 1.
    assert main(["run", str(ARC), "--choices", as_shown(ARC, [1, 2, 1, 2]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == 1


def test_the_transcript_marks_events_and_habits(capsys):
    assert main(["run", str(ARC), "--choices", as_shown(ARC, [2, 1, 1])]) == 0
    out = capsys.readouterr().out
    assert "* It happened: Sam made you coffee before you woke." in out
    assert "* It happened (a breach of your trust): Sam cancels your plans" in out
    assert "[kept up over the next four weeks (4 steps)]" in out


# --- credit ----------------------------------------------------------------------------

LIE = """
[scenes.first]
text = "Lie?"
[[scenes.first.choices]]
text = "Lie about the trains."
goto = "w1"
later = { after = 2, text = "The trains were fine.", their_trust = { transparency = -30 }, breach = true }
[[scenes.first.choices]]
text = "Tell the truth."
goto = "w1"
[scenes.w1]
text = "Weeks."
[[scenes.w1.choices]]
text = "A calendar."
goto = "w2"
their_trust = { consistency = 1 }
[scenes.w2]
text = "Weeks."
[[scenes.w2.events]]
text = "{partner} forgot your birthday."
your_trust = { respect = -20 }
breach = true
[[scenes.w2.choices]]
text = "Another week."
goto = "w3"
[scenes.w3]
text = "Weeks."
[[scenes.w3.choices]]
text = "Done."
goto = "end"
"""


def test_a_delayed_consequence_is_credited_to_the_choice_that_set_it_up():
    game = Game.new(build(LIE), names={"b": "Kai"})
    for _ in range(4):
        game.choose(0)
    entry = next(h for h in game.state.history if h.kind == "consequence")
    assert (entry.scene, entry.choice, entry.set_turn, entry.turn) == ("first", 0, 1, 3)
    points = turning_points(game)
    lie = next(p for p in points if p.kind == "consequence")
    assert lie.choice_text == "Lie about the trains." and lie.scene_id == "first"
    assert (lie.cause_turn, lie.turn) == (1, 3)
    assert lie.fired_text == "The trains were fine."
    assert lie.heading == "Choice 1, which caught up at choice 3"
    # Replay goes back to the lie, not to the harmless choice it fired on.
    back = game.rewind(lie.replay_from)
    assert back.state.turn == 0 and back.state.scene == "first"
    # The choice it fired on is not blamed for it.
    assert not any(p.kind == "choice" and p.choice_text == "Another week." for p in points)


def test_an_events_swing_is_credited_to_the_event():
    game = Game.new(build(LIE), names={"b": "Kai"})
    for _ in range(4):
        game.choose(1 if game.state.turn == 0 else 0)
    (forgot,) = [p for p in turning_points(game) if p.kind == "event"]
    assert forgot.choice_text == "Kai forgot your birthday." and forgot.chooser == "b"
    assert forgot.your_delta < 0 and forgot.their_delta == 0
    assert forgot.turn == 2 and forgot.replay_from == 1


def test_run_json_has_the_reflection(capsys):
    path = Path("lie.toml")
    path.write_text(HEAD.format(order='order = "fixed"') + LIE + ENDINGS, "utf-8")
    try:
        assert main(["run", str(path), "--choices", "1,1,1,1", "--json"]) == 0
    finally:
        path.unlink()
    reflection = json.loads(capsys.readouterr().out)["reflection"]
    kinds = {p["kind"]: p for p in reflection["turning_points"]}
    assert kinds["consequence"]["credits"] == "Lie about the trains."
    assert (kinds["consequence"]["cause_turn"], kinds["consequence"]["turn"]) == (1, 3)
    assert kinds["event"]["credits"] == "Sam forgot your birthday."
    assert all(p["swing"] > 0 for p in reflection["turning_points"])
    # The lessons are the ones the ending shows for the same path.
    game = Game.new(build(LIE))
    for _ in range(4):
        game.choose(0)
    shown = [{"about": who, "text": text} for who, text in ending_lessons(game)]
    assert reflection["lessons"] == shown and shown


def test_a_version_1_save_is_read_and_its_turning_points_still_work():
    game = Game.new(build(LIE))
    for _ in range(4):
        game.choose(0)
    old = game.state.to_dict()
    old["version"] = 1
    # Version 1: one entry per answered scene, fired texts inside it, no kinds.
    choices = [h for h in old["history"] if h["kind"] == "choice"]
    old["history"] = [
        {k: v for k, v in h.items() if k not in ("kind", "points", "order")} for h in choices
    ]
    old["timeline"] = [
        {k: v for k, v in t.items() if k not in ("entry", "label")}
        for t in old["timeline"][: len(choices) + 1]
    ]
    state = GameState.from_dict(old)
    resumed = Game(game.scenario, state)
    assert [h.kind for h in state.history] == ["choice"] * 4
    assert all(p.kind == "choice" for p in turning_points(resumed))
    assert GameState.from_dict(state.to_dict()).history == state.history
