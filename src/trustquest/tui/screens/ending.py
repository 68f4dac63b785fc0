"""The ending and a look back: the trust journey, the turning points, open
wounds, lessons from this path, the debrief prompts, the endings found,
and "replay from a turning point"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trustquest.engine.describe import fmt, trust_sentence, wound_lines
from trustquest.engine.hints import unfound_words
from trustquest.engine.lessons import ending_lessons
from trustquest.engine.reflection import credit_words, turning_points
from trustquest.engine.text import fill
from trustquest.tui.literal import assemble, join, literal, one_line
from trustquest.tui.screens.play import outcome_content
from trustquest.tui.widgets.prose import escape, prose

TONE_MARK = {"hopeful": "☀", "bittersweet": "◐", "broken": "☂"}


def signed(delta: float) -> str:
    return f"+{fmt(delta)}" if delta > 0 else fmt(delta) if delta < 0 else "±0"


def last_answer_content(game, outcome, choice_text: str) -> Content:
    """Hot-seat: the last scene's answers, named, and what they changed (both
    players read the ending together)."""
    from trustquest.tui.screens.hotseat import answer_cell, verdict

    names = game.state.names
    scene = game.scenario.scenes.get(outcome.scene_id)
    lines: list[Content] = []
    if scene is not None:
        for pick in outcome.picks:
            verb, text = answer_cell(game, pick, scene)
            lines.append(assemble((f"{names[pick.role]} {verb}: ", "bold"), text.stylize("italic")))
        if len(outcome.picks) > 1:
            lines.append(verdict(game, outcome))
    lines.append(outcome_content(game, outcome, "", None))
    return join("\n", lines)


def point_words(p, chooser: str | None) -> str:
    return credit_words(p, chooser, lambda text: prose(text).plain)


class EndingScreen(Screen):
    BINDINGS = [
        Binding("escape", "title", "Title"),
        Binding("1", "replay(0)", "Replay turning point", key_display="1-3"),
        Binding("2", "replay(1)", show=False),
        Binding("3", "replay(2)", show=False),
        Binding("a", "again", "Play again"),
        Binding("g", "gallery", "Endings"),
        Binding("y", "patterns", "Your patterns"),
        Binding("u", "undo", "Undo"),
        Binding("u", "undo_why", show=False),  # hot-seat: the key says why there is none
        Binding("j", "journal", "Journal"),
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
        partner = names["b"]
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
                    last_answer_content(game, self.last_outcome, self.last_choice_text)
                    if self.hotseat
                    else outcome_content(game, self.last_outcome, self.last_choice_text),
                    classes="box",
                    id="ending-outcome",
                )
            yield Static(literal(trust_sentence(game, reader)), id="trust-sentence")

            if self.hotseat:
                from trustquest.tui.screens.hotseat import compose_debrief

                yield Static(
                    literal(f"Side by side: {names['a']} and {names['b']}"),
                    classes="section",
                    id="debrief-title",
                )
                with Vertical(id="debrief"):
                    yield from compose_debrief(game)

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
                    if self.hotseat:
                        moved = (
                            f"{partner}'s trust in {names['a']} {fmt(p.their_before)} → "
                            f"{fmt(p.their_after)} ({signed(p.their_delta)}); {names['a']}'s in "
                            f"{partner} {fmt(p.your_before)} → {fmt(p.your_after)} "
                            f"({signed(p.your_delta)})"
                        )
                        said = point_words(p, names[p.chooser]) + "\n"
                    else:
                        moved = (
                            f"{partner}'s trust in you {fmt(p.their_before)} → {fmt(p.their_after)} "
                            f"({signed(p.their_delta)}); yours in {partner} {fmt(p.your_before)} → "
                            f"{fmt(p.your_after)} ({signed(p.your_delta)})"
                        )
                        said = point_words(p, None) + "\n"
                    with Horizontal(classes="turning-point"):
                        yield Static(
                            assemble((f"{i + 1}. {p.heading}: ", "bold"), said, moved),
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
        yield Footer(show_command_palette=False)

    def _found(self) -> Content:
        scenario = self.game.scenario
        found = set(self.app.profile.found(scenario.id))
        lines = [
            literal(
                f"{len(found & set(scenario.endings))} of {len(scenario.endings)} in {scenario.title}"
                + ("; this one is a new find." if self.new_find else ".")
            )
        ]
        partner = self.game.state.names["b"] if self.reader else None
        for ending in scenario.endings.values():
            mark = TONE_MARK.get(ending.tone, "◇")
            if ending.id in found:
                here = "  ← this time" if ending.id == self.game.state.ending else ""
                title = self.game.title_of(ending, self.reader or "a")
                lines.append(literal(f"  ✓ {mark} {title} ({ending.tone}){here}"))
            else:
                lines.append(literal(f"  · {mark} {unfound_words(scenario, ending, partner)}"))
        return join("\n", lines)

    def on_mount(self) -> None:
        self.app.game = self.game
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
        from trustquest.tui.screens.dialogs import ConfirmScreen

        if n >= len(self.points):
            self.app.bell()
            return
        point = self.points[n]

        def answer(yes: bool | None) -> None:
            if yes:
                self.replay(n)

        self.app.push_screen(
            ConfirmScreen(
                f"Replay from choice {point.replay_from + 1}?",
                "This ending stays in your gallery; the story goes back to that choice.",
                "Replay",
                "Stay",
            ),
            answer,
        )

    def action_undo(self) -> None:
        """Back to just before the last choice: asks first, like a rewind."""
        from trustquest.engine.undo import refusal
        from trustquest.tui.screens.dialogs import ConfirmScreen

        why = refusal(self.game, self.app.undo_point)
        if why:
            self.notify(why, severity="warning", timeout=5)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.undo_last()

        self.app.push_screen(
            ConfirmScreen(
                "Undo your last choice?",
                "This ending stays in your gallery; the story goes back to just before "
                "your last choice.",
                "Undo",
                "Stay",
            ),
            answer,
        )

    def action_undo_why(self) -> None:
        from trustquest.engine.undo import NOT_TOGETHER

        self.notify(NOT_TOGETHER, severity="warning", timeout=5)

    def replay(self, n: int) -> None:
        point = self.points[n]
        game = self.game.rewind(point.replay_from)
        self.app.autosave(game)  # Continue picks up the rewound story, not the ending
        if point.kind == "event":
            back = f"just before the scene where this happened: “{prose(point.choice_text).plain}”"
        else:
            back = f"just before “{prose(point.choice_text).plain}”"
        self.app.open_game(
            game,
            notice=f"Back at choice {point.replay_from + 1}, {back}. Try the other path.",
        )

    def action_again(self) -> None:
        from trustquest.engine.game import Game

        s = self.game.state
        game = Game.new(self.game.scenario, s.mode, dict(s.names), dict(s.pronouns), s.seed)
        self.app.open_game(game)

    def action_title(self) -> None:
        self.app.go_title()

    def action_gallery(self) -> None:
        from trustquest.tui.screens.gallery import GalleryScreen

        self.app.push_screen(GalleryScreen())

    def action_patterns(self) -> None:
        from trustquest.tui.screens.patterns import PatternsScreen

        self.app.push_screen(PatternsScreen())

    def action_journal(self) -> None:
        from trustquest.tui.screens.journal import JournalScreen

        self.app.push_screen(JournalScreen(self.game))

    def action_debrief(self) -> None:
        if self.hotseat:
            self.query_one("#debrief-title").scroll_visible(top=True, animate=False)
