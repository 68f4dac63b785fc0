"""The habits of story games in the full-screen game (issue 12): the backlog
of the story so far, one-step undo, choices taken last time marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustquest.tui.testing import make_app, press_as_in_file, screen_text


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def screen_name(app) -> str:
    return type(app.screen).__name__


async def press(pilot, *keys: str) -> None:
    await press_as_in_file(pilot, *keys)
    await pilot.pause()


# --- the backlog ----------------------------------------------------------------------


async def test_the_backlog_holds_the_story_text_with_the_choices_in_place(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "3", "3", "b")
        assert screen_name(app) == "BacklogScreen"
        text = str(app.screen.query_one("#backlog").render())
        order = [
            "Choice 1 · Thursday, 7:42 pm",
            "The build has failed for the third time",  # the first scene's text, not only the choice
            "▸ You chose: Stay. Ten more minutes",
            "Choice 2 · Thursday, 8:40 pm",
            "The ten minutes became forty.",
            "▸ You chose: Leave the messages unread",
            "Choice 3 · Thursday, 9:14 pm · now",
            "Kai's plate has been cleared",
        ]
        at = [text.find(part) for part in order]
        assert -1 not in at and at == sorted(at), at
        # It opens at the newest, as it was read, and scrolls back.
        body = app.screen.query_one("#backlog-body")
        assert body.scroll_y == body.max_scroll_y > 0
        await press(pilot, "pageup")
        assert body.scroll_y < body.max_scroll_y
        await press(pilot, "escape")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.turn == 2  # looking back changed nothing


async def test_the_backlog_key_is_in_the_footer_and_the_help(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(100, 24)) as pilot:
        await press(pilot, "enter")
        assert "b Backlog" in screen_text(app)
        await press(pilot, "question_mark")
        assert "the backlog: the story so far" in str(app.screen.query_one("#help").render())


async def test_in_hot_seat_the_backlog_keeps_the_other_players_answers_private(saves):
    app = make_app(saves, "late-again", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "enter")  # setup, then Robin takes the keyboard
        robin = app.screen.reader
        await press(pilot, "1")  # Robin answers the desk alone; Kai guesses next
        game = app.game
        (pick,) = game.state.picks
        robins_words = game.words(game.scene, pick).text
        while screen_name(app) != "HandOverScreen":
            await press(pilot, "enter")
        await press(pilot, "b")  # the hand-over shows nobody's story
        assert screen_name(app) == "HandOverScreen"
        while screen_name(app) != "PlayScreen" or app.screen.reader == robin:
            await press(pilot, "enter")
        kai = app.screen.reader
        await press(pilot, "b")
        assert screen_name(app) == "BacklogScreen"
        text = str(app.screen.query_one("#backlog").render())
        names = game.state.names
        assert f"{names[kai]}'s story so far" in texts_of(app)
        assert "The build has failed" in text  # the scene Kai is guessing about
        assert "▸ " not in text and robins_words not in text  # Robin's until the reveal
        await press(pilot, "escape")
        assert screen_name(app) == "PlayScreen"
        await press(pilot, "1")  # Kai's guess: both see the reveal, then it is in both backlogs
        while screen_name(app) != "PlayScreen":
            await press(pilot, "enter")
        await press(pilot, "b")
        text = str(app.screen.query_one("#backlog").render())
        assert f"▸ {names[robin]} chose: " in text or "▸ You chose: " in text
        assert robins_words in text


async def test_in_hot_seat_the_backlog_opens_only_for_a_player_who_confirmed(saves):
    app = make_app(saves, "late-again", hotseat=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "enter")
        play = app.screen
        play.viewer = None  # as between a reveal and the next hand-over
        await press(pilot, "b", "j")
        assert app.screen is play


def texts_of(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


# --- one-step undo ----------------------------------------------------------------------


def autosaved(saves: Path) -> dict:
    from trustquest.saves import AUTOSAVE, SaveStore

    return SaveStore(saves).read(AUTOSAVE).state.to_dict()


async def test_undo_puts_back_the_state_from_before_the_choice_and_autosaves_it(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "3")
        before = app.game.state.to_dict()
        await press(pilot, "3")  # leave the messages unread
        assert app.game.state.turn == 2
        await press(pilot, "u")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.to_dict() == before  # whole: meters, history, timeline, seed
        assert autosaved(saves) == before  # undo is a move like any other
        notice = str(app.screen.query_one("#notice").render())
        assert notice.startswith("Undone: you are back before your choice “Leave the messages")
        await press(pilot, "u")  # one step only
        assert app.game.state.to_dict() == before
        assert "Nothing to undo" in next(iter(app._notifications)).message
        await press(pilot, "1")  # and play goes on from there
        assert app.game.state.turn == 2


async def test_undo_after_a_resume_has_nothing_to_take_back(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "3")
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "u")
        assert app.game.state.turn == 1
        assert "Nothing to undo" in next(iter(app._notifications)).message


async def test_undo_from_an_ending_asks_then_goes_back_before_the_last_choice(saves):
    from trustquest.catalog import resolve
    from trustquest.engine.game import Game
    from trustquest.saves import AUTOSAVE, SaveStore

    game = Game.new(resolve("late-again").scenario)
    for _ in range(18):  # one choice before "Early, For Once"
        game.choose(0)
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.game.state.to_dict()
        await press(pilot, "1")
        assert screen_name(app) == "EndingScreen"
        await press(pilot, "u")
        assert screen_name(app) == "ConfirmScreen"
        assert "Undo your last choice?" in screen_text(app)
        await press(pilot, "n")  # a stray key loses nothing
        assert screen_name(app) == "EndingScreen" and app.game.over
        await press(pilot, "u", "y")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.to_dict() == before
        assert "early_for_once" in app.profile.found("late-again")  # the ending stays found
    assert autosaved(saves) == before


async def test_hot_seat_has_no_undo_and_the_key_says_why(saves):
    app = make_app(saves, "late-again", hotseat=True)
    async with app.run_test(size=(100, 24)) as pilot:
        await press(pilot, "enter", "enter")
        assert "u Undo" not in screen_text(app)
        await press(pilot, "1")  # Robin answers: a hand-over follows
        while screen_name(app) != "PlayScreen":
            await press(pilot, "enter")
        state = app.game.state.to_dict()
        await press(pilot, "u")
        assert app.game.state.to_dict() == state
        assert app.undo_point is None
        assert "Undo is for solo play" in next(iter(app._notifications)).message


# --- choices taken last time --------------------------------------------------------------


async def test_choices_from_the_last_playthrough_are_marked_in_the_next(saves):
    from trustquest.saves import load_profile

    def marks(app) -> list[str]:
        return [
            str(o.prompt).split("\n")[0]
            for o in app.screen.query_one("#choices").options
            if "↩ you chose this last time" in str(o.prompt)
        ]

    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")
        assert marks(app) == []  # the first time through, nothing is marked
        await press(pilot, "2")
        while screen_name(app) == "PlayScreen":
            assert marks(app) == []
            first_open = app.game.available("a")[0]
            await press(pilot, str(first_open + 1))
        assert screen_name(app) == "EndingScreen"
    kept = load_profile(saves).chosen_last_time("late-again")
    assert kept["desk"] == (1,)
    app = make_app(saves, "late-again")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")
        shown = app.game.number_of(1)  # the file's second choice, as numbered on screen
        assert [m.split(".")[0] for m in marks(app)] == [str(shown)]
        await press(pilot, "2")  # the same way again: the next scene marks its choice too
        scene = app.game.state.scene
        assert kept[scene] == (0,)
        assert [m.split(".")[0] for m in marks(app)] == [str(app.game.number_of(0))]
