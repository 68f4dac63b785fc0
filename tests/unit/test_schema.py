"""The JSON Schema: in step with the code, valid, accepting every built-in and
fixture scenario and rejecting a misspelled key. And the authoring guide:
it names every key of the format, every validator code and every dynamics knob."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from trustquest.catalog import builtin_dir
from trustquest.cli import main
from trustquest.engine import format as fmt
from trustquest.engine.diagnostics import CODES
from trustquest.engine.dynamics import Dynamics
from trustquest.tools.schema import REGENERATE, schema, schema_text

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "schema" / "scenario.schema.json"
GUIDE = REPO / "docs" / "authoring.md"
FIXTURES = REPO / "tests" / "fixtures"
VALIDATOR = Draft202012Validator(schema())


def errors(data: dict) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_committed_schema_is_in_step_with_the_code():
    assert COMMITTED.is_file(), f"schema/scenario.schema.json is missing; run `{REGENERATE}`"
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        f"schema/scenario.schema.json is out of date with engine/format.py; regenerate it with `{REGENERATE}`"
    )


def test_schema_command_prints_it(capsys):
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_text()
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(schema())


def scenario_files() -> list[Path]:
    return sorted(builtin_dir().glob("*.toml")) + sorted(FIXTURES.glob("*.toml"))


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.name)
def test_schema_accepts_every_builtin_and_fixture_scenario(path):
    with open(path, "rb") as fh:
        assert errors(tomllib.load(fh)) == []


def late_again() -> dict:
    with open(builtin_dir() / "late-again.toml", "rb") as fh:
        return tomllib.load(fh)


def test_schema_rejects_a_misspelled_key():
    data = late_again()
    data["scenario"]["sumary"] = data["scenario"].pop("summary")
    found = errors(data)
    assert any("'sumary' was unexpected" in m for m in found)
    assert any("'summary' is a required property" in m for m in found)


def test_schema_rejects_misspelled_nested_keys_and_wrong_values():
    data = late_again()
    choice = data["scenes"]["desk"]["choices"][0]
    choice["gotoo"] = choice.pop("goto")
    assert any("'gotoo' was unexpected" in m for m in errors(data))
    data = late_again()
    data["scenes"]["desk"]["actor"] = "c"
    assert any("'c' is not one of" in m for m in errors(data))
    data = late_again()
    data["dynamics"] = {"loss_multiplier": 0.5}
    assert any("less than the minimum" in m for m in errors(data))
    data = late_again()
    data["scenario"]["id"] = "Late Again"
    assert any("does not match" in m for m in errors(data))


def test_taplo_config_maps_the_scenarios_folder_to_the_schema():
    with open(REPO / ".taplo.toml", "rb") as fh:
        config = tomllib.load(fh)
    rules = [r for r in config["rule"] if "scenarios/**/*.toml" in r.get("include", [])]
    assert rules and (REPO / rules[0]["schema"]["path"]).resolve() == COMMITTED.resolve()


def test_builtin_scenarios_point_at_the_schema():
    for path in sorted(builtin_dir().glob("*.toml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "#:schema ../schema/scenario.schema.json", path


# --- the authoring guide --------------------------------------------------------------------


def spec_keys(spec: fmt.Spec) -> set[str]:
    keys = set()
    if spec.kind == "table":
        for name, sub in spec.keys.items():
            keys.add(name)
            keys |= spec_keys(sub)
    elif spec.item is not None:
        keys |= spec_keys(spec.item)
    return keys


def test_guide_mentions_every_key_of_the_format():
    text = GUIDE.read_text(encoding="utf-8")
    keys = spec_keys(fmt.SCENARIO)
    assert {"format", "goto", "later", "unless", "prompts", "loss_multiplier", "pronouns"} <= keys
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert missing == [], f"docs/authoring.md never names these keys as `key`: {missing}"


def test_guide_lists_every_validator_code_and_knob_default():
    text = GUIDE.read_text(encoding="utf-8")
    assert [c for c in CODES if c not in text] == []
    for knob, default in Dynamics.knobs().items():
        row = re.search(rf"^\| `{knob}` \| ([^|]+) \|", text, re.MULTILINE)
        assert row, f"no table row for `{knob}`"
        assert float(row.group(1).strip().strip("`")) == float(default), knob


def test_guide_documents_the_tools():
    text = GUIDE.read_text(encoding="utf-8")
    for phrase in (
        "trustquest simulate",
        "trustquest graph",
        "trustquest new",
        "trustquest schema",
        "--watch",
        "--choices",
        "rebuild ratio",
        "#:schema",
        ".taplo.toml",
        "Even Better TOML",
    ):
        assert phrase in text, phrase
