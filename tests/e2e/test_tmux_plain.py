"""End to end: plain-mode hot-seat in a real terminal (tmux). At each
hand-over the screen and its scrollback are cleared and the game waits for
the next player, so the last player's scene and answer are not left in view;
the recap tells the next player what happened, never the other's answers."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from tmux_terminal import Terminal, game_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TRUSTQUEST = Path(sys.executable).with_name("trustquest")
FIXTURE = Path(__file__).parents[1] / "fixtures" / "plain_reader.toml"
#: Noor's private choice in the first scene, which only she answers.
NOOR_ALONE = "Say sorry, and mean it."


@pytest.fixture
def terminal(tmp_path):
    if not TRUSTQUEST.exists():
        pytest.skip(f"the trustquest script is not installed next to {sys.executable}")
    exports = game_env(tmp_path, home=Path(os.environ.get("HOME", str(tmp_path))))
    command = " ".join(
        shlex.quote(part)
        for part in (
            str(TRUSTQUEST),
            "--saves",
            str(tmp_path / "saves"),
            "play",
            str(FIXTURE),
            "--plain",
            "--hotseat",
            "--seed",
            "1",
            "--names",
            "Noor,Ivo",
            "--pronouns",
            "she,he",
        )
    )
    term = Terminal(f"env -i {exports} {command}")
    try:
        yield term
    finally:
        term.close()


def everything(t: Terminal) -> str:
    """The pane and all of its scrollback."""
    return t.tmux("capture-pane", "-p", "-S", "-", "-t", t.session).stdout


def test_plain_hotseat_clears_the_screen_at_each_hand_over(terminal):
    t = terminal
    t.wait_for("Your answer, 1 to 3")
    assert NOOR_ALONE in t.screen()
    t.send("1", "Enter")  # Noor, alone: say sorry
    t.wait_for("What do you both want")
    t.send("1", "Enter")  # Noor, in the shared scene: a walk

    screen = t.wait_for("Ivo, press Enter when you are at the keyboard (q quit):")
    assert "Hand-over: Ivo's turn. Noor, pass the keyboard to Ivo and look away." in screen
    assert "So far in the story:" in screen and "Tuesday, late: Noor answered in private." in screen
    # Nothing of Noor's turn is left, on the screen or above it.
    for private in (NOOR_ALONE, "Noor's turn", "Your answer", "What do you both want"):
        assert private not in everything(t)

    t.send("Enter")
    screen = t.wait_for("Your answer, 1 to 2")
    assert "Ivo's turn." in screen and "1. A walk." in screen
    t.send("2", "Enter")  # Ivo: a film. Revealed to both of them at once:
    screen = t.wait_for("Press Enter when you have both read this (q quit):")
    assert "Together again: both answers, revealed." in screen
    assert "Noor chose: A walk." in screen and "Ivo chose: A film." in screen

    t.send("Enter")  # both have read it: now the hand-over clears it, and Noor goes on
    screen = t.wait_for("Noor, press Enter when you are at the keyboard (q quit):")
    # They both just read the reveal: the hand-over does not tell it again.
    assert "Since your last turn:" not in screen and "Noor chose: A walk." not in everything(t)
    t.send("Enter")
    t.wait_for("A note on the fridge")
    t.send("1", "Enter")
    t.wait_for("Which book will you pick for Ivo?")
    t.send("1", "Enter")  # Noor's choice, for Ivo to guess
    screen = t.wait_for("Ivo, press Enter when you are at the keyboard")
    assert "Thursday: Noor answered in private." in screen
    assert "Write back" not in everything(t)
    assert "Noor has answered this scene" not in screen  # a guess says so itself
    t.send("Enter")
    screen = t.wait_for("Which choice do you think Noor made?")
    assert "Noor has chosen in private. Below is the scene as Noor saw it" in screen
