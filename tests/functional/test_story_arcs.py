"""Late Again and The Old Message as players meet them: one `run --json`
walkthrough per ending (a game seed and the answers as displayed for it), with
what the path is about, then the trust-arc gates and the hot-seat share of
each story.

To find a new walkthrough after a rewrite, play the story (`trustquest play ID
--plain --seed N`) or take a path from `trustquest paths`, and check it with
`trustquest run ID --seed N --choices ... --json`."""

from __future__ import annotations

import json

from trustquest.cli import main

STORIES = ("late-again", "the-old-message")


def run(capsys, story: str, seed: int, answers: str) -> dict:
    assert main(["run", story, "--seed", str(seed), "--choices", answers, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ended"] and report["error"] is None
    return report


def changes(report: dict, scene: str | None = None) -> list[dict]:
    """Every change of the playthrough (choices, consequences, events), or
    those of the answers given in `scene`."""
    out = []
    for step in report["steps"]:
        if scene is None or step["scene"] == scene:
            out += step.get("changes", [])
            for fired in step.get("fired", []):
                out += fired.get("changes", [])
        if scene is None:
            for event in step.get("events", []):
                out += event["changes"]
    out += [c for e in report.get("opening_events", []) for c in e["changes"]]
    return out


def events(report: dict) -> list[dict]:
    return [e for step in report["steps"] for e in step.get("events", [])]


def breaches(report: dict, role: str) -> list[dict]:
    return [c for c in changes(report) if c["role"] == role and c["cause"] == "breach"]


def rebuilt(report: dict, breach: dict) -> bool:
    """The breached meter climbed back to where it was before the breach, or
    its wound closed, later in the same playthrough."""
    after = changes(report)[changes(report).index(breach) + 1 :]
    same = [c for c in after if c["role"] == breach["role"] and c["meter"] == breach["meter"]]
    return any(c["wound_closed"] or c["after"] >= breach["before"] for c in same)


# --- Late Again: one walkthrough per ending ------------------------------------------------------


def test_late_again_early_for_once_forgives_the_partner_lapse_and_heals_it(capsys):
    # Honest about the weeks ahead, the film moved together, the popcorn noticed,
    # the clinic kept; Kai stands Robin up at Priya's drinks, and is forgiven.
    r = run(capsys, "late-again", 3, "3,2,1,1,1,1,3,3,1,3,2,2,3,3,1,2,1,1,2")
    assert r["ending"]["id"] == "early_for_once" and r["ending"]["tone"] == "hopeful"
    assert breaches(r, "b") == []  # never a breach of Kai's trust
    lapse = next(e for e in events(r) if e["scene"] == "kai_lapse")
    assert lapse["breach"] and all(c["role"] == "a" for c in lapse["changes"])
    hurt = next(c for c in lapse["changes"] if c["meter"] == "reliability")
    assert hurt["wound_opened"] and rebuilt(r, hurt)
    # The honest forecast took the sting out of the big promise made after it.
    vow = [f for s in r["steps"] for f in s["fired"] if "everything will be different" in f["text"]]
    assert vow and vow[0]["averted"]
    assert r["trust"]["a"] > 50 and r["trust"]["b"] >= 54


def test_late_again_the_long_way_round_rebuilds_after_the_missed_pickup(capsys):
    # The match over the clinic (a breach), then four weeks of being home by
    # six, the ten-to-six texts, and Kai's own lapse talked through.
    r = run(capsys, "late-again", 4, "3,2,2,2,3,1,1,2,1,1,2,2,1,3,4,3,2,2,1")
    assert r["ending"]["id"] == "the_long_way" and r["ending"]["tone"] == "hopeful"
    assert "missed_pickup" in r["flags"] and "patient_repair" in r["flags"]
    missed = {c["meter"]: c for c in changes(r, "saturday") if c["cause"] == "breach"}
    assert set(missed) == {"reliability", "consistency"}
    assert all(c["role"] == "b" and c["wound_opened"] for c in missed.values())
    assert rebuilt(r, missed["consistency"])  # back where it was before the breach
    depth = missed["reliability"]["before"] - missed["reliability"]["after"]
    assert 0 < r["wounds"]["b"]["reliability"] < depth  # healing, a step at a time
    habit = [c for c in changes(r, "after_clinic") if c["meter"] == "reliability"]
    assert len(habit) == 4 and all(c["after"] > c["before"] for c in habit)
    assert "sofa_cold" in r["visited"] and "after_clinic" in r["visited"]  # the longer road


def test_late_again_the_empty_chair_after_a_vow_that_wore_through(capsys):
    r = run(capsys, "late-again", 3, "1,3,1,1,1,4,3,1,3,2,3,3,1,1,4,3,4,1,2,2,1")
    assert r["ending"]["id"] == "empty_chair" and r["ending"]["tone"] == "broken"
    assert "vow_broken" in r["flags"] and "slipped" in r["flags"]
    vow = [c for c in changes(r, "tuesday_evening") if c["cause"] == "breach"]
    assert vow and all(c["role"] == "b" and c["after"] < c["before"] for c in vow)
    assert r["trust"]["b"] < 50 and r["trust"]["a"] < 45


def test_late_again_two_ledgers_when_the_lapse_is_never_let_go(capsys):
    r = run(capsys, "late-again", 7, "3,1,3,1,3,3,2,1,3,1,2,2,1,3,1,3,1,2,3")
    assert r["ending"]["id"] == "the_ledger"
    assert "kept_score" in r["flags"] and "let_it_land" not in r["flags"]
    bins = [f for s in r["steps"] for f in s["fired"] if "bins" in f["text"]]
    assert bins and not bins[0]["averted"]  # the *no worries* came out sideways
    assert r["trust"]["a"] < 45  # your own trust in Kai is what stayed low


def test_late_again_still_counting_an_honest_explanation_pays_later(capsys):
    r = run(capsys, "late-again", 2, "2,1,1,4,2,3,1,3,1,3,2,2,1,1,4,3,3,2,2")
    assert r["ending"]["id"] == "still_counting"
    assert "honest_limits" in r["flags"]
    paid = [c for c in changes(r, "tuesday") if c["cause"] == "consequence"]
    assert paid and all(c["role"] == "b" and c["after"] > c["before"] for c in paid)
    assert r["trust"]["b"] >= 54 and r["trust"]["a"] < 50  # Kai trusts you; you still doubt Kai


def test_late_again_leftovers_is_what_is_left_after_a_broken_vow(capsys):
    r = run(capsys, "late-again", 8, "1,2,1,4,1,1,2,3,2,3,1,2,1,1,2,2,2,3,1")
    assert r["ending"]["id"] == "leftovers" and r["ending"]["tone"] == "bittersweet"
    assert "vow_broken" in r["flags"]
    # Late on the same Thursday again, but home to apologise rather than to a bar.
    last = r["steps"][-1]
    assert last["scene"] == "final_dinner_late" and last["text"].startswith("Go home")
    assert breaches(r, "b") and breaches(r, "a")  # both of you let the other down


# --- The Old Message: one walkthrough per ending ------------------------------------------------


def test_old_message_door_unlatched_rebuilds_what_the_hiding_broke(capsys):
    r = run(capsys, "the-old-message", 9, "3,1,1,2,1,1,2,3,2,3,3,1,3,1,1,3,1")
    assert r["ending"]["id"] == "door_unlatched" and r["ending"]["tone"] == "hopeful"
    assert {"found_out", "kept_answering", "forgave_dani"} <= set(r["flags"])
    found = next(c for c in changes(r, "the_screen") if c["meter"] == "transparency")
    assert found["cause"] == "breach" and found["wound_opened"] and rebuilt(r, found)
    habit = [c for c in changes(r, "cold_weeks") if c["meter"] == "transparency"]
    assert len(habit) == 4  # answering the same questions, week after week
    dani = next(e for e in events(r) if e["scene"] == "dani")
    assert dani["breach"] and rebuilt(r, dani["changes"][0])  # Rowan's lapse, forgiven


def test_old_message_open_door_when_told_at_once_and_both_lapses_are_met(capsys):
    r = run(capsys, "the-old-message", 1, "4,2,3,3,2,2,1,1,1,2,1,1,3,4")
    assert r["ending"]["id"] == "open_door" and r["ending"]["tone"] == "hopeful"
    assert "told_early" in r["flags"] and breaches(r, "b") == []
    lapses = [e["scene"] for e in events(r) if e["breach"]]
    assert lapses == ["morgan_reply", "dani"]  # Rowan lets you down twice
    assert r["trust"]["a"] > 50


def test_old_message_separate_rooms_when_the_second_message_is_hidden(capsys):
    r = run(capsys, "the-old-message", 8, "4,2,1,1,3,2,3,3,1,2,2,2,1,1,3,4")
    assert r["ending"]["id"] == "separate_rooms" and r["ending"]["tone"] == "broken"
    assert "hid_again" in r["flags"] and "hid_found" in r["flags"]
    pause = [f for f in r["steps"][-1]["fired"] if "pause answers" in f["text"]]
    assert pause and not pause[0]["averted"]
    assert any(
        c["meter"] == "transparency" for c in changes(r, "last_evening") if c["cause"] == "breach"
    )
    assert r["trust"]["b"] < 37


def test_old_message_two_passcodes_when_rowans_lapse_is_held_against_them(capsys):
    r = run(capsys, "the-old-message", 1, "4,2,3,4,3,3,1,3,1,3,1")
    assert r["ending"]["id"] == "two_passcodes"
    assert "kept_dani" in r["flags"] and "refused_help" in r["flags"]
    garden = [e for e in events(r) if "garden" in e["text"]]
    assert garden and all(c["after"] < c["before"] for c in garden[0]["changes"])
    assert r["trust"]["a"] < 45 < r["trust"]["b"]


def test_old_message_still_mending_with_an_honest_limit_instead_of_a_vow(capsys):
    r = run(capsys, "the-old-message", 3, "4,1,2,2,3,3,1,1,2,3,3,2,3,3,4")
    assert r["ending"]["id"] == "still_mending"
    assert "same_day_rule" in r["flags"] and "promise_broke" not in r["flags"]
    said = next(s for s in r["steps"] if s["scene"] == "session_two")
    assert "christening" in said["text"]
    assert all(c["after"] >= c["before"] for c in said["changes"] if c["meter"] != "intimacy")


def test_old_message_careful_kindness_after_a_hidden_message_is_confessed(capsys):
    r = run(capsys, "the-old-message", 8, "4,2,2,1,2,1,3,3,2,2,3,3,1,2,3,2")
    assert r["ending"]["id"] == "careful_kindness" and r["ending"]["tone"] == "bittersweet"
    assert {"hid_again", "confessed_again"} <= set(r["flags"])
    pause = [f for f in r["steps"][-1]["fired"] if "pause answers" in f["text"]]
    assert pause and pause[0]["averted"]  # owning up in time kept it from landing
