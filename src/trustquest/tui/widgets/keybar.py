"""The keys of the screen, in one line at the bottom.

Textual's Footer mounts a widget per key (eleven on the play screen), and
each widget costs tens of kilobytes and its share of every frame: this bar
is one widget that draws the same keys as text. It also never cuts a label:
keys that do not fit the width are left out whole, from the right, and the
help key stays, because help lists every key (PRODUCT.md: a 60-column
terminal shows every label it shows in full).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from trustquest.tui.literal import assemble

#: The action whose key is kept when the bar is too narrow for every key.
HELP_ACTIONS = ("app.help", "help")


class Key(NamedTuple):
    """One key as the bar shows it."""

    key: str  # what pressing it sends (simulate_key)
    display: str
    description: str
    enabled: bool
    help: bool


class Placed(NamedTuple):
    """Where a key sits on the bar, for a click."""

    start: int
    end: int
    key: Key


def fit(keys: list[Key], width: int, gap: int = 2) -> list[Key]:
    """The keys that fit `width` cells whole, in order; the help key is
    kept at the end while any key fits beside it."""
    helpers = [k for k in keys if k.help]
    rest = [k for k in keys if not k.help]

    def used(chosen: list[Key]) -> int:
        return sum(_width(k) for k in chosen) + gap * max(0, len(chosen) - 1) + 1

    chosen: list[Key] = []
    for key in rest:
        if used([*chosen, key, *helpers]) <= width:
            chosen.append(key)
    if helpers and used([*chosen, *helpers]) <= width:
        chosen += helpers
    return chosen


def _width(key: Key) -> int:
    return cell_len(key.display) + 1 + cell_len(key.description)


class KeyBar(Widget):
    """The screen's keys (`Binding(show=True)`), drawn as one line of text."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .keybar--disabled {
        text-style: dim;
    }
    """

    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._placed: list[Placed] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def active_keys(self) -> list[Key]:
        """Every key the screen shows now: one per action, in binding order."""
        seen: set[str] = set()
        out: list[Key] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append(self._key(binding, enabled))
        return out

    def _key(self, binding: Binding, enabled: bool) -> Key:
        key = binding.key.split(",")[0]
        return Key(
            key,
            self._display(binding, key),
            binding.description,
            enabled,
            binding.action in HELP_ACTIONS,
        )

    def _display(self, binding: Binding, key: str) -> str:
        """How the key is written. A letter or digit is itself (and ctrl+q is
        ^q): Textual would look its name up in the Unicode name tables, which
        costs most of a megabyte of memory to say "b"."""
        if binding.key_display:
            return binding.key_display
        *modifiers, name = key.split("+")
        if len(name) == 1 and name.isalnum() and set(modifiers) <= {"ctrl"}:
            return ("^" if modifiers else "") + name
        return self.app.get_key_display(binding)

    def render(self) -> Content:
        key_style = Style.from_rich_style(self.get_component_rich_style("keybar--key"))
        dim = Style.from_rich_style(self.get_component_rich_style("keybar--disabled"))
        parts: list = []
        placed: list[Placed] = []
        x = 1
        shown = fit(self.active_keys(), self.size.width)
        for n, key in enumerate(shown):
            if n:
                parts.append("  ")
                x += 2
            piece = assemble(f"{key.display}", " ", key.description)
            piece = piece.stylize(key_style, 0, len(key.display))
            if not key.enabled:
                piece = piece.stylize(dim)
            parts.append(piece)
            placed.append(Placed(x, x + _width(key), key))
            x += _width(key)
        self._placed = placed
        return assemble(" ", *parts)

    @property
    def placed(self) -> list[Placed]:
        """Where each key shown was drawn, as of the last frame."""
        return list(self._placed)

    def on_click(self, event: events.Click) -> None:
        for place in self._placed:
            if place.start <= event.x < place.end:
                event.stop()
                if place.key.enabled:
                    self.app.simulate_key(place.key.key)
                else:
                    self.app.bell()
                return
