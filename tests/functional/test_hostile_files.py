"""Hostile or hand-edited files reaching the game: saves whose checksum was
recomputed, deeply nested profiles and scenarios, NaN knobs. Nothing crashes,
nothing is overwritten, and every failure explains itself."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
import tomli_w

from trustquest import saves as saves_module
from trustquest.cli import main
from trustquest.engine.game import Game
from trustquest.saves import AUTOSAVE, PROFILE, SaveStore
from trustquest.tui.testing import make_app, screen_text

SOURCE = Path(__file__).parents[2] / "scenarios" / "late-again.toml"


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def autosave(saves: Path, answers=(0, 0)) -> Path:
    from trustquest.catalog import resolve

    game = Game.new(resolve("late-again").scenario)
    for answer in answers:
        game.choose(answer)
    return SaveStore(saves).write(AUTOSAVE, game)


def tamper(path: Path, change) -> bytes:
    """Edit a save and recompute its checksum, as a knowing attacker would."""
    doc = tomllib.loads(path.read_text("utf-8"))
    change(doc)
    doc["checksum"] = saves_module._checksum(doc["meta"], doc["state"])
    data = tomli_w.dumps(doc).encode("utf-8")
    path.write_bytes(data)
    return data


def turn_inf(path: Path) -> bytes:
    """`turn = inf`, which tomli-w cannot write: edited in the text."""
    data = tamper(path, lambda doc: None).decode()
    data = data.replace("\nturn = 2\n", "\nturn = inf\n", 1)
    doc = tomllib.loads(data)
    assert doc["state"]["turn"] == float("inf")
    doc_sum = saves_module._checksum(doc["meta"], doc["state"])
    data = data.replace(tomllib.loads(data)["checksum"], doc_sum)
    path.write_text(data, "utf-8")
    return data.encode()


HOSTILE_SAVES = {
    "turn = inf": turn_inf,
    "negative turn": lambda p: tamper(p, lambda d: d["state"].update(turn=-5)),
    "huge turn": lambda p: tamper(p, lambda d: d["state"].update(turn=2**62)),
    "escape in a name": lambda p: tamper(
        p, lambda d: d["state"]["names"].update(a="Kim\x1b]52;c;cm0gLXJm\x07")
    ),
    "impossible scene": lambda p: tamper(p, lambda d: d["state"].update(scene="../../x")),
    "escape in the title": lambda p: tamper(
        p, lambda d: d["meta"].update(scenario_title="\x1b[2JGone")
    ),
    "deep nesting": lambda p: p.write_text(
        p.read_text("utf-8") + "deep = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8"
    ),
}


@pytest.mark.parametrize("how", sorted(HOSTILE_SAVES))
async def test_the_title_and_continue_survive_a_hostile_autosave(saves, how):
    path = autosave(saves)
    HOSTILE_SAVES[how](path)
    before = path.read_bytes()
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        assert "T R U S T Q U E S T" in text
        assert "\x1b" not in text
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "MessageScreen"
        assert "This save cannot be read" in screen_text(app)
        assert app.game is None
    assert path.read_bytes() == before  # reported, and left untouched


@pytest.mark.parametrize("how", sorted(HOSTILE_SAVES))
def test_plain_continue_reports_a_hostile_autosave_as_damaged(saves, how, capsys):
    path = autosave(saves)
    HOSTILE_SAVES[how](path)
    before = path.read_bytes()
    assert main(["continue", "--plain", "--saves", str(saves)]) == 1
    err = capsys.readouterr().err
    assert "autosave.toml" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_deeply_nested_profile_does_not_stop_the_game(saves, capsys):
    saves.mkdir(parents=True)
    profile = saves / PROFILE
    profile.write_text("[settings]\ntheme = " + "[" * 5_000 + "\n", "utf-8")
    before = profile.read_bytes()
    from trustquest.saves import load_profile
    from trustquest.tui.lite import peek_theme

    assert peek_theme(saves) == ""
    loaded = load_profile(saves)
    assert "damaged" in loaded.problem and "32 levels" in loaded.problem
    assert profile.read_bytes() == before


async def test_the_tui_reports_a_damaged_profile_and_keeps_it(saves):
    saves.mkdir(parents=True)
    profile = saves / PROFILE
    profile.write_text('[names]\na = "Kim\\u001b[2J"\n', "utf-8")
    before = profile.read_bytes()
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        told = [n.message for n in app._notifications if n.title == "Profile not read"]
        assert told and "control characters" in told[0] and "not be overwritten" in told[0]
        await pilot.press("enter")
        game = app.game
        while not game.over:  # to an ending, which the gallery would record
            game.choose(game.available(game.prompt().actor)[0])
        app.record_ending(game)
        app.save_profile()
    assert profile.read_bytes() == before


def test_plain_play_reports_a_damaged_profile_and_keeps_it(saves, capsys, monkeypatch):
    import io

    saves.mkdir(parents=True)
    profile = saves / PROFILE
    profile.write_text("endings = 3\n", "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n" * 16))
    assert main(["play", "late-again", "--plain", "--saves", str(saves)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # plain mode wraps its lines
    assert "damaged (its endings, settings or names are not tables)" in out
    assert "will not be overwritten" in out
    assert profile.read_text("utf-8") == "endings = 3\n"


NAN_KNOB = SOURCE.read_text("utf-8").replace("[dynamics]\n", "[dynamics]\ngain_damping = nan\n", 1)
NAN_LINE = NAN_KNOB.split("\n").index("gain_damping = nan") + 1


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{f}"],
        ["simulate", "{f}", "--runs", "5"],
        ["run", "{f}", "--choices", "1,1"],
        ["play", "{f}", "--plain"],
    ],
)
def test_a_nan_knob_is_refused_at_its_line_by_every_command(tmp_path, argv, capsys):
    scenario = tmp_path / "nan.toml"
    scenario.write_text(NAN_KNOB, "utf-8")
    assert main([a.format(f=scenario) for a in argv] + ["--saves", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "'dynamics.gain_damping' must be a finite number, not nan" in text
    assert f"{scenario}:{NAN_LINE}:16" in text
    assert "Traceback" not in text and "internal error" not in text


async def test_a_watched_file_nested_too_deeply_keeps_the_game_running(tmp_path):
    scenario = tmp_path / "late.toml"
    scenario.write_text(SOURCE.read_text("utf-8"), "utf-8")
    app = make_app(tmp_path / "saves", scenario, watch=True, watch_interval=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1")
        good = app.game
        scenario.write_text(
            SOURCE.read_text("utf-8") + "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "utf-8"
        )
        st = scenario.stat()
        os.utime(scenario, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        assert app.poll_watch() is False
        await pilot.pause()
        assert app.game is good
        shown = str(app.screen.query_one("#watch-errors").render())
        assert "TQ004" in shown and "nests more than 32 levels" in shown


@pytest.mark.parametrize(
    "deep",
    [
        "a" + ".a" * 20_000 + " = 1\n",
        "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    ],
)
def test_the_language_server_index_survives_deep_nesting(deep):
    from trustquest.lsp.documents import is_scenario
    from trustquest.lsp.index import build

    assert is_scenario(deep)  # it gets diagnostics: TQ004
    assert build("format = 1\n" + deep).scenes == {}


def test_a_deeply_nested_patterns_file_is_reported_and_kept(saves):
    from trustquest import patterns_file

    saves.mkdir(parents=True)
    path = patterns_file.path_in(saves)
    path.write_text("version = 1\nplaythrough = " + "[" * 5000 + "\n", "utf-8")
    kept = patterns_file.load(saves)
    assert kept.problem and "damaged" in kept.problem
    assert patterns_file.add(saves, None) is False  # never written over
    assert path.read_text("utf-8").endswith("[" * 5000 + "\n")
