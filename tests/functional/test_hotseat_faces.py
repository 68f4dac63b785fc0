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


def plain_hotseat(tmp_path, answers: str, story: Path = FIXTURE) -> str:
    out = io.StringIO()
    play(
        resolve(str(story)),
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


def test_the_recap_never_retells_a_reveal_both_players_just_watched():
    game = new_game()
    game.choose(0)  # Noor: say sorry (its consequence comes due after one scene)
    game.choose(1)  # Noor: a film
    game.choose(0)  # Ivo: a walk: revealed, and the consequence fires with it
    # Both watched the reveal, and what came due as it resolved, together:
    # the hand-over to Noor has nothing new to tell either of them.
    told = recap(game, "a")
    assert told.heading == "Since your last turn:"
    assert told.lines == ()
    assert recap(game, "b").lines == ()


def test_an_event_in_the_recap_is_quoted_as_told_to_the_player_it_happened_to():
    game = new_game()
    for index in (0, 0, 0, 1, 0):  # to Noor's choice in the guessing scene
        game.choose(index)
    # Noor lived the porch-light event (her scene alone). Ivo hears it as told
    # to Noor, quoted: its "you" is Noor, never Ivo.
    assert recap(game, "b").lines[0] == (
        "It happened. Noor is told: “Ivo left the porch light on for you.”"
    )
    assert not any(line.startswith("It happened: ") for line in recap(game, "b").lines)


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


def test_plain_hotseat_over_a_pipe_tells_each_reveal_once(tmp_path):
    # The shared scene is revealed, then the keyboard goes to Noor; later Ivo
    # guesses and the guess is revealed, then the keyboard goes back to Noor.
    text = plain_hotseat(tmp_path, "1\n1\n2\n1\n1\n1\n")
    play_part = text.split("Debrief:")[0]
    for line in (
        "Noor chose: A walk.",
        "Ivo chose: A film.",
        "✗ You chose differently.",
        "Ivo guessed: The one Ivo loved as a child.",
        "✓ Ivo guessed right: that is what Noor chose.",
    ):
        told = [row for row in play_part.splitlines() if row.strip() == line]
        assert len(told) == 1, (line, told)
    assert play_part.count("Together again: ") == 2
    # The hand-over right after the shared reveal has nothing to retell.
    after = play_part.split("Together again: both answers")[1]
    handover = after.split("Hand-over: Noor's turn.")[1].split("Noor's turn.")[0]
    assert "Since your last turn" not in handover and "revealed" not in handover


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


# --- the guesser reads the chooser's scene: whose "you" it is -----------------------------------

#: Ten Candles: Carmen (a) shuts the kitchen door; Dev (b) then guesses her
#: answer. The scene's event happens to Carmen and says "your job" to her.
CANDLES_EVENT = "Dev told Anjali about your job without asking you"


def test_plain_guesser_is_told_the_choosers_event_quoted_and_whose_you_it_is(tmp_path):
    out = io.StringIO()
    play(
        resolve("ten-candles"),
        tmp_path / "saves",
        hotseat=True,
        seed=1,
        inp=io.StringIO("1\n3\n2\n"),  # Carmen: shut the door, then her answer; Dev's guess
        out=out,
    )
    text = out.getvalue()
    dev = text.split("\nDev's turn.\n")[1].split("Your answer")[0]
    # Carmen reads the event as hers.
    assert f"It happened: {CANDLES_EVENT}" in text.split("Hand-over: Dev's turn.")[0]
    # Dev first hears whose scene it is, then the event as told to Carmen, quoted.
    lead = "Carmen has chosen in private. Below is the scene as Carmen saw it: “you” in it means Carmen."
    assert dev.index(lead) < dev.index(CANDLES_EVENT) < dev.index("With the door shut")
    assert f"It happened. Carmen is told: “{CANDLES_EVENT};" in dev
    assert f"It happened: {CANDLES_EVENT}" not in dev
    # Dev also answers next, but Carmen watched the reveal with him: the
    # keyboard is handed over to him again before his own turn.
    after = text.split("Together again: the guess, revealed.")[1]
    assert after.index("Hand-over: Dev's turn again. Carmen, look away now.") < after.index(
        "\nDev's turn.\n"
    )


async def test_the_guessers_screen_quotes_the_choosers_event_under_whose_scene_it_is(saves):
    from trustquest.saves import AUTOSAVE, SaveStore

    game = Game.new(resolve("ten-candles").scenario, "hotseat", seed=1)
    while game.state.scene != "door_shut":
        game.choose(next(c.index for c in game.scene.choices if c.goto == "door_shut"))
    game.choose(0)  # Carmen's private answer: Dev guesses next
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # Continue
        await pilot.pause()
        await pilot.press("enter")  # "I'm Dev"
        await pilot.pause()
        assert "Dev's turn" in screen_text(app)
        story = app.screen.query_one("#story")
        note, happened = story.query_one("#turn-note"), story.query_one("#happened")
        assert "“you” in it means Carmen" in str(note.render())
        assert list(story.children).index(note) < list(story.children).index(happened)
        event = str(happened.render())
        assert "Carmen is told: “Dev told Anjali about your job" in event
        assert "It happened: " not in event


# --- a consequence averted is its setter's alone (privacy.told_of) ---------------------------

AVERTED = Path(__file__).parents[1] / "fixtures" / "averted.toml"
#: Noor hid the letter, then told Ivo in private; it comes due at a reveal both watch.
LETTER = "Ivo opens the drawer and finds the letter."


def test_plain_tells_an_averted_consequence_to_its_setter_alone_at_her_next_turn(tmp_path):
    # Noor: hide, tell, a walk; Ivo: a walk (the reveal), pancakes; Noor: Monday; Ivo: Tuesday.
    text = plain_hotseat(tmp_path, "1\n1\n1\n1\n1\n1\n1\n", AVERTED)
    play_part = text.split("Debrief:")[0]
    assert play_part.count(LETTER) == 1
    # Ivo's turn and the reveal he and Noor watch together, up to the next hand-over.
    shared = play_part.split("Hand-over: Ivo's turn. Noor")[1].split("Hand-over:")[0]
    assert "Together again: both answers" in shared
    assert LETTER not in shared
    # Told after the hand-over to Noor, on her own turn.
    noor = play_part.split("Hand-over: Noor's turn.")[1].split("Hand-over: Ivo's turn")[0]
    assert f"Something from earlier came due, and did not happen: {LETTER}" in noor
    assert noor.index("\nNoor's turn.\n") < noor.index(LETTER)


def test_plain_owes_it_to_the_setter_in_the_debrief_when_the_story_ends_first(tmp_path):
    # Ivo leaves for the week right after the reveal: the story ends before Noor's turn.
    text = plain_hotseat(tmp_path, "1\n1\n1\n1\n2\n", AVERTED)
    play_part, debrief = text.split("Debrief:")
    assert LETTER not in play_part
    assert f"Noor: Something from earlier came due, and did not happen: {LETTER}" in debrief


async def test_the_shared_reveal_keeps_an_averted_consequence_for_its_setters_turn(saves):
    from trustquest.saves import AUTOSAVE, SaveStore

    game = Game.new(resolve(str(AVERTED)).scenario, "hotseat", seed=1)
    for index in (0, 0, 0):  # Noor hides the letter, tells Ivo, and picks a plan
        game.choose(index)
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # Continue
        await pilot.pause()
        await pilot.press("enter")  # "I'm Ivo"
        await pilot.pause()
        await pilot.press("1")  # Ivo's plan: the reveal both watch
        await pilot.pause()
        assert type(app.screen).__name__ == "RevealScreen"
        assert "revealed" in screen_text(app)
        assert "finds the letter" not in str(app.screen.query_one("#reveal-changes").render())
        await pilot.press("enter")  # on to the hand-over
        await pilot.pause()
        await pilot.press("enter")  # "I'm Ivo"
        await pilot.pause()
        assert "finds the letter" not in screen_text(app)
        await pilot.press("1")  # pancakes: Ivo's own result, then Noor's turn
        await pilot.pause()
        assert "finds the letter" not in str(app.screen.query_one("#result").render())
        await pilot.press("enter")
        await pilot.pause()
        assert "finds the letter" not in screen_text(app)  # the hand-over, either may look
        await pilot.press("enter")  # "I'm Noor"
        await pilot.pause()
        later = app.screen.query_one("#later")
        assert later.display
        assert LETTER in str(later.render())


async def test_the_debrief_tells_the_setter_what_the_story_ended_before_telling(saves):
    from trustquest.saves import AUTOSAVE, SaveStore

    game = Game.new(resolve(str(AVERTED)).scenario, "hotseat", seed=1)
    for index in (0, 0, 0, 0):  # Noor hides, tells, picks a plan; Ivo's plan: the reveal
        game.choose(index)
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter")  # Continue; "I'm Ivo"
        await pilot.pause()
        await pilot.press("2")  # Ivo leaves for the week: the end
        await pilot.pause()
        assert type(app.screen).__name__ == "EndingScreen"
        noor = app.screen.query_one("#debrief-averted-a")
        assert LETTER in str(noor.render())
        assert "finds the letter" not in str(app.screen.query_one("#debrief-averted-b").render())
