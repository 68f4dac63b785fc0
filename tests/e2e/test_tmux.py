"""End to end: the real `trustquest` command in a real terminal (tmux), played
with single key presses from the setup screen to an ending, then quit."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from tmux_terminal import Terminal, game_env, read_a_moment
from walkthrough import as_shown

from trustquest.catalog import builtin_dir

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TRUSTQUEST = Path(sys.executable).with_name("trustquest")
#: Choosing the file's first choice every time in late-again reaches "Early,
#: For Once" after 19 choices; the game shows them in the order of seed SEED.
ALL_ONES = 19
SEED = 5


@pytest.fixture
def terminal(tmp_path):
    if not TRUSTQUEST.exists():
        pytest.skip(f"the trustquest script is not installed next to {sys.executable}")
    saves = tmp_path / "saves"
    exports = game_env(tmp_path, home=Path(os.environ.get("HOME", str(tmp_path))))
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
        read_a_moment()
        t.send(key)
        t.wait_for(f"Choice {n + 1}")
    read_a_moment()
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
