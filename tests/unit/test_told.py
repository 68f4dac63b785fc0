"""What one hot-seat player is told of the other's part of the story: a
story event that happened to the other (quoted, so its "you" is theirs), the
lead before a scene the guesser reads in the chooser's words, and the recap
at a hand-over, which never retells what the incoming player already saw."""

from __future__ import annotations

import pytest

from trustquest.engine.describe import guess_lead, told_event
from trustquest.engine.game import Game
from trustquest.engine.loader import load_text
from trustquest.engine.recap import event_line, recap

STORY = """\
format = 1

[scenario]
id = "told"
order = "fixed"
title = "Told"
summary = "Events, guesses and hand-overs."
modes = ["solo", "hotseat"]
start = "desk"

[roles.a]
name = "Ana"
pronouns = "she"
[roles.b]
name = "Ben"
pronouns = "he"

[scenes.desk]
actor = "a"
text = "The build fails again."
[[scenes.desk.choices]]
text = "Stay late."
goto = "hall"
later = { after = 1, text = "{partner} ate alone.", their_trust = { reliability = -5 } }
[[scenes.desk.choices]]
text = "Go home."
goto = "hall"

[scenes.hall]
actor = "a"
text = "The hall light is off."
[[scenes.hall.choices]]
text = "Switch it on."
goto = "door"
[[scenes.hall.choices]]
text = "Leave it off."
goto = "door"

[scenes.door]
actor = "a"
predict = true
text = "{partner} tells you quickly."
[[scenes.door.events]]
text = "{partner} told a friend about your job without asking you."
your_trust = { reliability = -20 }
breach = true
[[scenes.door.choices]]
text = "Tell {them} it stings."
goto = "walk"
[[scenes.door.choices]]
text = "Say it's fine."
goto = "walk"

[scenes.walk]
actor = "b"
text = "A walk, {partner} beside you."
[[scenes.walk.choices]]
text = "Talk."
goto = "each"
[[scenes.walk.choices]]
text = "Listen."
goto = "each"

[scenes.each]
actor = "both"
predict = true
text = "Over tea, each of you names one thing to change."
[[scenes.each.choices]]
text = "Earlier dinners with {partner}."
goto = "end"
[[scenes.each.choices]]
text = "A quiet hour for {partner}."
goto = "end"

[endings.fallback]
title = "Tea"
tone = "hopeful"
text = "The pot goes cold while you talk."
"""


@pytest.fixture(scope="module")
def story():
    return load_text(STORY)


def hotseat(story, *answers: int) -> Game:
    """Ana and Ben's game after `answers` (file indexes, in the order asked)."""
    game = Game.new(story, mode="hotseat")
    for index in answers:
        game.choose(index)
    return game


# --- a story event, told to each player ----------------------------------------------------------


def test_an_event_is_told_plainly_to_the_player_it_happened_to(story):
    game = hotseat(story, 0, 0)  # Ana stays late; the door scene's event happens to Ana
    (happened,) = game.arrived()
    told = told_event(game, happened, "a")
    assert (told.heading, told.reader, told.quoted) == (
        "It happened (a breach of your trust): ",
        "a",
        False,
    )
    assert event_line(game, "a", happened) == (
        "It happened (a breach of your trust): Ben told a friend about your job without asking you."
    )


def test_an_event_told_to_the_other_player_is_quoted_as_told_to_the_one_it_happened_to(story):
    game = hotseat(story, 0, 0)
    (happened,) = game.arrived()
    told = told_event(game, happened, "b")
    # Ben reads it as Ana is told it: filled from her side ("Ben told ..."),
    # in quotation marks, so "your job" is never Ben's.
    assert told.quoted and told.reader == "a"
    assert told.heading == "It happened, a breach of Ana's trust. Ana is told: "
    assert event_line(game, "b", happened) == (
        "It happened, a breach of Ana's trust. Ana is told: "
        "“Ben told a friend about your job without asking you.”"
    )


def test_in_solo_play_an_event_is_always_the_players_own(story):
    game = Game.new(story)
    game.choose(0)
    game.choose(0)
    (happened,) = game.arrived()
    assert not told_event(game, happened, "b").quoted


# --- the lead before a guess ------------------------------------------------------------------


def test_the_guesser_is_told_whose_you_the_scene_speaks_to(story):
    game = hotseat(story, 0, 0, 0)  # Ana has chosen at the door: Ben guesses
    prompt = game.prompt()
    assert (prompt.role, prompt.kind) == ("b", "guess")
    assert guess_lead(game, prompt) == (
        "Ana has chosen in private. Below is the scene as Ana saw it: “you” in it means Ana."
    )


def test_a_guess_ahead_of_the_choice_says_the_scene_is_as_the_chooser_sees_it(story):
    game = hotseat(story, 0, 0, 0, 0, 0, 0)  # to the scene both guess: Ana chose, now she guesses
    prompt = game.prompt()
    assert (prompt.role, prompt.kind, prompt.turn.ahead) == ("a", "guess", True)
    assert guess_lead(game, prompt) == (
        "Ben chooses after you, in private. Below is the scene as Ben sees it: "
        "“you” in it means Ben."
    )


# --- the recap never retells what the incoming player saw -----------------------------------------


def test_after_a_reveal_neither_player_hears_it_again(story):
    game = hotseat(story, 0, 0, 0, 1)  # Ana: desk, hall, the door; Ben guesses: revealed
    assert game.prompt().role == "b"  # Ben walks next: both watched the reveal
    assert recap(game, "b").lines == ()
    game.choose(0)  # Ben, alone on the walk
    # Ana hears of Ben's walk, never the reveal she watched with him.
    assert recap(game, "a").lines == ("Choice 4: Ben answered in private.",)


def test_what_came_due_with_your_own_answer_is_not_retold_but_the_other_hears_it(story):
    game = hotseat(
        story, 0, 0, 0
    )  # Ana stays late; in the hall it comes due; she chooses at the door
    # Ana saw "Ben ate alone" with her own result; Ben, looking away, did not.
    assert recap(game, "a").lines == ()
    told = recap(game, "b")
    assert told.from_start
    assert told.lines == (
        "Choice 1: Ana answered in private.",
        "Choice 2: Ana answered in private.",
        "Something from earlier caught up with Ana: Ben ate alone.",
    )
    # The door's event is told with the scene, not in the recap.
    assert not any("your job" in line for line in told.lines)
