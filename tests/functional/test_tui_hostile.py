"""The full-screen game attacked with hostile text, on every screen.

A scenario whose every string is markup, a terminal escape or an invisible
trick (fixtures_tui/hostile.toml), a broken file whose *name* carries escape
sequences, typed and pasted names, and a hand-edited save and profile. The
walk covers the title, library, setup (solo and two players), play,
hand-over, reveal, guess, journal, backlog, meters, saves, help, ending,
debrief and gallery, and asserts on each screen that:

- the hostile text is shown literally (markup as typed; escapes and
  invisible characters removed);
- nothing on screen carries a link or a click action, and no control or
  format character reaches the terminal;
- no action named in the text runs, even when its text is clicked;
- no file appears outside the saves folder.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from textual import events

from trustquest.saves import AUTOSAVE, SaveStore, save_profile
from trustquest.tui.testing import make_app, screen_text

FIXTURES = Path(__file__).parent / "fixtures_tui"

CLICK = "[@click=app.screenshot('.bashrc','.')]J"
KIM = "Kim [/b]"
TITLE = "Hostile [link=file:///etc/passwd]story[/link] evil[2J"
#: A broken file named with a screen clear, an OSC 52 clipboard write and a
#: bidi override.
EVIL_NAME = "broken\x1b[2J\x1b]52;c;aGk=\x07\u202egnp.toml"
EVIL_NAME_SHOWN = "broken[2J]52;c;aGk=gnp.toml"
#: Actions the hostile text names; none may ever run.
FORBIDDEN = {"screenshot", "quit", "bell", "help_quit"}


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A saves folder, a folder of stories (the hostile one and a broken file
    with an evil name), and an empty home and working folder to watch."""
    home, cwd, stories = tmp_path / "home", tmp_path / "cwd", tmp_path / "stories"
    for folder in (home, cwd, stories):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(cwd)
    shutil.copy(FIXTURES / "hostile.toml", stories / "hostile.toml")
    (stories / EVIL_NAME).write_text('format = 1\n[scenario]\nid = "x"\n', "utf-8")
    return tmp_path


def entries(world: Path):
    from trustquest.catalog import Entry
    from trustquest.engine.loader import check_file

    out = []
    for file in sorted((world / "stories").iterdir()):
        scenario, diags = check_file(file)
        out.append(Entry(file, "file", scenario, tuple(diags)))
    return out


def hostile_app(world: Path, **kwargs):
    from trustquest.catalog import resolve

    entry = resolve(str(world / "stories" / "hostile.toml")) if kwargs.pop("story", False) else None
    app = make_app(world / "saves", discover=lambda: entries(world), **kwargs)
    app.entry = entry
    actions: list[str] = []
    dispatch = app._dispatch_action

    async def spy(namespace, action_name, params):
        actions.append(action_name)
        return await dispatch(namespace, action_name, params)

    app._dispatch_action = spy
    app.actions_run = actions
    return app


def files_outside_saves(world: Path) -> list[str]:
    keep = {"saves", "stories", "env-saves", "data"}
    return sorted(
        str(p.relative_to(world))
        for p in world.rglob("*")
        if p.is_file() and p.relative_to(world).parts[0] not in keep
    )


def texts(app) -> str:
    """Every text the screen's widgets hold: static text, button and radio
    labels, options, input values and placeholders, border titles."""
    from textual.widgets import Button, Input, OptionList, RadioButton, Static

    out = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Button | RadioButton):
            out.append(str(widget.label))
        elif isinstance(widget, Static):
            out.append(str(widget.render()))
        if isinstance(widget, OptionList):
            out += [str(o.prompt) for o in widget.options]
        if isinstance(widget, Input):
            out += [widget.value, widget.placeholder]
        if widget._border_title is not None:  # the public property gives markup back
            out.append(widget._border_title.plain)
    out.append(screen_text(app))  # and what is drawn (custom widgets such as the title menu)
    return "\n".join(out)


def hazards(app) -> list[str]:
    """What on the rendered screen could act: links, click actions, and
    control or format characters headed for the terminal."""
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            bad = [c for c in segment.text if unicodedata.category(c) in ("Cc", "Cf")]
            if bad:
                found.append(f"row {y}: {bad!r} in {segment.text!r}")
            style = segment.style
            if style is not None and style.link:
                found.append(f"row {y}: link {style.link!r}")
            if style is not None and style.meta and "@click" in style.meta:
                found.append(f"row {y}: click {style.meta['@click']!r}")
    return found


async def look(pilot, *expected: str) -> str:
    """Check the current screen, click its texts, and return its name."""
    app = pilot.app
    await pilot.pause()
    name = type(app.screen).__name__
    assert hazards(app) == [], name
    shown = texts(app)
    for text in expected:
        assert text in shown, f"{name}: {text!r} not shown literally in\n{shown}"
    for bad in ("\x1b", "\x07", "\u202e", "\u200b"):
        assert bad not in shown, f"{name}: {bad!r} reached a widget"
    # Click where the hostile texts are: nothing may run.
    visible = app.screen.size.region
    for widget in app.screen.query("Static"):
        plain = type(widget).__name__ in ("Static", "Label")
        if plain and widget.region.area and widget.region.offset in visible:
            # Only where the text shows: a widget scrolled under the footer
            # would pass the click on to the footer's keys.
            top, _ = app.screen.get_widget_at(*widget.region.offset)
            if top is widget:
                await pilot.click(widget)
    await pilot.pause()
    assert not FORBIDDEN & set(app.actions_run), app.actions_run
    assert app.is_running
    return name


async def into(pilot, key: str, screen: str, *expected: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == screen
    await look(pilot, *expected)
    await pilot.press("escape")
    await pilot.pause()


async def test_two_players_with_hostile_names_and_text(world):
    app = hostile_app(world, story=True, hotseat=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await look(pilot, TITLE, CLICK, KIM, "[blink]notes[/blink]") == "SetupScreen"
        await pilot.press("ctrl+s")
        seen: list[str] = []
        for _ in range(40):
            name = await look(pilot)
            seen.append(name)
            if name == "EndingScreen":
                break
            if name == "HandOverScreen":
                who = app.screen.query_one("#handover-go").label.plain
                assert who in (
                    f"I'm {CLICK} — show my turn (Enter)",
                    f"I'm {KIM} — show my turn (Enter)",
                )
                await pilot.click("#handover-go")  # the mouse, on the hostile label
            elif name == "PlayScreen":
                if app.game.state.scene == "first":
                    await look(
                        pilot, f"{KIM} says [/] and [@click=app.quit]quit[/]", "[b]Day 1[/b]"
                    )
                    await look(pilot, "Say [/b] hello to Kim [/b].", "[@click=app.quit]not yet[/]")
                    await into(pilot, "j", "JournalScreen", f"{CLICK}'s journal")
                    await into(
                        pilot,
                        "b",
                        "BacklogScreen",
                        f"{CLICK}'s story so far: {TITLE.replace(chr(0x1B), '')}",
                        f"{KIM} says [/] and [@click=app.quit]quit[/]",
                        f"What {KIM} answered in private",
                    )
                    await into(pilot, "m", "MetersScreen", "[red]Close[/…")
                prompt = app.game.prompt()
                if prompt.kind == "guess":
                    # The question keeps its words; the long name is cut, literally.
                    await look(pilot, f"Which did {CLICK[:24]}", "… choose?", "Left [/]")
                    await into(pilot, "j", "JournalScreen")
                    await into(pilot, "b", "BacklogScreen", "▸ You chose: [/] the same")
                await pilot.press("1")
            else:
                await pilot.press("enter")
            await pilot.pause()
        assert {"HandOverScreen", "PlayScreen", "RevealScreen", "EndingScreen"} <= set(seen)
        await look(pilot, "[/] The end [@click=app.quit]", f"Side by side: {CLICK} and {KIM}")
        await look(
            pilot, f"{CLICK} chose: [/] the same", "[@click=app.quit]Talk[/] about Kim [/b]?"
        )
        await into(pilot, "g", "GalleryScreen", TITLE, "[/] The end [@click=app.quit]")
    assert not FORBIDDEN & set(app.actions_run)
    assert files_outside_saves(world) == []


async def test_one_player_from_the_title_through_every_screen(world):
    app = hostile_app(world)
    async with app.run_test(size=(100, 30)) as pilot:
        await look(pilot)
        await pilot.press("p")
        await look(
            pilot,
            TITLE,
            EVIL_NAME_SHOWN,
            "A summary with [@click=app.quit]a quit[/] and ]52;c;aGk= a",
        )
        library = app.screen.query_one("#library")
        library.highlighted = next(i for i, o in enumerate(library.options) if not o.disabled)
        await pilot.press("enter")
        await look(pilot, TITLE, CLICK, KIM, "[blink]notes[/blink]")
        me = app.screen.query_one("#me")
        me.value = ""
        me.post_message(events.Paste("[/]\x1b[2J\x1b]52;c;aGk=\x07\u202e Ana\nsecond line"))
        await pilot.pause()
        assert me.value == "[/][2J]52;c;aGk= Ana"
        await pilot.click("#begin")
        await pilot.pause()
        assert app.game.state.names == {"a": "[/][2J]52;c;aGk= Ana", "b": KIM}
        await look(pilot, f"{KIM} says [/]", "Say [/b] hello to Kim [/b].")
        await into(pilot, "question_mark", "HelpScreen")
        await pilot.press("s")
        await pilot.pause()
        slot = app.screen.query_one("#slot-name")
        slot.post_message(events.Paste("[@click=app.quit]mine\x1b[2J"))
        await pilot.pause()
        await look(pilot)
        await pilot.press("enter")  # saves under a safe file name, with the label as typed
        await pilot.pause()
        for _ in range(6):
            if type(app.screen).__name__ == "EndingScreen":
                break
            await look(pilot)
            if app.game.state.turn == 1:
                await into(
                    pilot,
                    "b",
                    "BacklogScreen",
                    "Choice 1 · [b]Day 1[/b]",
                    f"{KIM} says [/] and [@click=app.quit]quit[/]",
                    "[link=file:///etc/passwd]a link[/link]",
                    "▸ You chose: Say [/b] hello to Kim [/b].",
                    "Both of you: [bold]answer[/bold].",
                )
            await pilot.press("1")
            await pilot.pause()
        assert await look(pilot, "[/] The end [@click=app.quit]") == "EndingScreen"
        await into(pilot, "j", "JournalScreen", "Say [/b] hello to Kim [/b].")
        await pilot.press("escape")
        await pilot.pause()
        assert await look(pilot, TITLE) == "TitleScreen"  # the Continue line quotes the title
        await into(pilot, "l", "SavesScreen", "[@click=app.quit]mine[2J")
        await into(pilot, "e", "GalleryScreen", TITLE)
        await into(pilot, "y", "PatternsScreen")
    assert not FORBIDDEN & set(app.actions_run)
    assert files_outside_saves(world) == []


async def test_a_hand_edited_save_and_profile_never_reach_the_screen_raw(world):
    """Names with escapes in a (re-checksummed) save or the profile are either
    refused, with the file named, or shown cleaned: never raw."""
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game
    from trustquest.saves import Profile

    scenario = resolve(str(world / "stories" / "hostile.toml")).scenario
    game = Game.new(scenario, "hotseat")
    game.state.names["a"] = "Ana\x1b]52;c;aGk=\x07\u202e[/]"
    SaveStore(world / "saves").write(AUTOSAVE, game)
    save_profile(world / "saves", Profile(last_names={"a": "Bo\x1b[2J\u200b[/b]"}))
    app = hostile_app(world)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await look(pilot) == "TitleScreen"
        await pilot.press("c")
        await pilot.pause()
        if await look(pilot) == "MessageScreen":
            assert "cannot be read" in texts(app)
        else:
            assert await look(pilot, "Ana]52;c;aGk=[/]'s turn") == "HandOverScreen"
    app = hostile_app(world)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        library = app.screen.query_one("#library")
        library.highlighted = next(i for i, o in enumerate(library.options) if not o.disabled)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#me").value in ("Bo[2J[/b]", CLICK)  # cleaned, or ignored
        await look(pilot)
    assert files_outside_saves(world) == []


async def test_ctrl_c_asks_to_quit_instead_of_stacking_toasts(world):
    app = hostile_app(world, story=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # into the game
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen" and app.screen.purpose == "quit"
        await pilot.press("ctrl+c")  # again: still one question, no toast
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack].count("ConfirmScreen") == 1
        assert not app._notifications
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"


async def test_notifications_are_literal_and_clean(world):
    app = hostile_app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify(
            "[b]bold[/b] [/] \x1b[2J[@click=app.quit]x[/]", title="[link=file:///x]t\x1b]8;;\x07"
        )
        await pilot.pause()
        toast = next(iter(app._notifications))
        assert toast.message == "[b]bold[/b] [/] [2J[@click=app.quit]x[/]"
        assert toast.title == "[link=file:///x]t]8;;"
        assert hazards(app) == []


async def test_an_action_named_in_text_cannot_write_a_file(world):
    app = hostile_app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.run_action("app.screenshot('.bashrc','.')")
        await pilot.pause()
    assert files_outside_saves(world) == []
