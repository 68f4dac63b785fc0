"""A real terminal for end-to-end tests: one tmux session on a private server."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
import uuid
from pathlib import Path

from trustquest.tui.app import CHOICE_SETTLE


def read_a_moment() -> None:
    """A new scene ignores choice keys for a moment (no double tap skips it):
    wait as a reader would before choosing."""
    time.sleep(CHOICE_SETTLE + 0.1)


def game_env(tmp_path: Path, home: Path) -> str:
    """`NAME=value ...` for `env -i`: a clean environment, no colour or
    animation, and the player's data kept in `tmp_path`."""
    env = {
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
        "TEXTUAL_ANIMATIONS": "none",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TRUSTQUEST_SCENARIOS": "",
        "HOME": str(home),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    return " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())


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
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def flags(self) -> dict[str, str]:
        """The terminal's modes: alternate screen, mouse reporting, cursor shown."""
        names = ("alternate_on", "mouse_any_flag", "mouse_sgr_flag", "cursor_flag")
        out = self.tmux("display", "-p", "-t", self.session, " ".join(f"#{{{n}}}" for n in names))
        return dict(zip(names, out.stdout.split(), strict=True))

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.session).returncode == 0

    def wait_for(self, text: str, timeout: float = 60.0) -> str:
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

    def wait_closed(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.05)
        raise AssertionError(f"the game did not exit; the screen was:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")
