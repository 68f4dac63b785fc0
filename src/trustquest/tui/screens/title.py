"""The title: Continue, Play solo, Play together, Load, Endings found, Your
patterns, How to play, Quit. It loads nothing but Textual, so the game starts fast."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.screen import Screen
from textual.widgets import Static

from trustquest.tui import messages
from trustquest.tui.lite import peek_autosave
from trustquest.tui.literal import literal
from trustquest.tui.widgets.menu import Menu

TAGLINE = "Trust is built slowly, broken in a moment, and rebuilt more slowly still."
HINT = "↑↓ and Enter, or the letter in brackets.\nCtrl+T theme · F1 help · Ctrl+Q quit"

MENU = (
    ("continue", "c", "Continue"),
    ("solo", "p", "Play solo"),
    ("together", "t", "Play together"),
    ("load", "l", "Load a saved game"),
    ("endings", "e", "Endings found"),
    ("patterns", "y", "Your patterns"),
    ("howto", "h", "How to play"),
    ("quit", "q", "Quit"),
)


class TitleScreen(Screen):
    BINDINGS = [
        Binding("c", "pick('continue')", "Continue", show=False),
        Binding("p", "pick('solo')", "Play", show=False),
        Binding("t", "pick('together')", "Together", show=False),
        Binding("l", "pick('load')", "Load", show=False),
        Binding("e", "pick('endings')", "Endings", show=False),
        Binding("y", "pick('patterns')", "Your patterns", show=False),
        Binding("h,question_mark", "pick('howto')", "Help", show=False),
        Binding("q", "pick('quit')", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(literal("T R U S T Q U E S T"), id="title-logo")
        yield Static(literal(TAGLINE), id="title-tagline")
        with Center():
            yield Menu(self._items(), id="menu")
        yield Static(literal(HINT), id="title-hint")

    def _items(self) -> list[tuple[str, str, bool]]:
        exists, about = peek_autosave(self.app.saves)
        out = []
        for oid, key, label in MENU:
            text = f"[{key}]  {label}"
            if oid == "continue":
                text += f"  ({about})" if exists else "  (no autosave yet)"
            out.append((oid, text, oid != "continue" or exists))
        return out

    def on_screen_resume(self) -> None:
        menu = self.query_one("#menu", Menu)
        if getattr(self, "_shown", False):  # back from a game: the autosave may have changed
            menu.set_items(self._items())
        self._shown = True
        menu.focus()

    def on_menu_picked(self, event: Menu.Picked) -> None:
        event.stop()
        self.action_pick(event.item_id)

    def action_pick(self, what: str) -> None:
        app = self.app
        if what == "continue":
            app.continue_game()
        elif what in ("solo", "together"):
            self.post_message(
                messages.Open("library", mode="hotseat" if what == "together" else "solo")
            )
        elif what == "load":
            self.post_message(messages.Open("saves"))
        elif what == "endings":
            self.post_message(messages.Open("gallery"))
        elif what == "patterns":
            self.post_message(messages.Open("patterns"))
        elif what == "howto":
            app.action_help()
        elif what == "quit":
            app.run_action("quit")
