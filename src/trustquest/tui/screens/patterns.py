"""Your patterns: the player's tendencies across the stories they finished
(engine/patterns.py), kept privately in the saves folder. C forgets them,
after asking."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from trustquest.tui import messages
from trustquest.tui.literal import join, literal, styled
from trustquest.tui.widgets.keybar import KeyBar


class PatternsScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("c", "clear", "Clear"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(literal("Your patterns"), classes="screen-title")
        with VerticalScroll(id="patterns-scroll"):
            yield Static(id="patterns")
            yield Static(id="patterns-privacy", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_patterns()
        self.query_one("#patterns-scroll").focus()

    def refresh_patterns(self) -> None:
        from trustquest import patterns_file
        from trustquest.engine.patterns import read_patterns

        kept = patterns_file.load(self.app.saves)
        blocks: list[Content] = []
        if kept.problem:
            blocks.append(styled(kept.problem, "bold"))
        for section in read_patterns(list(kept.playthroughs)).sections:
            lines = [styled(section.heading, "bold")]
            lines.extend(literal(line) for line in section.lines)
            blocks.append(join("\n", lines))
        self.query_one("#patterns", Static).update(join("\n\n", blocks))
        self.query_one("#patterns-privacy", Static).update(
            literal(
                f"Kept only on this computer, in {patterns_file.path_in(self.app.saves)}. "
                "Press C to forget them (the endings gallery stays)."
            )
        )

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_clear(self) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from trustquest import patterns_file
            from trustquest.errors import SaveError

            try:
                patterns_file.clear(self.app.saves)
            except SaveError as exc:
                self.notify(str(exc), title="Could not clear", severity="error", timeout=8)
                return
            self.refresh_patterns()
            self.notify("Your patterns are forgotten.", timeout=4)

        self.post_message(
            messages.Confirm(
                "Forget your patterns?",
                "The summaries of the stories you finished are deleted from this computer. "
                "Your saves and the endings you found stay.",
                answered,
                yes="Forget them",
                no="Keep them",
            )
        )
