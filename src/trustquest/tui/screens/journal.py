"""The journal of the story so far, and the meters in a window of their own
(for narrow terminals, where they do not fit beside the story)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trustquest.engine.describe import fmt, meter_label, symbol, trust_sentence, whose
from trustquest.tui.widgets.meters import MetersPanel


def journal_content(game, reader: str = "a") -> Content:
    scenario = game.scenario
    state = game.state
    if not state.history:
        return Content("Nothing yet: the story begins with your first choice.")
    blocks: list[Content] = []
    for step in state.history:
        scene = scenario.scenes.get(step["scene"])
        when = scene.time if scene is not None and scene.time else step["scene"]
        lines = [Content.styled(f"Choice {step['turn']} · {when}", "bold")]
        for pick in step["picks"]:
            text = "?"
            if scene is not None and pick["index"] < len(scene.choices):
                text = game.fill(scene.choices[pick["index"]].text, reader)
            lines.append(Content(f"You chose: {text}"))
        for text in step.get("fired", []):
            lines.append(Content.assemble(("⏰ ", "bold"), text))
        moved: dict[str, list[str]] = {}
        for role, meter, before, after, _cause in step["changes"]:
            delta = after - before
            moved.setdefault(role, []).append(
                f"{symbol(delta)} {meter_label(scenario, meter)} {fmt(before)}→{fmt(after)}"
            )
        for owner in ("b" if reader == "a" else "a", reader):
            if owner in moved:
                lines.append(
                    Content.assemble(
                        (f"  {whose(game, owner, reader)}: ", "italic"), ", ".join(moved[owner])
                    )
                )
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


class JournalScreen(ModalScreen):
    BINDINGS = [Binding("escape,j,q", "close", "Close")]

    def __init__(self, game):
        super().__init__(classes="dialog-screen")
        self.game = game

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(Content(f"Journal: {self.game.scenario.title}"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(journal_content(self.game), id="journal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one(".dialog-body", VerticalScroll)
        body.focus()
        body.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss()


class MetersScreen(ModalScreen):
    BINDINGS = [Binding("escape,m,q", "close", "Close")]

    def __init__(self, game):
        super().__init__(classes="dialog-screen")
        self.game = game

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -meters"):
            yield Static(Content("Trust, both ways"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Content(trust_sentence(self.game, "a")), classes="hint")
                yield MetersPanel(id="meters-modal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(MetersPanel).show_game(self.game)
        self.query_one(".dialog-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
