"""How to play: the keys, the trust model, the pillar glossary, a note on
seeking professional help, and where the saves are kept."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.keybar import KeyBar

KEYS = (
    ("1–9", "choose (or ↑↓ and Enter, or click); a new scene waits a moment"),
    ("1–3", "on the ending: replay from a turning point (asks first)"),
    ("a g y", "on the ending: play again, the endings found, your patterns"),
    ("b", "the backlog: the story so far as you read it, answers in place"),
    ("u", "undo your last choice (solo play; on the ending it asks first)"),
    ("d", "what the last choice changed, in full (the line above the story is its summary)"),
    ("j", "the journal: the story so far"),
    ("m", "both trust profiles in a window (handy on small terminals)"),
    ("v", "switch layout: the meters beside the story, or the story alone (remembered)"),
    ("s", "save to a named slot, or load one"),
    ("PgUp PgDn", "scroll the story"),
    ("? or F1", "this help"),
    ("Ctrl+T", "change the theme (remembered)"),
    ("Ctrl+P", "command palette"),
    ("Esc", "close a window, or go back"),
    ("Ctrl+Q", "quit (asks first; your place is saved)"),
)

HOW = (
    "Each story is a few evenings or weeks in a relationship. Read the scene, then choose what you "
    "do. Every choice moves the trust pillars in two directions: how much your partner trusts you, "
    "and how much you trust them. After each choice one line above the story says what "
    "changed: ▲ rose and ▼ fell (▲▲ and ▼▼ by 6 or more), ✚ a wound opened, ✓ one healed, "
    "and overall trust before → after; d shows it all in words. When something from earlier "
    "catches up with you, a line of its own says so. Some choices are locked until trust or "
    "the story allows them; they show why. Some choices come back later."
)


TOGETHER = (
    "Play together (hot-seat) is for two players on one keyboard. Player one goes first. "
    "Whenever the turn passes, a hand-over screen hides everything from the last turn: "
    "the next player presses Enter to show their own turn, and number keys do nothing "
    "there. In some scenes you both answer privately and then see both answers side by "
    "side; in others one of you chooses and the other guesses which. Each journal (j) "
    "lists only its player's own answers. At the end, a side-by-side debrief (d) compares "
    "everything: your choices, your guesses, and how much each of you came to trust the other."
)


def help_content(saves) -> Content:
    from trustquest.engine.describe import TRUST_FORMULA
    from trustquest.engine.lessons import GLOSSARY, HELP_NOTE, MODEL
    from trustquest.engine.meters import BUILDING, MAINTAINING

    def heading(text: str) -> Content:
        return styled(text, "bold $accent")

    parts: list[Content] = [heading("How to play"), literal(HOW), literal("")]
    parts.append(heading("Keys"))
    width = max(len(k) for k, _ in KEYS)
    for key, what in KEYS:
        parts.append(assemble((key.ljust(width), "bold"), "  ", what))
    parts += [literal(""), heading("Playing together"), literal(TOGETHER)]
    parts += [literal(""), heading("How trust works"), literal(MODEL), literal(TRUST_FORMULA)]
    parts.append(literal("A ✚ beside a meter marks an open wound."))
    parts += [literal(""), heading("The eight pillars")]
    for group, pillars in (("Building trust", BUILDING), ("Maintaining trust", MAINTAINING)):
        parts.append(styled(group, "italic"))
        for pillar in pillars:
            parts.append(assemble((f"  {pillar.capitalize()}: ", "bold"), GLOSSARY.get(pillar, "")))
    parts += [literal(""), heading("Seeking help"), literal(HELP_NOTE)]
    parts += [
        literal(""),
        heading("Your saves"),
        literal(f"Saves, the autosave and your profile live in:\n{saves}"),
    ]
    return join("\n", parts)


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self):
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(literal("Help"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="help-body"):
                yield Static(help_content(self.app.saves), id="help")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()
