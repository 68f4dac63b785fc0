"""`trustquest new`: a scenario that validates with no diagnostics at all,
plays at once, and never overwrites a file."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from walkthrough import as_shown

from trustquest.cli import main
from trustquest.engine.loader import check_file
from trustquest.tools.scaffold import render, scenario_id, schema_line, target_for
from trustquest.tools.schema import schema_path

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _in_a_work_folder(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def run_json(capsys, *args) -> dict:
    capsys.readouterr()
    assert main(["run", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("hotseat", [False, True])
def test_new_validates_with_no_errors_and_no_warnings(hotseat, capsys):
    args = ["new", "first-story"] + (["--hotseat"] if hotseat else [])
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Created first-story.toml" in out
    # It points at a guide that is really there (the wheel ships it too).
    guide = Path(out.split("explains every key: ")[1].strip())
    assert guide.is_file() and guide.read_text("utf-8").startswith("#")
    path = Path("first-story.toml")
    scenario, diags = check_file(path)
    assert diags == [] and scenario is not None
    assert scenario.id == "first-story" and scenario.title == "First Story"
    assert main(["validate", str(path)]) == 0
    assert "no problems" in capsys.readouterr().out
    # Everything the brief asks the starter to show.
    assert len(scenario.scenes) >= 4 and len(scenario.endings) == 3
    assert {e.tone for e in scenario.endings.values()} == {"hopeful", "bittersweet", "broken"}
    choices = [c for s in scenario.scenes.values() for c in s.choices]
    assert any(c.condition is not None and c.locked for c in choices)
    assert any(c.breach for c in choices)
    assert any(c.repeat > 1 and c.span for c in choices)  # a habit
    assert any(s.events for s in scenario.scenes.values())  # a story event
    assert scenario.order == "shuffle"
    assert any(c.later is not None and c.later.unless is not None for c in choices)
    actors = {s.actor for s in scenario.scenes.values()}
    predicts = any(s.predict for s in scenario.scenes.values())
    if hotseat:
        assert scenario.modes == ("solo", "hotseat")
        assert "both" in actors and predicts
    else:
        assert scenario.modes == ("solo",)
        assert actors == {"a"} and not predicts


def test_new_is_playable_with_run(capsys):
    assert main(["new", "starter"]) == 0
    # The honest path: ask, open up (unlocked by asking), listen, promise.
    good = run_json(capsys, "starter.toml", "--choices", as_shown("starter.toml", [2, 1, 1, 1]))
    assert good["ended"] and good["ending"]["id"] == "kept"
    # The lie, doubled down: the delayed consequence fires and ends it badly.
    bad = run_json(capsys, "starter.toml", "--choices", as_shown("starter.toml", [3, 2, 1, 1]))
    assert bad["ending"]["id"] == "caught" and "lie_found" in bad["flags"]
    # Coming clean in time averts it.
    clean = run_json(capsys, "starter.toml", "--choices", as_shown("starter.toml", [3, 1, 1, 3]))
    assert clean["ending"]["id"] == "unsure" and "lie_found" not in clean["flags"]
    # The locked choice really is locked on another path.
    assert main(["run", "starter.toml", "--choices", as_shown("starter.toml", [1, 1])]) == 1
    assert "locked" in capsys.readouterr().err


def test_new_hotseat_plays_both_and_predict_scenes(capsys):
    assert main(["new", "duo", "--hotseat"]) == 0
    # invite, thursday_in, friday (a then b), sunday (a chooses, b guesses)
    data = run_json(
        capsys,
        "duo.toml",
        "--hotseat",
        "--choices",
        as_shown("duo.toml", [2, 1, 1, 1, 1, 1], mode="hotseat"),
    )
    assert data["ended"]
    kinds = [(s["scene"], s["role"], s["kind"]) for s in data["steps"]]
    assert ("friday", "b", "choose") in kinds and ("sunday", "b", "guess") in kinds
    assert [
        s["matched"] for s in data["steps"] if s["resolved"] and s["scene"] in ("friday", "sunday")
    ] == [
        True,
        True,
    ]


def test_new_refuses_to_overwrite(capsys):
    Path("taken.toml").write_text("# mine\n")
    assert main(["new", "taken"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert Path("taken.toml").read_text() == "# mine\n"
    assert main(["new", "taken.toml"]) == 2


def test_new_with_a_path_and_a_name_to_normalise(tmp_path, capsys):
    (tmp_path / "work" / "sub").mkdir()
    assert main(["new", "sub/Late Night.toml"]) == 0
    written = Path("sub/Late Night.toml")
    scenario, diags = check_file(written)
    assert not diags and scenario.id == "late-night"
    assert main(["new", "Rainy Sunday!"]) == 0
    assert check_file(Path("rainy-sunday.toml"))[0].id == "rainy-sunday"
    assert main(["new", "nowhere/x.toml"]) == 2
    assert "no folder" in capsys.readouterr().err
    assert main(["new", "!!!"]) == 2


def test_scenario_ids():
    assert scenario_id("late-again") == "late-again"
    assert scenario_id(" Late  Again ") == "late-again"
    assert scenario_id("late_again_2") == "late-again-2"
    with pytest.raises(Exception, match="cannot make a scenario id"):
        scenario_id("---")
    path, ident = target_for("My Story", Path("/tmp/x"))
    assert path == Path("/tmp/x/my-story.toml") and ident == "my-story"


def test_schema_line_inside_and_outside_the_checkout(tmp_path):
    schema = schema_path()
    assert schema is not None and schema.is_file()
    if (REPO / "pyproject.toml").is_file() and schema.parent.parent == REPO:
        assert (
            schema_line(REPO / "scenarios" / "new-one.toml")
            == "#:schema ../schema/scenario.schema.json"
        )
    outside = schema_line(tmp_path / "x.toml")
    assert outside == "#:schema " + schema.as_uri()


def test_template_is_valid_toml_matching_the_schema():
    from jsonschema import Draft202012Validator

    from trustquest.tools.schema import schema

    validator = Draft202012Validator(schema())
    for hotseat in (False, True):
        text = render("some-id", hotseat)
        assert text.startswith("#:schema ../schema/scenario.schema.json\n")
        assert list(validator.iter_errors(tomllib.loads(text))) == []
