"""Hot-seat as the two players meet it in each face: the reveal of a guess or
a shared answer as soon as it happens (in the chooser's words), the recap at
each hand-over (the shared story since your last turn, never the other
player's private answers), in plain mode and in the full-screen game."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from trustquest.catalog import resolve
from trustquest.engine.game import Game
from trustquest.engine.recap import recap
from trustquest.plain import play
from trustquest.players import Players
from trustquest.tui.testing import make_app, screen_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "plain_reader.toml"
#: Noor (a, "she") and Ivo (b, "he"): each reads the other's name in the texts.
PLAYERS = Players({"a": "Noor", "b": "Ivo"}, {"a": "she", "b": "he"})
#: Noor's private choice in the first scene, which only she answers.
NOOR_ALONE = "Say sorry, and mean it."


def new_game() -> Game:
    return Game.new(
        resolve(str(FIXTURE)).scenario, "hotseat", dict(PLAYERS.names), dict(PLAYERS.pronouns), 1
    )


def plain_hotseat(tmp_path, answers: str) -> str:
    out = io.StringIO()
    play(
        resolve(str(FIXTURE)),
        tmp_path / "saves",
        hotseat=True,
        seed=1,
        players=PLAYERS,
        inp=io.StringIO(answers),
        out=out,
    )
    return out.getvalue()


# --- the recap, in the engine ----------------------------------------------------------------


def test_the_recap_names_the_scenes_the_other_answered_but_never_their_answers():
    game = new_game()
    game.choose(0)  # Noor, alone: say sorry
    game.choose(1)  # Noor, in the shared scene: a film (Ivo still to answer)
    told = recap(game, "b")
    assert told.from_start and told.heading == "So far in the story:"
    assert told.lines == ("Tuesday, late: Noor answered in private.",)
    assert not any("sorry" in line or "film" in line for line in told.lines)


def test_the_recap_tells_a_reveal_that_came_after_your_turn_and_what_caught_up():
    game = new_game()
    game.choose(0)  # Noor: say sorry (its consequence comes due after one scene)
    game.choose(1)  # Noor: a film
    game.choose(0)  # Ivo: a walk: revealed, and the consequence fires
    told = recap(game, "a")
    assert told.heading == "Since your last turn:"
    assert told.lines == (
        "Wednesday: both answers were revealed.",
        "  Noor chose: A film.",
        "  Ivo chose: A walk.",
        "  ✗ You chose differently.",
        # Noor's own choice set it up, in private: the recap names no choice.
        "Something from earlier caught up with Noor: Ivo remembers the apology.",
    )
    # Ivo finished the scene: only what came due as it resolved is news to him.
    assert recap(game, "b").lines == (
        "Something from earlier caught up with Noor: Ivo remembers the apology.",
    )


def test_an_event_in_the_recap_says_whose_it_was():
    game = new_game()
    for index in (0, 0, 0, 1, 0):  # to Noor's choice in the guessing scene
        game.choose(index)
    # Noor lived the porch-light event (her scene alone); Ivo hears whose it was.
    assert recap(game, "b").lines == (
        "Something from earlier caught up with Noor: Ivo remembers the apology.",
        "It happened to Noor: Ivo left the porch light on for you.",
        "Thursday: Noor answered in private.",
    )


# --- plain mode -------------------------------------------------------------------------------


def test_plain_hotseat_reveals_each_guess_and_shared_answer_at_once_in_the_choosers_words(
    tmp_path,
):
    # Noor alone; the shared scene (Noor, then Ivo); Noor alone again; Noor
    # chooses a book, Ivo guesses it.
    text = plain_hotseat(tmp_path, "1\n1\n2\n1\n1\n1\n")
    shared, guess = text.split("Together again: ")[1:3]
    assert shared.startswith("both answers, revealed.\nNoor chose: A walk.\nIvo chose: A film.\n")
    assert "✗ You chose differently.\nWhat changed:\n" in shared
    assert "✓ You both chose the same." not in shared
    # Revealed before the next scene is shown, not at the debrief.
    assert text.index("Together again: both answers") < text.index("Which book will you pick")
    # The guess names Noor's choice in Noor's words ("Ivo loved"), not the guesser's.
    assert guess.startswith(
        "the guess, revealed.\nNoor chose: The one Ivo loved as a child.\n"
        "Ivo guessed: The one Ivo loved as a child.\n"
        "✓ Ivo guessed right: that is what Noor chose.\n"
    )
    assert "The one Noor loved" not in text
    # The debrief shows ✓/✗ by time label, never an id.
    assert "✓ Ivo guessed right: The one Ivo loved as a child." in text
    assert "zq_" not in text


def test_plain_hotseat_off_a_terminal_hands_over_with_a_line_and_a_recap(tmp_path):
    text = plain_hotseat(tmp_path, "1\n1\n2\n1\n1\n1\n")
    assert "\x1b" not in text  # nothing to clear on a pipe
    handover = text.split("Hand-over: Ivo's turn.")[1].split("Ivo's turn.")[0]
    assert handover.startswith(" Noor, pass the keyboard to Ivo and look away.\n")
    assert "So far in the story:\n  Tuesday, late: Noor answered in private.\n" in handover
    assert "Noor has answered this scene in private; it stays hidden until the reveal." in handover
    # Ivo never reads Noor's private answers before the reveal (her shared
    # answer) or the debrief (her scene alone).
    before_reveal = text.split("Hand-over: Ivo's turn.")[1].split("Together again")[0]
    assert NOOR_ALONE not in before_reveal and "A walk" not in before_reveal.split("1. A walk.")[1]


# --- the full-screen game ---------------------------------------------------------------------


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


async def test_the_hand_over_screen_shows_the_recap_and_never_a_private_answer(saves):
    app = make_app(saves, str(FIXTURE), hotseat=True, players=PLAYERS, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#begin").focus()
        await pilot.press("enter")  # begin: Noor goes first
        await pilot.pause()
        await pilot.press("enter")  # "I'm Noor"
        await pilot.pause()
        for key in ("1", "1"):  # say sorry; a walk
            await pilot.press(key)
            await pilot.pause()
            while type(app.screen).__name__ not in ("PlayScreen", "HandOverScreen"):
                await pilot.press("enter")
                await pilot.pause()
        assert type(app.screen).__name__ == "HandOverScreen"
        text = screen_text(app)
        assert "Ivo's turn" in text
        recap_box = str(app.screen.query_one("#handover-recap").render())
        assert recap_box == "So far in the story:\nTuesday, late: Noor answered in private."
        assert "sorry" not in text.lower() and "A walk" not in text
