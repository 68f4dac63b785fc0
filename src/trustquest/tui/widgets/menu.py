"""A small vertical menu for the title screen.

Lighter than OptionList (no scroll machinery to load and style), so the
title comes up fast. Arrows and Enter, the mouse, and disabled items.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from trustquest.tui.literal import field, join, one_line


class Menu(Widget, can_focus=True):
    """Items are (id, label, enabled). Posts `Menu.Picked` with the item id."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "move(-99)", show=False),
        Binding("end", "move(99)", show=False),
        Binding("enter", "pick", show=False),
    ]

    COMPONENT_CLASSES = {"menu--highlight", "menu--disabled"}

    highlighted: reactive[int] = reactive(0)

    class Picked(Message):
        def __init__(self, menu: Menu, item_id: str):
            super().__init__()
            self.menu = menu
            self.item_id = item_id

    def __init__(self, items: list[tuple[str, str, bool]], **kwargs):
        super().__init__(**kwargs)
        self.items = _clean(items)
        self.highlighted = self._first_enabled()

    def _first_enabled(self) -> int:
        return next((i for i, (_id, _label, ok) in enumerate(self.items) if ok), 0)

    def set_items(self, items: list[tuple[str, str, bool]]) -> None:
        self.items = _clean(items)
        if not (0 <= self.highlighted < len(self.items)) or not self.items[self.highlighted][2]:
            self.highlighted = self._first_enabled()
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.items)

    def get_content_width(self, container, viewport) -> int:
        return max((len(label) for _id, label, _ok in self.items), default=0) + 2

    def render(self) -> Content:
        lines = []
        width = self.content_region.width
        highlight = self.get_visual_style("menu--highlight")
        disabled = self.get_visual_style("menu--disabled")
        for i, (_id, label, ok) in enumerate(self.items):
            marker = "▶ " if i == self.highlighted else "  "
            line = one_line((marker + label).ljust(width))
            if not ok:
                line = line.stylize(disabled)
            elif i == self.highlighted:
                line = line.stylize(highlight)
            lines.append(line)
        return join("\n", lines)

    def action_move(self, step: int) -> None:
        enabled = [i for i, (_id, _label, ok) in enumerate(self.items) if ok]
        if not enabled:
            return
        if step <= -99:
            self.highlighted = enabled[0]
            return
        if step >= 99:
            self.highlighted = enabled[-1]
            return
        at = self.highlighted
        for _ in range(len(self.items)):
            at = (at + step) % len(self.items)
            if self.items[at][2]:
                self.highlighted = at
                return

    def action_pick(self) -> None:
        if self.items and self.items[self.highlighted][2]:
            self.post_message(self.Picked(self, self.items[self.highlighted][0]))

    def watch_highlighted(self) -> None:
        self.refresh()

    def _row(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or not (0 <= offset.y < len(self.items)) or not self.items[offset.y][2]:
            return None
        return offset.y

    def on_click(self, event: events.Click) -> None:
        row = self._row(event)
        if row is not None:
            self.highlighted = row
            self.action_pick()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row(event)
        if row is not None:
            self.highlighted = row


def _clean(items) -> list[tuple[str, str, bool]]:
    """Labels may quote a save (the autosave's story title): one clean line each."""
    return [(item_id, field(label), ok) for item_id, label, ok in items]
