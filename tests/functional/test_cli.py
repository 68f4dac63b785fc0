"""The command line as a user meets it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustquest.cli import main
from trustquest.saves import AUTOSAVE, SaveStore

BAD = """\
format = 1
[scenario]
id = "bad"
title = "Bad"
summary = "s"
start = "intro"
[scenes.intro]
text = "Hi"
[[scenes.intro.choices]]
text = "Go"
goto = "nowhere"
[endings.last]
title = "L"
tone = "broken"
text = "t"
"""


def run_cli(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trustquest", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_list_shows_builtins_with_origin(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "late-again" in out and "built-in" in out


def test_list_includes_env_scenarios_and_broken_files(tmp_path, monkeypatch, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "bad.toml").write_text(BAD)
    monkeypatch.setenv("TRUSTQUEST_SCENARIOS", str(tmp_path / "mine"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "bad" in out and "broken: 1 error" in out and "TRUSTQUEST_SCENARIOS" in out


def test_validate_builtins_is_clean(capsys):
    assert main(["validate", "scenarios"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_validate_bad_file_exits_1_with_position(tmp_path, capsys):
    f = tmp_path / "bad.toml"
    f.write_text(BAD)
    assert main(["validate", str(f), "--format", "concise"]) == 1
    assert capsys.readouterr().out.strip() == (
        f"{f}:11:8: error: goto 'nowhere' names no scene or ending [TQ201]"
    )


def test_validate_missing_path_is_usage_error(capsys):
    assert main(["validate", "no/such/file.toml"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_flag_is_usage_error_without_traceback():
    proc = run_cli("simulate", "late-again", "--runs", "lots")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "--runs" in proc.stderr


def test_unknown_scenario_is_usage_error(capsys):
    assert main(["run", "late-agian", "--choices", "1"]) == 2
    assert "did you mean 'late-again'" in capsys.readouterr().err.lower()


def test_run_json_transcript_and_final_state(capsys):
    assert main(["run", "late-again", "--choices", "1,1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scenario"] == "late-again"
    assert [s["answer"] for s in report["steps"]] == [1, 1]
    assert report["turn"] == 2 and report["ended"] is False
    assert set(report["trust"]) == {"a", "b"}


def test_run_out_of_range_answer_is_a_clear_error(capsys):
    assert main(["run", "late-again", "--choices", "1,7"]) == 1
    captured = capsys.readouterr()
    assert "answer 2 of --choices (7)" in captured.err and "out of range" in captured.err
    assert "out of range" not in captured.out  # said once, on stderr, not twice


@pytest.mark.parametrize("answers", ["", ",", " "])
def test_run_without_answers_is_a_usage_error(answers, capsys):
    assert main(["run", "late-again", "--choices", answers]) == 2
    captured = capsys.readouterr()
    assert "give at least one answer" in captured.err and captured.out == ""


def test_run_broken_file_reports_diagnostics(tmp_path, capsys):
    f = tmp_path / "bad.toml"
    f.write_text(BAD)
    assert main(["run", str(f), "--choices", "1"]) == 1
    err = capsys.readouterr().err
    assert "TQ201" in err and "Traceback" not in err


def test_run_missing_file_is_usage_error(capsys):
    assert main(["run", "nothing-here.toml", "--choices", "1"]) == 2


def test_tui_without_terminal_is_a_clear_usage_error():
    proc = run_cli()
    assert proc.returncode == 2
    assert "--plain" in proc.stderr and "Traceback" not in proc.stderr


def test_plain_play_end_of_input_autosaves_and_continue_resumes(tmp_path):
    saves = tmp_path / "s"
    first = run_cli(
        "--saves", str(saves), "play", "late-again", "--plain", "--seed", "3", stdin="1\n2\n"
    )
    assert first.returncode == 0, first.stderr
    assert "Saved." in first.stdout
    loaded = SaveStore(saves).read(AUTOSAVE)
    assert loaded.state.turn == 2
    # Play on to the end: answer 1, 2, 3... (a locked answer is refused and the next tried).
    second = run_cli("continue", "--plain", "--saves", str(saves), stdin="1\n2\n3\n" * 60)
    assert second.returncode == 0, second.stderr
    assert "Continuing Late Again (turn 2)" in second.stdout
    assert "The end: " in second.stdout and "Endings found in this scenario: 1 of" in second.stdout
    assert (saves / "profile.toml").exists()


def test_plain_locked_and_bad_answers_are_explained(tmp_path):
    proc = run_cli("--saves", str(tmp_path), "play", "late-again", "--plain", stdin="9\nfoo\nq\n")
    assert proc.returncode == 0
    assert "There is no choice '9' here: type a number from 1 to" in proc.stdout
    assert "There is no choice 'foo' here" in proc.stdout


def test_continue_with_damaged_autosave_offers_backup(tmp_path):
    saves = tmp_path / "s"
    run_cli("--saves", str(saves), "play", "late-again", "--plain", stdin="1\n")
    run_cli("--saves", str(saves), "continue", "--plain", stdin="1\n")
    path = saves / "autosave.toml"
    path.write_text(path.read_text()[:50])
    proc = run_cli("--saves", str(saves), "continue", "--plain")
    assert proc.returncode == 1
    assert "damaged" in proc.stderr and "autosave.bak.toml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert path.read_text().startswith("version")  # not overwritten


def test_continue_without_autosave(tmp_path, capsys):
    assert main(["--saves", str(tmp_path), "continue", "--plain"]) == 1
    assert "no autosave" in capsys.readouterr().err


def test_hotseat_plain_hands_over_and_debriefs(tmp_path):
    proc = run_cli(
        "--saves",
        str(tmp_path),
        "play",
        "late-again",
        "--plain",
        "--hotseat",
        "--seed",
        "3",
        stdin="\n".join(["1", "2", "3"] * 200) + "\n",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Hand-over: " in proc.stdout and "Together again: " in proc.stdout
    assert "Debrief: your answers side by side" in proc.stdout


def test_control_characters_never_reach_the_terminal(tmp_path):
    f = tmp_path / "evil.toml"
    f.write_text(
        BAD.replace('goto = "nowhere"', 'goto = "end"').replace(
            '"Hi"', '"Hi\\u001b[2J\\u0007there"'
        )
    )
    proc = run_cli(
        "--saves", str(tmp_path), "play", str(f), "--plain", "--name", "Eve\x1b[31m", stdin="1\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "Hi[2Jthere" in proc.stdout


def test_saves_dir_rules(tmp_path, monkeypatch):
    from trustquest.saves import saves_dir

    assert saves_dir(str(tmp_path / "x")) == tmp_path / "x"
    monkeypatch.setenv("TRUSTQUEST_SAVES", str(tmp_path / "env"))
    assert saves_dir(None) == tmp_path / "env"
    monkeypatch.delenv("TRUSTQUEST_SAVES")
    assert saves_dir(None) == Path(__file__).resolve().parents[2] / "saves"
