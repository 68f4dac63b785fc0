"""Up the Valley as players meet it: one `run --json` walkthrough per ending (a
game seed and the answers as displayed for it), with what the path is about;
then the two sides of the one decision in hot-seat. The library-wide gates and
player two's share are in test_library_gates.py.

To find a new walkthrough after a rewrite, play the story (`trustquest play
up-the-valley --plain --seed N`) and check the answers with `trustquest run
up-the-valley --seed N --choices ... --json`."""

from __future__ import annotations

import json

from test_story_arcs_account_unsaid import breaches, climb_after, lapses, run, scene_steps

from trustquest.catalog import builtin_dir
from trustquest.cli import main
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file

STORY = "up-the-valley"
SEED = 7
BELONGING_AT_START = 34  # role a's; role b starts rooted, at 88


def test_the_hidden_offer_and_the_chip_shop_send_the_van_back_down(capsys):
    # Pugh's offer kept in a wallet until Gwen tells it over the bread counter;
    # a dig at Ceri; the farm's overdraft explained to the five-a-side table.
    r = run(capsys, STORY, SEED, "3,3,3,3,3,4,1,3,4,4,3,4,3,2")
    assert r["ending"] == {
        "id": "turned_back",
        "title": "The Van Comes Back Down",
        "tone": "broken",
    }
    assert {"hid_offer", "offer_found", "dug_ceri", "lads_found"} <= set(r["flags"])
    assert "told_offer" not in r["flags"]
    assert [c["meter"] for c in breaches(r, "b", "transparency")] == ["transparency"] * 3
    (overdraft,) = breaches(r, "b", "boundaries")
    assert overdraft["before"] - overdraft["after"] == 9  # -6, landing 1.5 times as hard
    (wages,) = lapses(r)  # Ade's lapse happens on every road: here, the wages
    assert wages["scene"] == "eight_days" and "leak_wages" in r["flags"]
    assert r["trust"]["b"] < 46


def test_pleasing_everyone_but_yourself_makes_you_a_guest_in_the_house(capsys):
    # Pugh turned down, the shop waved off as nothing, the rooms let lie, Thursday
    # cut short: Ade trusts you more than ever, and the house never becomes yours.
    r = run(capsys, STORY, SEED, "4,2,1,1,4,5,3,2,3,2,1,4,3,2")
    assert r["ending"]["id"] == "lodger" and r["ending"]["tone"] == "bittersweet"
    assert {"all_in", "brushed_off", "let_house_lie", "snapped"} <= set(r["flags"])
    assert breaches(r, "b") == []  # you never let Ade down...
    assert r["trust"]["b"] >= 55  # ...and Ade's trust in you is high
    assert r["meters"]["a"]["belonging"] < BELONGING_AT_START - 5  # you shrank to fit
    on_the_day = [e for s in r["steps"] for e in s["events"] if e["scene"] == "the_day"]
    (welcome,) = [e for e in on_the_day if "nobody asked you about" in e["text"]]
    assert {c["meter"] for c in welcome["changes"]} == {"boundaries", "respect"}  # never voiced


def test_not_yet_after_the_confidence_is_broken_and_slowly_kept(capsys):
    # You tell Ade how small the quiz made you feel; Ade tells Gwen. You ask for
    # three days of being told first, and then write *not yet*: a hopeful apart.
    r = run(capsys, STORY, SEED, "1,4,4,1,4,4,2,4,1,1,4,3,2,1")
    assert r["ending"] == {"id": "forty_minutes", "title": "Forty Minutes Apart", "tone": "hopeful"}
    assert {"told_fear", "leak_fear", "asked_time", "vote_wait"} <= set(r["flags"])
    (leak,) = lapses(r)
    assert leak["scene"] == "eight_days" and "Gwen" in leak["text"]
    hit = next(c for c in breaches(r, "a", "boundaries"))
    assert hit["before"] - hit["after"] == 9  # your own trust, breached
    (watching,) = scene_steps(r, "seven_days")
    steps = [c for c in watching["changes"] if c["role"] == "a" and c["meter"] == "boundaries"]
    assert len(steps) == 3 and all(c["after"] > c["before"] for c in steps)  # three days
    assert climb_after(r, hit) >= 5  # slowly, it climbs back
    assert r["trust"]["a"] > 50  # and ends above where it began


def test_keeping_the_flat_alone_then_undoing_it_still_goes_up_the_valley(capsys):
    # Your own lapse this time: the flat kept on without asking. Talked through,
    # then undone, it still ends with the van going up the hill; the respect it
    # cost is only partly back by then.
    r = run(capsys, STORY, SEED, "1,4,4,1,4,1,1,1,1,3,4,3,3,1")
    assert r["ending"] == {"id": "up_the_hill", "title": "Two Kinds of Mess", "tone": "hopeful"}
    assert {"landlord_asked", "decided_alone", "talked_house", "undid_it"} <= set(r["flags"])
    (hit,) = breaches(r, "b", "respect")
    assert hit["before"] - hit["after"] == 7.5  # -5, landing 1.5 times as hard
    assert 3 <= climb_after(r, hit) < 7.5  # climbing, and not all the way back
    assert r["wounds"]["b"]["respect"] > 0
    the_day = [e["text"] for s in r["steps"] for e in s["events"] if e["scene"] == "the_day"]
    assert any("gave the flat up after all" in text for text in the_day)
    assert r["meters"]["a"]["belonging"] >= 45 > BELONGING_AT_START


def arrive_at(mode: str, scene: str) -> Game:
    game = Game.new(load_file(builtin_dir() / f"{STORY}.toml"), mode, seed=SEED, record=False)
    while game.prompt().scene.id != scene:
        game.advance(game.options()[0].index)
    return game


def test_player_two_reads_the_same_night_from_the_lambing_shed():
    # The one decision from both sides: player two's scenes show the rooted side;
    # solo play lives them as the one moving.
    hotseat = arrive_at("hotseat", "eleven_days")
    assert hotseat.prompt().role == "b"
    assert "iodine and wet straw" in hotseat.scene_text("b")
    assert "Tomasz" in hotseat.scene_text("b")
    solo = arrive_at("solo", "eleven_days")
    assert "a flat that is mostly boxes" in solo.scene_text("a")
    assert "Ade" in solo.scene_text("a")
    # the same choices fit both sides: time of one's own, asked for plainly
    assert any("isn't about Tomasz" in o.text for o in hotseat.options())
    assert any("isn't about Ade" in o.text for o in solo.options())


def test_in_hotseat_player_two_can_be_the_one_who_decides_alone(capsys):
    # Ade lets Ceri have the dairy without asking: the breach lands on Tomasz's
    # trust (role a), and the next morning reads it from his side.
    answers = "1,4,4,1,1,4,1,1,1,1,1,1,1,4,4,4,4,3,3,1"
    assert (
        main(["run", STORY, "--hotseat", "--seed", str(SEED), "--choices", answers, "--json"]) == 0
    )
    r = json.loads(capsys.readouterr().out)
    assert r["ending"]["id"] == "up_the_hill"
    assert {"ceri_asked", "decided_alone"} <= set(r["flags"])
    assert "landlord_asked" not in r["flags"]
    (decision,) = scene_steps(r, "six_days")
    assert decision["role"] == "b"
    hurt = {c["meter"] for c in decision["changes"] if c["role"] == "a" and c["cause"] == "breach"}
    assert hurt == {"respect", "transparency"}
    roles = [s["role"] for s in r["steps"]]
    assert roles.count("b") / len(roles) >= 0.35
