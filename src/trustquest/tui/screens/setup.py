"""Before a story: its content notes, then names and the partner's pronouns.
The defaults are one Enter away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

PRONOUNS = ("they", "she", "he")
PRONOUN_WORDS = {"they": "they", "she": "she", "he": "he"}


class SetupScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "begin", "Begin", key_display="⏎"),
    ]

    def __init__(self, entry):
        super().__init__()
        self.entry = entry

    def _defaults(self) -> tuple[str, str, str]:
        app = self.app
        s = self.entry.scenario
        cli_me, cli_partner = app.cli_names
        me = cli_me or app.profile.last_names.get("a") or s.roles["a"].name
        partner = cli_partner or s.roles["b"].name
        pronouns = app.cli_pronouns or s.roles["b"].pronouns
        return me, partner, pronouns if pronouns in PRONOUNS else "they"

    def compose(self) -> ComposeResult:
        s = self.entry.scenario
        me, partner, pronouns = self._defaults()
        yield Static(Content(s.title), classes="screen-title")
        with VerticalScroll(id="setup"):
            yield Static(Content(s.summary), id="setup-summary")
            if s.content_notes:
                yield Static(
                    Content.assemble(
                        ("Content notes: ", "bold"),
                        "; ".join(s.content_notes),
                        ".\nYou can stop at any time: Ctrl+Q saves your place and quits.",
                    ),
                    id="content-notes",
                )
            with Vertical(id="setup-form"):
                with Horizontal(classes="field"):
                    yield Label("Your name", classes="field-label")
                    yield Input(
                        me, placeholder=s.roles["a"].name, id="me", max_length=40, compact=True
                    )
                with Horizontal(classes="field"):
                    yield Label("Partner's name", classes="field-label")
                    yield Input(
                        partner,
                        placeholder=s.roles["b"].name,
                        id="partner",
                        max_length=40,
                        compact=True,
                    )
                with Horizontal(classes="field"):
                    yield Label("Partner's pronouns", classes="field-label")
                    with RadioSet(id="pronouns"):
                        for p in PRONOUNS:
                            yield RadioButton(PRONOUN_WORDS[p], value=(p == pronouns), id=f"p-{p}")
            with Horizontal(id="setup-buttons"):
                yield Button("Begin", id="begin", variant="primary", compact=True)
                yield Button("Back", id="back", compact=True)
            yield Static(
                Content("Enter begins with these names. Tab moves between fields."),
                id="setup-hint",
            )
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#begin", Button).focus(scroll_visible=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_begin()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "begin":
            self.action_begin()
        else:
            self.action_back()

    def chosen(self) -> tuple[dict[str, str], str]:
        me = self.query_one("#me", Input).value.strip()
        partner = self.query_one("#partner", Input).value.strip()
        pronouns = "they"
        pressed = self.query_one("#pronouns", RadioSet).pressed_button
        if pressed is not None and pressed.id:
            pronouns = pressed.id.removeprefix("p-")
        return {"a": me, "b": partner}, pronouns

    def action_begin(self) -> None:
        names, pronouns = self.chosen()
        self.app.start_new(self.entry, names, pronouns)

    def action_back(self) -> None:
        self.app.pop_screen()
