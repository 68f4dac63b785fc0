"""Both players' names and pronouns on the command line (`--names`,
`--pronouns`), in `play` and `run`: what they set, and clear errors for
values that cannot stand."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from trustquest.catalog import resolve
from trustquest.cli import main
from trustquest.plain import play
from trustquest.players import Players, players_from_options
from trustquest.saves import AUTOSAVE, SaveStore


def test_run_json_names_both_players_and_their_pronouns(capsys):
    args = ["run", "late-again", "--hotseat", "--choices", "1,1", "--json"]
    assert main([*args, "--names", "Ana,Ben", "--pronouns", "she,they"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["players"] == {
        "a": {"name": "Ana", "pronouns": "she"},
        "b": {"name": "Ben", "pronouns": "they"},
    }


def test_run_json_names_the_scenario_defaults_when_none_are_given(capsys):
    scenario = resolve("late-again").scenario
    assert main(["run", "late-again", "--choices", "1", "--json"]) == 0
    players = json.loads(capsys.readouterr().out)["players"]
    assert players["a"]["name"] == scenario.roles["a"].name
    assert players["b"] == {
        "name": scenario.roles["b"].name,
        "pronouns": scenario.roles["b"].pronouns,
    }


def test_run_text_says_who_plays_and_fills_the_names_in(capsys):
    assert (
        main(["run", "late-again", "--choices", "1", "--names", "Ana,Ben", "--pronouns", "he"]) == 0
    )
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "You are Ana; your partner is Ben (he)."
    assert "Dinner with Ben" in out and "> Ana chose 1" in out


def test_the_old_options_map_onto_the_same_players():
    assert players_from_options(name="Ana", partner="Ben", pronouns="she") == Players(
        {"a": "Ana", "b": "Ben"}, {"b": "she"}
    )
    assert players_from_options(names="Ana,Ben", pronouns="she,they", hotseat=True) == Players(
        {"a": "Ana", "b": "Ben"}, {"a": "she", "b": "they"}
    )
    assert players_from_options(names="Ana") == Players({"a": "Ana"})  # solo: your name only
    assert players_from_options() == Players()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--hotseat", "--names", "Ana"], "hot-seat needs both players' names"),
        (["--hotseat", "--names", "Ana,Ben,Cy"], "hot-seat needs both players' names"),
        (["--names", "Ana,Ben,Cy"], "at most two names"),
        (["--names", ",Ben"], "your name is empty"),
        (["--hotseat", "--names", "Ana, "], "player two's name is empty"),
        (["--hotseat", "--names", "\x1b\x07,Ben"], "player one's name is empty"),
        (["--hotseat", "--names", "Ana,\u200b"], "player two's name is empty"),
        (["--hotseat", "--names", "Ana,Ana"], "both players are called 'Ana'"),
        (["--names", "A" * 41 + ",Ben"], "at most 40 characters"),
        (["--pronouns", "xe"], "each is they, she or he"),
        (["--pronouns", "she,"], "each is they, she or he"),
        (["--pronouns", "she,they,he"], "at most two"),
        (["--names", "Ana,Ben", "--name", "Cy"], "either --names A,B or --name and --partner"),
    ],
)
@pytest.mark.parametrize("command", ["run", "play"])
def test_bad_players_are_usage_errors_in_words(command, options, said, capsys, tmp_path):
    extra = ["--choices", "1"] if command == "run" else ["--plain"]
    code = main(["--saves", str(tmp_path), command, "late-again", *extra, *options])
    captured = capsys.readouterr()
    assert code == 2
    assert said in captured.err and "Traceback" not in captured.err
    assert "\x1b" not in captured.err
    assert not (tmp_path / "autosave.toml").exists()  # nothing was played


def test_a_bad_name_is_refused_before_anything_runs_in_a_real_process(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "trustquest", "--saves", str(tmp_path), "play", "late-again"]
        + ["--plain", "--hotseat", "--names", "Ana"],
        capture_output=True,
        text=True,
        input="1\n",
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "hot-seat needs both players' names" in proc.stderr
    assert "Traceback" not in proc.stderr


def plain_hotseat(saves, players: Players, answers: str = "q\n") -> str:
    out = io.StringIO()
    play(
        resolve("late-again"),
        saves,
        hotseat=True,
        seed=3,
        players=players,
        inp=io.StringIO(answers),
        out=out,
    )
    return out.getvalue()


def test_hostile_names_are_cleaned_and_shown_literally_in_plain_mode(tmp_path):
    players = players_from_options(
        names="[b]Ana[/b]\x1b[2J,*Ben*\u202e", pronouns="she,he", hotseat=True
    )
    assert players.names == {"a": "[b]Ana[/b][2J", "b": "*Ben*"}
    text = plain_hotseat(tmp_path, players)
    assert "Playing together: [b]Ana[/b][2J (she) and *Ben* (he) share this keyboard" in text
    assert "\x1b" not in text and "\u202e" not in text


def test_plain_hotseat_keeps_each_players_name_and_pronouns(tmp_path):
    players = players_from_options(names="Ana,Ben", pronouns="she,he", hotseat=True)
    plain_hotseat(tmp_path, players)
    state = SaveStore(tmp_path).read(AUTOSAVE).state
    assert state.names == {"a": "Ana", "b": "Ben"}
    assert state.pronouns == {"a": "she", "b": "he"}


async def test_the_full_screen_setup_starts_from_both_players_names_and_pronouns(tmp_path):
    from trustquest.tui.testing import make_app

    players = players_from_options(names="Ana,Ben", pronouns="she,he", hotseat=True)
    app = make_app(tmp_path, "late-again", hotseat=True, players=players)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#name-one").value == "Ana"
        assert screen.query_one("#name-two").value == "Ben"
        assert screen.query_one("#pone-she").value and screen.query_one("#ptwo-he").value
        screen.query_one("#begin").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.state.names == {"a": "Ana", "b": "Ben"}
        assert app.game.state.pronouns == {"a": "she", "b": "he"}
