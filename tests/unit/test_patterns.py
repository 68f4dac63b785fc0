"""Your patterns across stories: the summary kept per finished solo game, what
the summaries show together, and the private file that keeps them."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from trustquest import patterns_file
from trustquest.commands import profile
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.engine.patterns import KEEP, read_patterns, remember, summarize

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lessons.toml"
FORGET, COLLECT, CANCEL = 0, 1, 2
MAKE_UP, CARRY_ON, CANCEL_LATER = 0, 1, 2


@pytest.fixture(scope="module")
def scenario():
    return load_file(FIXTURE)


def finished(scenario, *answers, seed=0) -> Game:
    game = Game.new(scenario, seed=seed)
    for index in answers:
        game.choose(index)
    assert game.over
    return game


def sections(kept) -> dict[str, tuple[str, ...]]:
    return {s.heading: s.lines for s in read_patterns(kept).sections}


def test_a_summary_keeps_what_the_patterns_need_and_no_names(scenario):
    game = finished(scenario, FORGET, MAKE_UP, MAKE_UP, CARRY_ON)
    p = summarize(game, "2026-01-02")
    assert (p.scenario, p.title, p.ending, p.tone, p.day) == (
        "lessons",
        "Lessons",
        "fallback",
        "bittersweet",
        "2026-01-02",
    )
    assert (p.choices, p.breaks, p.rebuilt, p.rebuild_choices, p.lapses) == (4, 1, 1, 2, 0)
    assert p.gains["reliability"] == 20.0 and p.losses["reliability"] == 20.0
    assert "Robin" not in repr(p) and "Kai" not in repr(p)


def test_the_same_finished_game_is_kept_once_and_the_list_is_bounded(scenario):
    a = summarize(finished(scenario, FORGET, MAKE_UP, MAKE_UP, CARRY_ON), "d")
    b = summarize(finished(scenario, COLLECT, CARRY_ON, CARRY_ON, CARRY_ON), "d")
    assert remember([a], a) == [a]
    assert remember([a], b) == [a, b]
    many = []
    for i in range(KEEP + 7):
        many = remember(many, attrs.evolve(b, key=str(i)))
    assert len(many) == KEEP and many[0].key == "7" and many[-1].key == str(KEEP + 6)


def test_patterns_name_the_pillars_protected_and_held_back(scenario):
    kind = summarize(finished(scenario, COLLECT, MAKE_UP, MAKE_UP, MAKE_UP), "d1")
    s = sections([kind])
    assert s["The pillars you protect"][0].startswith(
        "Reliability: your choices added 40 points to your partners' trust in it; "
        "you never cost it anything."
    )
    assert s["When trust broke"] == (
        "You haven't broken your partner's trust in any story you finished.",
    )
    assert s["How it changed"] == ("Finish another story to see how your patterns change.",)


def test_patterns_tell_how_the_player_changed(scenario):
    early = [
        summarize(finished(scenario, FORGET, CARRY_ON, CARRY_ON, CARRY_ON), f"d{i}")
        for i in range(2)
    ]
    late = [
        summarize(finished(scenario, COLLECT, MAKE_UP, MAKE_UP, MAKE_UP), f"e{i}") for i in range(2)
    ]
    s = sections(early + late)
    changed = " ".join(s["How it changed"])
    assert "You break trust less often now: 0.0 pillars a story in your latest stories, " in changed
    assert "1.0 in your earlier ones" in changed
    assert "Your partners' trust in you ends higher than it used to" in changed
    assert s["When trust broke"][0] == (
        "You broke trust in 2 of 4 stories: 2 pillars in all, 0 of them rebuilt before the end."
    )
    assert s["Your latest stories"][0].startswith("e1  Lessons: Good (hopeful); 4 choices")
    assert read_patterns(early + late).count == 4


def test_nothing_kept_yet_says_how_to_start():
    s = sections([])
    assert list(s) == ["Nothing yet"]


# --- the file ------------------------------------------------------------------------


def test_the_file_round_trips_and_clear_forgets_it(scenario, tmp_path):
    game = finished(scenario, FORGET, MAKE_UP, MAKE_UP, CARRY_ON)
    assert patterns_file.record(tmp_path, game) == ""
    assert patterns_file.record(tmp_path, game) == ""  # the same ending again: kept once
    kept = patterns_file.load(tmp_path)
    assert kept.problem == "" and len(kept.playthroughs) == 1
    assert kept.playthroughs[0] == summarize(game, kept.playthroughs[0].day)
    assert patterns_file.clear(tmp_path) is True
    assert patterns_file.load(tmp_path).playthroughs == ()
    assert patterns_file.clear(tmp_path) is False


def test_hotseat_and_unfinished_games_are_not_kept(tmp_path):
    from trustquest.catalog import resolve

    hot = Game.new(resolve("late-again").scenario, "hotseat")
    assert patterns_file.record(tmp_path, hot) == ""
    assert not patterns_file.path_in(tmp_path).exists()


@pytest.mark.parametrize(
    "text",
    [
        "not toml [",
        "version = 99\n",
        'version = 1\nplaythrough = "x"\n',
        'version = 1\n[[playthrough]]\nscenario = "x"\n',
        "version = 1\n[[playthrough]]\n" + "choices = nan\n",
    ],
)
def test_a_damaged_file_is_reported_and_never_overwritten(scenario, tmp_path, text):
    path = patterns_file.path_in(tmp_path)
    path.write_text(text)
    kept = patterns_file.load(tmp_path)
    assert kept.playthroughs == () and "damaged" in kept.problem
    game = finished(scenario, COLLECT, CARRY_ON, CARRY_ON, CARRY_ON)
    assert "damaged" in patterns_file.record(tmp_path, game)
    assert path.read_text() == text


def test_an_oversized_file_is_refused(tmp_path):
    path = patterns_file.path_in(tmp_path)
    path.write_bytes(b"version = 1\n" + b"#" * (patterns_file.MAX_BYTES + 1))
    assert "damaged" in patterns_file.load(tmp_path).problem


def test_the_profile_command_prints_and_clears(scenario, tmp_path, capsys):
    patterns_file.record(tmp_path, finished(scenario, FORGET, MAKE_UP, MAKE_UP, CARRY_ON))
    assert profile(tmp_path) == 0
    out = capsys.readouterr().out
    assert out.startswith("Your patterns\n\nIn short\n  Across 1 finished story, from ")
    assert "When trust broke\n  You broke trust in 1 of 1 story" in out
    assert str(patterns_file.path_in(tmp_path)) in out
    assert profile(tmp_path, clear=True) == 0
    assert "forgotten" in capsys.readouterr().out
    assert not patterns_file.path_in(tmp_path).exists()
    assert profile(tmp_path, clear=True) == 0
    assert "no patterns to forget" in capsys.readouterr().out


def test_the_cli_reports_a_damaged_file_without_a_traceback(tmp_path, capsys):
    from trustquest.cli import main

    patterns_file.path_in(tmp_path).write_text("[[[")
    assert main(["--saves", str(tmp_path), "profile"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err
    assert main(["--saves", str(tmp_path), "profile", "--clear"]) == 0
    assert main(["--saves", str(tmp_path), "profile"]) == 0
    assert "Nothing yet" in capsys.readouterr().out


def test_plain_mode_keeps_a_finished_story(tmp_path):
    import io

    from trustquest.catalog import resolve
    from trustquest.plain import play

    out = io.StringIO()
    play(resolve(str(FIXTURE)), tmp_path, inp=io.StringIO("1\n1\n1\n2\n"), out=out)
    (kept,) = patterns_file.load(tmp_path).playthroughs
    assert (kept.scenario, kept.breaks, kept.rebuilt, kept.choices) == ("lessons", 1, 1, 4)


def test_a_summary_never_keeps_the_names_the_player_typed(tmp_path):
    text = FIXTURE.read_text().replace('title = "A Week"', 'title = "A Week with {partner}"')
    path = tmp_path / "named.toml"
    path.write_text(text)
    game = Game.new(load_file(path), names={"a": "Zed Private", "b": "Quill Secret"})
    for index in (COLLECT, CARRY_ON, CARRY_ON, CARRY_ON):
        game.choose(index)
    p = summarize(game, "d")
    assert p.ending_title == "A Week with Kai"  # the story's own name for the partner
    assert "Quill" not in repr(p) and "Zed" not in repr(p)
