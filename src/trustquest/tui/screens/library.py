"""The scenario library: every story found, with what it is about, how long
it takes and how many of its endings you have found. Broken files are listed
with their first error instead of crashing the game."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from trustquest.tui.literal import assemble, field, literal
from trustquest.tui.widgets.keybar import KeyBar
from trustquest.tui.widgets.wrapped_list import WrappedOptionList

MODE_WORDS = {"solo": "solo", "hotseat": "hot-seat"}


def first_error(entry) -> str:
    from trustquest.engine.diagnostics import format_concise

    errors = [d for d in entry.diagnostics if d.severity == "error"] or list(entry.diagnostics)
    if not errors:
        return "it could not be loaded"
    return format_concise(errors[0])


def describe_entry(entry, found: int, unplayable: str = "") -> Content:
    s = entry.scenario
    modes = ", ".join(MODE_WORDS.get(m, m) for m in s.modes)
    focus = ", ".join(f.capitalize() for f in s.focus) or "all pillars"
    meta = f"about {s.minutes} min · {modes} · endings found: {found} of {len(s.endings)}"
    title: list = [(s.title, "bold")]
    if unplayable:
        title += ["  ", (f"⊘ {unplayable}", "italic")]
    parts = [*title, "\n", s.summary, "\n", ("Focus: ", "italic"), focus, " · ", meta]
    if s.content_notes:
        parts += ["\n", ("Content notes: ", "italic"), "; ".join(s.content_notes)]
    return assemble(*parts)


class LibraryScreen(Screen):
    """The stories for one kind of play: `solo`, or `hotseat` (Play together),
    where stories written for one player are listed greyed out."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "choose", "Play", show=True, key_display="⏎"),
    ]

    def __init__(self, mode: str = "solo"):
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        heading = (
            "Play together: choose a story for two"
            if self.mode == "hotseat"
            else "Play solo: choose a story"
        )
        yield Static(literal(heading), classes="screen-title")
        yield WrappedOptionList(id="library", markup=False)
        yield Static(id="library-note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.entries = self.app.entries()
        profile = self.app.profile
        options: list[Option | None] = []
        for i, entry in enumerate(self.entries):
            if i:
                options.append(None)
            if entry.ok:
                found = len(set(profile.found(entry.scenario.id)) & set(entry.scenario.endings))
                solo_only = self.mode == "hotseat" and "hotseat" not in entry.scenario.modes
                options.append(
                    Option(
                        describe_entry(entry, found, "one player only" if solo_only else ""),
                        id=f"s{i}",
                        disabled=solo_only,
                    )
                )
            else:
                broken_text = assemble(
                    (f"⚠ {field(entry.path.name)}", "bold"),
                    " — has errors and cannot be played\n",
                    first_error(entry),
                    "\n",
                    ("Check it with `trustquest validate`.", "italic"),
                )
                options.append(Option(broken_text, id=f"s{i}", disabled=True))
        library = self.query_one("#library", OptionList)
        library.add_options(options)
        note = self.query_one("#library-note", Static)
        if not self.entries:
            note.update(literal("No scenarios were found. Built-in stories ship with the game."))
        else:
            ok = sum(e.ok for e in self.entries)
            broken = len(self.entries) - ok
            if self.mode == "hotseat":
                two = sum(e.ok and "hotseat" in e.scenario.modes for e in self.entries)
                text = f"{two} of {ok} stories can be played together"
                if two < ok:
                    text += " (the others are greyed out)"
            else:
                text = f"{ok} stories"
            if broken:
                text += f"; {broken} file{'s' if broken > 1 else ''} with errors (greyed out)"
            note.update(
                literal(text + ". ↑↓ to browse, Enter to choose (names and notes come next).")
            )
        if self.entries:
            library.highlighted = next(
                (i for i, o in enumerate(library.options) if not o.disabled), None
            )
        library.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int((event.option.id or "s0")[1:])
        entry = self.entries[index]
        if entry.ok:
            self.app.setup(entry, self.mode)

    def action_choose(self) -> None:
        self.query_one("#library", OptionList).action_select()

    def action_back(self) -> None:
        self.app.pop_screen()
