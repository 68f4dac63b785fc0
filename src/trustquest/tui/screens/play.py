"""The play screen: the scene, the choices, both trust profiles, and what
each choice changed.

Scenario text is untrusted. Scene text is rendered by `widgets.prose` (the
format's small Markdown: emphasis, lists, paragraphs) into `Content`, and
everything else is plain `Content` too, which never parses markup, so
`[bold]` or `<b>` in a file or a name shows up literally.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from trustquest.engine.describe import change_words, event_heading, habit_words, symbol, whose
from trustquest.engine.game import Game, Outcome
from trustquest.engine.last_time import marked
from trustquest.engine.meters import other
from trustquest.engine.turns import GUESS
from trustquest.engine.undo import NOT_TOGETHER, before_choice, refusal
from trustquest.errors import ChoiceError
from trustquest.tui.literal import assemble, join, literal, one_line, styled
from trustquest.tui.widgets.meters import MetersPanel, trust_line
from trustquest.tui.widgets.prose import filled


def scene_prose(game: Game, role: str = "a") -> Content:
    """The scene text as `role` reads it, variants applied (see `filled`)."""
    return filled(game, game.scene_source(role), role)


def option_prompt(
    number: int,
    text: Content,
    available: bool,
    locked: str,
    habit: str = "",
    last_time: bool = False,
) -> Content:
    parts: list = [(f"{number}. ", "bold"), text]
    if habit:
        parts += ["\n   ", ("↻ ", "bold"), (habit, "italic")]
    if last_time:
        parts += ["\n   ", ("↩ ", "bold"), ("you chose this last time", "italic")]
    if not available:
        parts += ["\n   ", ("⊘ locked: ", "bold"), (locked, "italic")]
    return assemble(*parts)


def events_content(game: Game, events, reader: str | None = "a") -> Content:
    """What happened on arrival at the scene, whatever anyone chose, with what
    it changed: marked so it never reads as a choice."""
    lines: list[Content] = []
    for e in events:
        lines.append(
            assemble(
                ("◆ " + event_heading(e), "bold $warning" if e.breach else "bold"),
                filled(game, e.source, e.reader),
            )
        )
        for owner in (other(reader), reader) if reader else ("b", "a"):
            mine = [c for c in e.changes if c.role == owner]
            if mine:
                lines.append(styled(f"{whose(game, owner, reader)}:", "italic"))
            for c in mine:
                lines.append(
                    assemble((f"{symbol(c.delta):<2} ", "bold"), change_words(game.scenario, c))
                )
    return join("\n", lines)


def outcome_content(
    game: Game, outcome: Outcome, choice_text: Content | str, reader: str | None = "a"
) -> Content:
    """What the last choice changed, in symbols and in words, from `reader`'s
    side; with no reader (a hot-seat screen both players read) it names both."""
    scenario = game.scenario
    names = game.state.names
    lines: list[Content] = []
    if choice_text:
        chosen = literal(choice_text) if isinstance(choice_text, str) else choice_text
        lines.append(assemble(("You chose: ", "bold"), chosen.stylize("italic")))
    # Changes from consequences are listed under their consequence, not twice.
    owed = Counter(c for f in outcome.fired for c in f.changes)
    direct = []
    for c in outcome.changes:
        if owed[c] > 0:
            owed[c] -= 1
        else:
            direct.append(c)

    scene = scenario.scenes.get(outcome.scene_id)
    why_match = " — for a right guess" if scene is not None and scene.predict else " — you matched"

    def group(changes) -> None:
        for owner in (other(reader), reader) if reader else ("b", "a"):
            mine = [c for c in changes if c.role == owner]
            if not mine:
                continue
            lines.append(styled(f"{whose(game, owner, reader)}:", "bold"))
            for c in mine:
                words = change_words(scenario, c) + (why_match if c.cause == "match" else "")
                lines.append(assemble((f"{symbol(c.delta):<2} ", "bold"), words))

    if direct:
        group(direct)
    elif not outcome.fired:
        lines.append(styled("Nothing in the meters moved.", "italic"))
    for f in outcome.fired:
        # In hot-seat a consequence belongs to the player whose choice set it up.
        you = "you" if reader == f.role else names[f.role]
        if f.averted:
            lines.append(
                assemble(
                    ("✓ Something from earlier came due, and did not happen: ", "bold"),
                    f.text,
                )
            )
        else:
            lines.append(
                assemble(
                    (f"⏰ Something from earlier catches up with {you}: ", "bold $warning"),
                    f.text,
                )
            )
            group(f.changes)
    return join("\n", lines)


def turn_note(game: Game, prompt) -> str:
    """Hot-seat: what this turn asks of the player, without giving anything
    away. Read from the scene's turns (`Game.turns`)."""
    names = game.state.names
    partner = names[other(prompt.role)]
    given = game.state.picks
    later = game.turns(prompt.scene)[len(given) + 1 :]
    if prompt.kind == GUESS:
        chooser = names[prompt.actor]
        if not prompt.turn.ahead:
            return (
                f"{chooser} has chosen in private. Below is the scene as {chooser} saw it: "
                f"guess which choice {chooser} made."
            )
        return (
            f"{chooser} chooses after you, in private. Below is the scene as {chooser} "
            f"sees it: guess which choice {chooser} will make."
        )
    guess_next = any(t.role == prompt.role and t.kind == GUESS for t in later)
    then_guess = f" Then guess what {partner} chooses." if guess_next else ""
    if prompt.turn.shared:
        if any(t.role != prompt.role for t in later):
            return (
                f"Answer privately.{then_guess} {partner} answers next without seeing yours; "
                "then both answers are revealed."
            )
        return (
            f"Answer privately.{then_guess} {partner}'s answer is hidden; "
            "both are revealed after yours."
        )
    if any(t.kind == GUESS and t.chooser == prompt.role for t in later):
        return f"Choose privately; then {partner} guesses which choice you made."
    return ""


def choices_title(game: Game, prompt) -> str:
    """Hot-seat: the question over the choices, always in view."""
    names = game.state.names
    if prompt.kind == GUESS:
        if not prompt.turn.ahead:
            return f"Which did {names[prompt.actor]} choose?"
        return f"Which will {names[prompt.actor]} choose?"
    if len(game.turns(prompt.scene)) > 1:
        return "Answer privately"
    return ""


class PlayScreen(Screen):
    BINDINGS = [
        Binding("1", "choose(0)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n - 1})", show=False) for n in range(2, 10)],
        Binding("b", "backlog", "Backlog"),
        Binding("u", "undo", "Undo"),
        Binding("u", "undo_why", show=False),  # hot-seat: the key says why there is none
        Binding("j", "journal", "Journal"),
        Binding("m", "meters", "Meters"),
        Binding("s", "saves", "Save/Load"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("escape", "leave", "Title"),
        Binding("pageup", "scroll_story(-1)", show=False, priority=True),
        Binding("pagedown", "scroll_story(1)", show=False, priority=True),
    ]

    def __init__(self, game: Game, notice: str = ""):
        super().__init__()
        self.game = game
        self.notice = notice
        self.last_outcome: Outcome | None = None
        self.last_choice_text = ""
        #: Hot-seat: the player the screen shows (None until someone confirms
        #: at a hand-over), and the player whose choice `last_outcome` is.
        self.viewer: str | None = None
        self.last_chooser: str | None = None
        self._handing_over = False
        self._choices_title = ""
        #: When the scene now on screen was first drawn (the app's clock);
        #: None until it has been. Choice keys wait for it to settle.
        self._shown_at: float | None = None

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "undo":
            return not self.hotseat
        if action == "undo_why":
            return self.hotseat
        return True

    @property
    def hotseat(self) -> bool:
        return self.game.state.mode == "hotseat"

    @property
    def reader(self) -> str:
        """Whose point of view the screen shows: the player at the keyboard."""
        return self.viewer if self.hotseat and self.viewer else "a"

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(id="where")
            yield Static(id="where-title")
            yield Static(id="trustline")
            yield Static(id="turn")
        with Horizontal(id="play-body"):
            with Vertical(id="story-col"):
                with VerticalScroll(id="story"):
                    yield Static(id="watch-errors", classes="box -error")
                    yield Static(id="notice", classes="box -notice")
                    yield Static(id="outcome", classes="box")
                    yield Static(id="time-label")
                    yield Static(id="happened", classes="box -event")
                    yield Static(id="scene")
                    yield Static(id="turn-note", classes="box -turn")
                yield OptionList(id="choices", markup=False)
            with VerticalScroll(id="meters-col"):
                yield MetersPanel(id="meters")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.app.game = self.game
        self.set_class(self.hotseat, "-hotseat")
        self.query_one("#watch-errors").display = False
        notice = self.query_one("#notice", Static)
        if self.notice:
            notice.update(literal(self.notice))
        else:
            notice.display = False
        self.query_one("#outcome").display = False
        self.query_one("#happened").display = False
        self.query_one("#turn-note").display = False
        story = self.query_one("#story", VerticalScroll)
        self.watch(story, "scroll_y", self._more_hint, init=False)
        self.watch(story, "virtual_size", self._more_hint, init=False)
        if self.game.over:
            self.call_after_refresh(self._to_ending)
            return
        self.refresh_game()

    # --- showing the game ------------------------------------------------------------

    def refresh_game(self) -> None:
        game = self.game
        scenario = game.scenario
        if game.over:
            return
        prompt = game.prompt()
        if self.hotseat and prompt.role != self.viewer:
            self._hand_over(prompt.role)
            return
        reader = self.reader
        scene = game.scene
        where = self.query_one("#where", Static)
        if self.hotseat:
            where.update(styled(f" {game.state.names[reader]}'s turn ", "bold reverse"))
            self.query_one("#where-title", Static).update(literal(scenario.title))
        else:
            where.update(styled(scenario.title, "bold"))
        self.query_one("#turn", Static).update(literal(f"Choice {game.state.turn + 1}"))
        self.query_one("#trustline", Static).update(trust_line(game, reader))
        time_label = self.query_one("#time-label", Static)
        time_label.update(literal(game.time_of(scene, reader)))
        time_label.display = bool(scene.time)
        note = turn_note(game, prompt) if self.hotseat else ""
        turn_box = self.query_one("#turn-note", Static)
        turn_box.update(literal(note))
        turn_box.display = bool(note)
        # The scene and the choices read in the chooser's words: a guess is
        # about the partner's choice, as the partner sees it.
        pov = prompt.actor
        happened = game.arrived()
        happened_box = self.query_one("#happened", Static)
        happened_box.update(events_content(game, happened, reader if not self.hotseat else None))
        happened_box.display = bool(happened)
        self.query_one("#scene", Static).update(scene_prose(game, pov))
        self.query_one(MetersPanel).show_game(game, reader)
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        first = None
        last = self.app.profile.chosen_last_time(scenario.id)
        for o in game.options(prompt):
            choices.add_option(
                Option(
                    option_prompt(
                        o.number,
                        filled(game, prompt.scene.choices[o.index].text, pov),
                        o.available,
                        o.locked,
                        habit_words(o.repeat, o.span),
                        marked(game, last, o.index),
                    ),
                    id=f"c{o.index}",
                    disabled=not o.available,
                )
            )
            if first is None and o.available:
                first = o.number - 1  # a position in the list, as shown
        choices.highlighted = first
        choices.focus()
        self._choices_title = choices_title(game, prompt) if self.hotseat else ""
        outcome = self.query_one("#outcome", Static)
        mine = not self.hotseat or self.last_chooser == reader
        if self.last_outcome is not None and mine:
            outcome.update(outcome_content(game, self.last_outcome, self.last_choice_text, reader))
            outcome.display = True
        else:
            outcome.display = False
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._more_hint)
        self._shown_at = None
        self.call_after_refresh(self._mark_shown)

    def _mark_shown(self) -> None:
        self._shown_at = self.app.clock()

    def settled(self) -> bool:
        """Has the scene been on screen long enough to take a choice? A key
        pressed sooner is the second half of a double tap, and is ignored."""
        settle = self.app.choice_settle
        if settle <= 0:
            return True
        return self._shown_at is not None and self.app.clock() - self._shown_at >= settle

    def _hand_over(self, role: str) -> None:
        """Hide this screen's story and ask `role` to take the keyboard."""
        from trustquest.tui.screens.hotseat import HandOverScreen

        if self._handing_over:
            return
        self._handing_over = True
        self._blank()
        game = self.game
        names = game.state.names
        notes = []
        if self.viewer is None and self.last_chooser is None:
            if game.state.turn == 0 and not game.state.picks:
                notes.append(
                    f"{names['a']} and {names['b']} share this keyboard. {names[role]} goes first."
                )
            else:
                notes.append("Welcome back: the story picks up where you left it.")
        elif self.viewer is not None and self.last_chooser is not None and not game.state.picks:
            notes.append(f"{names[self.last_chooser]}'s turn is done.")
        if game.state.picks:
            answered = names[game.state.picks[-1].role]
            notes.append(f"{answered} has answered privately; it stays hidden until the reveal.")
        note = " ".join(notes)

        def shown(_ok: bool | None) -> None:
            self._handing_over = False
            self.viewer = role
            self.refresh_game()

        self.app.push_screen(HandOverScreen(game, role, note), shown)

    def _blank(self) -> None:
        """Nothing of the last turn stays on this screen behind a hand-over."""
        self.query_one("#outcome").display = False
        self.query_one("#happened").display = False
        self.query_one("#turn-note").display = False
        self.query_one("#scene", Static).update(literal(""))
        self.query_one("#choices", OptionList).clear_options()
        self.query_one("#where", Static).update(literal(""))

    def on_resize(self) -> None:
        self.call_after_refresh(self._more_hint)

    def _more_hint(self, *_args) -> None:
        """Say so on the choices' border when the story goes on below."""
        story = self.query_one("#story", VerticalScroll)
        more = story.max_scroll_y > 0 and story.scroll_y < story.max_scroll_y - 0.5
        hint = "↓ more story above: PgDn" if more else ""
        title = " · ".join(t for t in (self._choices_title, hint) if t)
        self.query_one("#choices", OptionList).border_title = one_line(title)

    def set_game(self, game: Game, notice: str = "") -> None:
        """Show another game here (a reload under --watch): same screen, new state."""
        self.game = game
        self.app.game = game
        self.last_outcome = None
        if notice:
            self.notice = notice
            n = self.query_one("#notice", Static)
            n.update(literal(notice))
            n.display = True
        if game.over:
            self._to_ending()
        else:
            self.refresh_game()

    def show_errors(self, lines: list[str], path: Path | None = None) -> None:
        box = self.query_one("#watch-errors", Static)
        if not lines:
            box.display = False
            return
        name = path.name if path is not None else "the scenario"
        box.update(
            assemble(
                (f"⚠ {name} has errors; still playing the last good version.", "bold"),
                "\n",
                join("\n", lines),
            )
        )
        box.display = True
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)

    # --- choosing --------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "choices" and event.option.id and self.settled():
            self.choose(int(event.option.id[1:]))

    def action_choose(self, index: int) -> None:
        if not self.settled():
            return
        game = self.game
        prompt = game.prompt()
        if prompt is None or (self.hotseat and prompt.role != self.viewer):
            return
        options = game.options(prompt)
        if index >= len(options):
            self.app.bell()
            self.notify(
                f"There are only {len(options)} choices here.", severity="warning", timeout=3
            )
            return
        option = options[index]  # the key pressed is the number shown
        if not option.available:
            self.notify(
                f"Choice {option.number} is locked: {option.locked}", severity="warning", timeout=4
            )
            return
        self.choose(option.index)

    def choose(self, index: int) -> None:
        game = self.game
        prompt = game.prompt()
        if prompt is None or (self.hotseat and prompt.role != self.viewer):
            return  # never answer for a player who has not confirmed at the hand-over
        pov = prompt.actor  # whose words the choice is in
        self.app.clear_notifications()  # a toast belongs to the scene it was about
        undo_point = before_choice(game)
        try:
            choices = prompt.scene.choices
            text = filled(game, choices[index].text, pov) if 0 <= index < len(choices) else ""
            outcome = game.choose(index)
        except ChoiceError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.app.undo_point = undo_point
        self.app.autosave(game)
        self.last_outcome = outcome
        self.last_choice_text = text
        self.last_chooser = prompt.role
        self.query_one("#notice").display = False
        if game.over:
            self._to_ending()
        elif not self.hotseat:
            self.refresh_game()
        else:
            self._after_answer(prompt, outcome)

    def _after_answer(self, prompt, outcome: Outcome) -> None:
        """Hot-seat: reveal, show the chooser their result, or hand over."""
        from trustquest.tui.screens.hotseat import RevealScreen

        game = self.game
        if not outcome.resolved:
            self.last_outcome = None  # a private answer: nothing to show anyone yet
            self.refresh_game()
            return
        next_role = game.prompt().role

        def done(_ok: bool | None) -> None:
            self.last_outcome = None
            self.refresh_game()

        if len(outcome.picks) > 1:
            # Both players watch the reveal, so the next turn starts with a hand-over.
            self.viewer = None
            self._blank()
            self.app.push_screen(RevealScreen(game, outcome), done)
        elif next_role != prompt.role:
            self._blank()
            self.app.push_screen(
                RevealScreen(
                    game, outcome, private_for=prompt.role, choice_text=self.last_choice_text
                ),
                done,
            )
        else:
            self.refresh_game()

    def _to_ending(self) -> None:
        from trustquest.tui.screens.ending import EndingScreen

        new = self.app.record_ending(self.game)
        self.app.switch_screen(
            EndingScreen(self.game, self.last_outcome, self.last_choice_text, new_find=new)
        )

    # --- other actions -------------------------------------------------------------------

    def action_backlog(self) -> None:
        from trustquest.tui.screens.backlog import BacklogScreen

        if self.hotseat:
            self.notify(
                "The backlog is for solo play: in a story for two it would show one "
                "player's turns to the other. Each journal (j) keeps your own answers.",
                severity="warning",
                timeout=5,
            )
            return
        self.app.push_screen(BacklogScreen(self.game, self.reader))

    def action_undo(self) -> None:
        why = refusal(self.game, self.app.undo_point)
        if why:
            self.notify(why, severity="warning", timeout=5)
            return
        self.app.undo_last()

    def action_undo_why(self) -> None:
        self.notify(NOT_TOGETHER, severity="warning", timeout=5)

    def action_journal(self) -> None:
        from trustquest.tui.screens.journal import JournalScreen

        self.app.push_screen(JournalScreen(self.game, self.reader))

    def action_meters(self) -> None:
        from trustquest.tui.screens.journal import MetersScreen

        self.app.push_screen(MetersScreen(self.game, self.reader))

    def action_saves(self) -> None:
        from trustquest.tui.screens.saves import SavesScreen

        self.app.push_screen(SavesScreen(self.game))

    def action_scroll_story(self, direction: int) -> None:
        story = self.query_one("#story", VerticalScroll)
        if direction < 0:
            story.scroll_page_up()
        else:
            story.scroll_page_down()

    def action_leave(self) -> None:
        from trustquest.tui.screens.dialogs import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                if self.game.state.turn > 0 and not self.game.over:
                    self.app.autosave(self.game)
                self.app.go_title()

        self.app.push_screen(
            ConfirmScreen(
                "Leave this story?",
                "Your place is autosaved after every choice; Continue on the title picks it up.",
                "Leave",
                "Stay",
            ),
            answer,
        )
