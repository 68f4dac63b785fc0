"""The trust dynamics, D1-D8 (PRODUCT.md §1): unit tests with exact numbers,
and Hypothesis properties over arbitrary knobs and arbitrary play."""

from __future__ import annotations

import functools
import operator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustquest.engine.dynamics import (
    DEFAULT,
    KNOB_RANGES,
    Dynamics,
    apply_delta,
    overall_trust,
    rebuild_ratio,
)
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file, load_text
from trustquest.engine.meters import PILLARS

FIXTURES = Path(__file__).parent / "fixtures"
EXTREME = load_file(FIXTURES / "extreme.toml")
PROPS = settings(max_examples=150, deadline=None)

HEAD = """\
format = 1

[scenario]
id = "dyn"
title = "Dynamics"
summary = "A scenario for testing the dynamics."
modes = ["solo", "hotseat"]
start = "loop"
"""

# A loop: be kind (a gain), do nothing, be unkind (a loss), or leave.
LOOP = """
[scenes.loop]
actor = "{actor}"
text = "Again."

[[scenes.loop.choices]]
text = "Be kind."
goto = "loop"
their_trust = {{ communication = 1 }}

[[scenes.loop.choices]]
text = "Do nothing."
goto = "loop"

[[scenes.loop.choices]]
text = "Be unkind."
goto = "loop"
their_trust = {{ communication = -1 }}

[[scenes.loop.choices]]
text = "Betray."
goto = "loop"
breach = true
their_trust = {{ reliability = -20 }}

[[scenes.loop.choices]]
text = "Rebuild."
goto = "loop"
their_trust = {{ reliability = 10 }}

[[scenes.loop.choices]]
text = "Hurt yourself."
goto = "loop"
your_trust = {{ communication = -1 }}

[[scenes.loop.choices]]
text = "Leave."
goto = "end"

[endings.done]
title = "Done"
tone = "bittersweet"
text = "Done."
"""
KIND, NOTHING, UNKIND, BETRAY, REBUILD, HURT_SELF, LEAVE = range(7)


def loop_scenario(dynamics: str = "", start: str = "", actor: str = "a"):
    return load_text(
        HEAD
        + start
        + (f"\n[dynamics]\n{dynamics}\n" if dynamics else "")
        + LOOP.format(actor=actor)
    )


# --- D2: fast loss ----------------------------------------------------------------------


def test_d2_a_loss_lands_in_full():
    assert apply_delta(DEFAULT, 60.0, 0.0, -10, False) == (50.0, 0.0, False)
    assert apply_delta(DEFAULT, 99.0, 0.0, -1, False) == (98.0, 0.0, False)


def test_d2_a_breach_lands_harder_by_the_loss_multiplier():
    value, wound, opened = apply_delta(DEFAULT, 60.0, 0.0, -10, True)
    assert value == 60.0 - 10 * DEFAULT.loss_multiplier == 45.0
    assert opened and wound == 15.0
    harsh = Dynamics(loss_multiplier=3.0)
    assert apply_delta(harsh, 60.0, 0.0, -10, True)[0] == 30.0
    # The multiplier applies to breaches only.
    assert apply_delta(harsh, 60.0, 0.0, -10, False)[0] == 50.0


def test_d2_a_loss_stops_at_zero():
    assert apply_delta(DEFAULT, 5.0, 0.0, -10, False)[0] == 0.0
    assert apply_delta(DEFAULT, 5.0, 0.0, -100, True)[0] == 0.0


# --- D3: diminishing gains -------------------------------------------------------------------


def test_d3_a_gain_is_damped_by_how_high_the_meter_is():
    # 10 * (1 - 0.5 * 50 / 100) = 7.5
    assert apply_delta(DEFAULT, 50.0, 0.0, 10, False) == (57.5, 0.0, False)
    # At 0 nothing is damped; at 100 nothing more fits.
    assert apply_delta(DEFAULT, 0.0, 0.0, 10, False)[0] == 10.0
    assert apply_delta(DEFAULT, 100.0, 0.0, 10, False)[0] == 100.0


def test_d3_gains_are_smaller_nearer_100():
    landed = [apply_delta(DEFAULT, v, 0.0, 10, False)[0] - v for v in (0.0, 20.0, 50.0, 80.0, 95.0)]
    assert landed == sorted(landed, reverse=True)
    assert len(set(landed)) == len(landed)
    assert all(0 < g <= 10 for g in landed)


def test_d3_damping_can_be_turned_off():
    assert apply_delta(Dynamics(gain_damping=0.0), 80.0, 0.0, 10, False)[0] == 90.0
    assert apply_delta(Dynamics(gain_damping=0.0), 95.0, 0.0, 10, False)[0] == 100.0


# --- D4: wounds -------------------------------------------------------------------------------


def test_d4_a_breach_always_opens_a_wound():
    assert apply_delta(DEFAULT, 60.0, 0.0, -1, True) == (58.5, 1.5, True)
    # Even on a meter that has nothing left to lose.
    value, wound, opened = apply_delta(DEFAULT, 0.0, 0.0, -5, True)
    assert value == 0.0 and opened and wound >= 1.0


def test_d4_a_big_plain_loss_opens_a_wound_and_a_small_one_does_not():
    threshold = DEFAULT.wound_threshold
    assert apply_delta(DEFAULT, 60.0, 0.0, -int(threshold), False) == (45.0, 15.0, True)
    assert apply_delta(DEFAULT, 60.0, 0.0, -int(threshold) + 1, False) == (46.0, 0.0, False)


def test_d4_the_threshold_counts_the_loss_after_the_breach_multiplier():
    dyn = Dynamics(wound_threshold=30.0)
    # -20 as a breach is a loss of 30: it reaches the threshold.
    assert apply_delta(dyn, 60.0, 0.0, -20, True)[2]
    assert not apply_delta(dyn, 60.0, 0.0, -20, False)[2]


def test_d4_gains_are_slowed_while_a_wound_is_open():
    healthy = apply_delta(DEFAULT, 40.0, 0.0, 10, False)[0]
    wounded, wound, _ = apply_delta(DEFAULT, 40.0, 10.0, 10, False)
    assert healthy == 48.0  # 10 * (1 - 0.2)
    assert wounded == 44.0  # ... and halved by wound_gain_factor
    assert wounded - 40.0 == pytest.approx((healthy - 40.0) * DEFAULT.wound_gain_factor)
    assert wound == 6.0  # healed by the 4 points gained


def test_d4_gains_heal_a_wound_bit_by_bit_until_it_closes():
    value, wound = 40.0, 10.0
    depths = [wound]
    while wound > 0:
        value, wound, opened = apply_delta(DEFAULT, value, wound, 10, False)
        assert not opened
        depths.append(wound)
        assert len(depths) < 10
    assert depths == sorted(depths, reverse=True)
    assert len(depths) >= 3  # more than one gain was needed
    assert depths[-1] == 0.0


def test_d4_heal_rate_sets_how_much_each_gained_point_heals():
    fast = Dynamics(wound_heal_rate=2.0)
    assert apply_delta(fast, 40.0, 10.0, 10, False) == (44.0, 2.0, False)
    never = Dynamics(wound_heal_rate=0.0)
    assert apply_delta(never, 40.0, 10.0, 10, False) == (44.0, 10.0, False)


def test_d4_a_new_loss_deepens_an_open_wound():
    # A small loss that would not open a wound still deepens one.
    assert apply_delta(DEFAULT, 40.0, 6.0, -5, False) == (35.0, 11.0, False)
    # A second breach deepens it too, and does not count as opening it.
    assert apply_delta(DEFAULT, 40.0, 6.0, -10, True) == (25.0, 21.0, False)
    # A small loss with no wound open leaves no wound.
    assert apply_delta(DEFAULT, 40.0, 0.0, -5, False) == (35.0, 0.0, False)


def test_d4_open_wounds_pull_overall_trust_below_the_plain_average():
    meters = dict.fromkeys(PILLARS, 60.0)
    assert overall_trust(DEFAULT, meters, {}) == 60.0
    # 60 - 16 / 8
    assert overall_trust(DEFAULT, meters, {"respect": 10.0, "boundaries": 6.0}) == 58.0
    assert overall_trust(Dynamics(wound_drag=3.0), meters, {"respect": 8.0}) == 57.0
    assert overall_trust(Dynamics(wound_drag=0.0), meters, {"respect": 8.0}) == 60.0


def test_d4_a_breach_costs_more_overall_trust_than_the_same_plain_loss():
    meters = dict.fromkeys(PILLARS, 60.0)
    plain, plain_wound, _ = apply_delta(DEFAULT, 60.0, 0.0, -10, False)
    breach, breach_wound, _ = apply_delta(DEFAULT, 60.0, 0.0, -10, True)
    after_plain = overall_trust(DEFAULT, {**meters, "respect": plain}, {})
    after_breach = overall_trust(DEFAULT, {**meters, "respect": breach}, {"respect": breach_wound})
    # The plain average alone would fall by 15 / 8; the wound pulls it down again.
    assert after_breach < overall_trust(DEFAULT, {**meters, "respect": breach}, {}) < after_plain


# --- D5: asymmetry --------------------------------------------------------------------------


def test_d5_one_breach_of_20_at_70_needs_at_least_5_gains_of_10():
    value, wound, opened = apply_delta(DEFAULT, 70.0, 0.0, -20, True)
    assert (value, wound, opened) == (40.0, 30.0, True)
    n = rebuild_ratio(DEFAULT)
    assert n >= 5
    assert n == 9  # measured: 44, 47.9, 51.7, 55.41, 59.02, 62.54, 65.98, 69.33, 72.6


def test_d5_holds_through_the_game_rules():
    scenario = loop_scenario(start="\n[start.their]\nreliability = 70\n")
    game = Game.new(scenario)
    game.choose(BETRAY)
    assert game.state.meters["b"]["reliability"] == 40.0
    assert game.state.wounds["b"] == {"reliability": 30.0}
    n = 0
    while game.state.meters["b"]["reliability"] < 70.0:
        game.choose(REBUILD)
        n += 1
    assert n == rebuild_ratio(DEFAULT) == 9
    assert "reliability" not in game.state.wounds["b"]


def test_d5_a_gentler_scenario_rebuilds_faster():
    gentle = Dynamics(loss_multiplier=1.0, gain_damping=0.0, wound_gain_factor=1.0)
    assert rebuild_ratio(gentle) == 2


def test_d5_a_wound_that_blocks_every_gain_never_rebuilds():
    assert rebuild_ratio(Dynamics(wound_gain_factor=0.0)) is None


# --- D6: consistency ------------------------------------------------------------------------------


def consistency_changes(outcome):
    return [c for c in outcome.changes if c.cause == "consistency"]


def test_d6_a_run_of_loss_free_choices_is_rewarded():
    scenario = loop_scenario("gain_damping = 0.0")
    game = Game.new(scenario)
    every, bonus = DEFAULT.consistency_every, DEFAULT.consistency_bonus
    outcomes = [game.choose(NOTHING if i % 2 else KIND) for i in range(every * 2)]
    rewarded = [i for i, o in enumerate(outcomes) if consistency_changes(o)]
    assert rewarded == [every - 1, 2 * every - 1]
    change = consistency_changes(outcomes[every - 1])[0]
    assert (change.role, change.meter, change.asked) == ("b", "consistency", bonus)
    assert game.state.meters["b"]["consistency"] == 50.0 + 2 * bonus
    assert game.state.meters["a"]["consistency"] == 50.0
    assert game.state.streak["a"] == 2 * every


def test_d6_the_bonus_is_a_gain_like_any_other():
    game = Game.new(loop_scenario())  # default damping
    for _ in range(DEFAULT.consistency_every):
        game.choose(NOTHING)
    assert (
        game.state.meters["b"]["consistency"]
        == apply_delta(DEFAULT, 50.0, 0.0, DEFAULT.consistency_bonus, False)[0]
    )


def test_d6_any_loss_resets_the_run():
    game = Game.new(loop_scenario("gain_damping = 0.0"))
    every = DEFAULT.consistency_every
    for _ in range(every - 1):
        assert not consistency_changes(game.choose(KIND))
    assert not consistency_changes(game.choose(UNKIND))
    assert game.state.streak["a"] == 0
    for _ in range(every - 1):
        assert not consistency_changes(game.choose(KIND))
    assert consistency_changes(game.choose(KIND))
    assert game.state.meters["b"]["consistency"] == 50.0 + DEFAULT.consistency_bonus


def test_d6_a_loss_from_a_delayed_consequence_resets_the_run_too():
    text = (
        HEAD
        + """
[scenes.loop]
text = "Again."
[[scenes.loop.choices]]
text = "Lie."
goto = "loop"
later = { after = 1, text = "Found out.", their_trust = { transparency = -5 } }
[[scenes.loop.choices]]
text = "Wait."
goto = "loop"
[[scenes.loop.choices]]
text = "Leave."
goto = "end"
[endings.done]
title = "Done"
tone = "broken"
text = "Done."
"""
    )
    game = Game.new(load_text(text))
    game.choose(0)  # no loss yet: a run of 1
    assert game.state.streak["a"] == 1
    outcome = game.choose(1)  # the lie is found out: a loss
    assert [f.text for f in outcome.fired] == ["Found out."]
    assert game.state.streak["a"] == 0
    assert not consistency_changes(outcome)


def test_d6_counts_each_players_run_in_hot_seat():
    scenario = loop_scenario("gain_damping = 0.0", actor="b")
    game = Game.new(scenario, mode="hotseat")
    for _ in range(DEFAULT.consistency_every):
        game.choose(KIND)
    # b chose every time: b's partner (a) trusts b more.
    assert game.state.meters["a"]["consistency"] == 50.0 + DEFAULT.consistency_bonus
    assert game.state.meters["b"]["consistency"] == 50.0
    assert game.state.streak == {"a": 0, "b": DEFAULT.consistency_every}


def test_d6_a_loss_in_your_own_trust_does_not_break_your_run():
    # Documented: the run counts choices that cost the *partner's* trust nothing.
    game = Game.new(loop_scenario("gain_damping = 0.0"))
    for _ in range(DEFAULT.consistency_every):
        game.choose(HURT_SELF)
    assert game.state.meters["b"]["consistency"] == 50.0 + DEFAULT.consistency_bonus


# --- D8: tunable ----------------------------------------------------------------------------------


def test_d8_every_knob_has_a_default_and_a_range():
    assert set(Dynamics.knobs()) == set(KNOB_RANGES)
    for name, default in Dynamics.knobs().items():
        lo, hi = KNOB_RANGES[name]
        assert lo <= default <= hi, name


def test_d8_dynamics_table_overrides_the_knobs():
    scenario = loop_scenario(
        "loss_multiplier = 3\nwound_threshold = 50\ngain_damping = 0\nwound_gain_factor = 1\n"
        "consistency_every = 2\nconsistency_bonus = 5\nwound_drag = 2.5\nwound_heal_rate = 0.5"
    )
    assert scenario.dynamics == Dynamics(
        loss_multiplier=3,
        wound_threshold=50,
        gain_damping=0,
        wound_gain_factor=1,
        consistency_every=2,
        consistency_bonus=5,
        wound_drag=2.5,
        wound_heal_rate=0.5,
    )
    assert loop_scenario().dynamics == DEFAULT


def test_d8_overrides_change_what_happens_in_play():
    tuned = Game.new(
        loop_scenario("loss_multiplier = 3\nwound_gain_factor = 1\nwound_heal_rate = 0.5")
    )
    plain = Game.new(loop_scenario())
    for game in (tuned, plain):
        game.choose(BETRAY)
    # A breach of -20 lands as 60 instead of 30.
    assert tuned.state.meters["b"]["reliability"] == 0.0
    assert plain.state.meters["b"]["reliability"] == 20.0
    assert tuned.state.wounds["b"]["reliability"] == 50.0
    for game in (tuned, plain):
        game.choose(REBUILD)
    # No slowing by the wound in the tuned game, and half the healing per point.
    assert tuned.state.meters["b"]["reliability"] == 10.0
    assert tuned.state.wounds["b"]["reliability"] == 45.0
    assert plain.state.meters["b"]["reliability"] == 24.5  # 20 + 10 * 0.9 * 0.5


def test_d8_a_high_wound_threshold_keeps_plain_losses_unwounded():
    game = Game.new(
        loop_scenario("wound_threshold = 100", start="\n[start.their]\nreliability = 70\n")
    )
    game.choose(BETRAY)  # a breach still wounds
    assert game.state.wounds["b"] == {"reliability": 30.0}
    plain = Game.new(loop_scenario(start="\n[start.their]\nreliability = 70\n"))
    assert apply_delta(plain.scenario.dynamics, 70, 0, -30, False)[2]
    assert not apply_delta(game.scenario.dynamics, 70, 0, -30, False)[2]


def test_d8_consistency_knobs_change_the_reward():
    game = Game.new(loop_scenario("gain_damping = 0\nconsistency_every = 1\nconsistency_bonus = 4"))
    game.choose(NOTHING)
    assert game.state.meters["b"]["consistency"] == 54.0
    off = Game.new(loop_scenario("consistency_bonus = 0"))
    for _ in range(6):
        assert not consistency_changes(off.choose(NOTHING))
    assert off.state.meters["b"]["consistency"] == 50.0


# --- properties -----------------------------------------------------------------------------------


def _knob(name):
    lo, hi = KNOB_RANGES[name]
    if isinstance(Dynamics.knobs()[name], int):
        return st.integers(int(lo), int(hi))
    return st.floats(lo, hi, allow_nan=False)


KNOBS = st.builds(Dynamics, **{name: _knob(name) for name in KNOB_RANGES})
VALUES = st.integers(0, 10_000).map(lambda x: x / 100)  # meters hold two decimals
STEPS = st.lists(st.tuples(st.integers(-100, 100), st.booleans()), max_size=40)


@PROPS
@given(KNOBS, VALUES, STEPS)
def test_d1_any_sequence_of_deltas_stays_in_bounds(dyn, value, steps):
    wound = 0.0
    for delta, breach in steps:
        value, wound, _ = apply_delta(dyn, value, wound, delta, breach)
        assert 0.0 <= value <= 100.0
        assert wound >= 0.0


@PROPS
@given(KNOBS, VALUES, st.integers(0, 10_000).map(lambda x: x / 100), st.integers(1, 100))
def test_d3_a_gain_is_never_larger_than_asked_and_never_a_loss(dyn, value, wound, delta):
    new, new_wound, opened = apply_delta(dyn, value, wound, delta, False)
    assert value <= new <= round(value + delta, 2)  # meters keep two decimals
    assert new_wound <= wound and not opened


@PROPS
@given(
    KNOBS,
    VALUES,
    st.integers(0, 10_000).map(lambda x: x / 100),
    st.integers(-100, -1),
    st.booleans(),
)
def test_d2_a_loss_lands_in_full_at_once(dyn, value, wound, delta, breach):
    new, new_wound, opened = apply_delta(dyn, value, wound, delta, breach)
    asked = -delta * (dyn.loss_multiplier if breach else 1.0)
    assert new == pytest.approx(max(0.0, value - asked), abs=0.006)
    assert new_wound >= wound
    if breach:
        assert new_wound > 0
    assert opened == (wound == 0 and new_wound > 0)


@PROPS
@given(KNOBS, st.lists(VALUES, min_size=8, max_size=8), st.lists(VALUES, min_size=8, max_size=8))
def test_d4_wounds_never_raise_overall_trust(dyn, values, depths):
    meters = dict(zip(PILLARS, values, strict=True))
    wounds = {p: d for p, d in zip(PILLARS, depths, strict=True) if d > 0}
    bare = overall_trust(dyn, meters, {})
    hurt = overall_trust(dyn, meters, wounds)
    assert 0.0 <= hurt <= bare <= 100.0
    assert bare == round(functools.reduce(operator.add, values) / 8, 2)
    if bare > 0 and dyn.wound_drag * sum(wounds.values()) / 8 >= 0.01:
        assert hurt < bare


def _play(scenario, mode, data, max_steps=60, outcomes=None):
    """Play at random, yielding the game after each answer (and collecting
    each Outcome in `outcomes`, if given)."""
    outcomes = [] if outcomes is None else outcomes
    game = Game.new(scenario, mode=mode)
    for _ in range(max_steps):
        prompt = game.prompt()
        if prompt is None:
            break
        allowed = game.available(prompt.actor)
        assert allowed, "no choice available"
        outcomes.append(game.choose(data.draw(st.sampled_from(allowed))))
        yield game


def _check_bounds(game):
    s = game.state
    for role in ("a", "b"):
        assert set(s.meters[role]) == set(game.scenario.meter_ids)
        for value in s.meters[role].values():
            assert 0.0 <= value <= 100.0
        for depth in s.wounds[role].values():
            assert depth > 0.0
        assert 0.0 <= game.trust(role) <= 100.0


@PROPS
@given(st.sampled_from(["solo", "hotseat"]), st.data())
def test_d1_random_play_with_extreme_effects_stays_in_bounds(mode, data):
    for game in _play(EXTREME, mode, data):
        _check_bounds(game)


@PROPS
@given(st.sampled_from(["solo", "hotseat"]), st.data())
def test_d2_d3_every_change_in_play_is_a_full_loss_or_a_smaller_gain(mode, data):
    multiplier = EXTREME.dynamics.loss_multiplier
    outcomes = []
    for _ in _play(EXTREME, mode, data, outcomes=outcomes):
        for change in outcomes[-1].changes:
            landed = change.after - change.before
            if change.asked > 0:
                assert 0 <= landed <= change.asked
            elif change.asked < 0:
                asked = change.asked * (multiplier if change.cause == "breach" else 1)
                if change.cause in ("breach", "choice"):
                    assert landed == pytest.approx(max(asked, -change.before), abs=0.006)
                else:  # a consequence may be a breach or not, but is never softened
                    assert landed <= max(change.asked, -change.before) + 0.006


@PROPS
@given(KNOBS, st.data())
def test_d1_random_play_stays_in_bounds_whatever_the_knobs(dyn, data):
    import attrs

    scenario = attrs.evolve(EXTREME, dynamics=dyn)
    for game in _play(scenario, "hotseat", data):
        _check_bounds(game)


NOT_NUMBERS = st.sampled_from([float("nan"), float("inf"), float("-inf")])
ANY_NUMBER = st.one_of(
    NOT_NUMBERS, st.floats(), st.integers(-(10**20), 10**20), st.booleans(), st.just(1e308)
)
#: A [dynamics] table as an author might write it: knobs in range, and maybe
#: one that is anything at all (NaN and infinity most often).
WRITTEN_KNOBS = st.tuples(
    st.fixed_dictionaries({}, optional={name: _knob(name) for name in KNOB_RANGES}),
    st.one_of(
        st.none(),
        st.tuples(st.sampled_from(sorted(KNOB_RANGES)), NOT_NUMBERS),
        st.tuples(st.sampled_from(sorted(KNOB_RANGES)), ANY_NUMBER),
    ),
).map(lambda both: {**both[0], **dict([both[1]] if both[1] else [])})


@PROPS
@given(WRITTEN_KNOBS, st.data())
def test_d1_holds_for_any_knobs_that_come_through_the_loader(knobs, data):
    """Knobs as an author writes them, NaN and infinity included: the loader
    refuses what is not a finite number in range, at its line, and whatever
    it accepts keeps every meter in [0, 100]."""
    import tomli_w

    from trustquest.engine.loader import check_bytes

    text = (FIXTURES / "extreme.toml").read_text("utf-8")
    table = tomli_w.dumps({"dynamics": knobs})
    scenario, diags = check_bytes((text + "\n" + table).encode(), "knobs.toml")
    lines = (text + "\n" + table).split("\n")
    for d in diags:
        assert d.code in ("TQ102", "TQ104") and d.path[0] == "dynamics"
        assert lines[d.line - 1].startswith(d.path[1] + " = ")
    if scenario is None:
        assert diags
        return
    assert not diags
    for game in _play(scenario, "hotseat", data):
        _check_bounds(game)


@PROPS
@given(st.sampled_from(["solo", "hotseat"]), st.data())
def test_d7_the_same_answers_give_the_same_state_bit_for_bit(mode, data):
    games = list(_play(EXTREME, mode, data))
    assert games
    game = games[-1]
    answers = game.answers()
    again = Game.new(EXTREME, mode=mode)
    for index in answers:
        again.choose(index)
    assert again.state.to_dict() == game.state.to_dict()
    # Floats identical, not just equal.
    assert repr(again.state.to_dict()) == repr(game.state.to_dict())
    from trustquest.engine.game import replay

    replayed = replay(EXTREME, game, answers)
    assert replayed.state.to_dict() == game.state.to_dict()
    assert replayed.answers() == answers


_PLAY_SCRIPT = """
import json, sys
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
scenario = load_file(sys.argv[1])
game = Game.new(scenario, mode="hotseat", seed=11)
for index in [1, 0, 2, 0, 2, 1, 0, 0, 2, 1, 1, 0, 0, 2, 2, 0]:
    if game.over:
        break
    prompt = game.prompt()
    allowed = game.available(prompt.actor)
    game.choose(index if index in allowed else allowed[0])
print(json.dumps(game.state.to_dict(), sort_keys=True))
"""


def test_d7_the_same_play_is_bit_identical_across_processes():
    """Hash randomisation (sets of flags, dict order) must not leak into the state."""
    import os
    import subprocess
    import sys

    outputs = set()
    for hash_seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _PLAY_SCRIPT, str(FIXTURES / "extreme.toml")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        outputs.add(out)
    assert len(outputs) == 1
    assert '"turn": ' in outputs.pop()
