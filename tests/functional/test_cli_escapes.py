"""Every headless face (list, validate in every format, run, plain mode and
the error messages) prints file names and text from saves without control
characters: a file *named* with escape sequences cannot clear the screen,
write the clipboard (OSC 52) or make a link."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest

from trustquest.cli import main
from trustquest.output import CleanStream

#: Clear the screen, write the clipboard, an 8-bit CSI, a bidi override.
EVIL = "evil\x1b[2J\x1b]52;c;aGk=\x07\x9b31m\u202egnp"
SHOWN = "evil[2J]52;c;aGk=31mgnp"
GOOD = Path(__file__).parent / "fixtures_tui" / "turns.toml"


def hazards(text: str) -> list[str]:
    return [repr(c) for c in text if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cf")]


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / f"{EVIL}.toml").write_text('format = 1\n[scenario]\nid = "x"\n', "utf-8")
    (folder / f"ok{EVIL}.toml").write_text(GOOD.read_text("utf-8"), "utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    text = out.out + out.err
    assert hazards(text) == [], text
    assert "Traceback" not in text
    return code, text


@pytest.mark.parametrize("form", ["text", "concise", "github"])
def test_validate_names_the_file_without_its_escapes(capsys, folder, form):
    code, text = run(capsys, "validate", "--format", form, str(folder))
    assert code == 1
    assert SHOWN in text


def test_validate_json_keeps_the_exact_name_safely_escaped(capsys, folder):
    code = main(["validate", "--format", "json", str(folder)])
    out = capsys.readouterr().out
    assert code == 1 and out.isascii()
    files = {d["file"] for d in json.loads(out)["diagnostics"]}
    assert str(folder / f"{EVIL}.toml") in files  # the real path, for tools to open


def test_list_names_broken_and_good_files_cleanly(capsys, folder, monkeypatch):
    monkeypatch.setenv("TRUSTQUEST_SCENARIOS", str(folder))
    code, text = run(capsys, "list")
    assert code == 0
    assert SHOWN in text


def test_errors_quote_file_names_cleanly(capsys, folder):
    _, text = run(capsys, "run", str(folder / f"{EVIL}.toml"), "--choices", "1")
    assert SHOWN in text
    _, text = run(capsys, "validate", str(folder / f"missing{EVIL}.toml"))
    assert f"missing{SHOWN}" in text
    _, text = run(capsys, "play", "--plain", str(folder / f"{EVIL}.toml"))
    assert SHOWN in text
    _, text = run(capsys, "run", str(folder / f"ok{EVIL}.toml"), "--choices", "1,1")


def test_plain_mode_never_prints_names_from_a_save_raw(capsys, tmp_path, monkeypatch):
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game
    from trustquest.saves import AUTOSAVE, SaveStore

    game = Game.new(resolve(str(GOOD)).scenario, "hotseat")
    game.state.names["a"] = f"Ana{EVIL}"  # as a hand-edited save could hold it
    SaveStore(tmp_path / "saves").write(AUTOSAVE, game)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    code, text = run(capsys, "--saves", str(tmp_path / "saves"), "continue", "--plain")
    # Cleaned, or refused as damaged: in both cases nothing raw was printed (see `run`).
    assert (code == 0 and f"Ana{SHOWN}" in text) or (code != 0 and "autosave" in text)


def test_the_clean_stream_drops_controls_and_keeps_lines():
    raw = io.StringIO()
    stream = CleanStream(raw)
    assert stream.write(f"a{EVIL}\n\tb\r\n") == len(f"a{EVIL}\n\tb\r\n")
    assert raw.getvalue() == f"a{SHOWN}\n\tb\n"
    assert stream.getvalue() == raw.getvalue()  # everything else is the stream's
