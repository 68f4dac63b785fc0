"""`trustquest paths`: the exhaustive explorer (engine/explore.py) and its report.

The central promise: every walkthrough it prints is a `--choices` list that
`run` plays to that scene or ending, with the same seed. That is checked for
every scene and ending of every built-in story, in every mode it supports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustquest.catalog import builtin_dir
from trustquest.cli import main
from trustquest.engine.explore import copy_state, explore
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BUILTINS = sorted(builtin_dir().glob("*.toml"))


def write(tmp_path, body: str) -> Path:
    path = tmp_path / "story.toml"
    head = (
        'format = 1\n[scenario]\nid = "story"\ntitle = "Story"\nsummary = "s"\nstart = "one"\n'
        'order = "fixed"\n'  # these tests name choices by their place in the file
    )
    path.write_text(head + body, encoding="utf-8")
    return path


def paths_json(capsys, *args) -> tuple[int, dict]:
    code = main(["paths", *map(str, args), "--json"])
    return code, json.loads(capsys.readouterr().out)


def run_json(capsys, path, choices, *extra) -> dict:
    args = ["run", str(path), "--json", *extra]
    if choices:
        args += ["--choices", ",".join(map(str, choices))]
        main(args)
        return json.loads(capsys.readouterr().out)
    # The start scene needs no answer; `run` needs at least one, so check the start.
    return {"visited": [load_file(path).start], "ending": None}


@pytest.mark.parametrize(
    ("path", "mode"),
    [(p, m) for p in BUILTINS for m in load_file(p).modes],
    ids=lambda v: v.stem if isinstance(v, Path) else v,
)
def test_run_replays_every_walkthrough_of_every_builtin_story(path, mode, capsys):
    extra = ["--hotseat"] if mode == "hotseat" else []
    # Only the state bound applies, so a slow machine gives the same report.
    code, data = paths_json(capsys, path, *extra, "--max-seconds", "3600")
    scenario = load_file(path)
    assert code == 0
    assert data["unreachable"] == [] and data["unproven"] == []
    assert set(data["endings"]) == set(scenario.endings)
    assert set(data["scenes"]) == set(scenario.scenes)
    for eid, walk in data["endings"].items():
        final = run_json(capsys, path, walk["choices"], *extra)
        assert final["ended"] and final["ending"]["id"] == eid, (eid, walk)
        assert final["error"] is None
    for sid, walk in data["scenes"].items():
        final = run_json(capsys, path, walk["choices"], *extra)
        assert sid in final["visited"], (sid, walk)
        if walk["choices"]:
            assert final["steps"][-1]["next"] == sid


def test_a_small_story_is_explored_exhaustively_with_shortest_walkthroughs(tmp_path, capsys):
    path = write(
        tmp_path,
        """
[scenes.one]
text = "t"
[[scenes.one.choices]]
text = "Be kind."
goto = "two"
sets = ["kind"]
[[scenes.one.choices]]
text = "Be cold."
goto = "two"
their_trust = { reliability = -10 }
[scenes.two]
text = "t"
[[scenes.two.choices]]
text = "Stay the same."
goto = "two_b"
[[scenes.two.choices]]
text = "Only if kind."
if = "flags.kind"
goto = "warm"
[scenes.two_b]
text = "t"
[[scenes.two_b.choices]]
text = "On."
goto = "end"
[endings.warm]
title = "Warm"
tone = "hopeful"
text = "t"
when = "turn > 5"
[endings.cool]
title = "Cool"
tone = "bittersweet"
text = "t"
when = "their.reliability >= 45"
[endings.cold]
title = "Cold"
tone = "broken"
text = "t"
""",
    )
    code, data = paths_json(capsys, path)
    assert code == 0
    assert data["search"]["exhaustive"] is True
    assert data["endings"]["warm"]["choices"] == [1, 2]
    assert data["endings"]["cool"]["choices"] == [1, 1, 1]
    assert data["endings"]["cold"]["choices"] == [2, 1, 1]
    assert all(w["shortest"] for w in data["endings"].values())
    assert data["scenes"]["one"]["choices"] == [] and data["scenes"]["two_b"]["choices"] == [1, 1]
    assert data["version"] == 1 and data["mode"] == "solo" and data["seed"] == 1


def test_unreachable_content_is_proven_and_fails(tmp_path, capsys):
    # The locked choice needs a flag nothing sets: the search proves it never opens.
    path = write(
        tmp_path,
        """
[scenes.one]
text = "t"
[[scenes.one.choices]]
text = "Wait."
goto = "end"
[[scenes.one.choices]]
text = "Secret."
if = "flags.never and turn > 2"
goto = "hidden"
[scenes.hidden]
text = "t"
[[scenes.hidden.choices]]
text = "On."
goto = "end"
[endings.high]
title = "High"
tone = "hopeful"
text = "t"
when = "their.trust > 90"
[endings.low]
title = "Low"
tone = "broken"
text = "t"
""",
    )
    code, data = paths_json(capsys, path)
    assert code == 1
    assert data["unreachable"] == ["hidden", "high"] and data["unproven"] == []
    assert data["search"]["exhaustive"] is True
    assert main(["paths", str(path)]) == 1
    out = capsys.readouterr().out
    assert "unreachable (proven: no sequence of answers gets there): hidden, high" in out


def test_dead_ends_and_delayed_consequences(capsys):
    code, data = paths_json(capsys, FIXTURES / "sim_problems.toml")
    assert code == 1
    assert data["dead_ends"] == {
        "cliff": {"choices": [2], "answers": 1, "turns": 1, "shortest": True}
    }
    # The secret door opens after turn 1000: the explorer walks the maze that far.
    assert len(data["endings"]["garden"]["choices"]) > 1000
    assert data["unreachable"] == [] and data["endless"] == {}


def test_a_loop_with_no_way_out_is_reported_with_its_walkthrough(tmp_path, capsys):
    path = write(
        tmp_path,
        """
[scenes.one]
text = "t"
[[scenes.one.choices]]
text = "Leave."
goto = "end"
[[scenes.one.choices]]
text = "Go round."
goto = "round"
[scenes.round]
text = "t"
[[scenes.round.choices]]
text = "Again."
goto = "round"
[endings.out]
title = "Out"
tone = "hopeful"
text = "t"
""",
    )
    code, data = paths_json(capsys, path)
    assert code == 1
    assert data["endless"] == {
        "round": {"choices": [2], "answers": 1, "turns": 1, "shortest": True}
    }


def test_delayed_consequences_and_hotseat_answers_are_explored(capsys):
    path = FIXTURES / "sim_hotseat.toml"
    code, data = paths_json(capsys, path, "--hotseat")
    assert data["mode"] == "hotseat"
    for eid, walk in data["endings"].items():
        final = run_json(capsys, path, walk["choices"], "--hotseat")
        assert final["ending"]["id"] == eid


def test_bounds_leave_content_unproven_and_say_so(capsys):
    path = builtin_dir() / "late-again.toml"
    code, data = paths_json(capsys, path, "--max-states", "30", "--max-seconds", "1")
    assert code == 1
    assert data["unproven"] and data["search"]["exhaustive"] is False
    assert data["search"]["states"] <= 30
    main(["paths", str(path), "--max-states", "30", "--max-seconds", "1"])
    assert "raise --max-states or --max-seconds" in capsys.readouterr().out


def test_bad_input_is_an_error_without_a_traceback(tmp_path, capsys):
    assert main(["paths", "no-such-story"]) == 2
    assert main(["paths", str(FIXTURES / "sim_fork.toml"), "--hotseat"]) == 2
    assert main(["paths", "late-again", "--max-states", "0"]) == 2
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[scenario\n", encoding="utf-8")
    assert main(["paths", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "TQ001" in err


def test_copy_state_is_independent():
    scenario = load_file(builtin_dir() / "late-again.toml")
    game = Game.new(scenario, record=False)
    copy = copy_state(game.state)
    assert copy.to_dict() == game.state.to_dict()
    copy.meters["a"]["reliability"] = 1.0
    copy.flags.add("x")
    copy.visited.append("y")
    assert game.state.meters["a"]["reliability"] != 1.0
    assert "x" not in game.state.flags and "y" not in game.state.visited


def test_states_that_differ_only_in_the_past_are_merged():
    # Two answers lead to the same scene with the same effects: one state.
    scenario = load_file(FIXTURES / "sim_fork.toml")
    found = explore(scenario)
    assert found.exhaustive and found.states <= 3
