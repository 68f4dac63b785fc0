"""The endings gallery, kept in the profile across playthroughs. Endings not
found yet show a hint: their tone and the pillar they turn on, never the path."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from trustquest.engine.hints import unfound_words
from trustquest.engine.text import fill
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.keybar import KeyBar

TONE_MARK = {"hopeful": "☀", "bittersweet": "◐", "broken": "☂"}


def gallery_content(entries, profile) -> Content:
    blocks: list[Content] = []
    total_found = total = 0
    for entry in entries:
        s = entry.scenario
        if s is None:
            continue
        found = set(profile.found(s.id)) & set(s.endings)
        total_found += len(found)
        total += len(s.endings)
        lines = [assemble((s.title, "bold"), f"  {len(found)} of {len(s.endings)} found")]
        # No game here: texts read with the story's own names.
        roles = s.roles
        for ending in s.endings.values():
            mark = TONE_MARK.get(ending.tone, "◇")
            if ending.id in found:
                title = fill(ending.title, roles["a"].name, roles["b"].name, roles["b"].pronouns)
                lines.append(literal(f"  ✓ {mark} {title} ({ending.tone})"))
            else:
                hint = unfound_words(s, ending, roles["b"].name)
                lines.append(styled(f"  · {mark} {hint}", "italic"))
        blocks.append(join("\n", lines))
    if not blocks:
        return literal("No stories found.")
    head = literal(f"{total_found} of {total} endings found across {len(blocks)} stories.")
    return join("\n\n", [head, *blocks])


class GalleryScreen(Screen):
    BINDINGS = [Binding("escape,q", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield Static(literal("Endings found"), classes="screen-title")
        with VerticalScroll(id="gallery-scroll"):
            yield Static(id="gallery")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#gallery", Static).update(
            gallery_content(self.app.entries(), self.app.profile)
        )
        self.query_one("#gallery-scroll").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
