"""Small modal screens: a message, a yes/no question, and "please enlarge"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from trustquest.tui.layout import MIN_HEIGHT, MIN_WIDTH
from trustquest.tui.literal import literal, one_line


class MessageScreen(ModalScreen[str | None]):
    """A message with one or more buttons; dismisses with the button's id."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, title: str, body: str, buttons=(("ok", "OK"),)):
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.body = body
        self.buttons = tuple(buttons)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(one_line(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(literal(self.body))
            with Horizontal(classes="dialog-buttons"):
                for i, (bid, label) in enumerate(self.buttons):
                    yield Button(
                        one_line(label),
                        id=f"btn-{bid}",
                        variant="primary" if i == 0 else "default",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "btn-ok").removeprefix("btn-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. Enter on the focused button, y or n, or Escape (no)."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(
        self, title: str, detail: str = "", yes: str = "Yes", no: str = "No", purpose: str = ""
    ):
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.detail = detail
        self.yes = yes
        self.no = no
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(one_line(self.title_text), classes="dialog-title")
            if self.detail:
                yield Static(literal(self.detail), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(one_line(f"{self.yes} (y)"), id="yes", variant="error", compact=True)
                yield Button(one_line(f"{self.no} (n)"), id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def _too_small_text(width: int, height: int) -> Content:
    return literal(
        "Please enlarge the terminal.\n\n"
        f"TrustQuest needs at least {MIN_WIDTH}×{MIN_HEIGHT} characters; "
        f"this one is {width}×{height}.\n\n"
        "Your place is kept. Ctrl+Q quits."
    )


class TooSmallScreen(Screen):
    """Shown instead of the game while the terminal is below 60×20."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        yield Static(_too_small_text(*self.app.size), id="too-small-text")

    def on_resize(self) -> None:
        self.query_one("#too-small-text", Static).update(_too_small_text(*self.app.size))

    def on_screen_resume(self) -> None:
        """Uncovered after the terminal grew (a dialog opened above this one
        while it was small has closed): nothing left to ask for."""
        width, height = self.app.size
        if width >= MIN_WIDTH and height >= MIN_HEIGHT:
            self.app.pop_screen()
        else:
            self.on_resize()
