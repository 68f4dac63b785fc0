"""Placeholders are filled in every text the game shows (time labels and
ending titles included), through the one fill function, and `{{` / `}}` write
literal braces."""

from __future__ import annotations

import json

from trustquest.cli import main
from trustquest.engine.game import Game
from trustquest.engine.loader import check_bytes, load_text
from trustquest.engine.text import fill

STORY = """
format = 1
[scenario]
id = "birthday"
title = "Birthday"
summary = "s"
start = "eve"
[roles.b]
name = "Sam"
pronouns = "she"
[scenes.eve]
time = "{Partner}'s birthday, 7 pm"
text = "The cake says {{happy birthday}}, braces and all."
[[scenes.eve.choices]]
text = "Sing to {them}."
goto = "end"
[endings.party]
title = "{Me} and {partner}, {{still}}"
tone = "hopeful"
text = "{They} laughed."
"""


def test_doubled_braces_are_literal_and_placeholders_still_fill():
    assert fill("{{me}} is {me}; {{ and }} alone", "Alex", "Sam", "she") == (
        "{me} is Alex; { and } alone"
    )
    assert fill("a } and a { stay", "A", "B", "he") == "a } and a { stay"
    assert fill("{unknown} stays", "A", "B", "he") == "{unknown} stays"


def test_time_labels_and_ending_titles_are_filled_for_the_reader():
    game = Game.new(load_text(STORY), names={"a": "Robin"})
    assert game.time_of() == "Sam's birthday, 7 pm"
    assert game.scene_text().startswith("The cake says {happy birthday}")
    game.choose(0)
    assert game.title_of() == "Robin and Sam, {still}"


def test_run_shows_filled_time_and_title(tmp_path, capsys):
    path = tmp_path / "birthday.toml"
    path.write_text(STORY, encoding="utf-8")
    assert main(["run", str(path), "--choices", "1"]) == 0
    out = capsys.readouterr().out
    assert "== eve (Sam's birthday, 7 pm)" in out
    assert "ENDING: Alex and Sam, {still} (hopeful)" in out
    assert main(["run", str(path), "--choices", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ending"]["title"] == "Alex and Sam, {still}"


def test_the_validator_checks_time_labels_and_titles_and_accepts_doubled_braces():
    bad = STORY.replace("{Partner}'s birthday", "{Partnr}'s birthday").replace(
        "{Me} and", "{Mee} and"
    )
    _, diags = check_bytes(bad.encode(), "b.toml")
    assert [(d.code, d.line) for d in diags] == [("TQ210", 12), ("TQ210", 18)]
    assert diags[0].hint == "did you mean 'Partner'?" and diags[0].col == 9
    _, diags = check_bytes(STORY.encode(), "b.toml")
    assert diags == []
