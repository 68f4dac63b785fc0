"""TrustQuest's full-screen game (issue #3), with `play FILE --watch` (issue #4).

`run()` is the entry point the CLI calls. `TrustQuestApp` holds what outlives
a screen: the saves folder, the profile, the game being played and the file
being watched. Screens live in `screens/`, imported when they first open, so
the title comes up about as fast as a bare Textual app; the engine
and plotting load later (PRODUCT.md §9).
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import contextlib  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from textual import on  # noqa: E402
from textual.app import App  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.screen import Screen  # noqa: E402

from trustquest.tui import messages  # noqa: E402
from trustquest.tui.layout import HORIZONTAL_BREAKPOINTS, MIN_HEIGHT, MIN_WIDTH  # noqa: E402
from trustquest.tui.lite import peek_theme  # noqa: E402

if TYPE_CHECKING:
    from trustquest.catalog import Entry
    from trustquest.engine.game import Game
    from trustquest.engine.undo import UndoPoint
    from trustquest.players import Players
    from trustquest.saves import Profile, SaveStore

CRASH_LOG = "crash.log"


#: Seconds a new scene ignores choice keys (a double tap is ~0.1-0.3 s).
CHOICE_SETTLE = 0.4
#: Seconds after a choice's new scene is drawn before its autosave is
#: written: long enough for the terminal to have the frame, far shorter
#: than a reader takes (see `TrustQuestApp.autosave_soon`).
SAVE_DELAY = 0.05


class TrustQuestApp(App[int]):
    """The game. Construct it with a saves folder; nothing else is needed."""

    CSS_PATH = "trustquest.tcss"
    TITLE = "TrustQuest"
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+t", "change_theme", "Theme", show=False),
    ]

    def __init__(
        self,
        saves: Path,
        *,
        entry: Entry | None = None,
        resume: bool = False,
        slot: str = "autosave",
        backup: bool = False,
        hotseat: bool = False,
        seed: int | None = None,
        watch: bool = False,
        players: Players | None = None,
        animations: bool = True,
        discover: Callable[[], list[Entry]] | None = None,
        watch_interval: float = 0.5,
        choice_settle: float = CHOICE_SETTLE,
        clock: Callable[[], float] = time.monotonic,
        save_delay: float = SAVE_DELAY,
    ):
        super().__init__()
        self.saves = Path(saves)
        self.entry = entry
        self.start_resume = resume
        #: `continue --slot NAME [--backup]`: which save to resume.
        self.start_slot = slot
        self.start_backup = backup
        #: `play ID --hotseat`: open the entry's setup for two players.
        self.start_hotseat = hotseat
        #: The seed of every new game (`play --seed`); None: a new one each game.
        self.seed = seed
        self._players = players
        self.watch_path: Path | None = Path(entry.path) if (watch and entry is not None) else None
        self.watch_interval = watch_interval
        #: How long a new scene ignores choice keys, so a double tap never
        #: skips it unread; `clock` measures it (a test drives its own).
        self.choice_settle = choice_settle
        self.clock = clock
        #: How long after a choice's new scene is drawn its autosave is written.
        self.save_delay = save_delay
        #: A choice's game, copied when it was made, waiting for its autosave.
        self._unsaved: Game | None = None
        self._watch_stamp: tuple[int, int] | None = None
        self._watch_errors: list[str] = []
        self._discover = discover
        self._store: SaveStore | None = None
        self._profile: Profile | None = None
        #: The game in play (None on the title, library...); kept for quit.
        self.game: Game | None = None
        #: Solo: the state before the last choice, for one-step undo.
        self.undo_point: UndoPoint | None = None
        self.crash_log: Path | None = None
        #: Why the last autosave failed, while the game in play is unsaved.
        self.save_failure = ""
        self._too_small = False
        self.startup_ms: float | None = None
        if not animations:
            self.animation_level = "none"
        self._theme_wanted = peek_theme(self.saves)

    # --- start ----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from trustquest.tui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        if self.no_color:
            self.add_class("-no-color")
        if self._theme_wanted and self._theme_wanted in self.available_themes:
            self.theme = self._theme_wanted
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._catch_signals()
        self.call_after_refresh(self._started)
        if self.entry is not None:
            self.setup(self.entry, "hotseat" if self.start_hotseat else "solo")
        elif self.start_resume:
            self.continue_game(self.start_slot, self.start_backup)
        if self.watch_path is not None:
            self._watch_stamp = self._stamp(self.watch_path)
            self.set_interval(self.watch_interval, self.poll_watch, name="watch")
        self._check_size()

    def _started(self) -> None:
        self.startup_ms = (time.perf_counter() - _STARTED) * 1000
        self.log.info(f"TrustQuest startup: {self.startup_ms:.0f} ms")
        if os.environ.get("TRUSTQUEST_LOG_STARTUP"):
            print(f"trustquest: startup {self.startup_ms:.0f} ms", file=sys.__stderr__)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast goes through here: it quotes scenario text, names and file
        names, so it is literal (no markup) and cleaned (no control characters).
        One at a time: a new one replaces the last, so they never pile up."""
        from trustquest.engine.text import clean_line, strip_controls

        self.clear_notifications()

        super().notify(
            strip_controls(str(message)),
            title=clean_line(str(title)),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    async def on_event(self, event) -> None:
        """A paste can carry anything (escape sequences above all): it arrives
        clean in every field, the command palette's included."""
        from textual import events

        if isinstance(event, events.Paste) and not event.is_forwarded:
            from trustquest.engine.text import strip_controls

            event.text = strip_controls(event.text)
        await super().on_event(event)

    # --- signals ----------------------------------------------------------------

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal went away) and SIGINT end the game the
        way Quit does, so Textual restores the terminal: the main screen back,
        mouse reporting off, the cursor shown. Every answer is autosaved the
        moment it is given, and a handler only runs between two steps of the
        event loop, never in the middle of a write: the autosave is kept whole."""
        import asyncio
        import signal
        from contextlib import suppress

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            # Not in the main thread (some test runners), or no such signal here: skip.
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_signal, int(signum))

    def exit(self, *args, **kwargs) -> None:
        self.flush_autosave()  # however the game ends, the last choice is saved
        super().exit(*args, **kwargs)

    def _on_signal(self, signum: int) -> None:
        self.flush_autosave()
        self.exit(128 + signum, return_code=128 + signum)

    # --- lazily loaded state ---------------------------------------------------

    @property
    def players(self) -> Players:
        """Names and pronouns from the command line (`--names`, `--pronouns`):
        setup's defaults. Made when setup first asks (attrs is not loaded
        for the title)."""
        if self._players is None:
            from trustquest.players import Players

            self._players = Players()
        return self._players

    @property
    def store(self) -> SaveStore:
        if self._store is None:
            from trustquest.saves import SaveStore

            self._store = SaveStore(self.saves)
        return self._store

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            from trustquest.saves import load_profile

            self._profile = load_profile(self.saves)
            if self._profile.problem:
                self.notify(self._profile.problem, title="Profile not read", severity="warning")
        return self._profile

    def save_profile(self) -> None:
        from trustquest.errors import SaveError
        from trustquest.saves import save_profile

        try:
            save_profile(self.saves, self.profile)
        except SaveError as exc:
            self.notify(str(exc), title="Could not save your settings", severity="error")

    def _remember_theme(self, theme: Any) -> None:
        name = getattr(theme, "name", str(theme))
        if self.profile.theme != name:
            self.profile.theme = name
            self.save_profile()

    def entries(self) -> list[Entry]:
        """Every scenario found, broken ones included."""
        if self._discover is not None:
            return list(self._discover())
        from trustquest.catalog import discover

        return discover()

    # --- screen size -------------------------------------------------------------

    def on_resize(self, event) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        """Below the minimum, "please enlarge" covers whatever is on top; when
        the terminal grows, it goes and the screen under it is as it was."""
        width, height = self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not small and not self._too_small:
            return  # the usual case: nothing to import, nothing to do
        from trustquest.tui.screens.dialogs import ConfirmScreen, TooSmallScreen

        self._too_small = small
        top = self.screen
        if small:
            asking_to_quit = isinstance(top, ConfirmScreen) and top.purpose == "quit"
            if not isinstance(top, TooSmallScreen) and not asking_to_quit:
                self.push_screen(TooSmallScreen())
        else:
            while isinstance(self.screen, TooSmallScreen):
                self.pop_screen()

    def push_screen(self, screen, *args, **kwargs):
        self.flush_autosave()  # whatever the new screen shows or does, the place is saved
        result = super().push_screen(screen, *args, **kwargs)
        if self._too_small:  # a screen opened by a timer or a callback: cover it too
            self.call_after_refresh(self._check_size)
        return result

    #: What the keys may still do while the terminal is too small.
    WHILE_TOO_SMALL = frozenset({"quit", "help_quit", "focus_next", "focus_previous"})

    def check_action(self, action: str, parameters) -> bool | None:
        return not self._too_small or action in self.WHILE_TOO_SMALL

    # --- navigation ------------------------------------------------------------

    def go_title(self) -> None:
        """Back to the title, closing every screen above it."""
        from trustquest.tui.screens.title import TitleScreen

        self.flush_autosave()
        self.game = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def setup(self, entry: Entry, mode: str = "solo") -> None:
        """The setup screen for `entry`, for one player (solo) or two (hotseat)."""
        from trustquest.tui.screens.setup import SetupScreen

        scenario = entry.scenario
        if scenario is None:
            return
        if mode not in scenario.modes:
            if mode == "solo":
                title = "A story for two"
                body = (
                    f"'{scenario.title}' is written for two players on one keyboard; "
                    "it has no solo version."
                )
                buttons = (("together", "Play it together"), ("ok", "Back"))
            else:
                title = "A story for one"
                body = (
                    f"'{scenario.title}' is written for one player; it cannot be played "
                    "together. Choose another story, or play this one solo."
                )
                buttons = (("solo", "Play it solo"), ("ok", "Back"))

            def chosen(answer: str | None) -> None:
                if answer in ("together", "solo"):
                    self.setup(entry, "hotseat" if answer == "together" else "solo")

            self.show_message(title, body, buttons, chosen)
            return
        self.push_screen(SetupScreen(entry, mode))

    def start_new(
        self,
        entry: Entry,
        names: dict[str, str],
        pronouns: str | dict[str, str],
        mode: str = "solo",
    ) -> None:
        """Begin a story. Solo: `pronouns` are the partner's. Hot-seat: a dict
        with each player's pronouns (player one holds role a)."""
        from trustquest.engine.game import Game
        from trustquest.engine.order import new_seed
        from trustquest.errors import ChoiceError

        chosen = pronouns if isinstance(pronouns, dict) else {"b": pronouns}
        try:
            seed = self.seed if self.seed is not None else new_seed()
            game = Game.new(entry.scenario, mode, names, chosen, seed)
        except ChoiceError as exc:
            self.show_message("Cannot start", str(exc))
            return
        if mode == "solo":
            me = game.state.names["a"]
            if me != entry.scenario.roles["a"].name and self.profile.last_names.get("a") != me:
                self.profile.last_names["a"] = me
                self.save_profile()
        self.open_game(game)

    def open_game(self, game: Game, notice: str = "") -> None:
        """Show `game` from the title up: the play screen, or its ending."""
        from trustquest.tui.screens.play import PlayScreen

        self.go_title()
        self.clear_notifications()  # nothing said about the last scene outlives it
        self.game = game
        self.push_screen(
            PlayScreen(
                game,
                notice=notice,
                settle=self.choice_settle,
                clock=self.clock,
                quiet=self.profile.layout == "quiet",
            )
        )
        if self.watch_path is not None and self._watch_errors:
            self.call_after_refresh(self._show_watch_errors)

    def undo_last(self) -> None:
        """Take back the last choice (solo): the state before it, whole, in
        play again and autosaved like any move. The caller checked `refusal`."""
        from trustquest.engine.undo import taken_back, undone
        from trustquest.tui.widgets.prose import prose

        point, self.undo_point = self.undo_point, None
        if point is None:
            return
        game = undone(point)
        self.autosave(game)
        text = taken_back(point)
        before = f" “{prose(game.fill(text, 'a')).plain}”" if text else ""
        self.open_game(game, notice=f"Undone: you are back before your choice{before}.")

    def game_screen(self):
        from trustquest.tui.screens.play import PlayScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, PlayScreen):
                return screen
        return None

    def show_message(self, title: str, body: str, buttons=(("ok", "OK"),), callback=None) -> None:
        from trustquest.tui.screens.dialogs import MessageScreen

        self.push_screen(MessageScreen(title, body, buttons), callback)

    # --- what the screens ask for (tui/messages.py) ---------------------------------

    @on(messages.Confirm)
    def _confirm(self, message: messages.Confirm) -> None:
        from trustquest.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            message.then(bool(yes))

        self.push_screen(
            ConfirmScreen(
                message.question, message.detail, message.yes, message.no, purpose=message.purpose
            ),
            answered,
        )

    @on(messages.LeaveStory)
    def _leave_story(self, message: messages.LeaveStory) -> None:
        game = message.game

        def answered(yes: bool) -> None:
            if yes:
                if not game.over and (game.state.turn > 0 or game.state.picks):
                    self.autosave(game)
                self.go_title()

        self._confirm(
            messages.Confirm("Leave this story?", message.detail, answered, "Leave", "Stay")
        )

    @on(messages.GoTitle)
    def _go_title(self, _message: messages.GoTitle) -> None:
        self.go_title()

    @on(messages.PlayGame)
    def _play_game(self, message: messages.PlayGame) -> None:
        self.open_game(message.game, notice=message.notice)

    @on(messages.Open)
    def _open(self, message: messages.Open) -> None:
        what, game, reader = message.what, message.game, message.reader
        if what == "journal":
            from trustquest.tui.screens.journal import JournalScreen

            self.push_screen(JournalScreen(game, reader))
        elif what == "meters":
            from trustquest.tui.screens.journal import MetersScreen

            self.push_screen(MetersScreen(game, reader))
        elif what == "saves":
            from trustquest.tui.screens.saves import SavesScreen

            self.push_screen(SavesScreen(game))
        elif what == "gallery":
            from trustquest.tui.screens.gallery import GalleryScreen

            self.push_screen(GalleryScreen())
        elif what == "patterns":
            from trustquest.tui.screens.patterns import PatternsScreen

            self.push_screen(PatternsScreen())
        elif what == "library":
            from trustquest.tui.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(message.mode))
        elif what == "backlog":
            from trustquest.tui.screens.backlog import BacklogScreen

            self.push_screen(BacklogScreen(game, reader))

    @on(messages.ShowDetails)
    def _show_details(self, message: messages.ShowDetails) -> None:
        from trustquest.tui.screens.journal import DetailsScreen

        self.push_screen(
            DetailsScreen(message.game, message.outcome, message.choice_text, message.reader)
        )

    @on(messages.LayoutChosen)
    def _layout_chosen(self, message: messages.LayoutChosen) -> None:
        layout = "quiet" if message.quiet else "meters"
        if self.profile.layout != layout:
            self.profile.layout = layout
            self.save_profile()
        self.notify(
            "Quiet layout: the story alone; m shows the meters, v brings them back."
            if message.quiet
            else "The meters are back beside the story; v hides them again.",
            timeout=4,
        )

    @on(messages.HandOver)
    def _hand_over(self, message: messages.HandOver) -> None:
        from trustquest.tui.screens.hotseat import HandOverScreen

        self.push_screen(HandOverScreen(message.game, message.role, message.note), message.then)

    @on(messages.Reveal)
    def _reveal(self, message: messages.Reveal) -> None:
        from trustquest.tui.screens.hotseat import RevealScreen

        screen = RevealScreen(
            message.game,
            message.outcome,
            private_for=message.private_for,
            choice_text=message.choice_text,
        )
        self.push_screen(screen, message.then)

    @on(messages.StoryEnded)
    def _story_ended(self, message: messages.StoryEnded) -> None:
        from trustquest.tui.screens.ending import EndingScreen
        from trustquest.tui.screens.play import PlayScreen

        game = message.game
        self.game = game
        new = self.record_ending(game)
        ending = EndingScreen(game, message.outcome, message.choice_text, new_find=new)
        # The play screen that told us gives way to the ending.
        if isinstance(self.screen, PlayScreen):
            self.switch_screen(ending)
        else:
            self.push_screen(ending)

    # --- saving and loading ------------------------------------------------------

    def hold_collection_until_drawn(self) -> None:
        """Pause Python's cyclic garbage collector until the next frame is
        drawn, as Textual does for smooth scrolling: a collection can take
        several milliseconds, longer than drawing a scene."""
        import gc

        if gc.isenabled():
            gc.disable()
            self.call_after_refresh(gc.enable)

    def autosave_soon(self, game: Game) -> None:
        """Autosave `game` as it is now, once the screen it changed is drawn.

        A choice's new scene comes first: the save's writes and flushes to
        the disk would delay it by more than the scene takes to draw. The
        state is copied now, so the save holds exactly this moment whatever
        happens next, and it is written `save_delay` seconds after the
        frame, or at once when a screen opens, the game quits, a signal
        arrives or an error ends the game. Only `kill -9` within that
        moment can lose the choice just made."""
        self._unsaved = type(game)(game.scenario, game.state.copy())
        self.call_after_refresh(self._save_after_frame)

    def _save_after_frame(self) -> None:
        if self.save_delay <= 0:
            self.flush_autosave()
        else:
            self.set_timer(self.save_delay, self.flush_autosave)

    def flush_autosave(self) -> None:
        """Write the autosave `autosave_soon` is waiting to write, if any."""
        game, self._unsaved = self._unsaved, None
        if game is not None:
            self.autosave(game)

    def autosave(self, game: Game) -> bool:
        from trustquest.errors import SaveError
        from trustquest.saves import AUTOSAVE

        self._unsaved = None  # this write supersedes any that was waiting
        try:
            self.store.write(AUTOSAVE, game)
        except SaveError as exc:
            self.save_failure = str(exc)
            self.notify(str(exc), title="Could not autosave", severity="error", timeout=8)
            return False
        self.save_failure = ""
        self.tell_save_notices()
        return True

    def tell_save_notices(self) -> None:
        """What a write did besides saving (a damaged save kept aside)."""
        for notice in self.store.take_notices():
            self.notify(notice, title="A damaged save was kept", severity="warning", timeout=15)

    def record_ending(self, game: Game) -> bool:
        """Add the ending to the gallery. True when it is a new find."""
        if game.ending is None:
            return False
        from trustquest.engine.last_time import taken

        new = self.profile.record_ending(game.scenario.id, game.ending.id)
        chosen = taken(game)  # solo only: marked in the next playthrough
        if chosen:
            self.profile.remember_choices(game.scenario.id, chosen)
        if new or chosen:
            self.save_profile()
        from trustquest.patterns_file import record

        problem = record(self.saves, game)
        if problem:
            self.notify(problem, title="Your patterns", severity="warning", timeout=8)
        return new

    def find_scenario(self, scenario_id: str, path: str):
        """The scenario a save belongs to: its file if still there, else by id."""
        from trustquest.catalog import for_save

        return for_save(scenario_id, path)

    def continue_game(self, name: str = "autosave", backup: bool = False) -> None:
        from trustquest.saves import AUTOSAVE

        if not self.store.exists(name, backup):
            if name != AUTOSAVE or backup:
                what = f"the backup of '{name}'" if backup else f"a save called '{name}'"
                self.show_message("Nothing to continue", f"There is no {what} in {self.saves}.")
                return
            self.show_message(
                "Nothing to continue",
                f"There is no autosave in {self.saves} yet. Start a story with Play solo "
                "or Play together; the game saves itself after every choice.",
            )
            return
        self.load_slot(name, backup)

    def load_slot(self, name: str, backup: bool = False) -> bool:
        """Load a save into play. On failure, explain, and offer the backup."""
        from trustquest.errors import SaveError, TrustQuestError
        from trustquest.saves import resume

        store = self.store
        try:
            loaded = store.read(name, backup=backup)
        except SaveError as exc:
            self._offer_backup(name, str(exc), backup)
            return False
        try:
            entry = self.find_scenario(loaded.state.scenario_id, loaded.scenario_path)
            game, notice = resume(entry.scenario, loaded.state)
        except TrustQuestError as exc:
            self.show_message(
                "This save cannot continue",
                f"The save '{name}' belongs to '{loaded.info.scenario_title or loaded.state.scenario_id}', "
                f"which cannot be played now: {exc}",
            )
            return False
        if backup:
            notice = (notice + " " if notice else "") + f"Loaded from the backup of '{name}'."
        self.open_game(game, notice=notice)
        return True

    def _offer_backup(self, name: str, problem: str, was_backup: bool) -> None:
        store = self.store
        body = f"{problem}.\n\nThe file is left as it is and will not be overwritten."
        if not was_backup and store.exists(name, backup=True):
            body += f"\n\nThe previous version is kept as {store.path(name, backup=True).name}."

            def chosen(answer: str | None) -> None:
                if answer == "backup":
                    self.load_slot(name, backup=True)

            self.show_message(
                "This save cannot be read",
                body,
                (("backup", "Load the backup"), ("ok", "Cancel")),
                chosen,
            )
        else:
            self.show_message("This save cannot be read", body)

    # --- quitting ------------------------------------------------------------------

    async def action_quit(self) -> None:
        from trustquest.tui.screens.dialogs import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen) and self.screen.purpose == "quit":
            return
        game = self.game
        if game is not None and self.save_failure:
            detail = (
                f"Your game could not be saved: {self.save_failure}. Quitting now loses "
                "the choices made since the last save that worked."
            )
        elif game is not None and not game.over:
            detail = (
                "Your place is saved: choose Continue on the title, or run `trustquest continue`."
            )
        else:
            detail = "Your endings and settings are saved."

        def answer(yes: bool | None) -> None:
            if yes:
                if self.game is not None and not self.game.over:
                    self.autosave(self.game)
                self.exit(0)

        self.push_screen(
            ConfirmScreen("Quit TrustQuest?", detail, "Quit", "Stay", purpose="quit"), answer
        )

    async def action_help_quit(self) -> None:
        """Ctrl+C (outside a text field, where it copies) asks to quit, like Ctrl+Q."""
        await self.action_quit()

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Screenshots go where Textual puts them (the palette's Screenshot):
        an action can never choose the file name or the folder."""
        self.deliver_screenshot()

    def action_help(self) -> None:
        from trustquest.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- watching a scenario file (play FILE --watch) -----------------------------------

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def poll_watch(self, force: bool = False) -> bool:
        """Reload the watched file if it changed. True when it reloaded."""
        path = self.watch_path
        if path is None:
            return False
        stamp = self._stamp(path)
        if not force and (stamp is None or stamp == self._watch_stamp):
            return False
        self._watch_stamp = stamp
        return self._reload(path)

    def _reload(self, path: Path) -> bool:
        from trustquest.engine.loader import check_file
        from trustquest.engine.reload import carried_words, carry_over, problem_lines, same_file
        from trustquest.errors import TrustQuestError

        scenario, diags = check_file(path)
        if scenario is None:
            self._watch_errors = problem_lines(diags)
            self._show_watch_errors()
            self.notify(
                "The file has errors; still playing the last good version.",
                title=f"{path.name} not reloaded",
                severity="error",
            )
            return False
        if self._watch_errors:
            self.clear_notifications()
        self._watch_errors = []
        if self.entry is not None:
            from trustquest.catalog import Entry

            self.entry = Entry(path, self.entry.origin, scenario, tuple(diags))
        old = self.game
        if old is None or not same_file(old.scenario.path, path):
            self.notify(f"Reloaded {path.name}.", title="Scenario reloaded")
            return True
        try:
            carried = carry_over(scenario, old)
        except TrustQuestError as exc:  # e.g. the edit dropped solo from `modes`
            self._watch_errors = [str(exc)]
            self._show_watch_errors()
            return False
        game = carried.game
        self.notify(carried_words(path.name, carried), title="Scenario reloaded")
        screen = self.game_screen()
        if game.over or old.over or screen is None:
            self.open_game(game)
        else:
            self.game = game
            screen.set_game(game)
            screen.show_errors([])
        return True

    def _show_watch_errors(self) -> None:
        screen = self.game_screen()
        if screen is not None:
            screen.show_errors(self._watch_errors, self.watch_path)

    # --- failures ---------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: write a crash log. The autosave keeps the
        last choice that was made whole (one waiting to be written is a copy
        taken when the choice was made, so it is written now); a choice the
        error interrupted is not saved."""
        with contextlib.suppress(Exception):
            self.flush_autosave()
        self.crash_log = write_crash_log(self.saves, error)
        super()._handle_exception(error)


def write_crash_log(saves: Path, error: BaseException) -> Path | None:
    import traceback
    from datetime import UTC, datetime

    try:
        folder = Path(saves)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CRASH_LOG
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')} (full-screen game)\n")
            fh.write("".join(traceback.format_exception(error)))
            fh.write("\n")
        return path
    except OSError:
        return None


def run(
    *,
    saves: Path,
    entry: Entry | None = None,
    resume: bool = False,
    slot: str = "autosave",
    backup: bool = False,
    hotseat: bool = False,
    seed: int | None = None,
    watch: bool = False,
    players: Players | None = None,
) -> int:
    """Run the full-screen game. Returns the exit code."""
    if hotseat and entry is not None and entry.scenario is not None:
        scenario = entry.scenario
        if "hotseat" not in scenario.modes:
            ref = str(entry.path) if entry.origin == "file" else scenario.id
            print(
                f"trustquest: '{scenario.title}' is for one player and cannot be played "
                f"together (its modes: {', '.join(scenario.modes)}); "
                f"play it solo with `trustquest play {ref}`.",
                file=sys.stderr,
            )
            return 2
    app = TrustQuestApp(
        saves,
        entry=entry,
        resume=resume,
        slot=slot,
        backup=backup,
        hotseat=hotseat,
        seed=seed,
        watch=watch,
        players=players,
    )
    code = app.run()
    if app.crash_log is not None:
        print(
            "trustquest: the game hit an unexpected error. Your autosave is intact; "
            f"details were written to {app.crash_log}",
            file=sys.stderr,
        )
        return 1
    return int(code or app.return_code or 0)
