"""One test per validator check, each asserting the exact line and column."""

from __future__ import annotations

import textwrap

import pytest

from trustquest.engine.diagnostics import CODES, format_text
from trustquest.engine.loader import check_bytes, did_you_mean, load_text
from trustquest.errors import ScenarioError

HEAD = """\
format = 1

[scenario]
id = "tiny"
title = "Tiny"
summary = "A tiny test scenario."
start = "intro"
"""

GOOD = (
    HEAD
    + """
[scenes.intro]
text = "Hello {partner}."

[[scenes.intro.choices]]
text = "Go on"
goto = "middle"
sets = ["went_on"]

[[scenes.intro.choices]]
text = "Stop"
goto = "end"

[scenes.middle]
text = "Middle."

[[scenes.middle.choices]]
text = "Finish"
goto = "end"
if = "flags.went_on"
locked = "Not yet."

[[scenes.middle.choices]]
text = "Finish anyway"
goto = "end"

[endings.good]
title = "Good"
tone = "hopeful"
when = "their.trust >= 50"
text = "Good."

[endings.other]
title = "Other"
tone = "bittersweet"
text = "Other."
"""
)


def diags_of(text: str):
    _, diags = check_bytes(textwrap.dedent(text).encode(), "t.toml")
    return diags


def only(text: str, code: str):
    """The single diagnostic with `code`; fails listing all if not exactly one."""
    diags = diags_of(text)
    found = [d for d in diags if d.code == code]
    assert len(found) == 1, "\n".join(format_text(d) for d in diags)
    return found[0]


def at(d) -> tuple[int, int]:
    return d.line, d.col


def test_good_scenario_has_no_diagnostics():
    assert diags_of(GOOD) == []
    scenario = load_text(GOOD)
    assert list(scenario.scenes) == ["intro", "middle"]


def test_tq001_toml_syntax_error_position():
    d = only(HEAD + "\n[scenes.intro\ntext = 1\n", "TQ001")
    assert at(d) == (9, 14)
    assert d.source_line == "[scenes.intro"


def test_tq001_duplicate_key_has_hint():
    d = only(HEAD + 'title = "again"\n', "TQ001")
    assert d.line == 8
    assert d.hint


def test_tq002_not_utf8_points_at_the_byte():
    _, diags = check_bytes(b'format = 1\ntitle = "\xc3\xa9\xff"\n', "t.toml")
    assert [d.code for d in diags] == ["TQ002"]
    assert at(diags[0]) == (2, 11)
    assert "0xff" in diags[0].message
    assert diags[0].source_line == 'title = "\u00e9\ufffd"'


def test_tq002_too_large():
    from trustquest.engine import format as fmt

    _, diags = check_bytes(b"#" * (fmt.MAX_FILE_BYTES + 1), "t.toml")
    assert [d.code for d in diags] == ["TQ002"]
    assert "limit" in diags[0].message


def test_tq003_missing_and_wrong_format():
    d = only(GOOD.replace("format = 1\n", ""), "TQ003")
    assert "format = 1" in d.message
    d = only(GOOD.replace("format = 1", "format = 2"), "TQ003")
    assert at(d) == (1, 10)


def test_tq004_nesting_is_refused_before_anything_reads_it():
    d = only(GOOD + "deep = " + "[" * 2000 + "]" * 2000 + "\n", "TQ004")
    assert at(d) == (44, 37)  # [endings.other] is 2 deep: this 30th bracket, 32 deep, holds 33
    assert "32 levels" in d.message and d.hint


def test_tq004_a_dotted_key_of_20000_parts():
    d = only(GOOD + "a" + ".a" * 20_000 + " = 1\n", "TQ004")
    assert at(d) == (44, 60)  # the dot that starts part 31, 33 levels down
    assert len(format_text(d)) < 1000  # the 40 KB line is quoted shortened


def test_tq004_a_million_items():
    d = only(GOOD + "x = [" + "1," * 1_000_000 + "1]\n", "TQ004")
    assert "more than 120,000 values" in d.message


def test_tq005_problems_past_the_limit_are_counted_not_listed():
    from trustquest.engine.loader import MAX_REPORTED

    extra = "".join(f"k{i} = 1\n" for i in range(MAX_REPORTED + 40))
    diags = diags_of(GOOD.replace('text = "Middle."', 'text = "Middle."\n' + extra))
    assert [d.code for d in diags].count("TQ101") == MAX_REPORTED
    last = diags[-1]
    assert last.code == "TQ005" and last.is_error
    assert last.message == "40 more problems were found but not listed"
    assert last.source_line == GOOD.rstrip().split("\n")[-1]  # at the last line


def test_tq005_is_a_warning_when_only_warnings_were_left_out():
    from trustquest.engine.loader import MAX_REPORTED

    unreachable = "".join(
        f'[scenes.m{i}]\ntext = "M."\n[[scenes.m{i}.choices]]\ntext = "x"\ngoto = "end"\n\n'
        for i in range(MAX_REPORTED + 20)
    )
    src = GOOD.replace("[scenes.middle]", unreachable + "[scenes.middle]")
    scenario, diags = check_bytes(src.encode(), "t.toml")
    assert [d.code for d in diags[:-1]] == ["TQ401"] * MAX_REPORTED
    assert diags[-1].code == "TQ005" and diags[-1].severity == "warning"
    assert diags[-1].message == "20 more problems were found but not listed"
    assert scenario is not None  # warnings never stop a scenario from loading


def test_tq101_unknown_key_with_did_you_mean():
    d = only(GOOD.replace('text = "Middle."', 'txet = "Middle."\ntext = "M"'), "TQ101")
    assert at(d) == (22, 1)
    assert d.end_col == 5
    assert d.hint == "did you mean 'text'?"


def test_tq101_unknown_key_in_inline_table():
    src = GOOD.replace(
        'sets = ["went_on"]', 'sets = ["went_on"]\nlater = { after = 1, txt = "x", text = "y" }'
    )
    d = only(src, "TQ101")
    assert at(d) == (16, 22)


def test_tq102_wrong_type():
    d = only(GOOD.replace('title = "Tiny"', "title = 5"), "TQ102")
    assert at(d) == (5, 9)
    assert "must be a string" in d.message


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ('title = "Tiny"', "title = 5", 'put it in quotes: title = "5"'),
        ('start = "intro"', 'start = "intro"\nminutes = "12"', "remove the quotes: minutes = 12"),
        ('start = "intro"', 'start = "intro"\nmodes = "solo"', 'wrap it in [ ]: modes = ["solo"]'),
        ('sets = ["went_on"]', 'sets = "went_on"', 'wrap it in [ ]: sets = ["went_on"]'),
        ('goto = "middle"', 'goto = "middle"\nbreach = "true"', "remove the quotes: breach = true"),
    ],
)
def test_tq102_type_errors_say_how_to_write_the_value(old, new, hint):
    d = next(d for d in diags_of(GOOD.replace(old, new, 1)) if d.code == "TQ102")
    assert d.hint == hint


def test_tq103_missing_required_key_points_at_table():
    d = only(GOOD.replace('[scenes.middle]\ntext = "Middle."\n', "[scenes.middle]\n"), "TQ103")
    assert at(d) == (21, 1)
    assert "text" in d.message


def test_tq104_enum_value_with_hint():
    d = only(GOOD.replace('tone = "hopeful"', 'tone = "hopefull"'), "TQ104")
    assert at(d) == (36, 8)
    assert d.hint == "did you mean 'hopeful'?"


def test_tq104_out_of_range():
    d = only(
        GOOD.replace('sets = ["went_on"]', 'sets = ["went_on"]\ntheir_trust = { respect = 500 }'),
        "TQ104",
    )
    assert at(d) == (16, 27)


@pytest.mark.parametrize("number", ["nan", "inf", "-inf", "+nan"])
@pytest.mark.parametrize(
    "where",
    [
        ("[endings.other]", "[dynamics]\nloss_multiplier = {n}\n\n[endings.other]"),
        ("[endings.other]", "[dynamics]\nconsistency_every = {n}\n\n[endings.other]"),
        ('sets = ["went_on"]', 'sets = ["went_on"]\ntheir_trust = {{ respect = {n} }}'),
        ("[scenes.intro]", "[start.your]\nrespect = {n}\n\n[scenes.intro]"),
        ("[scenes.intro]", "[meters.closeness]\nlabel = 'C'\nstart = {n}\n\n[scenes.intro]"),
        ('sets = ["went_on"]', 'sets = ["went_on"]\nlater = {{ after = {n}, text = "L" }}'),
    ],
)
def test_tq104_nan_and_infinity_are_refused_where_they_are(number, where):
    old, new = where
    src = GOOD.replace(old, new.format(n=number))
    d = only(src, "TQ104")
    assert f"must be a finite number, not {number.lstrip('+')}" in d.message
    line = src.split("\n")[d.line - 1]
    assert line[d.col - 1 : d.end_col - 1] == number
    assert "nan and inf are not numbers" in d.hint


def test_tq105_text_too_long():
    d = only(GOOD.replace('text = "Middle."', f'text = "{"x" * 10_001}"'), "TQ105")
    assert at(d) == (22, 8)


def test_tq105_too_many_choices():
    extra = "".join(f'\n[[scenes.middle.choices]]\ntext = "c{i}"\ngoto = "end"\n' for i in range(8))
    d = only(GOOD.replace("[endings.good]", extra + "\n[endings.good]"), "TQ105")
    assert "limit is 9" in d.message


def test_tq106_scenario_id_must_be_kebab():
    d = only(GOOD.replace('id = "tiny"', 'id = "../etc/passwd"'), "TQ106")
    assert at(d) == (4, 6)


def test_tq106_scene_id_shape():
    d = only(
        GOOD.replace("[scenes.middle]", '[scenes."Mid Dle"]').replace(
            'goto = "middle"', 'goto = "end"'
        ),
        "TQ106",
    )
    assert d.line == 21


def test_tq201_unknown_goto_with_did_you_mean():
    d = only(GOOD.replace('goto = "middle"', 'goto = "midle"'), "TQ201")
    assert at(d) == (14, 8)
    assert d.end_col == 15
    assert d.hint == "did you mean 'middle'?"


def test_tq202_unknown_meter_in_effects():
    d = only(
        GOOD.replace('sets = ["went_on"]', 'sets = ["went_on"]\nyour_trust = { honesty = 3 }'),
        "TQ202",
    )
    assert at(d) == (16, 16)


def test_tq202_unknown_focus_meter():
    d = only(GOOD.replace('start = "intro"', 'start = "intro"\nfocus = ["reliabilty"]'), "TQ202")
    assert at(d) == (8, 10)
    assert d.hint == "did you mean 'reliability'?"


def test_tq203_missing_start_scene():
    d = only(GOOD.replace('start = "intro"', 'start = "intr"'), "TQ203")
    assert at(d) == (7, 9)
    assert d.hint == "did you mean 'intro'?"


def test_tq204_scene_and_ending_share_an_id():
    d = only(GOOD.replace("[endings.good]", "[endings.middle]"), "TQ204")
    assert at(d) == (34, 1)


def test_tq205_no_fallback_ending():
    src = GOOD.replace('tone = "bittersweet"\n', 'tone = "bittersweet"\nwhen = "turn > 1"\n')
    d = only(src, "TQ205")
    assert at(d) == (43, 1)


def test_tq206_when_less_ending_not_last():
    d = only(GOOD.replace('when = "their.trust >= 50"\n', ""), "TQ206")
    assert at(d) == (34, 1)


def test_tq207_dead_end():
    src = GOOD + '\n[scenes.stuck]\ntext = "Stuck."\nchoices = []\n'
    d = only(
        src.replace('goto = "end"\n\n[scenes.middle]', 'goto = "stuck"\n\n[scenes.middle]'), "TQ207"
    )
    assert at(d) == (47, 11)


def test_tq208_actor_needs_hotseat():
    d = only(GOOD.replace('text = "Middle."', 'text = "Middle."\nactor = "both"'), "TQ208")
    assert at(d) == (23, 9)


def test_tq209_both_scene_choices_must_share_goto():
    src = GOOD.replace('start = "intro"', 'start = "intro"\nmodes = ["solo", "hotseat"]')
    src = src.replace('text = "Hello {partner}."', 'text = "Hello {partner}."\nactor = "both"')
    d = only(src, "TQ209")
    assert at(d) == (21, 8)


def test_tq210_unknown_placeholder_points_inside_the_string():
    d = only(GOOD.replace("Hello {partner}.", "Hello {partnr}."), "TQ210")
    assert at(d) == (10, 15)
    assert d.end_col == 23
    assert d.hint == "did you mean 'partner'?"


def test_tq210_placeholder_in_multiline_string():
    d = only(
        GOOD.replace('text = "Middle."', 'text = """\nLine one.\nThen {themm} here.\n"""'), "TQ210"
    )
    assert at(d) == (24, 6)


def test_tq211_trust_cannot_be_set():
    d = only(
        GOOD.replace('sets = ["went_on"]', 'sets = ["went_on"]\ntheir_trust = { trust = 5 }'),
        "TQ211",
    )
    assert at(d) == (16, 17)


def test_tq301_condition_syntax_points_at_the_operator():
    d = only(GOOD.replace('if = "flags.went_on"', 'if = "flags.went_on && turn > 1"'), "TQ301")
    assert at(d) == (27, 21)
    assert d.hint == "write 'and'"


def test_tq301_condition_type_error():
    d = only(GOOD.replace('if = "flags.went_on"', 'if = "flags.went_on > 3"'), "TQ301")
    assert d.line == 27


def test_tq302_unknown_meter_in_condition():
    d = only(GOOD.replace('when = "their.trust >= 50"', 'when = "their.trsut >= 50"'), "TQ302")
    assert at(d) == (37, 15)
    assert d.hint == "did you mean 'trust'?"


def test_tq302_unknown_scene_in_visited():
    d = only(GOOD.replace('when = "their.trust >= 50"', 'when = "visited.midle"'), "TQ302")
    assert at(d) == (37, 17)


def test_tq401_unreachable_scene_is_a_warning():
    src = (
        GOOD
        + '\n[scenes.island]\ntext = "Nobody comes here."\n[[scenes.island.choices]]\ntext = "x"\ngoto = "end"\n'
    )
    d = only(src, "TQ401")
    assert d.severity == "warning"
    assert at(d) == (45, 1)


def test_tq402_flag_read_but_never_set():
    d = only(GOOD.replace('if = "flags.went_on"', 'if = "flags.went_of"'), "TQ402")
    assert at(d) == (27, 13)


def test_tq403_flag_set_but_never_read():
    d = only(GOOD.replace('sets = ["went_on"]', 'sets = ["went_on", "spare"]'), "TQ403")
    assert at(d) == (15, 20)


def test_tq404_every_choice_can_be_locked():
    src = GOOD.replace(
        'text = "Finish anyway"\ngoto = "end"',
        'text = "Finish anyway"\ngoto = "end"\nif = "turn > 1"',
    )
    d = only(src, "TQ404")
    assert at(d) == (21, 1)


def test_tq405_never_true_comparison():
    d = only(GOOD.replace('when = "their.trust >= 50"', 'when = "their.trust > 100"'), "TQ405")
    assert at(d) == (37, 9)


@pytest.mark.parametrize(
    "condition",
    ["their.trust >= 52 and their.trust < 40", "turn < 0", "flags.went_on and not flags.went_on"],
)
def test_tq405_contradictory_condition(condition):
    src = GOOD.replace('if = "flags.went_on"', f'if = "{condition}"')
    d = only(src, "TQ405")
    assert at(d) == (27, 7) and d.end_col == 7 + len(condition)
    assert "contradict" in d.message and "`turn` counts from 0" in d.hint


def test_tq404_complementary_locks_are_not_flagged():
    src = GOOD.replace(
        'text = "Finish anyway"\ngoto = "end"',
        'text = "Finish anyway"\ngoto = "end"\nif = "not flags.went_on"',
    )
    assert [d.code for d in diags_of(src)] == []
    src = GOOD.replace('if = "flags.went_on"', 'if = "your.trust >= 40"').replace(
        'text = "Finish anyway"\ngoto = "end"',
        'text = "Finish anyway"\ngoto = "end"\nif = "your.trust < 40"',
    )
    assert [d.code for d in diags_of(src)] == ["TQ403"]  # went_on is no longer read


@pytest.mark.parametrize(
    "condition", ["turn >= 0", "their.reliability <= 100", "flags.went_on or not flags.went_on"]
)
def test_tq409_always_true_condition(condition):
    d = only(GOOD.replace('if = "flags.went_on"', f'if = "{condition}"'), "TQ409")
    assert at(d) == (27, 7)
    assert "remove the condition" in d.hint


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("Then {They} says no.", '"They says"'),
        ("And {they} have left.", '"she have"'),
        ("Still {They} don't answer.", '"She don\'t"'),
        ("So {they} never is late.", '"they is"'),
        ("Then {They} sits down.", '"They sits"'),
        ("Now {they}'s here.", '"they\'s"'),
        ("Well, {They}'re late.", '"She\'re"'),
    ],
)
def test_tq410_verb_agrees_with_only_some_pronouns(text, reads):
    d = only(GOOD.replace('text = "Middle."', f'text = "{text}"'), "TQ410")
    assert at(d) == (22, 9 + text.index("{")) and reads in d.message
    assert "past tense" in d.hint


def test_tq410_forms_that_fit_every_pronoun_pass():
    text = "{They} said it. {they} can wait. {they} always knew. {They}'d laughed. {they}'ll go."
    assert diags_of(GOOD.replace('text = "Middle."', f'text = "{text}"')) == []


def test_tq406_loop_that_never_ends():
    src = GOOD.replace('text = "Finish anyway"\ngoto = "end"', 'text = "Again"\ngoto = "middle"')
    src = src.replace('text = "Finish"\ngoto = "end"', 'text = "Finish"\ngoto = "middle"')
    d = only(src, "TQ406")
    assert d.line == 21


def test_tq407_locked_without_if():
    d = only(GOOD.replace('text = "Stop"', 'text = "Stop"\nlocked = "why"'), "TQ407")
    assert at(d) == (19, 1)


def test_tq408_match_on_an_ordinary_scene():
    d = only(
        GOOD.replace(
            'text = "Middle."', 'text = "Middle."\nmatch = { their_trust = { respect = 1 } }'
        ),
        "TQ408",
    )
    assert at(d) == (23, 1)


def test_tq212_a_habit_that_is_a_breach():
    d = only(GOOD.replace('text = "Stop"', 'text = "Stop"\nrepeat = 3\nbreach = true'), "TQ212")
    assert at(d) == (19, 1)
    assert "repeat" in d.hint


def test_tq411_span_without_repeat():
    d = only(GOOD.replace('text = "Stop"', 'text = "Stop"\nspan = "all week"'), "TQ411")
    assert at(d) == (19, 1)


def test_events_habits_and_order_load_with_no_diagnostics():
    src = GOOD.replace('text = "Stop"', 'text = "Stop"\nrepeat = 3\nspan = "three weeks"')
    src = src.replace(
        'text = "Middle."',
        'text = "Middle."\norder = "fixed"\n'
        '[[scenes.middle.events]]\nif = "their.trust > 10"\n'
        'text = "{partner} forgot."\nyour_trust = { reliability = -5 }\nbreach = true',
    )
    scenario, diags = check_bytes(src.encode(), "t.toml")
    assert diags == []
    middle = scenario.scenes["middle"]
    assert middle.order == "fixed" and middle.events[0].breach
    assert middle.events[0].effects.your == (("reliability", -5),)
    assert any(
        c.repeat == 3 and c.span == "three weeks"
        for s in scenario.scenes.values()
        for c in s.choices
    )


def test_an_event_with_an_unknown_meter_or_placeholder_is_reported_where_it_is():
    src = GOOD.replace(
        'text = "Middle."',
        'text = "Middle."\n[[scenes.middle.events]]\ntext = "{partnr} forgot."\n'
        "your_trust = { reliabilty = -5 }",
    )
    codes = {d.code for d in check_bytes(src.encode(), "t.toml")[1]}
    assert {"TQ210", "TQ202"} <= codes


def test_every_code_has_a_test():
    tested = {name[5:10].upper() for name in globals() if name.startswith("test_tq")}
    assert tested >= set(CODES), sorted(set(CODES) - tested)


def test_all_problems_reported_at_once():
    src = GOOD.replace('goto = "middle"', 'goto = "midle"').replace(
        'tone = "hopeful"', 'tone = "glad"'
    )
    codes = sorted(d.code for d in diags_of(src))
    assert "TQ201" in codes and "TQ104" in codes


def test_load_text_raises_scenario_error_with_diagnostics():
    with pytest.raises(ScenarioError) as info:
        load_text(GOOD.replace('goto = "middle"', 'goto = "nowhere"'))
    assert info.value.diagnostics[0].code == "TQ201"


def test_control_characters_are_stripped_from_text():
    scenario = load_text(GOOD.replace("Hello {partner}.", "Hello\\u001b[31m {partner}.\\u0007"))
    assert "\x1b" not in scenario.scenes["intro"].text
    assert "\x07" not in scenario.scenes["intro"].text


def test_a_long_line_is_quoted_shortened_with_the_caret_on_its_span():
    line = 'text = "' + "y" * 3_900_000 + '" nope ' + "z" * 1000
    d = only(GOOD.replace('text = "Middle."', line), "TQ001")
    assert at(d) == (22, 3_900_011)
    out = format_text(d).split("\n")
    quoted, caret = out[3], out[4]
    assert len(quoted) < 120 and quoted.count("…") == 2
    start = caret.index("^")
    assert quoted[start : start + 4] == "nope" and caret.count("^") == 1


def test_text_format_shows_source_line_and_caret():
    d = only(GOOD.replace('goto = "middle"', 'goto = "midle"'), "TQ201")
    out = format_text(d)
    assert 'goto = "midle"' in out
    assert "       ^^^^^^^" in out
    assert "t.toml:14:8" in out


# --- a part that fails to load causes no follow-on warnings ------------------------------------

#: Every path to an ending goes through `middle`: if `middle` were dropped from
#: the graph because one of its choices failed, every ending would look unreachable.
CHAIN = GOOD.replace('text = "Stop"\ngoto = "end"', 'text = "Stop"\ngoto = "middle"')

#: `went_on` is read only by the `unless`; `found_out` is set only by the `later`.
LATER = CHAIN.replace(
    'sets = ["went_on"]',
    'sets = ["went_on"]\n'
    'later = { after = 1, text = "Later.", unless = "flags.went_on", sets = ["found_out"] }',
).replace('if = "flags.went_on"', 'if = "flags.found_out"')


def test_chain_and_later_fixtures_are_clean():
    assert diags_of(CHAIN) == []
    assert diags_of(LATER) == []


def test_tq302_broken_if_gives_no_reachability_warnings():
    diags = diags_of(CHAIN.replace('if = "flags.went_on"', 'if = "your.vulnerabilty >= 54"'))
    assert [(d.code, at(d)) for d in diags] == [("TQ403", (15, 9)), ("TQ302", (27, 12))]
    # TQ403 is true here: the broken `if` replaced the only read of `went_on`.
    diags = diags_of(
        CHAIN.replace('if = "flags.went_on"', 'if = "flags.went_on and your.vulnerabilty >= 54"')
    )
    assert [(d.code, at(d)) for d in diags] == [("TQ302", (27, 30))]


def test_tq301_broken_if_keeps_its_goto_and_its_flags():
    for broken, col in (("flags.went_on && turn > 1", 21), ("flags.went_on and turn => 5", 30)):
        diags = diags_of(CHAIN.replace('if = "flags.went_on"', f'if = "{broken}"'))
        assert [(d.code, at(d)) for d in diags] == [("TQ301", (27, col))], broken


def test_tq301_broken_unless_still_reads_its_flags():
    diags = diags_of(LATER.replace('unless = "flags.went_on"', 'unless = "!flags.went_on"'))
    assert [(d.code, at(d)) for d in diags] == [("TQ301", (16, 49))]
    assert diags[0].hint == "write 'not'"


def test_tq102_later_of_the_wrong_type_gives_no_flag_warnings():
    src = LATER.replace(
        'later = { after = 1, text = "Later.", unless = "flags.went_on", sets = ["found_out"] }',
        "later = 5",
    )
    diags = diags_of(src)
    assert [(d.code, at(d)) for d in diags] == [("TQ102", (16, 9))]


def test_tq102_sets_as_a_string_still_sets_the_flag():
    diags = diags_of(CHAIN.replace('sets = ["went_on"]', 'sets = "went_on"'))
    assert [(d.code, at(d)) for d in diags] == [("TQ102", (15, 8))]


def test_tq101_misspelled_sets_still_sets_the_flag():
    diags = diags_of(CHAIN.replace('sets = ["went_on"]', 'set = ["went_on"]'))
    assert [(d.code, at(d)) for d in diags] == [("TQ101", (15, 1))]
    assert diags[0].hint == "did you mean 'sets'?"


def test_tq201_broken_goto_gives_no_reachability_warnings():
    diags = diags_of(CHAIN.replace('goto = "middle"', 'goto = "midle"'))
    assert [(d.code, at(d)) for d in diags] == [("TQ201", (14, 8)), ("TQ201", (19, 8))]


def test_tq104_broken_endings_are_still_reachable():
    src = CHAIN.replace('tone = "hopeful"', 'tone = "glad"').replace(
        'tone = "bittersweet"', 'tone = "sad"'
    )
    assert [(d.code, at(d)) for d in diags_of(src)] == [("TQ104", (36, 8)), ("TQ104", (42, 8))]


def test_tq106_malformed_scene_id_is_still_a_goto_target():
    src = CHAIN.replace("scenes.middle", "scenes.Middle").replace('"middle"', '"Middle"')
    assert [(d.code, at(d)) for d in diags_of(src)] == [("TQ106", (21, 2))]


def test_tq401_still_reported_beside_a_broken_part():
    src = CHAIN.replace('if = "flags.went_on"', 'if = "flags.went_on &&"') + (
        '\n[scenes.island]\ntext = "x"\n[[scenes.island.choices]]\ntext = "x"\ngoto = "end"\n'
    )
    assert [(d.code, at(d)) for d in diags_of(src)] == [("TQ301", (27, 21)), ("TQ401", (45, 1))]


# --- TOML syntax errors say what is wrong and where -------------------------------------------


def test_tq001_unterminated_multiline_string_points_at_its_start():
    d = only(GOOD.replace('text = "Middle."', 'text = """\nMiddle.'), "TQ001")
    assert (d.line, d.col, d.end_col) == (22, 8, 11)
    assert d.source_line == 'text = """'
    assert d.hint == 'this string is never closed: add the closing """'
    d = only(GOOD.replace('text = "Middle."', "text = '''\nMiddle."), "TQ001")
    assert at(d) == (22, 8)
    assert d.hint == "this string is never closed: add the closing '''"


def test_tq001_a_runaway_multiline_string_is_reported_where_it_opens():
    # The first """ is never closed: it runs on to the next one's opening
    # quotes, and tomllib only complains at the text after those.
    src = GOOD.replace('text = "Hello {partner}."', 'text = """\nHello {partner}.').replace(
        'text = "Middle."', 'text = """\nMiddle, over\ntwo lines.\n"""'
    )
    d = only(src, "TQ001")
    assert (d.line, d.col, d.end_col) == (10, 8, 11)
    assert d.message == "TOML syntax: this string is never closed"
    assert 'runs on to the """ on line 23' in d.hint


def test_tq001_a_closed_multiline_string_with_an_equals_sign_is_not_blamed():
    src = GOOD.replace('text = "Middle."', 'text = """\nHer answer = no.\n"""').replace(
        'text = "Finish"', 'text = "Fin"ish"'
    )
    d = only(src, "TQ001")
    assert d.line == 27 and "never closed" not in d.message


def test_tq001_unterminated_string_at_the_end_of_the_file():
    d = only(GOOD + 'extra = "never closed', "TQ001")
    assert at(d) == (44, 9)
    assert d.hint.startswith('this string is never closed: add the closing " on the same line')


def test_tq001_string_not_closed_on_its_line():
    d = only(GOOD.replace('text = "Middle."', 'text = "Middle.'), "TQ001")
    assert at(d) == (22, 16)
    assert "end of the line" in d.message
    assert d.hint == (
        'a "..." string must be closed on the same line; use """ for text over several lines'
    )


def test_tq001_table_declared_twice_names_it_and_its_first_line():
    d = only(GOOD + '\n[scenes.middle]\ntext = "again"\n', "TQ001")
    assert d.message == "TOML syntax: table [scenes.middle] is declared twice (first on line 21)"
    assert (d.line, d.col, d.end_col) == (45, 1, 16)
    assert "(" not in d.hint and "'" not in d.message


def test_tq001_repeated_key_names_it_and_points_at_it():
    d = only(HEAD + '\ntitle = "again"\n', "TQ001")
    assert d.message == "TOML syntax: key 'title' is set twice in 'scenario' (first on line 5)"
    assert (d.line, d.col, d.end_col) == (9, 1, 6)
    d = only(GOOD.replace('text = "Finish"', 'text = "Finish"\ntext = """\nAgain.\n"""'), "TQ001")
    assert (d.line, d.col) == (26, 1)
    assert "first on line 25" in d.message


def test_tq001_quote_inside_a_string_has_a_hint():
    d = only(GOOD.replace('text = "Middle."', 'text = "She says "Tuesday"."'), "TQ001")
    assert at(d) == (22, 19)
    assert '\\"' in d.hint and "'''" in d.hint
    d = only(GOOD.replace('text = "Middle."', "text = 'It's late.'"), "TQ001")
    assert '"..."' in d.hint


# --- condition hints, duplicates, did-you-mean ----------------------------------------------------


def test_tq301_reversed_comparison_suggests_the_right_one():
    d = only(GOOD.replace('when = "their.trust >= 50"', 'when = "their.trust => 50"'), "TQ301")
    assert (d.line, d.col, d.end_col) == (37, 21, 23)
    assert d.hint == "did you mean '>='?"
    d = only(GOOD.replace('when = "their.trust >= 50"', 'when = "their.trust =< 50"'), "TQ301")
    assert d.hint == "did you mean '<='?"
    d = only(GOOD.replace('when = "their.trust >= 50"', 'when = "their.trust = 50"'), "TQ301")
    assert d.hint == "use '==' to compare"


def test_tq101_misspelled_required_key_is_reported_once():
    diags = diags_of(GOOD.replace("summary =", "sumary ="))
    assert [(d.code, at(d)) for d in diags] == [("TQ101", (6, 1))]
    assert diags[0].hint == "did you mean 'summary'?"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_tq003_an_empty_file_is_one_clear_error(text):
    diags = diags_of(text)
    assert [(d.code, at(d)) for d in diags] == [("TQ003", (1, 1))]
    assert "empty" in diags[0].message and "trustquest new" in diags[0].hint


def test_did_you_mean_prefers_the_nearest_spelling():
    d = only(GOOD.replace("Hello {partner}.", "Hello {thme}."), "TQ210")
    assert d.hint == "did you mean 'them'?"
    assert did_you_mean("thier", ["they", "their", "them"]) == "did you mean 'their'?"
    assert did_you_mean("zzz", ["they"]) is None


# --- no cascades: one mistake, one diagnostic ---------------------------------------


def test_an_unknown_meter_is_reported_once_per_condition():
    src = GOOD.replace(
        'if = "flags.went_on"',
        'if = "their.honesty > 50 and their.honesty < 90 or your.honesty > 3"',
    )
    found = [d for d in diags_of(src) if d.code == "TQ302"]
    assert len(found) == 1 and at(found[0]) == (27, 13)


def test_a_reserved_ending_id_gives_no_false_missing_fallback():
    # The author meant `end` as the fallback: the ending before it has a `when`.
    src = GOOD.replace('tone = "bittersweet"\n', 'tone = "bittersweet"\nwhen = "turn > 1"\n')
    src += '\n[endings.end]\ntitle = "End"\ntone = "broken"\ntext = "End."\n'
    assert [d.code for d in diags_of(src)] == ["TQ106"]


def test_a_variant_missing_its_if_gives_no_false_unread_flag():
    # The flag is read nowhere, but the variant that lost its `if` may have read it.
    src = GOOD.replace('if = "flags.went_on"', 'if = "turn > 1"').replace(
        'text = "Middle."', 'text = "Middle."\n\n[[scenes.middle.variants]]\ntext = "Again."'
    )
    assert [d.code for d in diags_of(src)] == ["TQ103"]


def test_tq002_a_byte_order_mark_is_refused_as_taplo_does():
    _, diags = check_bytes(b"\xef\xbb\xbf" + GOOD.encode(), "t.toml")
    assert [d.code for d in diags] == ["TQ002"]
    assert at(diags[0]) == (1, 1) and "BOM" in diags[0].message
    assert "Taplo" in diags[0].hint
    # A BOM inside a string is just a character.
    _, diags = check_bytes(GOOD.replace("Hello", "Hel\ufefflo").encode(), "t.toml")
    assert diags == []
