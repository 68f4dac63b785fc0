"""A habit's steps and its D6 credit move the same meters several times in
one answer; every face says each meter once, with its total change (the
playtester saw Consistency listed three times after a habit)."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from trustquest.catalog import resolve
from trustquest.commands import run
from trustquest.engine.game import Game
from trustquest.engine.recent import recent
from trustquest.plain import play
from trustquest.players import Players
from trustquest.tui.render.changes import change_line
from trustquest.tui.render.journal import journal_content
from trustquest.tui.render.outcome import details_content

FIXTURE = str(Path(__file__).parents[1] / "fixtures" / "habit_credit.toml")
METERS = ("Consistency", "Communication", "Reliability")


def habit_kept() -> tuple[Game, object]:
    game = Game.new(resolve(FIXTURE).scenario)
    return game, game.choose(0)


def mentions(text: str) -> Counter:
    return Counter({m: text.count(m) for m in METERS})


def test_the_habit_moves_each_meter_several_times_in_the_engine():
    _game, outcome = habit_kept()
    moved = Counter(c.meter for c in outcome.changes)
    assert moved["consistency"] == 4 and moved["communication"] == 3  # steps and credit


def test_the_detail_view_names_each_meter_once_with_its_total():
    game, outcome = habit_kept()
    text = details_content(game, outcome, "Keep every Friday", "a").plain
    assert mentions(text) == Counter(dict.fromkeys(METERS, 1)), text
    assert "Consistency rose a little: 50 → 56" in text
    assert "steady choices add up" in text  # the D6 credit still says so
    assert "▲▲ Communication rose: 50 → 57" in text


def test_the_journal_names_each_meter_once_with_its_total():
    game, _outcome = habit_kept()
    text = journal_content(game, "a").plain
    assert mentions(text) == Counter(dict.fromkeys(METERS, 1)), text
    assert "▲ Consistency 50→56" in text
    # The fixture's scenes have no time label: the heading is the number
    # alone, never the scene's id.
    assert "Choice 1\n" in text and "friday" not in text


def test_plain_mode_names_each_meter_once_with_its_total(tmp_path):
    out = io.StringIO()
    play(
        resolve(FIXTURE),
        tmp_path / "saves",
        seed=1,
        players=Players({}),
        inp=io.StringIO("1\n"),
        out=out,
    )
    text = out.getvalue()
    changed = text[text.index("What changed:") :].split("\n\n")[0]
    assert mentions(changed) == Counter(dict.fromkeys(METERS, 1)), changed
    assert "Consistency rose a little, from 50 to 56" in changed


def test_run_names_each_meter_once_with_its_total():
    out = io.StringIO()
    run(FIXTURE, [1], out=out)
    text = out.getvalue()
    first = text[: text.index("Not ended")]
    assert mentions(first) == Counter(dict.fromkeys(METERS, 1)), first


def test_the_change_line_names_each_meter_once_with_its_total():
    game, _outcome = habit_kept()
    line = change_line(game, recent(game, "a"), "a", 200).plain
    assert mentions(line) == Counter(dict.fromkeys(METERS, 1)), line
    assert "Consistency +6" in line and "Communication +7" in line
