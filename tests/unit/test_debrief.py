"""What the hot-seat screens read from the engine: a guess's choices as the
actor saw them, the side-by-side debrief rows, each player's trust path, how
a scenario shares its scenes out, and descriptions that name both players."""

from __future__ import annotations

from trustquest.engine.describe import hotseat_shares, trust_sentence, whose, wound_lines
from trustquest.engine.game import Game
from trustquest.engine.loader import load_text
from trustquest.engine.reflection import debrief_rows, trust_path

DUO = load_text(
    """\
format = 1

[scenario]
id = "duo"
order = "fixed"  # tests number choices as in the file
title = "Duo"
summary = "Two players."
modes = ["solo", "hotseat"]
start = "alone"

[roles.a]
name = "Ana"
pronouns = "she"
[roles.b]
name = "Bo"
pronouns = "he"

[scenes.alone]
text = "{partner} waits."
[[scenes.alone.choices]]
text = "Call {partner}."
goto = "together"
their_trust = { communication = 6 }
[[scenes.alone.choices]]
text = "Lie to {them}."
goto = "together"
breach = true
their_trust = { transparency = -20 }

[scenes.together]
actor = "both"
text = "What now?"
match = { their_trust = { communication = 4 } }
[[scenes.together.choices]]
text = "Thank {them}."
goto = "guess"
[[scenes.together.choices]]
text = "Say nothing."
goto = "guess"

[scenes.guess]
actor = "a"
predict = true
text = "Guess what {me} picks."
[[scenes.guess.choices]]
text = "Text {partner} at six."
goto = "end"
[[scenes.guess.choices]]
text = "Forget."
goto = "end"

[endings.fallback]
title = "Fallback"
tone = "bittersweet"
text = "The end."
"""
)


def played(answers: list[int]) -> Game:
    game = Game.new(DUO, "hotseat")
    for index in answers:
        game.choose(index)
    return game


def test_a_guess_reads_the_choices_as_the_actor_saw_them():
    game = played([0, 0, 0, 0])
    prompt = game.prompt()
    assert (prompt.kind, prompt.role, prompt.actor) == ("guess", "b", "a")
    # By default (plain mode, `run`, the TUI) as the actor saw them...
    assert game.options(prompt)[0].text == "Text Bo at six."
    # ...and filled for another reader only when asked.
    assert game.options(prompt, reader="b")[0].text == "Text Ana at six."


def test_debrief_rows_compare_both_players_scene_by_scene():
    game = played([1, 0, 1, 0, 1])
    rows = debrief_rows(game)
    assert [(r.step, r.scene_id, r.kind) for r in rows] == [
        (1, "alone", "alone"),
        (2, "together", "both"),
        (3, "guess", "predict"),
    ]
    alone, together, guess = rows
    assert [a.text for a in alone.answers["a"]] == ["Lie to him."] and alone.answers["b"] == ()
    assert alone.matched is None
    # Each player's answer is filled for that player: Ana thanks "him", Bo says nothing.
    assert [a.text for a in together.answers["a"]] == ["Thank him."]
    assert [a.text for a in together.answers["b"]] == ["Say nothing."]
    assert together.matched is False
    (chosen,) = guess.answers["a"]
    (guessed,) = guess.answers["b"]
    assert (chosen.kind, chosen.text, chosen.right) == ("choose", "Text Bo at six.", None)
    assert (guessed.kind, guessed.text, guessed.right) == ("guess", "Forget.", False)
    assert guess.matched is False


def test_trust_path_follows_each_direction():
    game = played([1, 0, 0, 0, 0])
    path = trust_path(game, "b")  # Bo's trust in Ana: the lie lands first
    assert len(path.series) == len(game.state.history) + 1
    assert path.start == game.state.timeline[0]["trust"]["b"]
    assert path.end == game.trust("b")
    assert path.low_step == 1 and path.low < path.start
    assert trust_path(game, "a").end == game.trust("a")


def test_hotseat_shares_and_named_descriptions():
    assert hotseat_shares(DUO) == {"a": 1, "b": 0, "both": 1, "predict": 1, "both_ways": 0}
    game = played([1])
    assert whose(game, "b", None) == "Bo's trust in Ana"
    assert whose(game, "b", "a") == "Bo's trust in you"
    sentence = trust_sentence(game, None)
    assert sentence.startswith("Bo's trust in Ana is") and "Ana's trust in Bo is" in sentence
    (wound,) = wound_lines(game, None)
    assert wound.startswith("Bo's trust in Ana: Transparency has an open wound")
