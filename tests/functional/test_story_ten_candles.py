"""Ten Candles as players meet it: one `run --json` walkthrough per ending.

The answers are written in the file's order (tests/walkthrough.py turns them
into the numbers the game shows under the seed), so the comment beside each
one can say which choice it is."""

from __future__ import annotations

from test_story_arcs_account_unsaid import breaches, climb_after, lapses, run, scene_steps
from walkthrough import as_shown

from trustquest.catalog import builtin_dir

STORY = "ten-candles"
SEED = 7


def walk(capsys, file_answers: list[int]) -> dict:
    return run(capsys, STORY, SEED, as_shown(builtin_dir() / f"{STORY}.toml", file_answers, SEED))


def fired(report: dict) -> list[str]:
    return [f["text"] for s in report["steps"] for f in s.get("fired", []) if not f["averted"]]


def test_eleven_candles_when_you_hear_it_in_the_hall_and_forgive_it_anyway(capsys):
    r = walk(
        capsys,
        # the cake first; back the no; the bunting; stay close; "that's mine to
        # tell"; ask before the favour; explain tomorrow; forgive; keep the
        # confidence on the stairs; the Fridays; "it counted"
        [2, 1, 1, 1, 4, 2, 1, 1, 1, 1, 1],
    )
    assert r["ending"] == {"id": "eleven_candles", "title": "Eleven Candles", "tone": "hopeful"}
    (hall,) = lapses(r)  # Dev told Anjali, and you heard it from her
    assert hall["scene"] == "seven_twenty"
    assert "knew" not in r["flags"]
    (reliability,) = breaches(r, "a", "reliability")
    assert reliability["before"] - reliability["after"] == 12  # -8, landing 1.5 times as hard
    assert climb_after(r, reliability) >= 8  # forgiven, and then the message to Anjali
    assert {"forgave", "sent_message", "said_it_counted"} <= set(r["flags"])
    assert breaches(r, "b") == []


def test_the_long_way_back_after_you_answer_a_confidence_with_a_confidence(capsys):
    r = walk(
        capsys,
        # make room; say it stings; ask Luis's question together; the bunting;
        # stay close; the overdraft, out loud; sorry in front of Anjali; ask
        # before the favour; explain tomorrow; not yet; keep the confidence;
        # one plain rule; angry and still here
        [1, 2, 3, 1, 1, 3, 1, 2, 1, 2, 1, 2, 3],
    )
    assert r["ending"]["id"] == "the_long_way_back"
    assert r["ending"]["tone"] == "hopeful"
    assert {"knew", "told_theirs", "owned_it", "not_yet"} <= set(r["flags"])
    assert "porch_step" in r["visited"]  # the repair costs a scene
    (boundaries,) = breaches(r, "b", "boundaries")
    assert climb_after(r, boundaries) >= 9  # most of the way back, by bedtime
    assert lapses(r) == []  # Dev told you himself, so the hallway stung less


def test_two_sets_of_footsteps_when_the_score_is_kept(capsys):
    r = walk(
        capsys,
        # bristle; let Luis go; say nothing; hide in the kitchen; laugh it off;
        # give away the weekend; presents, loudly; list every slip; "it's
        # nothing" on the stairs; promise nothing; the sofa
        [3, 2, 3, 3, 2, 1, 2, 4, 3, 3, 4],
    )
    assert r["ending"] == {
        "id": "separate_stairs",
        "title": "Two Sets of Footsteps",
        "tone": "broken",
    }
    assert {"lied_to_luis", "kept_score", "sofa"} <= set(r["flags"])
    texts = fired(r)
    assert any("depot's letter on the printer tray" in t for t in texts)  # the lie, found
    assert any("ten-year-old with icing on her chin" in t for t in texts)  # the weekend, given away
    assert "luis_found_letter" in r["flags"]
    assert r["trust"]["a"] < 51.2 and r["trust"]["b"] < 44  # both directions fall


def test_the_dishes_done_when_it_is_fine_twice(capsys):
    r = walk(
        capsys,
        # make room; "it's fine"; back the no; say nothing; the coats; tell
        # Luis; keep the weekend; not at the table; "it's fine" again; keep the
        # confidence; promise nothing; the light off
        [1, 1, 1, 3, 2, 1, 3, 3, 3, 1, 3, 2],
    )
    assert r["ending"]["id"] == "the_dishes_done"
    assert r["ending"]["tone"] == "bittersweet"
    assert "swallowed" in r["flags"]
    assert any("two in the morning" in t for t in fired(r))  # it was not fine
    assert breaches(r, "a") == [] and breaches(r, "b") == []  # nothing broke; nothing was said


def test_the_fridays_climb_one_week_at_a_time(capsys):
    r = walk(capsys, [2, 1, 1, 1, 4, 2, 1, 1, 1, 1, 1])
    (habit,) = scene_steps(r, "ten_thirty")
    steps = [c for c in habit["changes"] if c["role"] == "a" and c["meter"] == "reliability"]
    assert len(steps) == 3 and all(c["after"] > c["before"] for c in steps)
