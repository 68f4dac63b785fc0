"""Hot-seat in the full-screen game, driven by Textual's Pilot: two players on
one keyboard, from "Play together" through hand-overs, private answers, the
reveal of a `both` scene, a guess in a `predict` scene, private journals and
autosaves, to the side-by-side debrief."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.engine.turns import Pick
from trustquest.players import Players
from trustquest.saves import AUTOSAVE, SaveStore
from trustquest.tui.testing import discover_builtins, make_app, press_as_in_file, screen_text

FIXTURES = Path(__file__).parent / "fixtures_tui"

#: late-again in hot-seat, both players taking the file's first choice each
#: time: `desk` (Robin chooses, Kai guesses), two scenes of Robin's alone,
#: `kitchen` (Robin chooses, Kai guesses), `the_promise`, then `plan_together`
#: (both) after seven answers; then `the_board` (Kai's), `tuesday` (Robin
#: chooses, Kai guesses), ... and `week3` (both) after 23 answers.
TO_PLAN_TOGETHER = [1] * 7
#: Every answer (1 each time, in the order the game asks) up to and including
#: Robin's private answer in `week3`, before Kai's.
ROBIN_ANSWERED_WEEK3 = [1] * 24
#: Robin's private answer in week3, as Robin reads it (Kai is "they")...
ROBIN_WEEK3 = "Thank them for the small thing they did without being asked."
#: ...and the same choice as Kai reads it, with Robin as "she".
KAI_SEES_WEEK3 = "Thank her for the small thing she did without being asked."


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def screen_name(app) -> str:
    return type(app.screen).__name__


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def prepared(saves: Path, answers: list[int], scenario: str | Path = "late-again") -> None:
    """A hot-seat autosave after `answers` (1-based, in the order the game asks),
    with Robin as "she" so the two players read choices differently."""
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game

    game = Game.new(resolve(str(scenario)).scenario, "hotseat", pronouns={"a": "she"})
    for answer in answers:
        game.choose(answer - 1)
    SaveStore(saves).write(AUTOSAVE, game)


def solo_only(tmp_path: Path) -> Path:
    """A folder holding one story written for one player (the markup
    fixture), as `alone.toml`: every built-in can be played together."""
    folder = tmp_path / "alone"
    folder.mkdir(exist_ok=True)
    (folder / "alone.toml").write_text((FIXTURES / "markup.toml").read_text("utf-8"), "utf-8")
    return folder


async def confirm(pilot, name: str) -> None:
    """At a hand-over: check whose turn it is, then take the keyboard."""
    app = pilot.app
    assert screen_name(app) == "HandOverScreen", screen_text(app)
    assert f"{name}'s turn" in screen_text(app)
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(app) == "PlayScreen"
    assert f"{name}'s turn" in screen_text(app)


async def answer(pilot, *keys: str) -> None:
    for key in keys:
        await press_as_in_file(pilot, key)
        await pilot.pause()


async def play_on(pilot, scene: str) -> None:
    """Choose 1 (and confirm every hand-over and reveal) until `scene` is asked."""
    app = pilot.app
    for _ in range(80):
        if app.game.state.scene == scene and screen_name(app) == "HandOverScreen":
            return
        if app.game.state.scene == scene and screen_name(app) == "PlayScreen":
            return
        await press_as_in_file(pilot, "enter" if screen_name(app) != "PlayScreen" else "1")
        await pilot.pause()
    raise AssertionError(f"never reached {scene}")


# --- starting ------------------------------------------------------------------------------


async def test_play_together_lists_the_stories_for_two_then_sets_up_both_players(
    saves, tmp_path, monkeypatch
):
    # Every built-in can be played together, so a story for one comes from
    # TRUSTQUEST_SCENARIOS.
    monkeypatch.setenv("TRUSTQUEST_SCENARIOS", str(solo_only(tmp_path)))
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer(pilot, "t")
        assert screen_name(app) == "LibraryScreen"
        assert "Play together" in screen_text(app)
        library = app.screen.query_one("#library")
        late = next(o for o in library.options if str(o.prompt).startswith("Late Again"))
        alone = next(o for o in library.options if str(o.prompt).startswith("Markup"))
        assert not late.disabled
        assert alone.disabled and "one player only" in str(alone.prompt)
        builtins = discover_builtins()
        together = sum("hotseat" in e.scenario.modes for e in builtins)
        assert f"{together} of {len(builtins) + 1} stories can be played together" in shown(
            app, "#library-note"
        )
        library.highlighted = library.options.index(late)
        await answer(pilot, "enter")
        assert screen_name(app) == "SetupScreen"
        text = screen_text(app)
        assert "Content notes:" in text and "broken promises" in text
        assert "Player one" in text and "goes first" in text and "Player two" in text
        assert app.screen.query_one("#name-one").value == "Robin"
        assert app.screen.query_one("#name-two").value == "Kai"


async def test_setup_swaps_who_goes_first_and_sets_each_players_pronouns(saves):
    app = make_app(saves, "late-again", hotseat=True, players=Players({"a": "Sam", "b": "Alex"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen_name(app) == "SetupScreen" and screen.hotseat
        screen.query_one("#pone-she").value = True
        await pilot.pause()
        await answer(pilot, "ctrl+o")  # Alex goes first now, and keeps Sam's pronouns with Sam
        assert screen.query_one("#name-one").value == "Alex"
        assert screen.query_one("#name-two").value == "Sam"
        assert screen.query_one("#ptwo-she").value
        screen.query_one("#begin").focus()
        await answer(pilot, "enter")
        assert app.game.state.mode == "hotseat"
        assert app.game.state.names == {"a": "Alex", "b": "Sam"}
        assert app.game.state.pronouns == {"a": "they", "b": "she"}
        await confirm(pilot, "Alex")


async def test_the_two_players_need_different_names(saves):
    app = make_app(saves, "late-again", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#name-two").value = "robin"
        await pilot.pause()
        await answer(pilot, "ctrl+s")
        assert screen_name(app) == "SetupScreen" and app.game is None
        assert any("different names" in n.message for n in app._notifications)


async def test_a_story_for_one_asked_for_together_says_so(saves, tmp_path):
    app = make_app(saves, solo_only(tmp_path) / "alone.toml", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "MessageScreen"
        body = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "cannot be played together" in body


async def test_a_story_for_two_chosen_solo_offers_to_play_it_together(saves, tmp_path):
    duo = tmp_path / "duo.toml"
    source = (FIXTURES / "turns.toml").read_text("utf-8")
    duo.write_text(source.replace('modes = ["solo", "hotseat"]', 'modes = ["hotseat"]'), "utf-8")
    app = make_app(saves, duo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "MessageScreen"
        await answer(pilot, "enter")  # the first button: "Play it together"
        assert screen_name(app) == "SetupScreen" and app.screen.hotseat


def test_run_hotseat_for_a_story_for_one_is_a_clear_usage_error(tmp_path, capsys):
    from trustquest.catalog import resolve
    from trustquest.tui.app import run

    alone = solo_only(tmp_path) / "alone.toml"
    assert run(saves=tmp_path, entry=resolve(str(alone)), hotseat=True) == 2
    err = capsys.readouterr().err
    assert "is for one player and cannot be played together" in err
    assert f"trustquest play {alone}" in err and "Traceback" not in err


# --- a whole game -----------------------------------------------------------------------------


async def test_a_whole_hotseat_game_keeps_answers_private_until_the_reveal(saves):
    app = make_app(saves, "late-again", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#pone-she").value = True  # Robin is "she" for Kai
        await pilot.pause()
        await answer(pilot, "ctrl+s")

        # The very start is a hand-over, and number keys there choose nothing.
        assert screen_name(app) == "HandOverScreen"
        text = screen_text(app)
        assert "Robin goes first" in text and "I'm Robin — show my turn" in text
        assert "The build has failed" not in text  # no scene text behind the hand-over
        await answer(pilot, "1", "2")
        assert screen_name(app) == "HandOverScreen" and app.game.state.turn == 0
        assert "Nothing was chosen" in shown(app, "#handover-hint")
        await confirm(pilot, "Robin")
        assert "The build has failed" in screen_text(app)

        # desk: Robin chooses privately, Kai guesses right, then Robin's own
        # scenes follow with no hand-over between them.
        await answer(pilot, "1")
        await confirm(pilot, "Kai")
        await answer(pilot, "1")
        assert screen_name(app) == "RevealScreen"
        assert "Kai guessed right" in shown(app, "#reveal-verdict")
        await answer(pilot, "enter")
        await confirm(pilot, "Robin")
        await answer(pilot, "1", "1")
        assert app.game.state.scene == "kitchen" and screen_name(app) == "PlayScreen"
        await play_on(pilot, "plan_together")
        if screen_name(app) == "HandOverScreen":
            await confirm(pilot, "Robin")
        assert app.game.state.scene == "plan_together" and screen_name(app) == "PlayScreen"
        await answer(pilot, "d")  # the detail of Robin's last answer, one key away
        assert "You chose: Promise one small thing" in shown(app, "#details")
        await answer(pilot, "escape")
        assert "Answer privately" in shown(app, "#turn-note")
        assert "Answer privately" in app.screen.query_one("#choices").border_title

        # plan_together: Robin answers privately; the autosave holds the hidden answer.
        await answer(pilot, "3")
        assert SaveStore(saves).read(AUTOSAVE).state.picks == [Pick("a", "choose", 2)]
        assert screen_name(app) == "HandOverScreen"
        text = screen_text(app)
        assert "Kai's turn" in text and "Robin has answered privately" in shown(
            app, "#handover-note"
        )
        assert "plans change" not in text and "chose" not in text
        await confirm(pilot, "Kai")
        text = screen_text(app)
        # Nothing of Robin's answer: no change line, no word of it.
        assert "chose" not in text and app.screen.query_one("#changes").has_class("-empty")
        assert "Robin's trust in you" in text  # the meters, from Kai's side

        # Kai answers differently: the reveal shows both answers together.
        await answer(pilot, "2")
        assert screen_name(app) == "RevealScreen"
        robin, kai = shown(app, "#reveal-a"), shown(app, "#reveal-b")
        assert "Robin" in robin and "A rule: when plans change" in robin
        assert "Kai" in kai and "One evening a week" in kai
        assert "You chose differently" in shown(app, "#reveal-verdict")
        assert "Kai's trust in Robin:" in shown(app, "#reveal-changes")
        await answer(pilot, "1")  # a stray number on the reveal chooses nothing
        assert screen_name(app) == "RevealScreen"
        await answer(pilot, "enter")

        # the_board is Kai's own scene: a habit kept up over four Sundays.
        if screen_name(app) == "HandOverScreen":
            await confirm(pilot, "Kai")
        assert app.game.state.scene == "the_board"
        assert "over the next four weeks" in screen_text(app)
        await answer(pilot, "2")
        if screen_name(app) == "RevealScreen":  # Kai sees what the habit changed
            await answer(pilot, "enter")

        # tuesday: Robin chooses privately, then Kai guesses.
        await confirm(pilot, "Robin")
        assert "Kai guesses" in shown(app, "#turn-note")
        await answer(pilot, "1")
        await confirm(pilot, "Kai")
        assert app.screen.query_one("#choices").border_title.startswith("Which did Robin choose?")
        assert "Robin has chosen in private" in shown(app, "#turn-note")
        text = screen_text(app)
        assert "Message Kai now" in text  # Robin's choices, as Robin saw them
        assert "chose:" not in text

        # Kai's journal lists only Kai's own answers.
        await answer(pilot, "j")
        assert screen_name(app) == "JournalScreen"
        journal = shown(app, "#journal")
        assert "Kai's journal" in screen_text(app)
        assert "You chose: One evening a week" in journal
        assert "You chose differently" in journal
        assert "Message Kai now" not in journal and "A rule" not in journal
        assert "Only your own answers are here" in journal
        await answer(pilot, "escape")

        await answer(pilot, "3")  # wrong: Robin messaged
        assert screen_name(app) == "RevealScreen"
        assert "Message Kai now" in shown(app, "#reveal-a")
        assert "guessed: Wait and see" in shown(app, "#reveal-b")
        assert "Kai guessed wrong" in shown(app, "#reveal-verdict")
        await answer(pilot, "enter")

        # Robin's journal, in turn, shows Robin's answers and not Kai's.
        await confirm(pilot, "Robin")
        await answer(pilot, "j")
        journal = shown(app, "#journal")
        assert "You chose: Ring Kai now" in journal and "Kai guessed wrong." in journal
        assert "One evening a week" not in journal
        await answer(pilot, "escape")

        # week3: Robin's answer never reaches Kai's screens before the reveal.
        await play_on(pilot, "week3")
        if screen_name(app) == "HandOverScreen":
            await confirm(pilot, "Robin")
        await answer(pilot, "1")
        assert screen_name(app) == "HandOverScreen"
        assert ROBIN_WEEK3 not in screen_text(app)
        await confirm(pilot, "Kai")
        text = screen_text(app) + shown(app, "#choices")
        assert KAI_SEES_WEEK3[:30] in text  # Kai's own options...
        assert ROBIN_WEEK3[:30] not in text  # ...never Robin's answer
        await answer(pilot, "2")
        assert ROBIN_WEEK3 in shown(app, "#reveal-a")
        assert "Thank her for saying honestly" in shown(app, "#reveal-b")

        # On to the ending, with the side-by-side debrief.
        for _ in range(40):
            if app.game.over:
                break
            await press_as_in_file(pilot, "enter" if screen_name(app) != "PlayScreen" else "1")
            await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "EndingScreen"
        ending = app.screen
        assert "Kai's trust in Robin is" in shown(app, "#trust-sentence")
        assert "Robin's trust in Kai is" in shown(app, "#trust-sentence")
        robin = shown(app, "#debrief-trust-a")
        kai = shown(app, "#debrief-trust-b")
        assert robin.startswith("Robin") and "Trust in Kai:" in robin and "Lowest" in robin
        assert kai.startswith("Kai") and "Trust in Robin:" in kai
        cells = [str(c.render()) for c in ending.query(".debrief-cell")]
        assert any("Robin chose: A rule: when plans change" in c for c in cells)
        assert any("Kai chose: One evening a week" in c for c in cells)
        assert any("✗ Kai guessed: Wait and see" in c for c in cells)
        # Kai guessed each of Robin's predicted choices right but Tuesday's.
        assert any("guessed Robin's choice right 8 of 9" in c for c in cells)
        scenes = [str(s.render()) for s in ending.query(".debrief-scene")]
        assert sum("≠ different" in s for s in scenes) == 2
        assert sum("✗ guessed wrong" in s for s in scenes) == 1
        assert len(scenes) == app.game.state.turn  # one row per answered scene, events aside
        await answer(pilot, "d")
        assert "Side by side: Robin and Kai" in screen_text(app)


async def test_a_scene_for_each_player_shows_the_chooser_their_result_before_the_hand_over(
    saves,
):
    app = make_app(saves, FIXTURES / "turns.toml", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer(pilot, "ctrl+s")
        await confirm(pilot, "Ana")
        await answer(pilot, "1")
        assert screen_name(app) == "RevealScreen"
        assert "Ana: what your choice changed" in screen_text(app)
        result = shown(app, "#result")
        assert "You chose: Ask them what is on their mind." in result
        assert "Bo's trust in you:" in result and "Communication rose" in result
        assert "hand over to Bo" in screen_text(app)
        await answer(pilot, "enter")
        assert "Ask them" not in screen_text(app)
        await confirm(pilot, "Bo")
        assert app.screen.query_one("#changes").has_class("-empty")
        assert "Ask them" not in screen_text(app)
        await answer(pilot, "1")
        assert screen_name(app) == "EndingScreen"
        assert "Bo chose: Tell them the truth" in shown(app, "#ending-outcome")


# --- saves -----------------------------------------------------------------------------------


async def test_resume_between_the_two_answers_of_a_both_scene(saves):
    prepared(saves, ROBIN_ANSWERED_WEEK3)
    assert SaveStore(saves).read(AUTOSAVE).state.scene == "week3"
    assert SaveStore(saves).read(AUTOSAVE).state.picks  # Robin has answered, Kai has not
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Late Again, together, choice" in screen_text(app)
        await answer(pilot, "c")  # Continue
        assert screen_name(app) == "HandOverScreen"
        note = shown(app, "#handover-note")
        assert "Welcome back" in note and "Robin has answered privately" in note
        assert ROBIN_WEEK3 not in screen_text(app)
        await confirm(pilot, "Kai")
        text = screen_text(app) + shown(app, "#choices")
        assert ROBIN_WEEK3[:30] not in text and KAI_SEES_WEEK3[:30] in text
        await answer(pilot, "1")
        assert screen_name(app) == "RevealScreen"
        assert ROBIN_WEEK3 in shown(app, "#reveal-a")
        assert "You both chose the same" in shown(app, "#reveal-verdict")


async def test_load_a_hotseat_slot_starts_with_a_hand_over(saves):
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game

    game = Game.new(resolve("late-again").scenario, "hotseat", {"a": "Mo", "b": "Ari"})
    for _ in TO_PLAN_TOGETHER:
        game.choose(0)
    SaveStore(saves).write("ours", game, label="Ours")
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer(pilot, "l")
        assert "together, choice 6" in screen_text(app)
        await pilot.click("#load")
        await pilot.pause()
        await confirm(pilot, "Mo")
        assert app.game.state.mode == "hotseat" and app.game.state.scene == "plan_together"


# --- appearance --------------------------------------------------------------------------------


async def test_hotseat_is_usable_at_60x20_and_names_stay_literal(saves, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(
        saves, "late-again", hotseat=True, players=Players({"a": "[b]Ro[/b]", "b": "*Ka*"})
    )
    async with app.run_test(size=(60, 20)) as pilot:
        await answer(pilot, "ctrl+s")
        assert app.no_color
        assert "[b]Ro[/b]'s turn" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        ring = f"{app.game.number_of(0)}. Ring *Ka* now"  # the file's first, as numbered
        assert "[b]Ro[/b]'s turn" in text and "*Ka*→you" in text and ring in text
        await answer(pilot, "1")  # Ro's private answer; *Ka* guesses it next
        assert screen_name(app) == "HandOverScreen"
        await confirm(pilot, "*Ka*")
        assert "Which did [b]Ro[/b] choose?" in screen_text(app)  # the name stays literal
        await answer(pilot, "1")
        assert screen_name(app) == "RevealScreen"
        assert "*Ka* guessed right" in screen_text(app)


# --- guessing both ways ----------------------------------------------------------------------


def at_scene(saves: Path, story: str, scene: str) -> None:
    """A hot-seat autosave of `story` waiting at `scene`, each answer the first open choice."""
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game

    game = Game.new(resolve(story).scenario, "hotseat")
    while game.state.scene != scene or game.state.picks:
        prompt = game.prompt()
        game.choose(game.available(prompt.actor, prompt.scene)[0])
    SaveStore(saves).write(AUTOSAVE, game)


#: `the_rule` in What Went Unsaid guesses both ways: each picks a rule, then
#: guesses the other's. Its first and second choices, as in the file.
SIGNAL = "A signal: you say"
COME_BACK = "Going quiet is allowed"


async def test_guessing_both_ways_each_chooses_then_guesses_with_one_hand_over(saves):
    at_scene(saves, "what-went-unsaid", "the_rule")
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer(pilot, "c")  # Continue
        await confirm(pilot, "Femi")
        assert "Then guess what Ines chooses" in shown(app, "#turn-note")
        await answer(pilot, "1")  # Femi's own rule: the signal
        # Still Femi: now the guess, before Ines has chosen.
        assert screen_name(app) == "PlayScreen"
        assert "Ines chooses after you" in shown(app, "#turn-note")
        await answer(pilot, "2")  # Femi guesses Ines will say "come back within the day"
        assert screen_name(app) == "HandOverScreen"
        assert SIGNAL not in screen_text(app) and COME_BACK not in screen_text(app)
        await confirm(pilot, "Ines")
        # Nothing of Femi's turn: no change line, no consequence.
        assert app.screen.query_one("#changes").has_class("-empty")
        assert not app.screen.query_one("#later").display
        assert "Then guess what Femi chooses" in shown(app, "#turn-note")
        await answer(pilot, "2")  # Ines: come back within the day
        assert screen_name(app) == "PlayScreen"
        assert "Femi has chosen in private" in shown(app, "#turn-note")
        await answer(pilot, "3")  # Ines guesses the long walk: wrong
        assert screen_name(app) == "RevealScreen"
        assert "the guesses, revealed" in screen_text(app)
        femi, ines = shown(app, "#reveal-a"), shown(app, "#reveal-b")
        assert f"chose: {SIGNAL}" in femi and f"guessed: {COME_BACK}" in femi
        assert f"chose: {COME_BACK}" in ines and "guessed: A long walk" in ines
        verdict = shown(app, "#reveal-verdict")
        assert "✓ Femi guessed right" in verdict and "✗ Ines guessed wrong" in verdict
