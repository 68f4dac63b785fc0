"""Plain mode: the same game as numbered lines of text.

For screen readers, for playing over a pipe, and for scripting. Answers are
read as numbers from standard input; meters are described in words. The end
of input (or `q`) saves and exits cleanly.
"""

from __future__ import annotations

import os
import signal
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from trustquest.catalog import Entry, for_save
from trustquest.engine.describe import (
    change_words,
    guess_lead,
    habit_words,
    level_word,
    opening_lines,
    trust_sentence,
    whole,
    whose,
    wound_lines,
)
from trustquest.engine.game import Game, Outcome, Prompt
from trustquest.engine.lessons import GLOSSARY, HELP_NOTE, ending_lessons
from trustquest.engine.markdown import (
    BULLET,
    fill_literal,
    plain_paragraphs,
    plain_text,
    sentence,
)
from trustquest.engine.meters import other
from trustquest.engine.order import new_seed
from trustquest.engine.privacy import averted_untold, looking, told
from trustquest.engine.recap import answer_lines, event_line, recap
from trustquest.engine.recent import net_changes
from trustquest.engine.reflection import (
    credit_words,
    debrief_opening,
    debrief_rows,
    turning_points,
)
from trustquest.engine.turns import GUESS
from trustquest.errors import ChoiceError, SaveError, TrustQuestError
from trustquest.output import CleanStream, raw
from trustquest.patterns_file import record as record_patterns
from trustquest.players import Players
from trustquest.saves import AUTOSAVE, SaveStore, load_profile, save_profile, slot_name
from trustquest.saves import resume as resume_state

HELP = (
    "How to play: type the number of a choice and press Enter. "
    "Type m for the meters in words, h for help, q to save and quit. "
    "The end of input saves too; resume with: trustquest continue --plain"
)
#: The hand-over's rule, said once at the start of a hot-seat game.
HOTSEAT_RULE = (
    "Your answers stay private. When both of you answer a scene, or one of you guesses "
    "the other's choice, the answers are shown to you both as soon as they are in; "
    "everything else waits for the debrief at the end."
)
#: What quits at any question.
QUIT = ("q", "quit", "exit")
#: Clear the screen and its scrollback, cursor home (only ever sent to a terminal).
CLEAR = "\x1b[H\x1b[2J\x1b[3J"


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(stream) -> int | None:
    """The columns to wrap to: the terminal's, or None (no wrapping) when the
    output is not a terminal, so a screen reader or a file gets one paragraph
    per line."""
    if not _isatty(stream):
        return None
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 80
    return max(columns - 1, 20)


def answer_prompt(count: int) -> str:
    """The one question every answer is asked with, worded the same each time."""
    return f"Your answer, 1 to {count} (m meters, h help, q quit): "


class _Quit(Exception):
    """End of input, or the player typed q."""


class PlainGame:
    def __init__(self, game: Game, saves: Path, inp=None, out=None):
        self.game = game
        self.saves = Path(saves)
        self.store = SaveStore(self.saves)
        self.inp = inp or sys.stdin
        # Names and text from saves are printed: never as terminal controls.
        self.out = CleanStream(out or sys.stdout)
        self.last_role: str | None = None
        #: Hot-seat: the first turn of this session (no hand-over before it,
        #: unless the game was resumed, when the screen may hold anything).
        self.first_turn = True
        self.resumed = False
        #: A reveal is on screen that both players should read before it is cleared.
        self.unread_reveal = False
        #: The signal (SIGTERM, SIGHUP) that asked the game to stop, if any.
        self.stopped_by: int | None = None
        self._reading = False
        #: Whether the game as it stands is saved (False after a failed write).
        self.saved = True

    # --- output -------------------------------------------------------------

    def say(self, text: str = "", wrap: bool = True) -> None:
        """Each line of `text` is one paragraph: wrapped at word boundaries on a
        terminal (continuations indented), left whole anywhere else. A path
        is said with `wrap=False`, so it is never split."""
        width = _width(self.out.raw) if wrap else None
        for para in text.split("\n"):
            if width and len(para) > width:
                indent = " " * (len(para) - len(para.lstrip(" ")))
                para = textwrap.fill(
                    para,
                    width,
                    subsequent_indent=indent + "  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            self.out.write(para + "\n")
        self.out.flush()

    def words(self, source: str, reader: str) -> list[str]:
        """Scenario text as `reader` reads it, in plain words: one paragraph
        (or list item) per line, emphasis without its marks."""
        return plain_paragraphs(fill_literal(self.game, source, reader))

    def line(self, source: str, reader: str) -> str:
        """Scenario text (a choice, an event) as one line of plain words."""
        return " ".join(self.words(source, reader))

    def ask(self, question: str) -> str:
        if self.stopped_by:
            raise _Quit
        self.out.write(question)
        self.out.flush()
        self._reading = True
        try:
            line = self.inp.readline()
        finally:
            self._reading = False
        if not line:
            self.out.write("\n")
            raise _Quit
        if not _isatty(self.inp):
            self.out.write("\n")  # piped input is not echoed: keep the transcript readable
        return line.strip()

    # --- the loop -----------------------------------------------------------

    def intro(self) -> None:
        s, st = self.game.scenario, self.game.state
        self.say(f"TrustQuest: {s.title}.")
        self.say(" ".join(plain_paragraphs(s.summary)))
        if s.content_notes:
            self.say(f"Content notes: {', '.join(s.content_notes)}.")
        if st.mode == "hotseat":
            self.say(
                f"Playing together: {st.names['a']} ({st.pronouns['a']}) and "
                f"{st.names['b']} ({st.pronouns['b']}) share this keyboard. {HOTSEAT_RULE}"
            )
        else:
            self.say(
                f"You are {st.names['a']}; your partner is {st.names['b']} ({st.pronouns['b']})."
            )
        self.say(HELP)
        self.warn_profile()

    def warn_profile(self) -> None:
        problem = load_profile(self.saves).problem
        if problem:
            self.say(f"Note: {problem}.")

    def play(self) -> int:
        with self._signals_stop_the_game():
            try:
                while not self.game.over:
                    prompt = self.game.prompt()
                    self.handover(prompt)
                    self.show(prompt)
                    outcome = self.answer(prompt)
                    self.autosave()
                    if outcome.resolved:
                        self.report(outcome)
                self.finish()
            except _Quit:
                self.autosave()
                if self.saved:
                    with suppress(OSError):  # SIGHUP: the terminal is gone; the save is made
                        self.say("Saved. To resume, type: trustquest continue --plain")
                        self.say(f"Saves folder: {self.saves}", wrap=False)
        if not self.saved:
            with suppress(OSError):
                self.say("Not saved: the game could not be written to the saves folder:")
                self.say(str(self.saves), wrap=False)
                self.say("The last save that worked is kept as it was.")
            return 1
        return 128 + self.stopped_by if self.stopped_by else 0

    @contextmanager
    def _signals_stop_the_game(self) -> Iterator[None]:
        """SIGTERM and SIGHUP end the game as `q` does: the autosave is made,
        and never half-written. While the game waits for a line the signal
        ends the wait; otherwise it is noted and acted on at the next question."""

        def stop(signum, _frame) -> None:
            self.stopped_by = signum
            if self._reading:
                raise _Quit

        wanted = (signal.SIGTERM, signal.SIGHUP)
        try:
            before = {s: signal.signal(s, stop) for s in wanted}
        except ValueError:  # not the main thread: leave signals alone
            before = {}
        try:
            yield
        finally:
            for s, handler in before.items():
                signal.signal(s, handler)

    def handover(self, prompt: Prompt) -> None:
        """Between two players' turns. On a terminal the screen (and its
        scrollback) is cleared, so nothing of the last turn stays in view, and
        the game waits for the next player; a pipe gets a hand-over line.
        Then the recap: what happened in the shared story since this
        player's last turn, never the other's private answers."""
        game = self.game
        if game.state.mode != "hotseat":
            return
        # After a reveal both players are looking: the next turn starts with
        # a hand-over even when the same player goes on, as in the full-screen game.
        keeps = prompt.role == self.last_role
        self.last_role = prompt.role
        if (keeps and not self.unread_reveal) or (self.first_turn and not self.resumed):
            self.first_turn = False
            self.unread_reveal = False
            return
        self.first_turn = False
        names = game.state.names
        name, away = names[prompt.role], names[other(prompt.role)]
        clears = _isatty(self.out.raw)
        if clears:
            if self.unread_reveal and _isatty(self.inp):
                self.confirm("Press Enter when you have both read this")
            raw(self.out).write(CLEAR)  # the game's own terminal control, not text
        self.unread_reveal = False
        self.say()
        if self.resumed:
            self.say(
                f"Hand-over: {name}'s turn. Welcome back: the story picks up where you left it."
            )
        elif keeps:
            self.say(f"Hand-over: {name}'s turn again. {away}, look away now.")
        else:
            self.say(
                f"Hand-over: {name}'s turn. {away}, pass the keyboard to {name} and look away."
            )
        self.resumed = False
        told = recap(game, prompt.role)
        if told.lines:
            self.say(told.heading)
            for line in told.lines:
                self.say(f"  {line}")
        if game.state.picks and prompt.kind != GUESS:
            answered = names[game.state.picks[-1].role]
            self.say(
                f"{answered} has answered this scene in private; it stays hidden until the reveal."
            )
        if _isatty(self.inp):
            self.confirm(f"{name}, press Enter when you are at the keyboard")

    def confirm(self, question: str) -> None:
        """Wait for Enter, asked the way every question is asked; q quits."""
        if self.ask(f"{question} (q quit): ").lower() in QUIT:
            raise _Quit

    def show(self, prompt: Prompt) -> None:
        game = self.game
        scene = prompt.scene
        self.say()
        if game.state.mode == "hotseat":
            self.say(f"{game.state.names[prompt.role]}'s turn.")
            # Theirs alone, now they are at the keyboard (never in the recap,
            # which may be read before the other player looks away).
            self.came_due(averted_untold(game, prompt.role), True)
        if scene.time:
            self.say(sentence(game.time_of(scene, prompt.actor)))
        # The scene and the choices read in the chooser's words: a guess is
        # about the partner's choice, as the partner sees it. Said first, so
        # the guesser knows whose "you" everything below speaks to.
        actor = game.state.names[prompt.actor]
        if prompt.kind == GUESS:
            self.say(guess_lead(game, prompt))
        # What happened on arrival, told once to each player who answers here.
        if all(p.role != prompt.role for p in game.state.picks):
            for e in game.arrived():
                self.event(e, prompt.role)
        self.say("\n".join(self.words(game.scene_source(prompt.actor), prompt.actor)))
        if prompt.kind == GUESS:
            verb = "will make" if prompt.turn.ahead else "made"
            self.say(f"Which choice do you think {actor} {verb}?")
        for o in game.options(prompt):
            text = self.line(scene.choices[o.index].text, prompt.actor)
            habit = habit_words(o.repeat, o.span)
            text = f"{text} ({habit})" if habit else text
            if o.available:
                self.say(f"{o.number}. {text}")
            else:
                self.say(f"{o.number}. {text} (locked: {sentence(o.locked)})")

    def event(self, happened, viewer: str) -> None:
        """A story event, marked as something that happened, with what it changed."""
        game = self.game
        self.say(event_line(game, viewer, happened))
        reader = "a" if game.state.mode == "solo" else None
        for c in net_changes(happened.changes):
            self.say(f"  {whose(game, c.role, reader)}: {change_words(game.scenario, c, True)}.")

    def answer(self, prompt: Prompt) -> Outcome:
        options = self.game.options(prompt)
        n = len(options)
        while True:
            reply = self.ask(answer_prompt(n)).lower()
            if reply in QUIT:
                raise _Quit
            if reply in ("m", "meters"):
                self.meters(prompt.role)
                continue
            if reply in ("h", "help", "?"):
                self.help()
                continue
            # The game's own errors name scenes by id: check here, and say it in words.
            if not reply.isdigit() or not 1 <= int(reply) <= n:
                self.say(f"There is no choice {reply!r} here: type a number from 1 to {n}.")
                continue
            option = options[int(reply) - 1]
            if not option.available:
                self.say(f"Choice {option.number} is locked: {sentence(option.locked)}")
                continue
            try:
                return self.game.choose_number(option.number)
            except ChoiceError:
                self.say(f"Choice {option.number} can't be taken now.")

    def report(self, outcome: Outcome) -> None:
        game = self.game
        hotseat = game.state.mode == "hotseat"
        # Whoever is looking now hears only what `privacy.told_of` allows.
        self.came_due(told(game, outcome, looking(outcome)), hotseat)
        if hotseat and len(outcome.picks) < 2:
            self.say("The story moves on. What you chose stays private until the debrief.")
            return
        if hotseat:
            self.reveal(outcome)
            return
        if outcome.changes:
            self.say("What changed:")
        for c in net_changes(outcome.changes):
            self.say(f"  {whose(game, c.role, 'a')}: {change_words(game.scenario, c, True)}.")

    def came_due(self, fired, hotseat: bool, lead: str = "") -> None:
        """Consequences that came due (`engine.game.Fired`s), one line each."""
        names = self.game.state.names
        for f in fired:
            text = self.line(_later_source(self.game, f), f.role) or f.text
            who = names[f.role] if hotseat else "you"
            if f.averted:
                self.say(f"{lead}Something from earlier came due, and did not happen: {text}")
            else:
                self.say(f"{lead}Something from earlier catches up with {who}: {text}")

    def reveal(self, outcome: Outcome) -> None:
        """A scene both players answered, as soon as the last answer is in:
        every answer in its chooser's words, how they compare, what changed."""
        game = self.game
        scene = game.scenario.scenes[outcome.scene_id]
        what = "the guess" if any(p.kind == GUESS for p in outcome.picks) else "both answers"
        self.say()
        self.say(f"Together again: {what}, revealed.")
        for line in answer_lines(game, scene, outcome.picks):
            self.say(line)
        if outcome.changes:
            self.say("What changed:")
        for c in net_changes(outcome.changes):
            self.say(f"  {whose(game, c.role, None)}: {change_words(game.scenario, c, True)}.")
        self.unread_reveal = True

    def meters(self, reader: str) -> None:
        game = self.game
        self.say(trust_sentence(game, reader, spoken=True))
        for owner in (other(reader), reader):
            parts = []
            for m in game.scenario.meters:
                value = game.state.meters[owner][m.id]
                wound = " and wounded" if m.id in game.state.wounds[owner] else ""
                parts.append(f"{m.label.lower()} {level_word(value)}{wound} ({whole(value)})")
            self.say(f"{whose(game, owner, reader)}: " + "; ".join(parts) + ".")

    def help(self) -> None:
        self.say(HELP)
        for pillar, text in GLOSSARY.items():
            self.say(f"{pillar.capitalize()}: {text}")
        self.say(HELP_NOTE)
        self.say(f"Saves folder: {self.saves}", wrap=False)

    def autosave(self) -> bool:
        try:
            self.store.write(AUTOSAVE, self.game)
        except SaveError as exc:
            self.say(f"Could not autosave: {exc}.")
            self.saved = False
            return False
        for notice in self.store.take_notices():
            self.say(notice)
        self.saved = True
        return True

    def finish(self) -> None:
        game = self.game
        ending = game.ending
        self.say()
        self.say(f"The end: {game.title_of()}. A {ending.tone} ending.")
        self.say("\n".join(self.words(ending.text, "a")))
        self.say()
        if game.state.mode == "hotseat":
            self.debrief()
        else:
            self.say(trust_sentence(game, "a", spoken=True))
            points = turning_points(game, "a")
            if points:
                self.say("Turning points:")
                for p in points:
                    self.say(
                        f"  {p.heading}: {credit_words(p, plain=plain_text)}. "
                        f"Their trust went from {whole(p.their_before)} to "
                        f"{whole(p.their_after)}; yours from {whole(p.your_before)} to "
                        f"{whole(p.your_after)}."
                    )
            wounds = wound_lines(game, "a")
            self.say("Open wounds: " + ("; ".join(wounds) + "." if wounds else "none."))
        lessons = ending_lessons(game)
        if lessons:
            self.say("What this path says:")
            for who, text in lessons:
                self.say(f"  {BULLET} {who}: {text}" if who else f"  {BULLET} {text}")
        if game.scenario.debrief:
            self.say("To talk about:")
            for q in game.scenario.debrief:
                self.say(f"  {BULLET} {self.line(q, 'a')}")
        profile = load_profile(self.saves)
        profile.record_ending(game.scenario.id, ending.id)
        if profile.problem:
            self.say(f"The endings gallery was not updated: {profile.problem}.")
        try:
            save_profile(self.saves, profile)
        except SaveError as exc:
            self.say(f"Could not update the endings gallery: {exc}.")
        problem = record_patterns(self.saves, game)
        if problem:
            self.say(f"Your patterns: {problem}")
        found = len(set(profile.found(game.scenario.id)) & set(game.scenario.endings))
        self.say(f"Endings found in this scenario: {found} of {len(game.scenario.endings)}.")

    def debrief(self) -> None:
        game, st = self.game, self.game.state
        names = st.names
        self.say(f"Debrief: your answers side by side, {names['a']} and {names['b']}.")
        rows = debrief_rows(game)
        for line in opening_lines(game, debrief_opening(game, rows), plain=plain_text):
            self.say(line)
        for row in rows:
            parts = []
            for role in ("a", "b"):
                for answer in row.answers[role]:
                    text = self.line(answer.source, answer.reader) or answer.text
                    if answer.kind == GUESS:
                        mark = "✓" if answer.right else "✗"
                        verdict = "right" if answer.right else "wrong"
                        parts.append(f"{mark} {names[role]} guessed {verdict}: {sentence(text)}")
                    else:
                        parts.append(f"{names[role]} chose: {sentence(text)}")
            if row.kind == "both":
                parts.append(
                    "✓ You both chose the same." if row.matched else "✗ You chose differently."
                )
            place = f", {row.time}" if row.time else ""
            self.say(f"  Choice {row.step}{place}. " + " ".join(parts))
        # What each set up that was averted after their last turn: told now
        # that the debrief compares everything.
        for role in ("a", "b"):
            self.came_due(averted_untold(game, role), True, f"  {names[role]}: ")
        self.say(trust_sentence(game, None, spoken=True))


def _later_source(game: Game, fired) -> str:
    """The Markdown source of a delayed consequence's text ("" if it is gone)."""
    scene = game.scenario.scenes.get(fired.scene)
    if scene is None or not 0 <= fired.choice < len(scene.choices):
        return ""
    later = scene.choices[fired.choice].later
    return later.text if later is not None else ""


def play(
    entry: Entry,
    saves: Path,
    hotseat: bool = False,
    seed: int | None = None,
    players: Players | None = None,
    inp=None,
    out=None,
) -> int:
    scenario = entry.scenario
    mode = "hotseat" if hotseat else "solo"
    if mode not in scenario.modes:
        raise TrustQuestError(f"'{scenario.id}' cannot be played in {mode} mode")
    players = players or Players()
    game = Game.new(
        scenario,
        mode,
        dict(players.names),
        dict(players.pronouns),
        seed if seed is not None else new_seed(),
    )
    pg = PlainGame(game, saves, inp, out)
    pg.intro()
    return pg.play()


def resume(saves: Path, inp=None, out=None, slot: str = AUTOSAVE, backup: bool = False) -> int:
    """Resume the autosave, or the save called `slot`; with `backup`, its
    previous version (NAME.bak.toml)."""
    store = SaveStore(Path(saves))
    name = slot_name(slot)
    option = "" if name == AUTOSAVE else f" --slot {name}"
    if not store.exists(name, backup):
        if backup:
            raise TrustQuestError(f"there is no backup of the save '{name}' in {saves}")
        if name == AUTOSAVE:
            raise TrustQuestError(f"there is no autosave to continue in {saves}")
        raise TrustQuestError(f"there is no save called '{name}' in {saves}")
    try:
        loaded = store.read(name, backup)
    except SaveError as exc:
        hint = " It is left as it is."
        if not backup and store.exists(name, backup=True):
            hint += (
                f" Its previous version is kept as {store.path(name, backup=True).name}: "
                f"resume it with `trustquest continue{option} --backup --plain`."
            )
        raise SaveError(f"{exc}.{hint}") from None
    entry = for_save(loaded.state.scenario_id, loaded.scenario_path)
    game, notice = resume_state(entry.scenario, loaded.state)
    pg = PlainGame(game, saves, inp, out)
    pg.resumed = True
    source = (
        f" from the backup of '{name}'"
        if backup
        else ("" if name == AUTOSAVE else f" from '{name}'")
    )
    pg.say(f"Continuing {entry.scenario.title}{source} (turn {game.state.turn}).")
    if notice:
        pg.say(notice)
    pg.warn_profile()
    if game.over:
        pg.finish()
        return 0
    return pg.play()
