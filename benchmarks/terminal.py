"""Responsiveness in a real terminal: from a choice key to the next scene on
screen, in tmux, against a bare Textual app that swaps a paragraph on a key,
measured side by side in the same run (PRODUCT.md §9: at most 2x).

Each key is sent with `tmux send-keys` and the pane is read with
`capture-pane` until the new screen shows (the game's "Choice N", the bare
app's "Paragraph N"); both are timed the same way, so the polling costs both
the same. The game ignores a choice key for a moment after a scene appears
(no double tap skips it), so every key waits that moment first: a reader's
pause, not part of the figure.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

CHOICES = 18  # late-again, the file's first choice each time: 19 to an ending
SEED = 5
PAUSE = 0.5  # longer than the game's CHOICE_SETTLE (0.4 s)

_BARE = """
from textual.app import App
from textual.widgets import Static

TEXT = ("When you push through the restaurant door, the plate has been cleared and the "
        "coat is already on. Nobody at the next table is pretending not to listen. ") * 3

class Swap(App):
    BINDINGS = [("1,2,3", "swap", "Next")]
    n = 1
    def compose(self):
        yield Static(f"Paragraph {self.n}", id="head")
        yield Static(TEXT, id="text")
    def action_swap(self):
        self.n += 1
        self.query_one("#head", Static).update(f"Paragraph {self.n}")
        self.query_one("#text", Static).update(TEXT[self.n % 7:] + TEXT[: self.n % 7])

Swap().run()
"""


class _Pane:
    """One tmux session on a private server socket."""

    def __init__(self, command: str):
        self.socket = f"tq-bench-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", command)

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        ).stdout

    def send(self, key: str) -> None:
        self._tmux("send-keys", "-t", "b", key)

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Seconds until `text` is on screen."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if text in self._tmux("capture-pane", "-p", "-t", "b"):
                return time.perf_counter() - t0
        raise RuntimeError(f"{text!r} did not appear; the screen was:\n{self.screen()}")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "b")

    def close(self) -> None:
        self._tmux("kill-server")


def _keys() -> list[str]:
    from trustquest.catalog import builtin_dir
    from trustquest.engine.game import Game
    from trustquest.engine.loader import load_file

    game = Game.new(load_file(builtin_dir() / "late-again.toml"), seed=SEED)
    keys = []
    for _ in range(CHOICES):
        keys.append(str(game.number_of(0, game.prompt().scene)))
        game.choose(0)
    return keys


def _env(home: Path) -> str:
    env = {
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "TRUSTQUEST_SCENARIOS": "",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    return " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())


def _game_times(home: Path) -> list[float]:
    script = Path(sys.executable).with_name("trustquest")
    saves = home / "saves"
    pane = _Pane(
        f"env -i {_env(home)} {shlex.quote(str(script))} --saves {shlex.quote(str(saves))} "
        f"play late-again --seed {SEED}"
    )
    try:
        pane.wait_for("Content notes")
        pane.send("Enter")
        pane.wait_for("Choice 1")
        times = []
        for n, key in enumerate(_keys(), start=1):
            time.sleep(PAUSE)
            pane.send(key)
            times.append(pane.wait_for(f"Choice {n + 1}"))
        return times
    finally:
        pane.close()


def _bare_times(home: Path) -> list[float]:
    pane = _Pane(f"env -i {_env(home)} {shlex.quote(sys.executable)} -c {shlex.quote(_BARE)}")
    try:
        pane.wait_for("Paragraph 1")
        times = []
        for n in range(1, CHOICES + 1):
            time.sleep(PAUSE)
            pane.send("1")
            times.append(pane.wait_for(f"Paragraph {n + 1}"))
        return times
    finally:
        pane.close()


def _summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000


def response() -> tuple[bool, str]:
    """A choice key to the next scene in tmux, against the bare app (median, p95)."""
    if shutil.which("tmux") is None:
        return False, "tmux is not installed"
    with tempfile.TemporaryDirectory() as home:
        bare, game = [], []
        for _ in range(2):  # interleaved rounds: the machine's load hits both alike
            bare += _bare_times(Path(home))
            game += _game_times(Path(home))
    (bm, bp), (gm, gp) = _summary(bare), _summary(game)
    ratio = gm / bm
    return (
        ratio <= 2.0,
        f"{ratio:.2f}x bare Textual (median {gm:.1f} ms vs {bm:.1f} ms; p95 {gp:.1f} ms vs "
        f"{bp:.1f} ms; target <= 2.00x)",
    )
