"""A delayed consequence that came due and was averted is its setter's alone
(`privacy.told_of`): hearing of it tells what they chose in private. It is
told to them at their next turn, or in the debrief, never at a reveal."""

from __future__ import annotations

from pathlib import Path

from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.engine.privacy import averted_untold, looking, told, told_of

STORY = Path(__file__).parents[1] / "fixtures" / "averted.toml"
LETTER = "Ivo opens the drawer and finds the letter."


def _game(mode: str = "hotseat") -> Game:
    return Game.new(load_file(STORY), mode, seed=1)


def _to_the_reveal(game: Game):
    """Noor hides the letter, then tells Ivo, in private; both answer the plans."""
    for index in (0, 0, 0):  # hide it; tell Ivo; Noor's plan
        game.choose(index)
    return game.choose(0)  # Ivo's plan: the reveal, and the letter comes due


def test_an_averted_consequence_comes_due_at_the_reveal_and_is_not_told_to_both():
    game = _game()
    outcome = _to_the_reveal(game)
    (fired,) = outcome.fired
    assert fired.averted and fired.role == "a" and fired.text == LETTER
    assert looking(outcome) is None  # both watch the reveal
    assert told(game, outcome, None) == ()
    assert not told_of(game, fired, "b")
    assert told_of(game, fired, "a")


def test_the_setter_is_told_at_their_next_turn_and_never_the_other():
    game = _game()
    _to_the_reveal(game)
    game.choose(0)  # Ivo's Sunday
    assert game.prompt().role == "a"
    assert [f.text for f in averted_untold(game, "a")] == [LETTER]
    assert averted_untold(game, "b") == ()
    game.choose(0)  # Noor's Monday: she has been told
    assert averted_untold(game, "a") == ()


def test_when_the_story_ends_first_it_is_still_owed_to_the_setter_for_the_debrief():
    game = _game()
    _to_the_reveal(game)
    game.choose(1)  # Ivo leaves for the week: the end, before Noor's next turn
    assert game.over
    assert [f.text for f in averted_untold(game, "a")] == [LETTER]
    assert averted_untold(game, "b") == ()


def test_solo_play_tells_everything_and_owes_nothing():
    game = _game("solo")
    for index in (0, 0):
        game.choose(index)
    outcome = game.choose(0)
    assert [f.text for f in told(game, outcome, "a")] == [LETTER]
    assert averted_untold(game, "a") == ()
