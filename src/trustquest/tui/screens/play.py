"""The play screen: the scene, the choices, both trust profiles, and what
each choice changed.

Scenario text is untrusted. Scene text goes through the Markdown widget with
raw HTML off, and everything else is shown as plain `Content`, which never
parses markup, so `[bold]` or `<b>` in a file or a name shows up literally.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from trustquest.engine.describe import change_words, symbol, whose
from trustquest.engine.game import Game, Outcome
from trustquest.engine.meters import other
from trustquest.engine.text import fill
from trustquest.errors import ChoiceError
from trustquest.tui.widgets.meters import MetersPanel, trust_line

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown punctuation, so a typed name stays literal."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_parser():
    """CommonMark with raw HTML off: tags in scenario text show as text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def scene_markdown(game: Game, role: str = "a") -> str:
    """The scene text as Markdown: like `Game.scene_text`, but the player's
    names are escaped first so they cannot turn into Markdown."""
    text = game.scene_source(role)
    s = game.state
    partner = other(role)
    return fill(
        text, md_escape(s.names[role]), md_escape(s.names[partner]), s.pronouns[partner]
    ).strip()


def option_prompt(number: int, text: str, available: bool, locked: str) -> Content:
    if available:
        return Content.assemble((f"{number}. ", "bold"), text)
    return Content.assemble(
        (f"{number}. ", "bold"),
        text,
        "\n   ",
        ("⊘ locked: ", "bold"),
        (locked, "italic"),
    )


def outcome_content(game: Game, outcome: Outcome, choice_text: str, reader: str = "a") -> Content:
    """What the last choice changed, in symbols and in words."""
    scenario = game.scenario
    lines: list[Content] = []
    if choice_text:
        lines.append(Content.assemble(("You chose: ", "bold"), (choice_text, "italic")))
    # Changes from consequences are listed under their consequence, not twice.
    owed = Counter(c for f in outcome.fired for c in f.changes)
    direct = []
    for c in outcome.changes:
        if owed[c] > 0:
            owed[c] -= 1
        else:
            direct.append(c)

    def group(changes) -> None:
        for owner in (other(reader), reader):
            mine = [c for c in changes if c.role == owner]
            if not mine:
                continue
            lines.append(Content.styled(f"{whose(game, owner, reader)}:", "bold"))
            for c in mine:
                lines.append(
                    Content.assemble((f"{symbol(c.delta):<2} ", "bold"), change_words(scenario, c))
                )

    if direct:
        group(direct)
    elif not outcome.fired:
        lines.append(Content.styled("Nothing in the meters moved.", "italic"))
    for f in outcome.fired:
        if f.averted:
            lines.append(
                Content.assemble(
                    ("✓ Something from earlier came due, and did not happen: ", "bold"),
                    f.text,
                )
            )
        else:
            lines.append(
                Content.assemble(
                    ("⏰ Something from earlier catches up with you: ", "bold $warning"),
                    f.text,
                )
            )
            group(f.changes)
    return Content("\n").join(lines)


class PlayScreen(Screen):
    BINDINGS = [
        Binding("1", "choose(0)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n - 1})", show=False) for n in range(2, 10)],
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

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(id="where")
            yield Static(id="trustline")
            yield Static(id="turn")
        with Horizontal(id="play-body"):
            with Vertical(id="story-col"):
                with VerticalScroll(id="story"):
                    yield Static(id="watch-errors", classes="box -error")
                    yield Static(id="notice", classes="box -notice")
                    yield Static(id="outcome", classes="box")
                    yield Static(id="time-label")
                    yield Markdown(id="scene", parser_factory=markdown_parser, open_links=False)
                yield OptionList(id="choices", markup=False)
            with VerticalScroll(id="meters-col"):
                yield MetersPanel(id="meters")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.app.game = self.game
        self.query_one("#watch-errors").display = False
        notice = self.query_one("#notice", Static)
        if self.notice:
            notice.update(Content(self.notice))
        else:
            notice.display = False
        self.query_one("#outcome").display = False
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
        scene = game.scene
        self.query_one("#where", Static).update(Content.styled(scenario.title, "bold"))
        self.query_one("#turn", Static).update(Content(f"Choice {game.state.turn + 1}"))
        self.query_one("#trustline", Static).update(trust_line(game))
        time_label = self.query_one("#time-label", Static)
        time_label.update(Content(scene.time))
        time_label.display = bool(scene.time)
        self.query_one("#scene", Markdown).update(scene_markdown(game))
        self.query_one(MetersPanel).show_game(game)
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        first = None
        for o in game.options():
            choices.add_option(
                Option(
                    option_prompt(o.index + 1, o.text, o.available, o.locked),
                    id=f"c{o.index}",
                    disabled=not o.available,
                )
            )
            if first is None and o.available:
                first = o.index
        choices.highlighted = first
        choices.focus()
        outcome = self.query_one("#outcome", Static)
        if self.last_outcome is not None:
            outcome.update(outcome_content(game, self.last_outcome, self.last_choice_text))
            outcome.display = True
        else:
            outcome.display = False
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._more_hint)

    def on_resize(self) -> None:
        self.call_after_refresh(self._more_hint)

    def _more_hint(self, *_args) -> None:
        """Say so on the choices' border when the story goes on below."""
        story = self.query_one("#story", VerticalScroll)
        more = story.max_scroll_y > 0 and story.scroll_y < story.max_scroll_y - 0.5
        self.query_one("#choices", OptionList).border_title = (
            "↓ more story above: PgDn" if more else ""
        )

    def set_game(self, game: Game, notice: str = "") -> None:
        """Show another game here (a reload under --watch): same screen, new state."""
        self.game = game
        self.app.game = game
        self.last_outcome = None
        if notice:
            self.notice = notice
            n = self.query_one("#notice", Static)
            n.update(Content(notice))
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
            Content.assemble(
                (f"⚠ {name} has errors; still playing the last good version.", "bold"),
                "\n",
                Content("\n").join(Content(line) for line in lines),
            )
        )
        box.display = True
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)

    # --- choosing --------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "choices" and event.option.id:
            self.choose(int(event.option.id[1:]))

    def action_choose(self, index: int) -> None:
        game = self.game
        if game.over:
            return
        options = game.options()
        if index >= len(options):
            self.app.bell()
            self.notify(
                f"There are only {len(options)} choices here.", severity="warning", timeout=3
            )
            return
        option = options[index]
        if not option.available:
            self.notify(
                f"Choice {index + 1} is locked: {option.locked}", severity="warning", timeout=4
            )
            return
        self.choose(index)

    def choose(self, index: int) -> None:
        game = self.game
        try:
            text = next((o.text for o in game.options() if o.index == index), "")
            outcome = game.choose(index)
        except ChoiceError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.app.autosave(game)
        self.last_outcome = outcome
        self.last_choice_text = text
        self.query_one("#notice").display = False
        if game.over:
            self._to_ending()
        else:
            self.refresh_game()

    def _to_ending(self) -> None:
        from trustquest.tui.screens.ending import EndingScreen

        new = self.app.record_ending(self.game)
        self.app.switch_screen(
            EndingScreen(self.game, self.last_outcome, self.last_choice_text, new_find=new)
        )

    # --- other actions -------------------------------------------------------------------

    def action_journal(self) -> None:
        from trustquest.tui.screens.journal import JournalScreen

        self.app.push_screen(JournalScreen(self.game))

    def action_meters(self) -> None:
        from trustquest.tui.screens.journal import MetersScreen

        self.app.push_screen(MetersScreen(self.game))

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
