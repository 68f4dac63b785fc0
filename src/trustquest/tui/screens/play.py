"""The play screen: the scene, the choices, both trust profiles, and what
each choice changed.

Scenario text is untrusted. Scene text is rendered by `widgets.prose` (the
format's small Markdown: emphasis, lists, paragraphs) into `Content`, and
everything else is plain `Content` too, which never parses markup, so
`[bold]` or `<b>` in a file or a name shows up literally. The words come
from `tui.render`; what happens next (a hand-over, a reveal, the ending) is
the app's to decide, told through `tui.messages`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from trustquest.engine.describe import habit_words
from trustquest.engine.game import Game, Outcome
from trustquest.engine.last_time import marked
from trustquest.engine.privacy import averted_untold, told
from trustquest.engine.recent import recent
from trustquest.engine.turns import GUESS
from trustquest.engine.undo import NOT_TOGETHER, before_choice, refusal
from trustquest.errors import ChoiceError
from trustquest.tui import messages
from trustquest.tui.layout import WHOSE_TURN_WIDTH
from trustquest.tui.literal import EMPTY, assemble, join, literal, named, styled
from trustquest.tui.render.outcome import events_text, later_content
from trustquest.tui.render.story import more_of_scene, option_prompt, scene_prose
from trustquest.tui.render.turns import choices_title, handover_note, turn_note
from trustquest.tui.widgets.changes import ChangeLine
from trustquest.tui.widgets.keybar import KeyBar
from trustquest.tui.widgets.meters import MetersPanel, TrustLine
from trustquest.tui.widgets.prose import filled
from trustquest.tui.widgets.wrapped_list import WrappedOptionList


class PlayScreen(Screen):
    # The footer shows what a player needs at 60 columns, whole; the other
    # keys are in the help (?) and the command palette.
    BINDINGS = [
        Binding("1", "choose(0)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n - 1})", show=False) for n in range(2, 10)],
        Binding("b", "backlog", "Backlog"),
        Binding("u", "undo", "Undo"),
        Binding("u", "undo_why", show=False),  # hot-seat: the key says why there is none
        Binding("d", "details", "Details"),
        Binding("j", "journal", "Journal", show=False),
        Binding("m", "meters", "Meters", show=False),
        Binding("v", "quiet", "Layout", show=False),
        Binding("s", "saves", "Save", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("escape", "leave", "Title", show=False),
        Binding("pageup", "scroll_story(-1)", show=False, priority=True),
        Binding("pagedown", "scroll_story(1)", show=False, priority=True),
    ]

    def __init__(
        self,
        game: Game,
        notice: str = "",
        *,
        settle: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        quiet: bool = False,
    ):
        super().__init__()
        #: The text-first layout: no meters beside the story (m shows them).
        self.quiet = quiet
        self.game = game
        self.notice = notice
        self.last_outcome: Outcome | None = None
        self.last_choice_text = ""
        #: Hot-seat: the player the screen shows (None until someone confirms
        #: at a hand-over), and the player whose choice `last_outcome` is.
        self.viewer: str | None = None
        self.last_chooser: str | None = None
        self._handing_over = False
        #: Hot-seat: the prompt the question over the choices is about.
        self._asking = None
        #: How long a new scene ignores choice keys (a double tap is ~0.1-0.3 s),
        #: measured on `clock`; and when the scene now on screen was first
        #: drawn (None until it has been).
        self._settle = settle
        self._clock = clock
        self._shown_at: float | None = None
        #: What `_put` last gave each widget; and the scene now drawn, as
        #: (game, turn, history length, reader), for `_show_numbers`.
        self._last: dict[Static, object] = {}
        self._showing: tuple | None = None
        # The screen's parts, made once and kept (no lookups by id).
        self._where = Static(id="where")
        self._where_title = Static(id="where-title")
        self._trustline = TrustLine(id="trustline")
        self._turn = Static(id="turn")
        self._story = VerticalScroll(id="story")
        self._watch_errors = Static(id="watch-errors", classes="box -error")
        self._notice = Static(id="notice", classes="box -notice")
        self._changes = ChangeLine(id="changes")
        self._later = Static(id="later", classes="box -later")
        self._time_label = Static(id="time-label")
        self._happened = Static(id="happened", classes="box -event")
        self._scene = Static(id="scene")
        self._turn_note = Static(id="turn-note", classes="box -turn")
        self._more = Static(id="story-more")
        self._choices = WrappedOptionList(id="choices", markup=False)
        self._meters = MetersPanel(id="meters")

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "undo":
            return not self.hotseat
        if action == "undo_why":
            return self.hotseat
        return True

    @property
    def hotseat(self) -> bool:
        return self.game.state.mode == "hotseat"

    def viewer_confirmed(self) -> bool:
        """Hot-seat: has the player whose view this screen shows confirmed at
        the hand-over, with none under way? Until then (behind a reveal, between
        a reveal and the hand-over) nothing one player may see privately opens."""
        if not self.hotseat:
            return True
        return self.viewer is not None and not self._handing_over

    @property
    def reader(self) -> str:
        """Whose point of view the screen shows: the player at the keyboard."""
        return self.viewer if self.hotseat and self.viewer else "a"

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield self._where
            yield self._where_title
            yield self._trustline
            yield self._turn
        yield self._changes
        with Horizontal(id="play-body"):
            with Vertical(id="story-col"):
                with self._story:
                    yield self._watch_errors
                    yield self._notice
                    yield self._later
                    yield self._time_label
                    yield self._happened
                    yield self._scene
                    yield self._turn_note
                yield self._more
                yield self._choices
            with VerticalScroll(id="meters-col"):
                yield self._meters
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_class(self.hotseat, "-hotseat")
        self.set_class(self.quiet, "-quiet")
        self._watch_errors.display = False
        if self.notice:
            self._notice.update(literal(self.notice))
        else:
            self._notice.display = False
        self._later.display = False
        self._happened.display = False
        self._turn_note.display = False
        self._more.display = False
        self.watch(self._story, "scroll_y", self._more_hint, init=False)
        self.watch(self._story, "virtual_size", self._more_hint, init=False)
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
        if self.hotseat:
            name = game.state.names[reader]
            self._put(
                self._where, named(" {}'s turn ", name, WHOSE_TURN_WIDTH).stylize("bold reverse")
            )
            self._put(self._where_title, literal(scenario.title))
        else:
            self._put(self._where, styled(scenario.title, "bold"))
        self._turn.update(literal(f"Choice {game.state.turn + 1}"))
        self._put(self._time_label, literal(game.time_of(scene, reader)))
        self._time_label.display = bool(scene.time)
        note = turn_note(game, prompt) if self.hotseat else ""
        self._put(self._turn_note, literal(note))
        self._turn_note.display = bool(note)
        # A guesser reads whose scene it is before the scene; any other note
        # sits under the scene, next to the choices it is about.
        above = prompt.kind == GUESS
        order = self._story.children
        if self.hotseat and (order.index(self._turn_note) < order.index(self._happened)) != above:
            if above:
                self._story.move_child(self._turn_note, before=self._happened)
            else:
                self._story.move_child(self._turn_note, after=self._scene)
        # The scene and the choices read in the chooser's words: a guess is
        # about the partner's choice, as the partner sees it.
        pov = prompt.actor
        happened = game.arrived()
        self._happened.update(events_text(game, happened, reader))
        self._happened.display = bool(happened)
        self._scene.update(scene_prose(game, pov))
        self._show_choices(prompt, pov)
        self._asking = prompt if self.hotseat else None
        # The reader's own answer and what followed it; in hot-seat, when the
        # other player answered last, only what happened since.
        mine = not self.hotseat or (self.last_chooser == reader and self.last_outcome is not None)
        fired = told(game, self.last_outcome, reader) if mine and self.last_outcome else ()
        # In hot-seat, with the reader alone at the keyboard: what they set
        # up that came due and was averted while the other, or both, looked.
        fired += averted_untold(game, reader) if self.hotseat else ()
        if fired:
            self._later.update(later_content(game, fired, reader))
        self._later.display = bool(fired)
        self._story.scroll_home(animate=False)
        # Story first: the scene is drawn, then the numbers (one frame later,
        # a few milliseconds), so the numbers never delay the story.
        shown = self._showing = (game, game.state.turn, len(game.state.history), reader)
        self.call_after_refresh(self._show_numbers, shown, mine)
        self._shown_at = None
        self.call_after_refresh(self._mark_shown)

    def _show_numbers(self, shown: tuple, mine: bool) -> None:
        """The meters, the trust line and what changed, for the scene
        `refresh_game` just drew; nothing if another turn is showing (or a
        hand-over is hiding this one)."""
        if shown != self._showing or self._handing_over:
            return
        game, _turn, _entries, reader = shown
        self._trustline.show(game, reader)
        self._meters.show_game(game, reader)
        self._changes.show(game, recent(game, reader, own_answer=mine), reader)
        self._more_hint()

    def _put(self, widget: Static, content: Content) -> None:
        """Update `widget` only when its content changes: an update lays the
        screen out again even when nothing moved."""
        if self._last.get(widget) != content:
            self._last[widget] = content
            widget.update(content)

    def _show_choices(self, prompt, pov: str) -> None:
        game = self.game
        last = self.app.profile.chosen_last_time(game.scenario.id)
        options = game.options(prompt)
        # One set_options, not an add_option each: every add lays the list out again.
        self._choices.set_options(
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
            for o in options
        )
        # The first open choice, as a position in the list as shown.
        self._choices.highlighted = next((o.number - 1 for o in options if o.available), None)
        self._choices.focus()

    def _mark_shown(self) -> None:
        self._shown_at = self._clock()

    def settled(self) -> bool:
        """Has the scene been on screen long enough to take a choice? A key
        pressed sooner is the second half of a double tap, and is ignored."""
        if self._settle <= 0:
            return True
        return self._shown_at is not None and self._clock() - self._shown_at >= self._settle

    def _hand_over(self, role: str) -> None:
        """Hide this screen's story and ask `role` to take the keyboard."""
        if self._handing_over:
            return
        self._handing_over = True
        self._blank()
        note = handover_note(self.game, role, self.viewer, self.last_chooser)

        def shown(_ok: bool | None) -> None:
            self._handing_over = False
            self.viewer = role
            self.refresh_game()

        self.post_message(messages.HandOver(self.game, role, note, shown))

    def _blank(self) -> None:
        """Nothing of the last turn stays on this screen behind a hand-over."""
        self._showing = None
        self._last.clear()
        self._changes.show(self.game, None, self.reader)
        self._later.display = False
        self._happened.display = False
        self._turn_note.display = False
        self._scene.update(literal(""))
        self._choices.clear_options()
        self._where.update(literal(""))

    def on_resize(self) -> None:
        self.call_after_refresh(self._more_hint)

    def _fit_choices(self) -> None:
        """The story keeps at least half the column; the choices take the rest,
        and more when the story is short, so a locked choice's reason shows."""
        column = self._story.parent
        if column is None or not column.size.height:
            return
        story = self._story
        # Where each part sits in the whole story, however it is scrolled (a
        # part scrolled out of view has no region on screen).
        shown = [w for w in story.children if w.display and w.virtual_region.height]
        if not shown:
            return
        needs = max(w.virtual_region.bottom + w.styles.margin.bottom for w in shown)
        room = column.size.height - needs
        # The line saying where the rest of the scene is comes out of the choices' share.
        most = max(column.size.height // 2, room) - (1 if self._more.display else 0)
        if self._choices.styles.max_height != most:
            self._choices.styles.max_height = most

    def _more_hint(self, *_args) -> None:
        """Under the story, when the scene does not fit: where the rest is and
        the key that reads it."""
        story = self._story
        hint = more_of_scene(story.scroll_y > 0.5, story.scroll_y < story.max_scroll_y - 0.5)
        if hint:
            self._more.update(literal(hint))
        fitted = (self._more.display, self._choices.styles.max_height)
        self._more.display = bool(hint)
        self._fit_choices()
        if (self._more.display, self._choices.styles.max_height) != fitted:
            # The story's height changes with these, and with it whether the
            # scene fits: look again once that layout is done.
            self.call_after_refresh(self._more_hint)
        # Hot-seat: the question over the choices; a long name is cut, never the question.
        asking = self._asking
        room = max(self._choices.size.width - 6, 10)
        question = choices_title(self.game, asking, room) if asking is not None else EMPTY
        self._choices.border_title = assemble(question)

    def set_game(self, game: Game, notice: str = "") -> None:
        """Show another game here (a reload under --watch): same screen, new state."""
        self.game = game
        self.last_outcome = None
        if notice:
            self.notice = notice
            self._notice.update(literal(notice))
            self._notice.display = True
        if game.over:
            self._to_ending()
        else:
            self.refresh_game()

    def show_errors(self, lines: list[str], path: Path | None = None) -> None:
        box = self._watch_errors
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
        self._story.scroll_home(animate=False)

    # --- choosing --------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list is self._choices and event.option.id and self.settled():
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
        # No garbage collection between the key and the new scene on screen:
        # a pass of the collector can take longer than the scene to draw.
        self.app.hold_collection_until_drawn()
        pov = prompt.actor  # whose words the choice is in
        app = self.app
        app.clear_notifications()  # a toast belongs to the scene it was about
        undo_point = before_choice(game)
        try:
            choices = prompt.scene.choices
            text = filled(game, choices[index].text, pov) if 0 <= index < len(choices) else ""
            outcome = game.choose(index)
        except ChoiceError as exc:
            self.notify(str(exc), severity="warning")
            return
        app.undo_point = undo_point
        # Written once the new scene is on screen (the writes and their
        # flushes would delay it); a signal, quitting, a crash and every new
        # screen write it at once (`TrustQuestApp.autosave_soon`).
        app.autosave_soon(game)
        self.last_outcome = outcome
        self.last_choice_text = text
        self.last_chooser = prompt.role
        self._notice.display = False
        if game.over:
            self._to_ending()
        elif not self.hotseat:
            self.refresh_game()
        else:
            self._after_answer(prompt, outcome)

    def _after_answer(self, prompt, outcome: Outcome) -> None:
        """Hot-seat: reveal, show the chooser their result, or hand over."""
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
            self.post_message(messages.Reveal(game, outcome, done))
        elif next_role != prompt.role:
            self._blank()
            self.post_message(
                messages.Reveal(
                    game,
                    outcome,
                    done,
                    private_for=prompt.role,
                    choice_text=self.last_choice_text,
                )
            )
        else:
            self.refresh_game()

    def _to_ending(self) -> None:
        self.post_message(messages.StoryEnded(self.game, self.last_outcome, self.last_choice_text))

    # --- other actions -------------------------------------------------------------------

    def action_backlog(self) -> None:
        if self.viewer_confirmed():
            self.post_message(messages.Open("backlog", self.game, self.reader))

    def action_undo(self) -> None:
        why = refusal(self.game, self.app.undo_point)
        if why:
            self.notify(why, severity="warning", timeout=5)
            return
        self.app.undo_last()

    def action_undo_why(self) -> None:
        self.notify(NOT_TOGETHER, severity="warning", timeout=5)

    def action_details(self) -> None:
        """Everything the last turn changed, in words (the change line is its summary)."""
        if not self.viewer_confirmed():
            return
        mine = not self.hotseat or self.last_chooser == self.reader
        self.post_message(
            messages.ShowDetails(
                self.game,
                self.last_outcome if mine else None,
                self.last_choice_text if mine else "",
                self.reader,
            )
        )

    def action_quiet(self) -> None:
        """Switch between the text-first layout and the meters beside the story."""
        self.quiet = not self.quiet
        self.set_class(self.quiet, "-quiet")
        self.call_after_refresh(self._more_hint)
        self.post_message(messages.LayoutChosen(self.quiet))

    def action_journal(self) -> None:
        if self.viewer_confirmed():
            self.post_message(messages.Open("journal", self.game, self.reader))

    def action_meters(self) -> None:
        if self.viewer_confirmed():
            self.post_message(messages.Open("meters", self.game, self.reader))

    def action_saves(self) -> None:
        self.post_message(messages.Open("saves", self.game))

    def action_scroll_story(self, direction: int) -> None:
        if direction < 0:
            self._story.scroll_page_up()
        else:
            self._story.scroll_page_down()

    def action_leave(self) -> None:
        self.post_message(
            messages.LeaveStory(
                self.game,
                "Your place is autosaved after every choice; Continue on the title picks it up.",
            )
        )
