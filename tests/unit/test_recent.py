"""What changed in the last turn (engine/recent.py), and the one rounding
rule every face shows numbers with (describe.shown)."""

from __future__ import annotations

from trustquest.catalog import resolve
from trustquest.engine.describe import fmt, shown, signed
from trustquest.engine.game import Game
from trustquest.engine.recent import recent


def test_one_rounding_rule_halves_up():
    assert [shown(v) for v in (54.5, 54.49, 53.5, 0.5, 99.5, 46.0)] == [55, 54, 54, 1, 100, 46]
    assert fmt(54.5) == "55" and fmt(45.2) == "45"
    # A change reads as the difference of the two numbers shown.
    assert signed(50, 54.5) == "+5" and signed(44.6, 39.4) == "−6" and signed(50, 50.3) == "±0"


def late_again(*answers: int) -> Game:
    game = Game.new(resolve("late-again").scenario, seed=0)
    for answer in answers:
        game.choose(answer - 1)
    return game


def test_nothing_moved_before_the_first_choice():
    game = late_again()
    last = recent(game)
    assert last.moves == () and not last.answered
    assert last.trust_before == {r: game.trust(r) for r in "ab"}


def test_the_last_turn_nets_each_meter_once_biggest_first():
    game = late_again(3)  # stay at the desk
    before = {r: game.trust(r) for r in "ab"}
    game.choose(2)  # leave the messages unread
    last = recent(game)
    assert last.answered
    assert last.trust_before == before  # overall trust as it was before this turn
    keys = [(m.role, m.meter) for m in last.moves]
    assert len(keys) == len(set(keys))  # one move per profile and meter
    sizes = [abs(m.delta) for m in last.moves if not m.wound_opened]
    assert sizes == sorted(sizes, reverse=True)
    entry = game.state.history[-1]
    last_after = {(role, meter): after for role, meter, _before, after, *_ in entry.changes}
    for (role, meter), after in last_after.items():
        move = next(m for m in last.moves if (m.role, m.meter) == (role, meter))
        assert move.after == after


def test_a_consequence_that_fires_belongs_to_the_turn_and_a_wound_comes_first():
    # Stay, lie about the trains, ... five choices later the lie is found out.
    game = late_again(3, 2, 2, 2, 2, 1, 1)
    last = recent(game)
    assert last.fired
    assert last.moves[0].wound_opened and last.moves[0].meter == "transparency"
