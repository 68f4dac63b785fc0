"""Between Windows as players meet it: one `run --json` walkthrough per ending
(a game seed and the answers as displayed for it), with what each path is
about. The story's gates and player two's share are checked for every built-in
story in test_library_gates.py.

To find a new walkthrough after a rewrite, play the story (`trustquest play
between-windows --plain --seed N`) and check the answers with `trustquest run
between-windows --seed N --choices ... --json`."""

from __future__ import annotations

import json

from test_story_arcs_account_unsaid import breaches, changes, climb_after, lapses, run, scene_steps

from trustquest.cli import main

STORY = "between-windows"
SEED = 3


def moved(step: dict, role: str) -> float:
    """The net move, over every meter, of one role's profile in one answer."""
    return sum(c["after"] - c["before"] for c in step["changes"] if c["role"] == role)


def fired(report: dict) -> list[str]:
    return [f["text"] for s in report["steps"] for f in s.get("fired", []) if not f["averted"]]


def test_the_line_stays_open_when_the_rota_is_told_on_the_day(capsys):
    # Tell Saoirse the afternoon the leave is declined, thank her for the
    # parcel, ask for one line a day after her silence, notice the 4 am call.
    r = run(capsys, STORY, SEED, "3,3,3,1,2,2,3,1,3,2,2,5,1")
    assert r["ending"] == {"id": "open_line", "title": "The Line Stays Open", "tone": "hopeful"}
    assert {"told_early", "came_to_you", "thanked", "noticed_call", "kept_up"} <= set(r["flags"])
    # the honest explanation of a broken promise is rewarded, not taken as an excuse
    (told,) = scene_steps(r, "rota")
    assert moved(told, "b") > 0
    assert "her_reply" in r["visited"] and breaches(r, "b") == []
    # her own lapse still lands on you, and a week of kept lines brings it back
    (quiet,) = lapses(r)
    assert quiet["scene"] == "the_quiet"
    hit = next(c for c in quiet["changes"] if c["meter"] == "reliability")
    assert climb_after(r, hit) >= 8


def test_the_line_stays_open_even_when_the_truth_comes_ten_days_late(capsys):
    # Waiting costs something, but the real reason, with the delay owned, is no excuse.
    r = run(capsys, STORY, SEED, "4,1,1,1,4,2,1,3,1,2,1,3,2")
    assert r["ending"]["id"] == "open_line"
    assert "told_late" in r["flags"] and "told_early" not in r["flags"]
    assert breaches(r, "b") == []
    (told,) = scene_steps(r, "swap_hunt")
    assert moved(told, "b") > 0  # late, but with its real reason: still a gain
    assert fired(r) == [] and "photo_seen" not in r["flags"]  # nothing left to find out


def test_slow_signal_after_the_vague_excuse_is_found_out_and_owned(capsys):
    # "Work's gone mad": Dev's photo gives the real date away; you own it in a
    # letter from the cab and send the rota board every shift for a fortnight.
    r = run(capsys, STORY, SEED, "1,2,1,3,2,2,4,1,4,1,2,2,1,3")
    assert r["ending"] == {"id": "slow_signal", "title": "Slow Signal", "tone": "hopeful"}
    assert {"vague", "photo_seen", "owned_it", "repaired"} <= set(r["flags"])
    assert any("Dev posts a photo" in text for text in fired(r))
    (hit,) = breaches(r, "b", "transparency")
    assert hit["before"] - hit["after"] == 18  # -12, landing 1.5 times as hard
    assert climb_after(r, hit) >= 8  # slowly, over two weeks, it climbs back
    (letter,) = scene_steps(r, "long_letter")
    steps = [c for c in letter["changes"] if c["role"] == "b" and c["meter"] == "transparency"]
    assert len(steps) == 4 and all(c["after"] > c["before"] for c in steps)


def test_dead_air_when_the_date_is_fudged_and_the_hurt_is_turned_into_a_score(capsys):
    r = run(capsys, STORY, SEED, "2,4,2,2,3,3,5,4,2,1,3,4,3")
    assert r["ending"] == {"id": "dead_air", "title": "Dead Air", "tone": "broken"}
    assert {"vowed", "fudged", "photo_seen", "went_cold", "keeping_score"} <= set(r["flags"])
    assert "owned_it" not in r["flags"]
    assert breaches(r, "b", "respect")  # "that makes you even"
    assert r["trust"]["a"] < 42 and r["trust"]["b"] < 42  # both directions gave out


def test_separate_clocks_for_the_player_who_says_what_pleases(capsys):
    # Told on the day, and kind all season: but "it's fine" after the silence
    # and "I'll be absolutely fine" about the winter leave the real things unsaid.
    r = run(capsys, STORY, SEED, "2,3,3,3,2,2,2,2,3,2,1,2,1")
    assert r["ending"] == {
        "id": "separate_clocks",
        "title": "Separate Clocks",
        "tone": "bittersweet",
    }
    assert {"told_early", "swallowed", "brave_face"} <= set(r["flags"])
    assert r["trust"]["b"] >= 60  # her trust in you is high; it is not the whole story
    assert any("It wasn't fine" in text for text in fired(r))
    late = [c for c in changes(r) if c["cause"] == "consequence" and c["role"] == "a"]
    assert late and all(c["after"] < c["before"] for c in late)


def test_together_saoirse_guesses_noor_and_keeps_the_line_from_her_end(capsys):
    # Hot-seat: Saoirse guesses what Noor wrote, and in the last week it is her
    # own kept habit, four days of it, that moves Noor's trust in her.
    answers = "3,4,3,3,2,1,3,3,4,3,4,1,4,2,4,2,3,3,2,3,4,2,1,1"
    assert main(["run", STORY, "--hotseat", "--choices", answers, "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["ending"]["id"] == "open_line"
    roles = [s["role"] for s in r["steps"]]
    assert roles.count("b") / len(roles) >= 0.35
    guesses = [s for s in r["steps"] if s["kind"] == "guess"]
    assert len(guesses) == 9 and guesses[-1]["matched"] is True
    (_, hers) = scene_steps(r, "the_weeks")
    assert hers["role"] == "b" and "Keep to what was offered" in hers["text"]
    kept = [
        c
        for c in hers["changes"]
        if (c["role"], c["meter"], c["cause"]) == ("a", "consistency", "choice")
    ]
    assert len(kept) == 4 and all(c["after"] > c["before"] for c in kept)
