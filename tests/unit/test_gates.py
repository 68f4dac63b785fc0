"""The trust-arc gates (issue 10): the rules read from simulate's report, on
fixture stories that pass and fail them on purpose, and at their boundaries.

The gate test over the built-in library is added once the stories meet it;
`make gates` shows each story's figures meanwhile."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from trustquest.engine.loader import load_file
from trustquest.tools.arc import (
    Arc,
    EndingArc,
    PlayerResult,
    RebuildRatio,
    Recovery,
    TrustRange,
)
from trustquest.tools.gates import (
    StoryArc,
    check,
    failures,
    library_gates,
    main,
    measure,
    story_gates,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RUNS = 1000


@pytest.fixture(scope="module")
def measured() -> dict[str, StoryArc]:
    return {
        name: measure(load_file(FIXTURES / f"{name}.toml"), runs=RUNS, seed=0)
        for name in ("gate_pass", "gate_fail")
    }


def by_name(gates) -> dict[str, bool]:
    return {g.name: g.passed for g in gates if g.binding}


def test_a_story_built_to_pass_passes_every_story_gate(measured):
    gates = story_gates(measured["gate_pass"])
    assert by_name(gates) == {"recovery": True, "repair": True, "first_open": True}
    arc = measured["gate_pass"].arc
    trusted = arc.ending("trusted")
    # Reachable after the breach, rarer, and one scene (the apology) later.
    assert trusted.after_breach > 0
    assert trusted.after_breach / arc.breached_runs < trusted.clean / (RUNS - arc.breached_runs)
    assert trusted.turns_after_breach == trusted.turns_clean + 1


def test_a_story_built_to_fail_fails_them(measured):
    gates = story_gates(measured["gate_fail"])
    assert by_name(gates) == {"recovery": False, "repair": False, "first_open": False}
    figures = {g.name: g.figure for g in gates}
    assert "0.0%; need >= 5%" in figures["recovery"]
    assert "100 of 100 seeds" in figures["first_open"]


def test_library_gates_over_the_fixtures(measured):
    both = [measured["gate_pass"], measured["gate_fail"]]
    lib = {g.name: g for g in library_gates(both)}
    # 100 of 200 seeds reach the hopeful ending: more than a quarter.
    assert not lib["first_open"].passed and "100 of 200 seeds (50.0%" in lib["first_open"].figure
    # Neither fixture has the partner lapse.
    assert not lib["lapses"].passed and "0 of 2 stories" in lib["lapses"].figure
    assert len(failures(check(both))) == 3 + 2


# --- the rules at their boundaries, on hand-made figures ----------------------------------


def arc(
    recovered=5,
    breaches=100,
    first_best=50,
    lapsed=1,
    your=(40.0, 55.0),
    good_after=1,
    good_clean=20,
    turns=(9.0, 8.0),
) -> Arc:
    runs, breached = 100, 50
    return Arc(
        runs,
        breached,
        lapsed,
        (
            EndingArc("good", "hopeful", good_after + good_clean, good_after, turns[1], turns[0]),
            EndingArc(
                "bad", "broken", runs - good_after - good_clean, breached - good_after, 8.0, 8.0
            ),
        ),
        RebuildRatio(9, 9),
        Recovery(breaches, recovered),
        TrustRange(50.0, *your),
        PlayerResult("first_open", 100, {"good": first_best}, first_best, (1,), 0),
        PlayerResult("greedy", 100, {"good": 100}, 100, (1,), 0),
    )


def story(a: Arc, sid: str = "s") -> StoryArc:
    return StoryArc(sid, sid.title(), "solo", a)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, {"recovery": True, "repair": True, "first_open": True}),
        ({"recovered": 4}, {"recovery": False, "repair": True, "first_open": True}),
        ({"first_best": 51}, {"recovery": True, "repair": True, "first_open": False}),
        ({"good_after": 0}, {"recovery": True, "repair": False, "first_open": True}),
        # As common after a breach as without one: not rarer.
        (
            {"good_after": 10, "good_clean": 10},
            {"recovery": True, "repair": False, "first_open": True},
        ),
        # Faster after a breach.
        ({"turns": (7.0, 8.0)}, {"recovery": True, "repair": False, "first_open": True}),
        ({"turns": (8.0, 8.0)}, {"recovery": True, "repair": True, "first_open": True}),
    ],
)
def test_story_gate_boundaries(kwargs, expected):
    assert by_name(story_gates(story(arc(**kwargs)))) == expected


def test_a_story_without_a_breach_has_no_repair_gate():
    quiet = attrs.evolve(arc(recovered=0, breaches=0), breached_runs=0)
    assert by_name(story_gates(story(quiet))) == {"first_open": True}


def test_library_first_open_is_at_most_a_quarter_of_all_seeds():
    quarter = [story(arc(first_best=b), f"s{i}") for i, b in enumerate((100, 0, 0, 0))]
    assert {g.name: g.passed for g in library_gates(quarter)}["first_open"]
    more = [story(arc(first_best=b), f"s{i}") for i, b in enumerate((100, 1, 0, 0))]
    assert not {g.name: g.passed for g in library_gates(more)}["first_open"]


@pytest.mark.parametrize(
    ("stories", "passed"),
    [
        # Half the stories (rounded up) must have a lapse and your trust moving 15 points.
        ([{}, {"lapsed": 0}], True),
        ([{}, {"lapsed": 0}, {"lapsed": 0}], False),
        ([{}, {}, {"lapsed": 0}], True),
        # 14.9 points is not enough; nor is moving only up, or only down.
        ([{"your": (40.1, 55.0)}, {"lapsed": 0}], False),
        ([{"your": (50.0, 70.0)}, {"lapsed": 0}], False),
        ([{"your": (30.0, 50.0)}, {"lapsed": 0}], False),
    ],
)
def test_library_lapse_gate(stories, passed):
    built = [story(arc(**kw), f"s{i}") for i, kw in enumerate(stories)]
    assert {g.name: g.passed for g in library_gates(built)}["lapses"] is passed


# --- the command ----------------------------------------------------------------------


def test_the_command_prints_figures_and_fails_when_a_gate_fails(capsys):
    path = str(FIXTURES / "gate_fail.toml")
    assert main([path, "--runs", "300"]) == 1
    out = capsys.readouterr().out
    assert "gate-fail (Gate Fail)" in out and "FAIL  first_open" in out
    assert "gate(s) failed." in out


def test_the_command_speaks_json(capsys):
    path = str(FIXTURES / "gate_pass.toml")
    assert main([path, "--runs", "300", "--json"]) == 1  # the library lapse gate fails
    data = json.loads(capsys.readouterr().out)
    marks = {(g["story"], g["name"]): g["mark"] for g in data["gates"]}
    assert marks[("gate-pass", "recovery")] == "PASS"
    assert marks[("library", "lapses")] == "FAIL"
    assert marks[("gate-pass", "greedy")] == "info"
    assert data["failed"] == 1


def test_the_command_reports_bad_names_without_a_traceback(capsys, tmp_path):
    assert main(["no-such-story"]) == 2
    assert "no scenario called" in capsys.readouterr().err
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[scenario\n")
    assert main([str(broken)]) == 1
    assert "has errors" in capsys.readouterr().err
