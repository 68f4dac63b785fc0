"""Differential test: the fast compiled rules against the plain reference.

`Game` (and so the TUI, plain mode, `run` and `simulate`) plays through
`engine/rules.py`, which is written for speed. `reference_rules.py` states
the same rules plainly. Hypothesis plays random games with both, on every
built-in scenario and the test fixtures, solo and hot-seat, and every state
and every change must agree exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_rules import Reference
from reference_rules import apply_delta as reference_delta

from trustquest.catalog import builtin_dir
from trustquest.engine.dynamics import DEFAULT, Dynamics, apply_deltas, round2
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.engine.rules import rules_for

HERE = Path(__file__).resolve().parent
SCENARIOS = [
    *sorted(builtin_dir().glob("*.toml")),
    HERE / "fixtures" / "extreme.toml",
    HERE.parent / "fixtures" / "sim_hotseat.toml",
    HERE.parent / "fixtures" / "sim_rebuild.toml",
    HERE.parent / "fixtures" / "graph_all.toml",
    HERE.parent / "fixtures" / "arc.toml",
]
CASES = [
    (path, mode)
    for path in SCENARIOS
    for mode in load_file(path).modes
    if mode in ("solo", "hotseat")
]


def plain(game: Game) -> dict:
    """The parts of a game's state the rules change, as the reference keeps them."""
    s = game.state
    return {
        "meters": {r: dict(m) for r, m in s.meters.items()},
        "wounds": {r: dict(w) for r, w in s.wounds.items()},
        "streak": dict(s.streak),
        "turn": s.turn,
        "flags": set(s.flags),
        "visited": list(s.visited),
        "pending": [dict(p) for p in s.pending],
        "scene": s.scene,
        "ending": s.ending,
    }


@pytest.mark.parametrize(("path", "mode"), CASES, ids=lambda v: getattr(v, "stem", v))
@settings(max_examples=60, deadline=None)
@given(draws=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=80))
def test_compiled_rules_play_exactly_like_the_reference(path, mode, draws):
    scenario = load_file(path)
    game = Game.new(scenario, mode)
    ref = Reference(scenario)
    expected = ref.start(mode)
    assert plain(game) == expected
    picks: list = []
    for draw in draws:
        if game.over:
            break
        prompt = game.prompt()
        offered = ref.available(expected, prompt.actor, prompt.scene)
        assert game.available(prompt.actor, prompt.scene) == offered
        if not offered:
            break  # a dead end: both agree that nothing can be chosen
        index = offered[draw % len(offered)]
        outcome = game.choose(index)
        picks.append((prompt.role, prompt.kind, index))
        if not outcome.resolved:
            continue
        changes, fired = ref.resolve(expected, picks, mode)
        picks = []
        happened = [tuple(c) for e in outcome.events for c in e.changes]
        assert list(outcome.raw_changes) + happened == changes
        assert [(f.role, f.averted, f.breach) for f in outcome.fired] == fired
        assert plain(game) == expected
        assert outcome.ending == expected["ending"]


@pytest.mark.parametrize(("path", "mode"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_available_agrees_with_the_reference_at_every_scene_start(path, mode):
    """Every scene, reached or not, from the starting state and from a state
    where everything is low: the compiled locks say what the plain ones say."""
    scenario = load_file(path)
    game = Game.new(scenario, mode)
    ref = Reference(scenario)
    rules = rules_for(scenario)
    for low in (False, True):
        if low:
            for profile in game.state.meters.values():
                for meter in profile:
                    profile[meter] = 3.0
        for scene in scenario.scenes.values():
            for role in ("a", "b"):
                expected = ref.available(plain(game), role, scene)
                assert rules.available(game.state, role, scene.id) == expected


@settings(max_examples=3000, deadline=None)
@given(st.floats(min_value=-20000, max_value=20000, allow_nan=False))
def test_round2_is_exactly_round_to_two_places(x):
    assert round2(x) == round(x, 2)


@pytest.mark.parametrize(
    "x", [0.005, 0.015, 0.125, 1.005, 2.675, 50.125, 57.495, 99.995, 100.0, 0.0, -0.125, 12.345]
)
def test_round2_matches_round_on_ties_and_near_ties(x):
    for y in (x, x + 1e-12, x - 1e-12):
        assert round2(y) == round(y, 2)


KNOBS = st.builds(
    Dynamics,
    loss_multiplier=st.sampled_from([1.0, 1.5, 2.0, 3.25]),
    gain_damping=st.sampled_from([0.0, 0.25, 0.5, 1.0]),
    wound_threshold=st.sampled_from([1.0, 10.0, 15.0, 40.0]),
    wound_gain_factor=st.sampled_from([0.0, 0.5, 0.75, 1.0]),
    wound_heal_rate=st.sampled_from([0.0, 0.5, 1.0, 2.5]),
)
TWO_PLACES = st.integers(min_value=0, max_value=10_000).map(lambda i: i / 100)


@settings(max_examples=3000, deadline=None)
@given(
    dyn=KNOBS,
    value=TWO_PLACES,
    wound=st.one_of(st.just(0.0), TWO_PLACES.filter(lambda w: w > 0)),
    delta=st.integers(min_value=-40, max_value=40),
    breach=st.booleans(),
)
def test_one_delta_lands_exactly_as_the_reference_says(dyn, value, wound, delta, breach):
    """Values on the two-decimal grid meet exact ties (51.0 + 0.745 is one),
    which is where a hand-written rounding would go wrong."""
    meters, wounds = {"respect": value}, ({"respect": wound} if wound else {})
    out: list = []
    apply_deltas(dyn, meters, wounds, "a", (("respect", delta),), breach, "choice", out)
    after, new_wound, opened = reference_delta(dyn, value, wound, delta, breach)
    assert meters["respect"] == after
    assert wounds.get("respect", 0.0) == new_wound
    assert out == [
        ("a", "respect", value, after, delta, "choice", opened, wound > 0 and new_wound <= 0)
    ]


def test_a_gain_that_lands_on_a_tie_rounds_like_round():
    # 1 * (1 - 0.5 * 51 / 100) = 0.745: 51.745 is a tie in decimal.
    meters: dict = {"respect": 51.0}
    apply_deltas(DEFAULT, meters, {}, "a", (("respect", 1),), False, "choice", [])
    assert meters["respect"] == round(51.0 + 1 * (1 - 0.5 * 51.0 / 100), 2)


def test_compiled_rules_are_shared_per_scenario_and_freed_with_it():
    """`--watch` reloads a scenario on every save: the cache must not keep
    old ones alive."""
    import gc

    from trustquest.engine import rules as rules_module

    path = builtin_dir() / "late-again.toml"
    first = load_file(path)
    assert rules_for(first) is rules_for(first) is Game.new(first).rules
    before = len(rules_module._compiled)
    for _ in range(20):
        rules_for(load_file(path))
    gc.collect()
    assert len(rules_module._compiled) <= before + 1
    assert rules_for(first) is Game.new(first).rules


def test_remembered_changes_stay_bounded_and_right(monkeypatch):
    """apply_deltas remembers plain changes; past its limit it keeps
    computing them, and never remembers more."""
    from trustquest.engine import dynamics

    monkeypatch.setattr(dynamics, "_PLAIN", {})
    monkeypatch.setattr(dynamics, "_REMEMBERED", [0])
    monkeypatch.setattr(dynamics, "_PLAIN_LIMIT", 50)
    for i in range(200):
        value = i / 2
        meters = {"respect": value}
        apply_deltas(DEFAULT, meters, {}, "a", (("respect", 3),), False, "choice", [])
        assert meters["respect"] == reference_delta(DEFAULT, value, 0.0, 3, False)[0]
    assert dynamics._REMEMBERED[0] == 50
    assert sum(len(t) for t in dynamics._PLAIN[DEFAULT.gain_damping].values()) == 50
