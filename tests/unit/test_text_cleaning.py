"""engine.text: what may reach a terminal or a widget."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from trustquest.engine.text import clean_line, clean_name, strip_controls

ESCAPES = [
    "\x1b[2J",  # clear screen
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52: write the clipboard
    "\x1b]8;;file:///etc/passwd\x1b\\",  # OSC 8 link
    "\x9b31m",  # 8-bit CSI
    "\x07\x08\x7f\x00",
]
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u061c",
    "\ufeff",
    "\U000e0041",
    "\U000e007f",
    "\u2028",
    "\u2029",
    "\u3164",
]


def every(category: str):
    return (
        chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == category
    )


def test_no_control_or_format_character_survives_in_a_line():
    junk = "".join(every("Cc")) + "".join(every("Cf")) + "\u2028\u2029"
    assert clean_line("a" + junk + "b").replace(" ", "") == "ab"


def test_prose_keeps_only_newlines_tabs_and_the_two_joiners():
    cc = "".join(every("Cc"))
    cf = "".join(every("Cf"))
    assert strip_controls(cc) == "\t\n"
    assert strip_controls(cf) == "\u200c\u200d"


def test_escape_sequences_lose_their_escape():
    for seq in ESCAPES:
        for clean in (clean_line, strip_controls, clean_name):
            out = clean(f"Kim{seq}Lee")
            assert not any(unicodedata.category(c) == "Cc" for c in out if c not in "\t\n")


def test_names_and_lines_lose_invisible_and_bidi_characters():
    for ch in INVISIBLE:
        assert clean_name(f"Ki{ch}m") in ("Kim", "Ki m")
        assert ch not in clean_line(f"title {ch} here")


def test_line_breaks_become_spaces_in_a_line_and_newlines_in_prose():
    assert clean_line("one\ntwo\r\nthree\u2028four\tfive") == "one two three four five"
    assert strip_controls("one\r\ntwo\u2029three") == "one\ntwo\nthree"


def test_markup_is_not_a_control_character():
    assert clean_line("[b]Kim[/b] [@click=app.quit]x[/]") == "[b]Kim[/b] [@click=app.quit]x[/]"


@given(st.text(max_size=60))
def test_cleaning_twice_changes_nothing(text):
    for clean in (clean_line, strip_controls, clean_name):
        assert clean(clean(text)) == clean(text)


@given(st.text(max_size=80))
def test_a_name_is_one_bounded_trimmed_line(text):
    name = clean_name(text)
    assert len(name) <= 40 and name == name.strip()
    assert "\n" not in name and "\t" not in name
