"""Before a story: its content notes, then names and pronouns. The defaults
are one Enter away.

Solo: your name, your partner's name and pronouns. Hot-seat: both players'
names and pronouns, and who goes first (player one holds role `a`); one key
swaps the two players.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from trustquest.tui.literal import assemble, field, literal, one_line
from trustquest.tui.widgets.keybar import KeyBar
from trustquest.tui.widgets.line_input import LineInput
from trustquest.tui.widgets.marked_radio import MarkedRadioButton

PRONOUNS = ("they", "she", "he")
PRONOUN_WORDS = {"they": "they", "she": "she", "he": "he"}


def _pronoun(value: str | None, fallback: str = "they") -> str:
    return value if value in PRONOUNS else fallback


def shares_text(scenario) -> str:
    """How the scenes are shared out between the two players, in words."""
    from trustquest.engine.describe import hotseat_shares

    shares = hotseat_shares(scenario)
    parts = []
    for role, who in (("a", "player one"), ("b", "player two")):
        if shares[role]:
            parts.append(f"{who} chooses alone in {shares[role]}")
    if shares["both"]:
        parts.append(f"you both answer privately in {shares['both']}")
    if shares["predict"]:
        parts.append(f"one of you guesses the other's choice in {shares['predict']}")
    if shares["both_ways"]:
        parts.append(f"you each choose and guess the other's choice in {shares['both_ways']}")
    total = sum(shares.values())
    return f"Of this story's {total} scenes, " + ", ".join(parts) + "."


def name_input(value: str, default: str, input_id: str) -> LineInput:
    """A name field: what to start with, and the scenario's name as placeholder."""
    return LineInput(
        field(value), placeholder=field(default), id=input_id, max_length=40, compact=True
    )


class SetupScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "begin", "Begin", key_display="⏎"),
        # Enter begins from any field, a pronoun included; on a button it presses it.
        Binding("enter", "enter", show=False, priority=True),
        Binding("ctrl+o", "swap", "Swap players"),
    ]

    def __init__(self, entry, mode: str = "solo"):
        super().__init__()
        self.entry = entry
        self.mode = mode

    @property
    def hotseat(self) -> bool:
        return self.mode == "hotseat"

    def _defaults(self) -> tuple[str, str, str]:
        app = self.app
        s = self.entry.scenario
        given = app.players
        me = given.names.get("a") or app.profile.last_names.get("a") or s.roles["a"].name
        partner = given.names.get("b") or s.roles["b"].name
        pronouns = given.pronouns.get("b") or s.roles["b"].pronouns
        return me, partner, _pronoun(pronouns)

    def compose(self) -> ComposeResult:
        s = self.entry.scenario
        heading = f"{s.title}: playing together" if self.hotseat else s.title
        yield Static(literal(heading), classes="screen-title")
        with VerticalScroll(id="setup"):
            yield Static(literal(s.summary), id="setup-summary")
            if s.content_notes:
                yield Static(
                    assemble(
                        ("Content notes: ", "bold"),
                        "; ".join(s.content_notes),
                        ".\nYou can stop at any time: Ctrl+Q saves your place and quits.",
                    ),
                    id="content-notes",
                )
            if self.hotseat:
                yield from self._compose_two()
            else:
                yield from self._compose_solo()
            with Horizontal(id="setup-buttons"):
                yield Button("Begin", id="begin", variant="primary", compact=True)
                if self.hotseat:
                    yield Button("⇄ Swap who goes first", id="swap", compact=True)
                yield Button("Back", id="back", compact=True)
            hint = "Enter begins with these names. Tab moves between fields."
            if self.hotseat:
                hint += " Ctrl+O swaps the players."
            yield Static(literal(hint), id="setup-hint")
        yield KeyBar()

    def _compose_solo(self) -> ComposeResult:
        s = self.entry.scenario
        me, partner, pronouns = self._defaults()
        with Vertical(id="setup-form"):
            with Horizontal(classes="field"):
                yield Label("Your name", classes="field-label")
                yield name_input(me, s.roles["a"].name, "me")
            with Horizontal(classes="field"):
                yield Label("Partner's name", classes="field-label")
                yield name_input(partner, s.roles["b"].name, "partner")
            with Horizontal(classes="field"):
                yield Label("Partner's pronouns", classes="field-label")
                with RadioSet(id="pronouns"):
                    for p in PRONOUNS:
                        yield MarkedRadioButton(
                            one_line(PRONOUN_WORDS[p]), value=(p == pronouns), id=f"p-{p}"
                        )

    def _compose_two(self) -> ComposeResult:
        app = self.app
        s = self.entry.scenario
        given = app.players
        players = tuple(
            (
                which,
                given.names.get(role) or s.roles[role].name,
                _pronoun(given.pronouns.get(role) or s.roles[role].pronouns),
            )
            for which, role in (("one", "a"), ("two", "b"))
        )
        yield Static(
            assemble(
                ("Two players, one keyboard. ", "bold"),
                "Answers stay private until the side-by-side debrief at the end.",
            ),
            id="setup-two",
        )
        with Vertical(id="setup-form"):
            for which, name, pronouns in players:
                first = "  (goes first)" if which == "one" else ""
                yield Static(
                    assemble((f"Player {which}", "bold"), (first, "italic")),
                    classes="player-head",
                    id=f"head-{which}",
                )
                with Horizontal(classes="field -player"):
                    yield Label("Name", classes="field-label")
                    role = "a" if which == "one" else "b"
                    yield name_input(name, s.roles[role].name, f"name-{which}")
                with Horizontal(classes="field -player"):
                    yield Label("Pronouns", classes="field-label")
                    with RadioSet(id=f"pronouns-{which}", classes="pronouns"):
                        for p in PRONOUNS:
                            yield MarkedRadioButton(
                                one_line(PRONOUN_WORDS[p]),
                                value=(p == pronouns),
                                id=f"p{which}-{p}",
                            )
            yield Static(literal(shares_text(s)), id="setup-shares", classes="hint")

    def check_action(self, action: str, parameters) -> bool | None:
        return self.hotseat if action == "swap" else True

    def on_mount(self) -> None:
        # The first name field, so typing a name just works.
        self.query(LineInput).first().focus(scroll_visible=False)

    def action_enter(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        elif isinstance(focused, RadioSet):
            # Enter on a highlighted pronoun chooses it, then begins once the
            # set has taken the choice in.
            focused.action_toggle_button()
            self.call_after_refresh(self.action_begin)
        else:
            self.action_begin()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "begin":
            self.action_begin()
        elif event.button.id == "swap":
            self.action_swap()
        else:
            self.action_back()

    @staticmethod
    def _pressed(radios: RadioSet, prefix: str) -> str:
        pressed = radios.pressed_button
        if pressed is not None and pressed.id:
            return pressed.id.removeprefix(prefix)
        return "they"

    def chosen(self) -> tuple[dict[str, str], str]:
        """Solo: the names, and the partner's pronouns."""
        me = self.query_one("#me", LineInput).value.strip()
        partner = self.query_one("#partner", LineInput).value.strip()
        return {"a": me, "b": partner}, self._pressed(self.query_one("#pronouns", RadioSet), "p-")

    def chosen_two(self) -> tuple[dict[str, str], dict[str, str]]:
        """Hot-seat: each player's name and pronouns, by role (player one is a)."""
        names, pronouns = {}, {}
        for which, role in (("one", "a"), ("two", "b")):
            names[role] = self.query_one(f"#name-{which}", LineInput).value.strip()
            radios = self.query_one(f"#pronouns-{which}", RadioSet)
            pronouns[role] = self._pressed(radios, f"p{which}-")
        return names, pronouns

    def action_swap(self) -> None:
        """Who goes first: player one and player two trade names and pronouns."""
        if not self.hotseat:
            return
        names, pronouns = self.chosen_two()
        for which, role in (("one", "b"), ("two", "a")):
            self.query_one(f"#name-{which}", LineInput).value = names[role]
            self.query_one(f"#p{which}-{pronouns[role]}", RadioButton).value = True
        first = names["b"] or "Player two"
        self.notify(f"{first} goes first now.", timeout=3)

    def action_begin(self) -> None:
        if self.hotseat:
            from trustquest.engine.text import clean_name

            names, pronouns = self.chosen_two()
            roles = self.entry.scenario.roles
            shown = [clean_name(names[r]) or roles[r].name for r in ("a", "b")]
            if shown[0].casefold() == shown[1].casefold():
                self.notify(
                    "Give the two players different names, so each hand-over is clear.",
                    severity="warning",
                    timeout=5,
                )
                self.query_one("#name-two", LineInput).focus()
                return
            self.app.start_new(self.entry, names, pronouns, "hotseat")
            return
        names, pronouns = self.chosen()
        self.app.start_new(self.entry, names, pronouns)

    def action_back(self) -> None:
        self.app.pop_screen()
