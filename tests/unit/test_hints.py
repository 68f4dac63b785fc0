"""Hints for endings not found yet: tone and pillar, never the path."""

from __future__ import annotations

import re

import pytest

from trustquest.catalog import resolve
from trustquest.engine.hints import EndingHint, ending_hint, hint_words, unfound_words
from trustquest.engine.loader import load_text
from trustquest.tui.testing import discover_builtins

STORY = """
format = 1
[scenario]
id = "hints"
title = "Hints"
summary = "s"
start = "one"
[scenes.one]
text = "One."
[[scenes.one.choices]]
text = "Keep it quiet."
goto = "two"
sets = ["kept_quiet"]
their_trust = { transparency = -12, respect = -3 }
[[scenes.one.choices]]
text = "Say it."
goto = "two"
[scenes.two]
text = "Two."
[[scenes.two.choices]]
text = "On."
goto = "end"
[endings.meter]
title = "Meter"
tone = "hopeful"
when = "their.trust >= 60 and your.respect >= 50 and their.respect >= 40 and their.boundaries > 1"
text = "."
[endings.flag]
title = "Flag"
tone = "broken"
when = "flags.kept_quiet and their.trust < 40"
text = "."
[endings.mine]
title = "Mine"
tone = "bittersweet"
when = "your.trust < 30"
text = "."
[endings.both]
title = "Both"
tone = "bittersweet"
when = "your.trust < 30 and their.trust < 30"
text = "."
[endings.last]
title = "Last"
tone = "bittersweet"
text = "The end."
"""


@pytest.fixture(scope="module")
def story():
    return load_text(STORY)


def test_the_meter_read_most_often_is_the_one_it_turns_on(story):
    hint = ending_hint(story, story.endings["meter"])
    assert hint == EndingHint("hopeful", "respect")
    assert hint_words(story, hint, "Sam") == "A hopeful ending that turns on respect"


def test_an_ending_on_a_flag_turns_on_what_setting_the_flag_moves(story):
    assert ending_hint(story, story.endings["flag"]).meter == "transparency"


def test_overall_trust_is_named_from_the_readers_side(story):
    mine, both = story.endings["mine"], story.endings["both"]
    assert hint_words(story, ending_hint(story, mine), "Sam").endswith("your trust in Sam")
    assert hint_words(story, ending_hint(story, both), "Sam").endswith("trust both ways")
    # Two players reading together: no one side is "you".
    assert hint_words(story, ending_hint(story, mine), None).endswith("turns on overall trust")


def test_the_fallback_is_the_one_for_when_no_other_fits(story):
    words = unfound_words(story, story.endings["last"], "Sam")
    assert words == "A bittersweet ending, for when no other fits — not found yet"


def test_a_hint_never_names_the_path():
    """No scene, flag, ending id or title of any built-in story is in its hints."""
    for entry in discover_builtins():
        s = entry.scenario
        secrets = {*s.scenes, *s.endings} | {e.title.lower() for e in s.endings.values()}
        for ending in s.endings.values():
            if ending.when is not None:
                secrets |= {r.name for r in ending.when.refs if r.namespace == "flags"}
        for ending in s.endings.values():
            words = unfound_words(s, ending, s.roles["b"].name).lower()
            assert words.startswith(f"a {ending.tone} ending")
            said = set(re.findall(r"[a-z_]+", words))
            assert not [x for x in secrets if x in said or (" " in x and x in words)], (s.id, words)


def test_the_built_in_hints_read_as_expected():
    late = resolve("late-again").scenario
    assert unfound_words(late, late.endings["early_for_once"], "Kai") == (
        "A hopeful ending that turns on reliability — not found yet"
    )
    assert unfound_words(late, late.endings["the_ledger"], "Kai") == (
        "A bittersweet ending that turns on your trust in Kai — not found yet"
    )
