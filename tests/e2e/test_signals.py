"""SIGTERM and SIGHUP in a real terminal (tmux): the game exits, the terminal
is restored (main screen, mouse reporting off, cursor shown) and the autosave
is kept, in the full-screen game and in plain mode."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from tmux_terminal import Terminal, game_env, read_a_moment

from trustquest.saves import AUTOSAVE, SaveStore

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TRUSTQUEST = Path(sys.executable).with_name("trustquest")


def shell_running(tmp_path: Path, args: str) -> Terminal:
    """The game under a shell that stays after it exits (so the terminal's
    modes can be read afterwards), its pid in `pidfile`."""
    pidfile = tmp_path / "game.pid"
    saves = tmp_path / "saves"
    exports = game_env(tmp_path, home=tmp_path)
    game = (
        f"echo $$ > {shlex.quote(str(pidfile))}; exec env -i {exports} "
        f"{shlex.quote(str(TRUSTQUEST))} --saves {shlex.quote(str(saves))} {args}"
    )
    term = Terminal(f"sh -c {shlex.quote(game)}; echo EXITED $?; sleep 600")
    term.saves = saves
    term.pidfile = pidfile
    return term


def kill(term: Terminal, signum: int) -> None:
    os.kill(int(term.pidfile.read_text().strip()), signum)


@pytest.fixture
def shell(tmp_path):
    if not TRUSTQUEST.exists():
        pytest.skip(f"the trustquest script is not installed next to {sys.executable}")
    made = []

    def start(args: str) -> Terminal:
        made.append(shell_running(tmp_path, args))
        return made[-1]

    yield start
    for s in made:
        s.close()


@pytest.mark.parametrize(("signum", "name"), [(signal.SIGTERM, "TERM"), (signal.SIGHUP, "HUP")])
def test_a_signal_restores_the_terminal_and_keeps_the_autosave(shell, signum, name):
    t = shell("play late-again")
    t.wait_for("Content notes")
    t.send("Enter")
    t.wait_for("Choice 1")
    assert t.flags()["alternate_on"] == "1"  # really full-screen, mouse on
    assert t.flags()["mouse_any_flag"] == "1" or t.flags()["mouse_sgr_flag"] == "1"
    read_a_moment()
    t.send("1")
    t.wait_for("Choice 2")
    read_a_moment()
    t.send("1")
    t.wait_for("Choice 3")
    kill(t, signum)
    screen = t.wait_for("EXITED")
    assert f"EXITED {128 + signum}" in screen
    assert t.flags() == {
        "alternate_on": "0",
        "mouse_any_flag": "0",
        "mouse_sgr_flag": "0",
        "cursor_flag": "1",
    }, name
    assert "Traceback" not in screen
    loaded = SaveStore(t.saves).read(AUTOSAVE)
    assert loaded.state.turn == 2 and loaded.state.scenario_id == "late-again"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_in_plain_mode_saves_and_says_so(shell, signum):
    t = shell("play late-again --plain")
    t.wait_for("Your answer")
    t.send("1", "Enter")
    deadline = time.monotonic() + 20
    while t.screen().count("Your answer") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # the second question: the first answer is saved
    kill(t, signum)
    screen = t.wait_for("EXITED")
    assert f"EXITED {128 + signum}" in screen
    assert "Saved." in screen and "Traceback" not in screen
    assert SaveStore(t.saves).read(AUTOSAVE).state.turn == 1
