"""The Shared Account and What Went Unsaid as players meet them: one `run --json`
walkthrough per ending (a game seed and the answers as displayed for it), with
what the path is about; then the trust-arc gates and the hot-seat share of both
stories.

To find a new walkthrough after a rewrite, play the story (`trustquest play ID
--plain --seed N`) and check the answers with `trustquest run ID --seed N
--choices ... --json`."""

from __future__ import annotations

import json

from trustquest.cli import main

ACCOUNT = "the-shared-account"
UNSAID = "what-went-unsaid"
STORIES = (ACCOUNT, UNSAID)


def run(capsys, story: str, seed: int, answers: str) -> dict:
    assert main(["run", story, "--seed", str(seed), "--choices", answers, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ended"] and report["error"] is None
    return report


def changes(report: dict) -> list[dict]:
    """Every change of the playthrough in order: choices, consequences, events."""
    out = [c for e in report.get("opening_events", []) for c in e["changes"]]
    for step in report["steps"]:
        out += step.get("changes", [])
        for fired in step.get("fired", []):
            out += fired.get("changes", [])
        for event in step.get("events", []):
            out += event["changes"]
    return out


def breaches(report: dict, role: str, meter: str | None = None) -> list[dict]:
    return [
        c
        for c in changes(report)
        if c["role"] == role and c["cause"] == "breach" and meter in (None, c["meter"])
    ]


def climb_after(report: dict, breach: dict) -> float:
    """How far the breached meter climbed back from its lowest point after the breach."""
    everything = changes(report)
    later = everything[everything.index(breach) + 1 :]
    low, climb = breach["after"], 0.0
    for c in later:
        if (c["role"], c["meter"]) == (breach["role"], breach["meter"]):
            low = min(low, c["after"])
            climb = max(climb, c["after"] - low)
    return climb


def lapses(report: dict) -> list[dict]:
    """The partner's own lapses: story events marked as a breach of your trust."""
    return [
        e
        for step in report["steps"]
        for e in step.get("events", [])
        if e["breach"] and any(c["role"] == "a" for c in e["changes"])
    ]


def scene_steps(report: dict, scene: str) -> list[dict]:
    return [s for s in report["steps"] if s["scene"] == scene]


# --- The Shared Account ---------------------------------------------------------------------


def test_account_the_found_transfer_and_the_lie_close_the_account(capsys):
    # The £650 goes quietly on Thursday, a "birthday present" covers it on Sunday,
    # and the app gives it away anyway.
    r = run(capsys, ACCOUNT, 3, "3,1,4,3,1,1,2,4,3,3,3,1,2,4,2,4")
    assert r["ending"]["id"] == "closed_account"
    assert {"took_quietly", "lied", "found_out"} <= set(r["flags"])
    assert "owned_it" not in r["flags"]
    (hit,) = breaches(r, "b", "transparency")
    assert hit["before"] - hit["after"] == 15  # -10, landing 1.5 times as hard
    assert r["wounds"]["b"]["transparency"] > 0  # still open at the end


def test_account_your_half_when_your_own_trust_gives_out(capsys):
    # Theo reads your phone and hid a card; you say it doesn't matter, then keep
    # a secret tally: it's your trust that ends it.
    r = run(capsys, ACCOUNT, 3, "2,3,3,4,3,3,1,1,3,3,4,2,2,1,1,2")
    assert r["ending"]["id"] == "your_half"
    assert {"swallowed_it", "kept_tally"} <= set(r["flags"])
    assert len(lapses(r)) == 2  # the phone, and the card
    assert r["trust"]["a"] < 42 < r["trust"]["b"]
    (tally,) = scene_steps(r, "the_long_month")
    losses = [c for c in tally["changes"] if c["role"] == "a" and c["after"] < c["before"]]
    assert len(losses) == 8  # two meters, four weeks, one step at a time


def test_account_one_promise_too_many_for_the_people_pleaser(capsys):
    # A clean path to the viewing, where the biggest promise wins the room and
    # costs the ending.
    r = run(capsys, ACCOUNT, 3, "1,3,2,5,3,2,1,1,3,4,4,2,1,2,4,2")
    assert r["ending"]["id"] == "one_promise"
    assert "vowed_never" in r["flags"]
    assert breaches(r, "b") == []


def test_account_both_names_when_you_decide_together(capsys):
    r = run(capsys, ACCOUNT, 3, "1,3,3,1,2,1,1,3,1,4,3,1,1,5,2,3")
    assert r["ending"]["id"] == "both_names"
    assert breaches(r, "b") == []  # you never broke Theo's trust...
    assert len(lapses(r)) == 2  # ...and forgave his lapses
    assert "forgave_card" in r["flags"]
    assert r["trust"]["b"] >= 59 and r["trust"]["a"] >= 48


def test_account_signed_in_the_autumn_after_paying_back_every_friday(capsys):
    # Betray, get found out, then repair patiently: four Fridays of transfers.
    r = run(capsys, ACCOUNT, 3, "3,1,2,4,2,1,1,2,1,1,2,2,3,2,3,1,6")
    assert r["ending"] == {
        "id": "signed_in_autumn",
        "title": "Signed in the Autumn",
        "tone": "hopeful",
    }
    assert {"found_out", "repaid"} <= set(r["flags"])
    (hit,) = breaches(r, "b", "transparency")
    assert climb_after(r, hit) >= 8  # slowly, but it climbs back
    (habit,) = scene_steps(r, "the_long_month")
    steps = [c for c in habit["changes"] if c["meter"] == "transparency"]
    assert len(steps) == 4 and all(c["after"] > c["before"] for c in steps)
    assert "last_of_four" in r["visited"]


def test_account_separate_pots_after_the_lunch_is_put_right(capsys):
    # The purse-strings joke at your mum's is a breach; four Sunday calls mend
    # some of it, not enough to sign.
    r = run(capsys, ACCOUNT, 3, "2,2,4,4,2,4,3,1,4,2,1,2,1,2,5,3,1")
    assert r["ending"]["id"] == "separate_pots"
    assert {"threw_under", "joke_spread", "put_right"} <= set(r["flags"])
    (hit,) = breaches(r, "b", "respect")
    assert climb_after(r, hit) >= 6
    assert "washing_up" in r["visited"]


def test_account_still_saving_after_the_second_secret(capsys):
    r = run(capsys, ACCOUNT, 3, "3,2,3,2,1,1,2,2,4,3,1,2,3,3,1,5,5")
    assert r["ending"]["id"] == "still_saving"
    assert {"caved", "second_secret"} <= set(r["flags"])
    assert breaches(r, "b", "boundaries")  # the statement on the hall table


# --- What Went Unsaid -----------------------------------------------------------------------


def test_unsaid_fine_after_the_confidence_is_used_and_never_mended(capsys):
    r = run(capsys, UNSAID, 3, "2,1,2,1,1,3,1,4,3,1,3,1,1,1,2,4,1,1,1,5")
    assert r["ending"]["id"] == "fine"
    assert {"used_confidence", "kept_back"} <= set(r["flags"])
    assert "mended_confidence" not in r["flags"]
    fired = [f["text"] for s in r["steps"] for f in s.get("fired", []) if not f["averted"]]
    assert any("keeping things where you can't reach them" in text for text in fired)


def test_unsaid_never_again_is_a_promise_too_big(capsys):
    r = run(capsys, UNSAID, 3, "2,1,1,3,3,2,1,4,1,3,4,1,1,3,3,2,4,4,6,5")
    assert r["ending"]["id"] == "big_promise"
    assert {"never_promise", "jo_knew", "forgave_jo"} <= set(r["flags"])
    # Ines told Jo about your father: a lapse of hers, which you chose to forgive
    assert any("Jo squeezes your arm" in e["text"] for e in lapses(r))


def test_unsaid_your_name_on_the_door_when_you_notice_and_say_so(capsys):
    r = run(capsys, UNSAID, 3, "1,3,3,3,3,2,3,2,2,4,3,1,3,3,1,3,4,3,2")
    assert r["ending"]["id"] == "name_on_the_door"
    assert {"noticed", "named_flinch"} <= set(r["flags"])
    assert breaches(r, "b") == []
    (alarm,) = lapses(r)  # she went quiet on the rule you both made
    assert alarm["scene"] == "old_alarm"


def test_unsaid_a_slow_yes_after_the_confidence_is_mended_for_weeks(capsys):
    r = run(capsys, UNSAID, 3, "3,3,2,1,1,3,3,1,4,1,1,3,3,3,4,4,5,4,1")
    assert r["ending"] == {"id": "slow_yes", "title": "A Slow Yes", "tone": "hopeful"}
    assert {"used_confidence", "kept_back", "mended_confidence"} <= set(r["flags"])
    (hit,) = breaches(r, "b", "respect")
    assert climb_after(r, hit) >= 7  # most of the way back: 9 lost, over four weeks
    (habit,) = scene_steps(r, "long_weeks")
    assert len([c for c in habit["changes"] if c["meter"] == "respect"]) == 4


def test_unsaid_not_yet_after_naming_the_hurt(capsys):
    r = run(capsys, UNSAID, 3, "1,2,1,3,2,2,1,1,1,1,2,3,1,1,3,2,1,1,3")
    assert r["ending"]["id"] == "not_yet"
    assert {"jo_knew", "named_hurt", "forgave_jo", "asked_to_wait"} <= set(r["flags"])
    (told,) = breaches(r, "a", "boundaries")
    assert climb_after(r, told) >= 6  # your own trust in Ines, rebuilt


def test_unsaid_the_long_way_round_after_the_missed_move(capsys):
    r = run(capsys, UNSAID, 3, "3,3,1,3,3,3,1,3,3,4,3,1,4,3,4,4,4,3,1")
    assert r["ending"]["id"] == "the_long_way"
    assert "van_late" in r["flags"]


# --- the gates and hot-seat -----------------------------------------------------------------
