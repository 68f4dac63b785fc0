"""The full-screen game driven by Textual's Pilot: a player's whole journey,
locked choices, saves, quitting, resizing, NO_COLOR, and failures. Hot-seat
(Play together) has its own file, test_tui_hotseat.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.players import Players
from trustquest.saves import AUTOSAVE, SaveStore, load_profile
from trustquest.tui.testing import discover_builtins, make_app, press_as_in_file, screen_text

FIXTURES = Path(__file__).parent / "fixtures_tui"
#: Choosing the file's first choice every time in late-again reaches "Early, For Once"
#: after 19 choices.
ALL_ONES = 19
#: 3, 3, 1 reaches the kitchen, where choice 1 is locked (vulnerability too low).
TO_KITCHEN = ("3", "3", "1")


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def screen_name(app) -> str:
    return type(app.screen).__name__


async def begin(pilot) -> None:
    """From the setup screen, accept the defaults with one Enter."""
    assert screen_name(pilot.app) == "SetupScreen"
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(pilot.app) == "PlayScreen"


async def press(pilot, *keys: str) -> None:
    """Digits pick choices as numbered in the file, whatever order they are shown in."""
    await press_as_in_file(pilot, *keys)


def prepared(saves: Path, answers: list[int], scenario: str | Path = "late-again") -> None:
    """An autosave after `answers` (1-based), made by the engine: a quick way
    to start a pilot test deep in a story with `resume=True`."""
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game

    game = Game.new(resolve(str(scenario)).scenario)
    for answer in answers:
        game.choose(answer - 1)
    SaveStore(saves).write(AUTOSAVE, game)


# --- a whole story ----------------------------------------------------------------


async def test_whole_playthrough_reaches_the_ending_and_records_it(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, *["1"] * ALL_ONES)
        assert screen_name(app) == "EndingScreen"
        assert app.game.over and app.game.ending.title == "Early, For Once"
        text = screen_text(app)
        assert "Early, For Once" in text and "hopeful" in text
        ending = app.screen
        assert len(ending.points) == 3  # three turning points, with their choices
        assert all(p.choice_text for p in ending.points)
    assert load_profile(saves).found("late-again") == ["early_for_once"]
    loaded = SaveStore(saves).read(AUTOSAVE)
    assert loaded.info.ended and loaded.state.turn == ALL_ONES


async def test_choices_by_arrows_enter_and_mouse(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        # The second choice in the file (run for the train), wherever it is shown.
        downs = ["down"] * (app.game.number_of(1) - 1)
        await pilot.press(*downs, "enter")
        assert app.game.state.scene == "rushing"
        shown_first = app.game.shown_order()[0]
        await pilot.click("#choices", offset=(3, 1))  # the first option's first line
        await pilot.pause()
        assert app.game.state.turn == 2
        assert app.game.state.history[-1].picks[0].index == shown_first


async def test_after_a_choice_the_changes_are_shown_in_symbols_and_words(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "3")  # stay at the desk: reliability -5
        # One compact line above the story: symbols, the shown numbers, overall.
        line = app.screen.query_one("#changes").text
        assert line.startswith("Kai→you  ▼ Reliability −5")
        assert "overall 49 → 48" in line
        assert line in screen_text(app).splitlines()[1]
        assert "Choice 2" in screen_text(app)
        # The full detail is one key away.
        await press(pilot, "d")
        assert screen_name(app) == "DetailsScreen"
        details = str(app.screen.query_one("#details").render())
        assert "You chose: Stay." in details
        assert "Kai's trust in you:" in details
        assert "▼  Reliability fell a little: 44 → 39" in details
        assert "▲▲ rose 6+" in str(app.screen.query_one("#details-legend").render())
        await press(pilot, "d")
        assert screen_name(app) == "PlayScreen"


async def test_locked_choices_are_greyed_out_with_their_reason(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, *TO_KITCHEN)
        assert app.game.state.scene == "kitchen"
        choices = app.screen.query_one("#choices")
        first = choices.get_option_at_index(app.game.number_of(0) - 1)  # the file's first
        assert first.disabled
        prompt = str(first.prompt)
        assert "locked" in prompt and "You can't find the words for it yet." in prompt
        await press(pilot, "1")  # a locked choice does nothing but explain
        assert app.game.state.scene == "kitchen" and app.game.state.turn == 3
        assert any("locked" in n.message for n in app._notifications)
        await press(pilot, "2")
        assert app.game.state.scene == "the_promise"


async def test_delayed_consequence_is_announced_when_it_fires(saves):
    # Stay, lie about the trains, leave the lie, keep talking about trains...
    prepared(saves, [3, 2, 2, 2, 2])
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        assert not app.screen.query_one("#later").display
        await press(pilot, "1")  # ...five choices later, the lie is found out.
        # A line of its own above the scene, never only a number.
        later = app.screen.query_one("#later")
        assert later.display and "The trains were fine" in str(later.render())
        assert "Something from earlier catches up with you" in str(later.render())
        assert "Transparency" in app.screen.query_one("#changes").text
        assert "✚" in app.screen.query_one("#changes").text  # a wound opened
        await press(pilot, "d")
        outcome = str(app.screen.query_one("#details").render())
        assert "Something from earlier catches up with you" in outcome
        assert "The trains were fine" in outcome
        assert "Transparency fell sharply" in outcome and "a wound opened" in outcome
        assert outcome.count("Transparency fell sharply") == 1  # listed once, under the consequence
        assert outcome.index("catches up") < outcome.index("Transparency fell sharply")
        # The history credits it to the lie, told on turn 2.
        entry = app.game.state.history[-1]
        assert (entry.kind, entry.set_turn, entry.scene) == ("consequence", 2, "buzzing")
        assert "Dana" in app.game.fill(app.game.consequence(entry)[0], "a")


async def test_journal_meters_and_help(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "3", "j")
        assert screen_name(app) == "JournalScreen"
        journal = str(app.screen.query_one("#journal").render())
        assert "You chose: Stay. Ten more minutes" in journal and "Reliability 44→39" in journal
        await press(pilot, "escape", "m")
        assert screen_name(app) == "MetersScreen"
        assert "Kai's trust in you" in screen_text(app) and "Overall" in screen_text(app)
        await press(pilot, "escape", "question_mark")
        assert screen_name(app) == "HelpScreen"
        help_text = str(app.screen.query_one("#help").render())
        for needle in (
            "Communication:",
            "Boundaries:",
            "Overall trust is the average",
            "counsellor",
            str(saves),
        ):
            assert needle in help_text
        await press(pilot, "escape")
        assert screen_name(app) == "PlayScreen"


async def test_meters_show_both_profiles_and_mark_wounds(saves):
    # Stay, stay silent, ... plan, the board, tuesday, evening; then miss the
    # clinic pickup (a breach).
    prepared(saves, [3, 3, 1, 2, 1, 1, 1, 3, 2])
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3")
        assert app.game.state.wounds["b"], app.game.state.history[-1]
        text = str(app.screen.query_one("#meters").render())
        assert "Kai's trust in you" in text and "Your trust in Kai" in text and "Overall" in text
        assert "✚" in text.split("Overall")[1]  # a wound mark on a meter row
        assert "open wound" in text


# --- saves ---------------------------------------------------------------------------


async def test_save_to_a_slot_and_load_it_back(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "1", "1", "s")
        assert screen_name(app) == "SavesScreen"
        app.screen.query_one("#slot-name").value = "Before dinner"
        await press(pilot, "enter")
        assert screen_name(app) == "PlayScreen"
        assert SaveStore(saves).exists("before-dinner")
        await press(pilot, "1")
        assert app.game.state.turn == 3
        await press(pilot, "s")
        assert "before-dinner  Before dinner · Late Again, choice 3" in screen_text(app)
        slots = app.screen.slots
        index = next(i for i, s in enumerate(slots) if s.name == "before-dinner")
        app.screen.query_one("#slots").highlighted = index
        app.screen.query_one("#slots").focus()
        await press(pilot, "enter")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == 2


async def test_load_from_the_title(saves):
    store = SaveStore(saves)
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "2")
        store.write("mine", app.game, label="Mine")
        app.go_title()
        await pilot.pause()
        await press(pilot, "l")
        assert screen_name(app) == "SavesScreen"
        assert "mine" in screen_text(app)
        app.screen.query_one("#slots").highlighted = [s.name for s in app.screen.slots].index(
            "mine"
        )
        await pilot.click("#load")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen" and app.game.state.scene == "rushing"


async def test_continue_resumes_the_autosave(saves):
    prepared(saves, [1, 2])
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == 2 and app.game.state.scene == "buzzing"


async def test_continue_from_the_title_menu(saves):
    prepared(saves, [1])
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Late Again, choice 2" in screen_text(app)
        await press(pilot, "c")
        assert screen_name(app) == "PlayScreen" and app.game.state.turn == 1


async def test_damaged_autosave_is_explained_kept_and_its_backup_offered(saves):
    prepared(saves, [1])
    prepared(saves, [1, 1])  # two autosaves: the first is now the .bak
    store = SaveStore(saves)
    damaged = store.path(AUTOSAVE).read_bytes()[:200]  # truncated
    store.path(AUTOSAVE).write_bytes(damaged)
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "MessageScreen"
        text = screen_text(app)
        assert "damaged" in text and "autosave.bak.toml" in text and "Load the backup" in text
        assert store.path(AUTOSAVE).read_bytes() == damaged  # never overwritten
        await press(pilot, "enter")  # the first button: load the backup
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == 1
        assert "backup" in str(app.screen.query_one("#notice").render())
        await press(pilot, "1")  # the next autosave sets the damaged file aside
    aside = [p for p in saves.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert store.read(AUTOSAVE).state.turn == 2


async def test_a_save_from_a_changed_scenario_says_so(saves, tmp_path):
    scenario = tmp_path / "late.toml"
    source = (Path(__file__).parents[2] / "scenarios" / "late-again.toml").read_text("utf-8")
    scenario.write_text(source, "utf-8")
    prepared(saves, [1], scenario)
    scenario.write_text(
        source.replace("listens without interrupting", "listens in silence"), "utf-8"
    )
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert "has changed since this game was saved" in str(
            app.screen.query_one("#notice").render()
        )
        assert "listens in silence" in screen_text(app)


# --- quitting and failures -------------------------------------------------------------


async def test_quit_asks_first_and_loses_nothing(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "1", "ctrl+q")
        assert screen_name(app) == "ConfirmScreen"
        assert "Your place is saved" in screen_text(app)
        await press(pilot, "n")
        assert screen_name(app) == "PlayScreen" and app.is_running
        await press(pilot, "ctrl+q", "y")
    assert app.return_code == 0
    assert SaveStore(saves).read(AUTOSAVE).state.turn == 1


async def test_escape_goes_back_to_the_title_after_asking(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "escape")
        assert screen_name(app) == "ConfirmScreen"
        await press(pilot, "y")
        assert screen_name(app) == "TitleScreen"


async def test_an_unexpected_error_keeps_the_autosave_and_writes_a_crash_log(saves, monkeypatch):
    app = make_app(saves, "late-again")
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=(80, 24)) as pilot:
            await begin(pilot)
            await press(pilot, "1")
            before = SaveStore(saves).path(AUTOSAVE).read_bytes()

            def broken(self, index):
                raise RuntimeError("boom")

            monkeypatch.setattr(type(app.screen), "choose", broken)
            await press(pilot, "1")
    log = (saves / "crash.log").read_text("utf-8")
    assert "RuntimeError: boom" in log
    assert SaveStore(saves).path(AUTOSAVE).read_bytes() == before
    assert app.crash_log == saves / "crash.log"


# --- screens around the game ------------------------------------------------------------------


async def test_title_menu_library_and_setup(saves, tmp_path, monkeypatch):
    broken = tmp_path / "mine" / "broken.toml"
    broken.parent.mkdir()
    broken.write_text("format = 1\n[scenario]\nid = 'x'\ntitle = 3\n", "utf-8")
    monkeypatch.setenv("TRUSTQUEST_SCENARIOS", str(broken.parent))
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for item in (
            "Continue",
            "Play solo",
            "Play together",
            "Load a saved game",
            "Endings found",
            "How to play",
            "Quit",
        ):
            assert item in text
        assert "no autosave yet" in text
        await pilot.click("#menu", offset=(6, 2))  # the mouse works too: "Play solo"
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"
        await press(pilot, "escape", "down", "down", "enter")  # arrows skip the disabled Continue
        assert screen_name(app) == "SavesScreen"
        await press(pilot, "escape", "p")
        assert screen_name(app) == "LibraryScreen"
        library = app.screen.query_one("#library")
        prompts = [str(o.prompt) for o in library.options]
        late = next(p for p in prompts if p.startswith("Late Again"))
        assert "Reliability, Consistency" in late and "about 20 min" in late
        assert "solo, hot-seat" in late and "endings found: 0 of 6" in late
        bad = next(o for o in library.options if "broken.toml" in str(o.prompt))
        assert bad.disabled and "TQ" in str(bad.prompt)
        library.highlighted = prompts.index(late)  # the library is sorted by title
        await pilot.pause()
        await press(pilot, "enter")
        assert screen_name(app) == "SetupScreen"
        assert "Content notes:" in screen_text(app)
        assert "broken promises" in screen_text(app)


async def test_setup_names_and_pronouns(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#me").value = "Mo"
        screen.query_one("#partner").value = "*Ari*"  # typed markup stays literal
        screen.query_one("#p-she").value = True
        await pilot.pause()
        await press(pilot, "enter")
        assert app.game.state.names == {"a": "Mo", "b": "*Ari*"}
        assert app.game.state.pronouns["b"] == "she"
        await press(pilot, "3", "1")  # buzzing: "Call her and tell the truth"
        text = screen_text(app)
        assert "*Ari* picks up on the first ring" in text and "*Ari*→you" in text
    assert load_profile(saves).last_names.get("a") == "Mo"


async def test_names_from_the_command_line_are_the_defaults(saves):
    app = make_app(saves, "late-again", players=Players({"a": "Lee", "b": "Jo"}, {"b": "he"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter")
        assert app.game.state.names == {"a": "Lee", "b": "Jo"}
        assert app.game.state.pronouns["b"] == "he"


async def test_replay_from_a_turning_point(saves):
    prepared(saves, [1] * (ALL_ONES - 1))
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        assert screen_name(app) == "EndingScreen"
        point = app.screen.points[0]
        await press(pilot, "1", "y")  # a number key asks before rewinding
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == point.step - 1
        assert app.game.state.scene == point.scene_id
        assert "Try the other path" in str(app.screen.query_one("#notice").render())


async def test_endings_gallery_shows_found_and_unfound(saves):
    prepared(saves, [1] * (ALL_ONES - 1))
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        assert "1 of 6" in str(app.screen.query_one("#endings-found").render())
        await press(pilot, "g")
        assert screen_name(app) == "GalleryScreen"
        text = str(app.screen.query_one("#gallery").render())
        endings = sum(len(e.scenario.endings) for e in discover_builtins())
        assert "Early, For Once" in text and "1 of 6 found" in text
        # Every other ending of every story: a hint of its tone and pillar, never its title.
        assert text.count("not found yet") == endings - 1
        assert "☀ A hopeful ending that turns on reliability — not found yet" in text
        unfound = [
            e.title
            for entry in discover_builtins()
            for e in entry.scenario.endings.values()
            if e.title != "Early, For Once"
        ]
        assert [t for t in unfound if t in text] == [] and "???" not in text
        for entry in discover_builtins():  # every other story: none found yet
            if entry.scenario.id != "late-again":
                assert f"{entry.scenario.title}  0 of {len(entry.scenario.endings)} found" in text


async def test_scenario_markup_is_shown_literally(saves):
    app = make_app(saves, FIXTURES / "markup.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "[blink]none[/blink]" in screen_text(app)
        await press(pilot, "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold red]not markup[/] and <b>not html</b>" in text
        assert "Reply [link=https://example.com]here[/link]." in text
        assert "[b]Not[/b] yet." in text
        assert "Day [1]" in text
        assert "real emphasis" in text and "*real*" not in text  # Markdown still works
        await press(pilot, "2")  # locked: the notification quotes the reason, literally
        note = next(n for n in app._notifications if "locked" in n.message)
        assert "[b]Not[/b] yet." in note.message and not note.markup


async def test_theme_is_remembered(saves):
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_profile(saves).theme == "nord"
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"


# --- appearance ----------------------------------------------------------------------------------


async def test_resizing_keeps_the_players_place(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "1")
        assert app.screen.query_one("#meters-col").display
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert screen_name(app) == "TooSmallScreen"
        assert "Please enlarge the terminal" in screen_text(app)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == 1 and app.game.state.scene == "heads_up"
        assert not app.screen.query_one("#meters-col").display  # narrow: meters in one line
        text = screen_text(app)
        assert "Kai→you 49 · you→Kai 50" in text and "1. Say nine o'clock" in text
        await press(pilot, "1")  # still playable at 60×20
        assert app.game.state.turn == 2
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one("#meters-col").display


async def test_tiny_terminal_from_the_start_shows_a_message_not_a_crash(saves):
    app = make_app(saves)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "TooSmallScreen"
        assert "40×10" in screen_text(app)


async def test_no_color_is_respected(saves, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert app.no_color and app.has_class("-no-color")
        await press(pilot, *TO_KITCHEN)
        # Meaning never rests on colour: locked choices and meters say it in text.
        assert "locked:" in screen_text(app)
        assert "Kai's trust in you" in screen_text(app) and "Overall" in screen_text(app)


def test_title_screen_does_not_load_the_engine_or_plotting():
    """Startup stays lean: the title imports neither the engine nor plotext."""
    import json
    import subprocess
    import sys

    code = (
        "import asyncio, json, sys, tempfile\n"
        "from trustquest.tui.app import TrustQuestApp\n"
        "async def main():\n"
        "    app = TrustQuestApp(tempfile.mkdtemp(), animations=False)\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mods = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "trustquest.tui.screens.title" in mods
    heavy = {
        "trustquest.engine.game",
        "trustquest.saves",
        "textual_plotext",
        "plotext",
        "markdown_it",
    }
    assert not heavy & mods, heavy & mods


async def test_choices_show_emphasis_and_names_stay_as_typed(saves):
    """Choice text is the format's small Markdown, like scene text: `*yes*`
    shows as an italic yes, while a name typed with stars keeps them."""
    app = make_app(saves, "what-went-unsaid", players=Players({"a": "*Eli*", "b": "Q_u_inn"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await begin(pilot)
        choices = app.screen.query_one("#choices")
        number = app.game.number_of(0)  # the file's first choice, as numbered on screen
        first = choices.get_option_at_index(number - 1).prompt
        assert first.plain.startswith(f"{number}. Reply yes, and admit that can we talk makes")
        assert ("yes", "italic") in [
            (first.plain[s.start : s.end], str(s.style)) for s in first.spans
        ]
        scene = str(app.screen.query_one("#scene").render())
        assert "Q_u_inn's message" in scene and "*" not in scene.replace("*Eli*", "")
        await press(pilot, "1", "d")
        outcome = str(app.screen.query_one("#details").render())
        assert "You chose: Reply yes, and admit" in outcome


async def test_story_events_show_with_the_scene_marked_as_something_that_happened(saves):
    app = make_app(saves, Path(__file__).parents[1] / "fixtures" / "arc.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        happened = str(app.screen.query_one("#happened").render())
        assert "◆ It happened: Sam made you coffee before you woke." in happened
        # What it moved: in the change line, and in full one key away.
        assert "you→Sam  ▲ Consistency +3" in app.screen.query_one("#changes").text
        await press(pilot, "d")
        details = str(app.screen.query_one("#details").render())
        assert "Your trust in Sam:" in details and "Consistency rose a little: 50 → 53" in details
        await press(pilot, "escape")
        await press(pilot, "2")  # collect the car: Sam cancels on Tuesday
        happened = str(app.screen.query_one("#happened").render())
        assert "It happened (a breach of your trust): Sam cancels your plans" in happened
        assert "coffee" not in happened
        await press(pilot, "1", "1")  # own up; the habit of Sunday planning
        happened = app.screen.query_one("#happened")
        assert "note on the fridge" in str(happened.render())
        await press(pilot, "j")
        journal = str(app.screen.query_one("#journal").render())
        assert "◆ It happened: Sam made you coffee" in journal
        assert journal.index("coffee") < journal.index("Choice 1")


async def test_a_habit_says_how_long_it_is_kept_up(saves):
    prepared(saves, [2, 1], Path(__file__).parents[1] / "fixtures" / "arc.toml")
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        habit = choices.get_option_at_index(app.game.number_of(0) - 1).prompt.plain
        assert "↻ kept up over the next four weeks (4 steps)" in habit
