"""`trustquest simulate`: exact counts on small scenarios, determinism, hot-seat,
dead ends, endless loops, locked choices and the rebuild ratio.

No timing here: simulation speed is measured by the benchmarks.
"""

from __future__ import annotations

import json
from pathlib import Path
from random import Random

import pytest

from trustquest.catalog import builtin_dir
from trustquest.cli import main
from trustquest.engine.dynamics import DEFAULT, apply_delta
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.tools.simulate import fresh_state, simulate, to_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture(name: str):
    return load_file(FIXTURES / f"{name}.toml")


def scene(mode: dict, sid: str) -> dict:
    return next(s for s in mode["scenes"] if s["id"] == sid)


def ending(mode: dict, eid: str) -> dict:
    return next(e for e in mode["endings"] if e["id"] == eid)


# --- exact counts --------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 7, 12345])
def test_fork_counts_are_exact_for_a_seed(seed):
    """One scene with two open choices: each run draws one number, and picks
    the first choice when int(random() * 2) == 0."""
    runs = 1000
    rng = Random(seed)
    left = sum(int(rng.random() * 2) == 0 for _ in range(runs))
    report = simulate(fixture("sim_fork"), runs=runs, seed=seed)
    solo = report["modes"]["solo"]
    assert list(report["modes"]) == ["solo"]  # no hot-seat in this scenario
    assert report["choices"] == solo["choices"] == runs
    fork = scene(solo, "fork")
    assert fork["runs"] == fork["visits"] == runs and fork["percent"] == 100.0
    assert [c["picked"] for c in fork["choices"]] == [left, runs - left]
    assert [c["percent"] for c in fork["choices"]] == [
        round(100 * left / runs, 1),
        round(100 * (runs - left) / runs, 1),
    ]
    assert ending(solo, "left")["runs"] == left
    assert ending(solo, "right")["runs"] == runs - left
    assert 450 <= left <= 550  # about half, as it should be
    assert solo["ended"] == runs and solo["avg_turns"] == 1.0
    assert solo["never_reached"] == {"scenes": [], "endings": [], "choices": []}
    assert solo["dead_ends"]["runs"] == 0 and solo["endless"]["runs"] == 0


def test_meter_ranges_at_each_ending():
    report = simulate(fixture("sim_fork"), runs=200, seed=3)
    solo = report["modes"]["solo"]
    left, right = ending(solo, "left"), ending(solo, "right")
    # Role b holds the partner's trust in the player ("their"): +2 or -2 on reliability at 50.
    up = apply_delta(DEFAULT, 50.0, 0.0, 2, False)[0]
    assert left["meters"]["b"]["reliability"] == {"min": up, "avg": up, "max": up}
    assert right["meters"]["b"]["reliability"] == {"min": 48.0, "avg": 48.0, "max": 48.0}
    assert left["meters"]["a"]["reliability"] == {"min": 50.0, "avg": 50.0, "max": 50.0}
    game = Game.new(fixture("sim_fork"), record=False)
    game.choose(1)
    assert right["trust"]["b"]["min"] == right["trust"]["b"]["max"] == game.trust("b")
    assert set(left["meters"]["a"]) == set(fixture("sim_fork").meter_ids)


def test_rebuild_ratio_counts_gains_back_to_the_value_before_the_breach():
    """-20 as a breach at 70 lands as -30 with a wound; then +10 gains, as D5 describes."""
    value, wound, _ = apply_delta(DEFAULT, 70.0, 0.0, -20, True)
    gains = 0
    while value < 70.0:
        value, wound, _ = apply_delta(DEFAULT, value, wound, 10, False)
        gains += 1
    assert gains == 9 >= 5  # worked out by hand in docs/authoring.md too
    report = simulate(fixture("sim_rebuild"), runs=50, seed=1)
    rebuild = report["modes"]["solo"]["rebuild"]
    assert rebuild["reliability"] == {
        "breaches": 50,
        "recovered": 50,
        "never": 0,
        "never_percent": 0.0,
        "gains": {"min": gains, "avg": float(gains), "max": gains},
    }
    # Nothing ever gives respect back.
    assert rebuild["respect"]["breaches"] == 50 and rebuild["respect"]["never"] == 50
    assert rebuild["respect"]["never_percent"] == 100.0 and rebuild["respect"]["gains"] is None


def test_delayed_breaches_count_for_the_rebuild_ratio():
    report = simulate(fixture("sim_hotseat"), runs=300, seed=5)
    for mode in report["modes"].values():
        lies = scene(mode, "talk")["choices"][1]["picked"]
        assert 0 < lies < mode["runs"]
        # The lie costs transparency at once (not a breach), then the consequence
        # (a breach) costs it again: one breach per lie.
        assert mode["rebuild"]["transparency"]["breaches"] == lies


def test_locked_dead_ends_and_endless_loops():
    report = simulate(fixture("sim_problems"), runs=300, seed=2, turn_cap=40)
    solo = report["modes"]["solo"]
    hub = scene(solo, "hub")
    to_maze, to_cliff, home = (c["picked"] for c in hub["choices"])
    assert to_maze + to_cliff + home == 300
    # Every run into the maze walks until the turn cap.
    assert solo["endless"] == {"runs": to_maze, "scenes": [{"scene": "maze", "runs": to_maze}]}
    maze = scene(solo, "maze")
    assert maze["visits"] == to_maze * 39  # hub is turn 1; the cap stops the run at turn 40
    assert maze["choices"][1]["locked"] == maze["choices"][1]["shown"] == maze["visits"]
    # Every run to the cliff stops there: both choices are locked.
    assert solo["dead_ends"] == {"runs": to_cliff, "scenes": [{"scene": "cliff", "runs": to_cliff}]}
    cliff = scene(solo, "cliff")
    assert [c["locked"] for c in cliff["choices"]] == [to_cliff, to_cliff]
    assert cliff["dead_ends"] == to_cliff
    assert ending(solo, "home")["runs"] == home == solo["ended"]
    assert solo["never_reached"] == {
        "scenes": ["secret"],
        "endings": ["garden"],
        "choices": [
            {"scene": "maze", "choice": 2},
            {"scene": "cliff", "choice": 1},
            {"scene": "cliff", "choice": 2},
        ],
    }
    locked = {(row["scene"], row["choice"]): row for row in solo["locked"]}
    assert locked[("maze", 2)]["percent"] == 100.0
    assert locked[("maze", 2)]["condition"] == "turn > 1000"


# --- hot-seat ------------------------------------------------------------------------------


def test_hotseat_plays_both_roles_and_reports_separately():
    report = simulate(fixture("sim_hotseat"), runs=400, seed=11)
    assert list(report["modes"]) == ["solo", "hotseat"]
    solo, hot = report["modes"]["solo"], report["modes"]["hotseat"]
    runs = 400
    # Solo: one answer per scene, the player is always role a.
    assert sum(c["picked"] for c in scene(solo, "together")["choices"]) == runs
    assert solo["choices"] == 3 * runs
    assert "matches" not in scene(solo, "together")
    # Hot-seat: both players answer `together`; in `guess` b chooses and a guesses.
    together, guess = scene(hot, "together"), scene(hot, "guess")
    assert sum(c["picked"] for c in together["choices"]) == 2 * runs
    assert together["visits"] == runs
    assert sum(c["picked"] for c in guess["choices"]) == runs
    assert sum(c["guessed"] for c in guess["choices"]) == runs
    assert hot["choices"] == runs + 2 * runs + 2 * runs
    assert report["choices"] == solo["choices"] + hot["choices"]
    for s in (together, guess):
        assert s["matches"]["answered"] == runs
        # Two random answers out of two agree about half the time.
        assert 0 < s["matches"]["matched"] < runs
    assert hot["ended"] == runs


def test_late_again_is_simulated_in_both_modes_with_no_problems():
    scenario = load_file(builtin_dir() / "late-again.toml")
    report = simulate(scenario, runs=300, seed=0)
    assert set(report["modes"]) == {"solo", "hotseat"}
    for mode in report["modes"].values():
        assert mode["ended"] == 300
        assert mode["dead_ends"]["runs"] == 0 and mode["endless"]["runs"] == 0
        assert sum(e["runs"] for e in mode["endings"]) == 300
        assert scene(mode, scenario.start)["runs"] == 300


# --- determinism and output -------------------------------------------------------------


def test_same_seed_same_report_and_different_seed_different_counts():
    scenario = load_file(builtin_dir() / "late-again.toml")
    a = to_json(simulate(scenario, runs=200, seed=42))
    b = to_json(simulate(scenario, runs=200, seed=42))
    c = to_json(simulate(scenario, runs=200, seed=43))
    assert a == b
    assert a != c


def test_json_is_sorted_and_stable(capsys):
    path = str(FIXTURES / "sim_fork.toml")
    assert main(["simulate", path, "--runs", "300", "--seed", "9", "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["simulate", path, "--runs", "300", "--seed", "9", "--json"]) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert first == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["version"] == 1 and data["seed"] == 9 and data["runs"] == 300
    assert data == json.loads(to_json(simulate(fixture("sim_fork"), runs=300, seed=9)))


def test_text_report_is_identical_for_a_seed_and_speed_goes_to_stderr(capsys):
    args = ["simulate", "late-again", "--runs", "150", "--seed", "3"]
    assert main(args) == 0
    first = capsys.readouterr()
    assert main(args) == 0
    second = capsys.readouterr()
    assert first.out == second.out
    assert "choices/s" in first.err and "choices/s" not in first.out
    out = first.out
    for heading in ("Endings", "Problems", "Scenes", "Locked choices", "Rebuild ratio", "hotseat:"):
        assert heading in out
    assert "plan_together" in out and "[both]" in out and "[predict]" in out
    assert all(line == line.rstrip() for line in out.splitlines())
    assert "\x1b[" not in out  # no colour codes when not a terminal


def test_text_report_names_problems(capsys):
    assert (
        main(["simulate", str(FIXTURES / "sim_problems.toml"), "--runs", "60", "--seed", "1"]) == 0
    )
    out = capsys.readouterr().out
    assert "dead end" in out and "'cliff'" in out
    assert "loop that never ends" in out and "'maze'" in out
    assert "scenes never reached: secret" in out
    assert "endings never reached: garden" in out


def test_unknown_scenario_is_a_usage_error(capsys):
    assert main(["simulate", "no-such-scenario"]) == 2
    assert "no scenario called" in capsys.readouterr().err


def test_progress_callback_sees_every_run():
    seen = []
    simulate(
        fixture("sim_hotseat"),
        runs=250,
        seed=0,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0] == (0, 500) and seen[-1] == (500, 500)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_fresh_state_is_the_state_game_new_builds():
    for name in ("late-again", "the-old-message"):
        scenario = load_file(builtin_dir() / f"{name}.toml")
        for mode in scenario.modes:
            template = Game.new(scenario, mode, record=False).state
            assert (
                fresh_state(template).to_dict()
                == Game.new(scenario, mode, record=False).state.to_dict()
            )
            copy = fresh_state(template)
            copy.meters["a"]["reliability"] = 1.0
            copy.visited.append("x")
            assert template.meters["a"]["reliability"] != 1.0 and "x" not in template.visited


# --- --check: a CI gate --------------------------------------------------------------------


def test_check_passes_on_a_clean_story(capsys):
    assert main(["simulate", str(FIXTURES / "sim_fork.toml"), "--runs", "50", "--check"]) == 0
    assert "check passed" in capsys.readouterr().err


def test_check_fails_and_names_every_kind_of_problem(capsys):
    path = str(FIXTURES / "sim_problems.toml")
    assert main(["simulate", path, "--runs", "60", "--seed", "1", "--check"]) == 1
    err = capsys.readouterr().err
    assert "check: solo: scenes never reached: secret" in err
    assert "check: solo: endings never reached: garden" in err
    assert "check: solo: dead end: " in err and "stopped at 'cliff'" in err
    assert "check: solo: loop that never ends: " in err and "500-turn cap, stuck at 'maze'" in err
    assert "check failed: 4 problems" in err
    # Without --check the same report exits 0: the report alone is not a verdict.
    assert main(["simulate", path, "--runs", "60", "--seed", "1"]) == 0


def test_check_fails_on_an_unreached_ending_alone(tmp_path, capsys):
    path = tmp_path / "rare.toml"
    path.write_text(
        'format = 1\n[scenario]\nid = "rare"\ntitle = "Rare"\nsummary = "s"\n'
        'start = "one"\n[scenes.one]\ntext = "t"\n'
        '[[scenes.one.choices]]\ntext = "go"\ngoto = "end"\n'
        '[endings.never]\ntitle = "Never"\ntone = "hopeful"\ntext = "t"\n'
        'when = "their.reliability > 99"\n'
        '[endings.always]\ntitle = "Always"\ntone = "broken"\ntext = "t"\n',
        encoding="utf-8",
    )
    assert main(["simulate", str(path), "--runs", "20", "--check", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["modes"]["solo"]["never_reached"]["endings"] == ["never"]
    assert "check: solo: endings never reached: never" in captured.err
    assert "check failed: 1 problem\n" in captured.err


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_every_builtin_story_passes_the_check(path, capsys):
    assert main(["simulate", str(path), "--runs", "1000", "--check"]) == 0
