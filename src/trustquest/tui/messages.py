"""What the screens tell the app. A screen never opens another screen: it
posts one of these, and the app (`TrustQuestApp`, with `@on`) decides what
comes next. Each says what happened or what the player asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message


class Confirm(Message):
    """Ask a yes/no question; `then` gets the answer (True for yes)."""

    def __init__(
        self,
        title: str,
        detail: str,
        then: Callable[[bool], None],
        yes: str = "Yes",
        no: str = "No",
        purpose: str = "",
    ):
        super().__init__()
        self.question = title
        self.detail = detail
        self.then = then
        self.yes = yes
        self.no = no
        self.purpose = purpose


class LeaveStory(Message):
    """The player asked to leave the story for the title: ask, saving first."""

    def __init__(self, game, detail: str):
        super().__init__()
        self.game = game
        self.detail = detail


class GoTitle(Message):
    """Back to the title, closing every screen above it."""


class Open(Message):
    """Open a screen that shows something and changes nothing in the story:
    `what` is one of `Open.PLACES`; `game` and `reader` are what it shows
    (no game: the saves open for loading only), `mode` the library's."""

    PLACES = frozenset({"journal", "meters", "saves", "gallery", "patterns", "library", "backlog"})

    def __init__(self, what: str, game=None, reader: str = "a", mode: str = "solo"):
        if what not in self.PLACES:
            raise ValueError(f"no such place: {what}")
        super().__init__()
        self.what = what
        self.game = game
        self.reader = reader
        self.mode = mode


class HandOver(Message):
    """Hot-seat: hide the story and ask `role` to take the keyboard; `then`
    runs once they confirm."""

    def __init__(self, game, role: str, note: str, then: Callable[[Any], None]):
        super().__init__()
        self.game = game
        self.role = role
        self.note = note
        self.then = then


class Reveal(Message):
    """Hot-seat: show answers and what they changed, to both players or
    (with `private_for`) to the one who chose; `then` runs when they go on."""

    def __init__(
        self,
        game,
        outcome,
        then: Callable[[Any], None],
        private_for: str | None = None,
        choice_text: Any = "",
    ):
        super().__init__()
        self.game = game
        self.outcome = outcome
        self.then = then
        self.private_for = private_for
        self.choice_text = choice_text


class StoryEnded(Message):
    """The game reached an ending: record it and show it."""

    def __init__(self, game, outcome=None, choice_text: Any = ""):
        super().__init__()
        self.game = game
        self.outcome = outcome
        self.choice_text = choice_text


class PlayGame(Message):
    """Play `game` from the title up (a replay, a new round), with a notice."""

    def __init__(self, game, notice: str = ""):
        super().__init__()
        self.game = game
        self.notice = notice


class ShowDetails(Message):
    """Show everything the last turn changed, in words: `outcome` (None when
    the reader did not answer last) and what happened since."""

    def __init__(self, game, outcome, choice_text: Any, reader: str):
        super().__init__()
        self.game = game
        self.outcome = outcome
        self.choice_text = choice_text
        self.reader = reader


class LayoutChosen(Message):
    """The player switched the play screen's layout: remember it."""

    def __init__(self, quiet: bool):
        super().__init__()
        self.quiet = quiet
