"""End to end: the real `trustquest` command in a real terminal (tmux), played
with single key presses from the setup screen to an ending, then quit."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from pathlib import Path

import pytest
from walkthrough import as_shown

from trustquest.catalog import builtin_dir

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TRUSTQUEST = Path(sys.executable).with_name("trustquest")
#: Choosing the file's first choice every time in late-again reaches "Early,
#: For Once" after 16 choices; the game shows them in the order of seed SEED.
ALL_ONES = 16
SEED = 5


class Terminal:
    """One tmux session on a private server socket, so nothing else is touched."""

    def __init__(self, command: str, width: int = 80, height: int = 24):
        self.socket = f"tq-{uuid.uuid4().hex[:10]}"
        self.session = "tq"
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), command
        )

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )

    def send(self, key: str) -> None:
        self.tmux("send-keys", "-t", self.session, key)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.session).returncode == 0

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(
            f"{text!r} did not appear within {timeout}s; the screen was:\n{screen}"
        )

    def wait_closed(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.05)
        raise AssertionError(f"the game did not exit; the screen was:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path):
    if not TRUSTQUEST.exists():
        pytest.skip(f"the trustquest script is not installed next to {sys.executable}")
    saves = tmp_path / "saves"
    env = {
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
        "TEXTUAL_ANIMATIONS": "none",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TRUSTQUEST_SCENARIOS": "",
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = f"env -i {exports} {shlex.quote(str(TRUSTQUEST))} --saves {shlex.quote(str(saves))} play late-again --seed {SEED}"
    term = Terminal(command)
    term.saves = saves
    try:
        yield term
    finally:
        term.close()


def test_play_late_again_to_an_ending_in_a_real_terminal(terminal):
    t = terminal
    t.wait_for("Content notes")
    t.send("Enter")  # the defaults are one Enter away
    t.wait_for("Choice 1")
    keys = as_shown(builtin_dir() / "late-again.toml", [1] * ALL_ONES, seed=SEED).split(",")
    assert keys != ["1"] * ALL_ONES  # the order really is varied
    for n, key in enumerate(keys[:-1], start=1):
        t.send(key)
        t.wait_for(f"Choice {n + 1}")
    t.send(keys[-1])
    screen = t.wait_for("Early, For Once")
    assert "hopeful" in screen
    assert "Kai" in screen

    t.send("C-q")
    t.wait_for("Quit TrustQuest?")
    t.send("y")
    t.wait_closed()

    profile = tomllib.loads((t.saves / "profile.toml").read_text("utf-8"))
    assert profile["endings"]["late-again"] == ["early_for_once"]
    autosave = tomllib.loads((t.saves / "autosave.toml").read_text("utf-8"))
    assert autosave["state"]["ending"] == "early_for_once"
