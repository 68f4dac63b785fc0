"""The Tide Table as players meet it: one `run --json` walkthrough per ending
(a game seed and the answers as displayed for it), with what the path is
about, and one hot-seat game in which player two really plays.

To find a new walkthrough after a rewrite, play the story (`trustquest play
the-tide-table --plain --seed N`) or take a path from `trustquest paths`, and
check it with `trustquest run the-tide-table --seed N --choices ... --json`.
The story gates and player two's share over random games are checked for every
built-in story in test_library_gates.py."""

from __future__ import annotations

import json

from test_story_arcs_account_unsaid import breaches, climb_after, lapses, run, scene_steps

from trustquest.cli import main

TIDE = "the-tide-table"


def letter_lapse(report: dict) -> dict:
    """Lorna's hidden heart trouble, found in the July post: a breach of your trust."""
    (found,) = [e for e in lapses(report) if e["scene"] == "the_letter"]
    return found


def habit_steps(report: dict, scene: str, role: str, meter: str) -> list[dict]:
    (step,) = scene_steps(report, scene)
    return [c for c in step["changes"] if (c["role"], c["meter"]) == (role, meter)]


def test_spring_tide_when_you_tell_her_the_same_day_and_keep_your_days_apart(capsys):
    # The pact after the letter, the roundabout told that evening, and the
    # boat's Thursdays kept through the dark months.
    r = run(capsys, TIDE, 3, "1,4,4,3,1,5,3,2,4,2,4,1,4,4,3,3,4,4")
    assert r["ending"] == {"id": "spring_tide", "title": "Spring Tide", "tone": "hopeful"}
    assert {"pact", "told_roundabout", "kept_days"} <= set(r["flags"])
    assert "found_out" not in r["flags"]
    assert breaches(r, "b") == []  # you never broke Lorna's trust...
    assert letter_lapse(r)["breach"]  # ...though she hid her heart from you
    # with the pact made, she rings from the vestry steps instead of hiding it
    kept = [e for s in r["steps"] for e in s.get("events", []) if e["scene"] == "choir_night"]
    assert [e["breach"] for e in kept] == [False]
    assert "rang from the church hall" in kept[0]["text"]
    respect = habit_steps(r, "dark_months", "b", "respect")
    assert len(respect) == 6 and all(c["after"] > c["before"] for c in respect)


def test_turning_tide_after_the_hidden_roundabout_is_found_and_owned(capsys):
    # You tell only the GP; the clinic letter gives you away. The honest reason,
    # the car keys handed over, and six weeks of the green notebook bring it back.
    r = run(capsys, TIDE, 3, "1,4,4,3,2,2,3,4,1,2,4,2,2,3,4,2,3,2,4,3")
    assert r["ending"] == {"id": "turning_tide", "title": "The Turn of the Tide", "tone": "hopeful"}
    assert {"told_gp_only", "found_out", "owned_it", "gave_keys", "kept_book"} <= set(r["flags"])
    fired = [f for s in r["steps"] for f in s.get("fired", []) if not f["averted"]]
    assert len(fired) == 1 and "memory clinic" in fired[0]["text"]
    (hit,) = breaches(r, "b", "transparency")
    assert hit["before"] - hit["after"] == 13.5  # -9, landing 1.5 times as hard
    assert climb_after(r, hit) >= 8  # slowly, but it climbs back
    assert "the_keys" in r["visited"]  # the repair costs a scene of its own
    steps = habit_steps(r, "dark_months", "b", "transparency")
    assert len(steps) == 6 and all(c["after"] > c["before"] for c in steps)
    # your own trust in Lorna came back too: the July wound has closed
    assert r["wounds"]["a"].get("transparency", 0) == 0
    assert r["trust"]["a"] > 55


def test_two_calendars_when_the_secrets_pile_up_on_both_sides(capsys):
    r = run(capsys, TIDE, 3, "4,2,2,1,4,1,4,3,3,3,2,2,3,2,1,1,1,3")
    assert r["ending"]["id"] == "two_calendars"
    assert {"searched", "bureau_found", "hid_roundabout", "found_out", "told_children"} <= set(
        r["flags"]
    )
    assert {"second_secret", "checking_spray", "watching"} <= set(r["flags"])
    # Lorna lapses twice: the hospital letter, then the choir break Morag told you about
    assert [e["scene"] for e in lapses(r)] == ["the_letter", "choir_night"]
    assert len({c["meter"] for c in breaches(r, "b")}) >= 3  # bureau, roundabout, Calum
    # six weeks of watching her wear your own forgiveness down, one step at a time
    watched = habit_steps(r, "dark_months", "a", "forgiveness")
    assert len(watched) == 6 and all(c["after"] < c["before"] for c in watched)
    assert r["trust"]["a"] < 45 and r["trust"]["b"] < 45


def test_slack_water_when_you_sell_the_boat_to_be_beside_her(capsys):
    # Lorna's trust in you ends high, but the year took the time apart with it.
    r = run(capsys, TIDE, 3, "3,1,1,2,1,4,2,2,1,4,3,3,1,4,1,6,2,2")
    assert r["ending"] == {"id": "slack_water", "title": "Slack Water", "tone": "bittersweet"}
    assert {"swallowed", "sold_boat", "half_told", "second_secret", "named_second"} <= set(
        r["flags"]
    )
    assert r["trust"]["b"] >= 56  # high enough for Spring Tide on its own
    assert breaches(r, "b") == []
    # the joke about the roundabout comes back, without a breach
    fired = [f for s in r["steps"] for f in s.get("fired", []) if not f["averted"]]
    assert ["getting lost" in f["text"] for f in fired] == [True]
    (sold,) = scene_steps(r, "dark_months")
    bought = [c for c in sold["changes"] if c["role"] == "b" and c["cause"] == "choice"]
    assert len(bought) == 4 and all(c["after"] > c["before"] for c in bought)


def test_hotseat_lorna_answers_guesses_and_both_reach_spring_tide(capsys):
    # Desmond is player one, Lorna player two: she answers her own scenes,
    # her half of each `both` scene, and guesses what he will do after 34 years.
    answers = "2,4,1,1,2,2,3,2,2,2,2,3,4,1,2,3,5,5,1,1,3,1,2,4,3,4,5,4,4,4"
    assert main(["run", TIDE, "--hotseat", "--seed", "2", "--choices", answers, "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["error"] is None and r["ending"]["id"] == "spring_tide"
    roles = [s["role"] for s in r["steps"]]
    assert roles.count("b") / len(roles) >= 0.35
    resolved = {s["scene"]: s for s in r["steps"] if s["resolved"]}
    assert resolved["headland"]["matched"] is True  # the same wish on Isa's bench
    assert resolved["roundabout"]["kind"] == "guess" and resolved["roundabout"]["matched"]
    # a right guess builds the guesser's trust: Lorna knew he would tell her
    knew = [c for c in resolved["roundabout"]["changes"] if c["cause"] == "match"]
    assert [(c["role"], c["meter"]) for c in knew] == [("b", "communication")]
    assert resolved["small_hours"]["matched"] is False  # and sometimes she is wrong
    # Lorna's lessons quote the July letter as the scene told it (Desmond
    # finding out about Lorna's heart), not refilled with the names swapped
    letter = [lesson["text"] for lesson in r["reflection"]["lessons"] if "April" in lesson["text"]]
    assert {lesson["about"] for lesson in r["reflection"]["lessons"]} == {"Desmond", "Lorna"}
    assert len(letter) == 2
    assert all("April Lorna has been going to appointments about her heart" in t for t in letter)
