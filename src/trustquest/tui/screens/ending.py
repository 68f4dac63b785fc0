"""The ending and a look back: the trust journey, the turning points, open
wounds, lessons from this path, the debrief prompts, the endings found,
and "replay from a turning point"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from trustquest.engine.describe import trust_sentence, wound_lines
from trustquest.engine.lessons import ending_lessons
from trustquest.engine.reflection import turning_points
from trustquest.engine.text import fill
from trustquest.tui import messages
from trustquest.tui.literal import assemble, join, literal, one_line
from trustquest.tui.render.ending import (
    TONE_MARK,
    endings_found_content,
    replay_notice,
    turning_point_content,
)
from trustquest.tui.render.outcome import outcome_content
from trustquest.tui.render.reveal import last_answer_content
from trustquest.tui.widgets.keybar import KeyBar
from trustquest.tui.widgets.prose import escape, prose


class EndingScreen(Screen):
    # The footer shows what a player needs at 60 columns, whole; replays,
    # endings and patterns have buttons, and every key is in the help (?).
    BINDINGS = [
        Binding("escape", "title", "Title"),
        Binding("1", "replay(0)", "Replay turning point", key_display="1-3", show=False),
        Binding("2", "replay(1)", show=False),
        Binding("3", "replay(2)", show=False),
        Binding("a", "again", "Play again"),
        Binding("g", "gallery", "Endings", show=False),
        Binding("y", "patterns", "Your patterns", show=False),
        Binding("u", "undo", "Undo"),
        Binding("u", "undo_why", show=False),  # hot-seat: the key says why there is none
        Binding("j", "journal", "Journal", show=False),
        Binding("d", "debrief", "Debrief"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(
        self, game, last_outcome=None, last_choice_text: Content | str = "", new_find: bool = False
    ):
        super().__init__()
        self.game = game
        self.last_outcome = last_outcome
        self.last_choice_text = last_choice_text
        self.new_find = new_find
        self.points = turning_points(game, "a", 3)
        #: Hot-seat: both players read this screen, so it names them both.
        self.hotseat = game.state.mode == "hotseat"
        self.reader: str | None = None if self.hotseat else "a"

    def check_action(self, action: str, parameters) -> bool | None:
        # Hot-seat: the side-by-side debrief takes the journal's place (each
        # player's journal was private; the debrief shows both).
        if action == "debrief":
            return self.hotseat
        if action in ("journal", "undo"):
            return not self.hotseat
        if action == "undo_why":
            return self.hotseat
        return True

    def compose(self) -> ComposeResult:
        from trustquest.tui.widgets.chart import STYLES, TrustChart, series_for

        game = self.game
        ending = game.ending
        scenario = game.scenario
        mark = TONE_MARK.get(ending.tone, "◇")
        names = game.state.names
        reader = self.reader
        with VerticalScroll(id="ending"):
            yield Static(
                assemble(
                    (f"{mark} {self.game.title_of(ending, reader or 'a')}", "bold"),
                    "   ",
                    (f"an ending of {scenario.title}, {ending.tone}", "italic"),
                ),
                id="ending-title",
                classes=f"-tone-{ending.tone}",
            )
            names = game.state.names
            yield Static(
                prose(
                    fill(
                        ending.text,
                        escape(names["a"]),
                        escape(names["b"]),
                        game.state.pronouns["b"],
                    )
                ),
                id="ending-text",
            )
            if self.last_outcome is not None:
                yield Static(
                    last_answer_content(game, self.last_outcome)
                    if self.hotseat
                    else outcome_content(game, self.last_outcome, self.last_choice_text),
                    classes="box",
                    id="ending-outcome",
                )
            yield Static(literal(trust_sentence(game, reader)), id="trust-sentence")

            if self.hotseat:
                from trustquest.tui.widgets.debrief import Debrief

                yield Static(
                    literal(f"Side by side: {names['a']} and {names['b']}"),
                    classes="section",
                    id="debrief-title",
                )
                yield Debrief(game, id="debrief")

            yield Static(literal("The trust journey"), classes="section")
            yield TrustChart(game, id="chart")
            legend = [
                assemble((f"{STYLES[i % len(STYLES)][0]} ", "bold"), label)
                for i, (label, *_rest) in enumerate(series_for(game))
            ]
            rows = [join("   ", legend[i : i + 2]) for i in range(0, len(legend), 2)]
            yield Static(join("\n", rows), id="chart-legend")

            yield Static(literal("Turning points"), classes="section")
            if self.points:
                yield Static(
                    literal(
                        "The moments that moved trust the most, credited to their cause. "
                        "Replay from one to go back to it and try the other path."
                    ),
                    classes="hint",
                )
                for i, p in enumerate(self.points):
                    with Horizontal(classes="turning-point"):
                        yield Static(
                            turning_point_content(game, i + 1, p, self.hotseat),
                            classes="tp-text",
                        )
                        yield Button(
                            one_line(f"Replay ({i + 1})"),
                            id=f"replay-{i}",
                            classes="tp-button",
                            compact=True,
                        )
            else:
                yield Static(
                    literal("No single choice moved trust much: a steady story."), classes="hint"
                )

            yield Static(literal("Wounds still open"), classes="section")
            wounds = wound_lines(game, reader)
            yield Static(
                literal(
                    "\n".join(f"✚ {w}" for w in wounds) if wounds else "None. Nothing is left raw."
                )
            )

            lessons = ending_lessons(game)
            if lessons:
                yield Static(literal("What this path says"), classes="section")
                for who, text in lessons:
                    yield Static(
                        assemble((f"{who}. ", "bold"), text) if who else literal(text),
                        classes="lesson",
                    )

            if scenario.debrief:
                yield Static(literal("To talk about"), classes="section")
                yield Static(literal("\n".join(f"• {game.fill(q, 'a')}" for q in scenario.debrief)))

            yield Static(literal("Endings found"), classes="section")
            yield Static(self._found(), id="endings-found")

            with Vertical(id="ending-buttons"):
                with Horizontal():
                    yield Button("Back to title", id="title", variant="primary", compact=True)
                    yield Button("Play again (a)", id="again", compact=True)
                with Horizontal():
                    yield Button("Endings (g)", id="gallery", compact=True)
                    yield Button("Your patterns (y)", id="patterns", compact=True)
        yield KeyBar()

    def _found(self) -> Content:
        found = set(self.app.profile.found(self.game.scenario.id))
        return endings_found_content(self.game, found, self.new_find, self.reader)

    def on_mount(self) -> None:
        self.query_one("#ending", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id or ""
        if bid.startswith("replay-"):
            self.replay(int(bid.removeprefix("replay-")))
        elif bid == "title":
            self.action_title()
        elif bid == "again":
            self.action_again()
        elif bid == "gallery":
            self.action_gallery()
        elif bid == "patterns":
            self.action_patterns()

    def action_replay(self, n: int) -> None:
        """A number key asks first: a stray key must not lose the ending unread."""
        if n >= len(self.points):
            self.app.bell()
            return
        point = self.points[n]

        def answer(yes: bool | None) -> None:
            if yes:
                self.replay(n)

        self.post_message(
            messages.Confirm(
                f"Replay from choice {point.replay_from + 1}?",
                "This ending stays in your gallery; the story goes back to that choice.",
                answer,
                yes="Replay",
                no="Stay",
            )
        )

    def action_undo(self) -> None:
        """Back to just before the last choice: asks first, like a rewind."""
        from trustquest.engine.undo import refusal

        why = refusal(self.game, self.app.undo_point)
        if why:
            self.notify(why, severity="warning", timeout=5)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.undo_last()

        self.post_message(
            messages.Confirm(
                "Undo your last choice?",
                "This ending stays in your gallery; the story goes back to just before "
                "your last choice.",
                answer,
                yes="Undo",
                no="Stay",
            )
        )

    def action_undo_why(self) -> None:
        from trustquest.engine.undo import NOT_TOGETHER

        self.notify(NOT_TOGETHER, severity="warning", timeout=5)

    def replay(self, n: int) -> None:
        point = self.points[n]
        game = self.game.rewind(point.replay_from)
        self.app.autosave(game)  # Continue picks up the rewound story, not the ending
        self.post_message(messages.PlayGame(game, replay_notice(point)))

    def action_again(self) -> None:
        from trustquest.engine.game import Game

        s = self.game.state
        game = Game.new(self.game.scenario, s.mode, dict(s.names), dict(s.pronouns), s.seed)
        self.post_message(messages.PlayGame(game))

    def action_title(self) -> None:
        self.post_message(messages.GoTitle())

    def action_gallery(self) -> None:
        self.post_message(messages.Open("gallery"))

    def action_patterns(self) -> None:
        self.post_message(messages.Open("patterns"))

    def action_journal(self) -> None:
        self.post_message(messages.Open("journal", self.game))

    def action_debrief(self) -> None:
        if self.hotseat:
            self.query_one("#debrief-title").scroll_visible(top=True, animate=False)
