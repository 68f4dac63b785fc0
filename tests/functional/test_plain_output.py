"""Plain mode as a screen reader hears it: emphasis as plain words, one
paragraph per line when the output is not a terminal (wrapped at word
boundaries when it is), no internal ids, one wording for every question,
and the saves folder never split."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import termios
from pathlib import Path

import pytest

from trustquest.catalog import resolve
from trustquest.plain import answer_prompt, play
from trustquest.players import Players

FIXTURE = Path(__file__).parents[1] / "fixtures" / "plain_reader.toml"


def plain(tmp_path, answers: str, hotseat: bool = False, out=None, names=None) -> str:
    out = out if out is not None else io.StringIO()
    play(
        resolve(str(FIXTURE)),
        tmp_path / "saves",
        hotseat=hotseat,
        seed=1,
        players=Players(names or {}),
        inp=io.StringIO(answers),
        out=out,
    )
    return out.getvalue()


def test_emphasis_is_plain_words_and_a_paragraph_is_one_line(tmp_path):
    text = plain(tmp_path, "1\n1\n1\n1\n")
    lines = text.splitlines()
    assert "A quiet evening, read aloud." in lines
    # Soft line breaks are joined: the author's wrapped paragraph is one line.
    assert (
        "The lamp flickers. Ivo looks up from the book and says, Again? This sentence was "
        "wrapped by the author in the middle of a line, as TOML files often are, and it is "
        "still one paragraph."
    ) in lines
    assert lines[lines.index("What you could say:") : lines.index("What you could say:") + 3] == [
        "What you could say:",
        "• sorry",
        "• thanks",
    ]
    assert "1. Say sorry, and mean it." in lines
    assert "It happened: Ivo puts the kettle on, unasked." in lines
    # A backslash-escaped star is a star, and an underscore inside a word a letter.
    assert "Prices: 2 * 3 is six, and snake_case_stays." in lines
    assert "The end: Warm Light. A hopeful ending." in lines
    assert "The lamp holds. You read until midnight." in lines
    assert "  • What does a quiet evening mean to you?" in lines
    marks = [line for line in lines if re.search(r"\*\w|\w\*|\b_\w|\w_\b", line)]
    assert marks == []


def test_names_are_shown_as_typed_inside_scenario_text(tmp_path):
    text = plain(tmp_path, "q\n", names={"b": "*Ivo_*"})
    assert "The lamp flickers. *Ivo_* looks up from the book and says, Again?" in text


def test_no_internal_ids_reach_the_player(tmp_path):
    """A whole hot-seat game, a locked choice and out-of-range answers
    included: scenes and endings are named by their time labels and titles."""
    answers = "2\n9\nzero\n1\n1\n1\n1\n1\n1\n"
    text = plain(tmp_path, answers, hotseat=True)
    assert "The end:" in text and "Debrief" in text
    for internal in (
        "zq_",
        "lamp_scene",
        "both_scene",
        "guess_scene",
        "warm_ending",
        "plain-reader",
    ):
        assert internal not in text
    assert "Choice 2 is locked: You are not ready to say everything." in text
    assert "There is no choice '9' here: type a number from 1 to 3." in text
    assert "Choice 1, Tuesday, late." in text  # the debrief: time labels, not ids


def test_every_question_is_worded_the_same_way(tmp_path):
    text = plain(tmp_path, "2\nm\nh\n1\n1\n1\n1\n")
    asked = re.findall(r"^Your answer.*$", text, flags=re.MULTILINE)
    assert set(asked) == {answer_prompt(3), answer_prompt(2)}
    assert answer_prompt(3) == "Your answer, 1 to 3 (m meters, h help, q quit): "
    # A locked answer, `m` and `h`: each time the same question again, then three scenes.
    assert len(asked) == 7
    assert "→" not in text and "▲" not in text and "▼" not in text


def test_changes_are_said_in_words_with_whole_numbers(tmp_path):
    text = plain(tmp_path, "1\n")
    assert "What changed:" in text
    assert "  Ivo's trust in you: Communication rose a little, from 50 to 55." in text


class _Terminal(io.StringIO):
    """Output that says it is a terminal of a given width (a real pty's size)."""

    def __init__(self, columns: int):
        super().__init__()
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.slave

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)
        super().close()


@pytest.fixture
def terminal():
    term = _Terminal(40)
    yield term
    term.close()


def test_on_a_terminal_lines_wrap_at_word_boundaries(tmp_path, terminal):
    lines = plain(tmp_path, "q\n", out=terminal).splitlines()
    wrapped = [line for line in lines if not line.startswith(("Saves folder:", "Your answer"))]
    assert max(len(line) for line in wrapped) <= 39
    assert "The lamp flickers. Ivo looks up from" in lines
    assert "  the book and says, Again? This" in lines  # continued, indented
    # Every word survives whole: joining the lines gives back the paragraph.
    joined = " ".join(line.strip() for line in lines)
    assert (
        "The lamp flickers. Ivo looks up from the book and says, Again? This sentence was "
        "wrapped by the author in the middle of a line, as TOML files often are, and it is "
        "still one paragraph."
    ) in joined


def test_the_saves_folder_is_never_split(tmp_path, terminal):
    deep = tmp_path / ("a-long-folder-name-" * 4) / "with spaces in it" / "saves"
    play(resolve(str(FIXTURE)), deep, seed=1, inp=io.StringIO("h\nq\n"), out=terminal)
    lines = terminal.getvalue().splitlines()
    assert len(f"Saves folder: {deep}") > 40
    # In the help and when it saves: whole, on one line, though the terminal is narrower.
    assert lines.count(f"Saves folder: {deep}") == 2
