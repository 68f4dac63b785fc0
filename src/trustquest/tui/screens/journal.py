"""The journal of the story so far, and the meters in a window of their own
(for narrow terminals, where they do not fit beside the story)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trustquest.engine.describe import (
    event_heading,
    fmt,
    meter_label,
    symbol,
    trust_sentence,
    whose,
)
from trustquest.engine.meters import other
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.meters import MetersPanel
from trustquest.tui.widgets.prose import filled


def _pick_line(game, scene, pick: dict, picks: list[dict], reader: str) -> Content:
    """One answer in the journal: 'You chose: ...', or in hot-seat a guess."""
    names = game.state.names
    actor = next((p["role"] for p in picks if p["kind"] == "choose"), pick["role"])
    index = pick["index"]
    text = literal("?")
    if scene is not None and index < len(scene.choices):
        who = actor if pick["kind"] == "guess" else reader
        text = filled(game, scene.choices[index].text, who)
    if pick["kind"] == "guess":
        chosen = next((p["index"] for p in picks if p["kind"] == "choose"), None)
        right = "right" if index == chosen else "wrong"
        return assemble(f"You guessed {names[actor]} chose: ", text, f" ({right})")
    return assemble("You chose: ", text)


def journal_content(game, reader: str = "a") -> Content:
    """The story so far from `reader`'s side. In hot-seat a player's journal
    lists only their own answers: the other's stay private until the debrief."""
    scenario = game.scenario
    state = game.state
    private = state.mode == "hotseat"
    steps = state.history
    if private:
        # Events are the story's, not anyone's answer: both journals have them.
        steps = [
            h
            for h in steps
            if h["kind"] == "event"
            or (h["kind"] == "choice" and any(p["role"] == reader for p in h["picks"]))
        ]
    if not steps:
        if private:
            return literal(
                "Nothing yet: your journal begins with your first answer. It lists only your "
                f"own choices; {state.names[other(reader)]}'s stay private until the debrief."
            )
        return literal("Nothing yet: the story begins with your first choice.")
    blocks: list[Content] = []
    if private:
        blocks.append(
            styled(
                f"Only your own answers are here; {state.names[other(reader)]}'s stay private "
                "until the side-by-side debrief at the end.",
                "italic",
            )
        )
    for step in steps:
        scene = scenario.scenes.get(step["scene"])
        when = game.time_of(scene, reader) if scene is not None and scene.time else step["scene"]
        if step["kind"] == "event":
            happened = game.happened(step)
            if happened is None:
                continue
            lines = [
                assemble(
                    ("◆ " + event_heading(happened), "bold"),
                    filled(game, happened.source, happened.reader),
                )
            ]
        elif step["kind"] == "consequence":
            text, cause = game.consequence(step)
            lines = [
                assemble(("⏰ ", "bold"), filled(game, text, step["role"])),
                assemble(
                    (f"  It came from choice {step['set_turn']}: ", "italic"),
                    filled(game, cause, step["role"]) if cause else literal("?"),
                ),
            ]
        else:
            lines = _choice_lines(game, scene, step, when, private, reader)
        _moved_lines(game, step, lines, reader)
        blocks.append(join("\n", lines))
    return join("\n\n", blocks)


def _choice_lines(game, scene, step, when: str, private: bool, reader: str) -> list[Content]:
    """An answered scene: what was chosen (in hot-seat, only the reader's own answers)."""
    state = game.state
    lines = [styled(f"Choice {step['turn']} · {when}", "bold")]
    picks = step["picks"]
    for pick in picks:
        if private and pick["role"] != reader:
            continue
        lines.append(_pick_line(game, scene, pick, picks, reader))
    if private and scene is not None and scene.actor == "both" and len(picks) == 2:
        same = picks[0]["index"] == picks[1]["index"]
        lines.append(literal("You both chose the same." if same else "You chose differently."))
    guess = next((p for p in picks if p["kind"] == "guess"), None)
    if private and guess is not None and guess["role"] != reader:
        right = any(p["kind"] == "choose" and p["index"] == guess["index"] for p in picks)
        partner = state.names[guess["role"]]
        lines.append(literal(f"{partner} guessed {'right' if right else 'wrong'}."))
    if not private:
        # Saves from before version 2 kept consequences inside the choice.
        for text in step.get("fired", []):
            lines.append(assemble(("⏰ ", "bold"), text))
    return lines


def _moved_lines(game, step, lines: list, reader: str) -> None:
    """What an entry changed, from the reader's side."""
    moved: dict[str, list[str]] = {}
    for role, meter, before, after, *_ in step["changes"]:
        delta = after - before
        moved.setdefault(role, []).append(
            f"{symbol(delta)} {meter_label(game.scenario, meter)} {fmt(before)}→{fmt(after)}"
        )
    for owner in (other(reader), reader):
        if owner in moved:
            lines.append(
                assemble((f"  {whose(game, owner, reader)}: ", "italic"), ", ".join(moved[owner]))
            )


class JournalScreen(ModalScreen):
    BINDINGS = [Binding("escape,j,q", "close", "Close")]

    def __init__(self, game, reader: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.reader = reader

    def compose(self) -> ComposeResult:
        title = f"Journal: {self.game.scenario.title}"
        if self.game.state.mode == "hotseat":
            title = f"{self.game.state.names[self.reader]}'s journal: {self.game.scenario.title}"
        with Vertical(classes="dialog -wide"):
            yield Static(literal(title), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(journal_content(self.game, self.reader), id="journal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one(".dialog-body", VerticalScroll)
        body.focus()
        body.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss()


class MetersScreen(ModalScreen):
    BINDINGS = [Binding("escape,m,q", "close", "Close")]

    def __init__(self, game, reader: str = "a"):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.reader = reader

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -meters"):
            yield Static(literal("Trust, both ways"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(literal(trust_sentence(self.game, self.reader)), classes="hint")
                yield MetersPanel(id="meters-modal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(MetersPanel).show_game(self.game, self.reader)
        self.query_one(".dialog-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
