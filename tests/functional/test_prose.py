"""Scenario text as the game shows it (tui/widgets/prose.py): the format's
small Markdown (emphasis, lists, paragraphs), and everything else literally."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustquest.tui.widgets.prose import escape, prose


def styled(text: str) -> list[tuple[str, str]]:
    content = prose(text)
    return [(content.plain[s.start : s.end], str(s.style)) for s in content.spans]


def test_emphasis_and_strong():
    assert prose("You read it *twice*. **Nothing bad**, it says.").plain == (
        "You read it twice. Nothing bad, it says."
    )
    assert styled("You read it *twice*. **Nothing bad**, it says.") == [
        ("twice", "italic"),
        ("Nothing bad", "bold"),
    ]
    assert styled("_quietly_ and __firmly__") == [("quietly", "italic"), ("firmly", "bold")]
    assert styled("***both***") == [("both", "bold italic")]
    assert styled("**bold *inner* text**") == [
        ("bold ", "bold"),
        ("inner", "bold italic"),
        (" text", "bold"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "snake_case_words stay as they are",
        "an unclosed *star stays",
        "a lone __ pair",
        "2 * 3 * 4 is arithmetic",
    ],
)
def test_what_is_not_emphasis_stays_as_typed(text):
    assert prose(text).plain == text
    assert styled(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "# Not a heading",
        "[bold]markup[/bold] and [link](https://example.com)",
        "<b>tags</b> & entities &amp;",
        "`code` and > quotes",
    ],
)
def test_anything_else_that_looks_like_markup_is_shown_literally(text):
    assert prose(text).plain == text
    assert styled(text) == []


def test_paragraphs_and_soft_line_breaks():
    assert prose("One line\nand its continuation.\n\n\nA new paragraph.").plain == (
        "One line and its continuation.\n\nA new paragraph."
    )


def test_lists():
    text = "Before:\n\n- milk\n- *eggs*\n\n1. first\n2) second"
    assert prose(text).plain == "Before:\n\n  • milk\n  • eggs\n\n  1. first\n  2. second"
    assert styled(text) == [("eggs", "italic")]


def test_backslash_escapes():
    assert prose(r"\*not emphasis\* and a back\\slash").plain == "*not emphasis* and a back\\slash"


# Names as the game keeps them: control and format characters are stripped on entry.
NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=40,
)


@given(NAMES)
def test_an_escaped_name_always_shows_exactly_as_typed(name):
    # Inside a sentence, as placeholders put names.
    assert prose(f"Hello {escape(name)}, welcome.").plain == f"Hello {name}, welcome."
