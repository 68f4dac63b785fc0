"""The condition language: parsing, precedence, types, errors, limits."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustquest.engine.conditions import (
    MAX_DEPTH,
    MAX_LENGTH,
    BoolOp,
    Compare,
    ConditionSyntaxError,
    EvalContext,
    Not,
    compile_condition,
    never_true,
    parse,
    tokenize,
)

PROPS = settings(max_examples=200, deadline=None)


def ctx(their=None, your=None, flags=(), visited=(), turn=0, trust=None):
    """A context for role a: `their` is b's profile, `your` a's."""
    trust = trust or {}
    by_role = {"b": trust.get("their"), "a": trust.get("your")}
    return EvalContext(
        dict(their or {}),
        dict(your or {}),
        set(flags),
        list(visited),
        turn,
        by_role.__getitem__,
        "a",
        "b",
    )


def holds(source: str, **kw) -> bool:
    return compile_condition(source).test(ctx(**kw))


def error(source: str) -> ConditionSyntaxError:
    with pytest.raises(ConditionSyntaxError) as info:
        compile_condition(source)
    return info.value


# --- precedence and parentheses ----------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [((), False), (("a",), True), (("b",), False), (("b", "c"), True), (("c",), False)],
)
def test_and_binds_tighter_than_or(flags, expected):
    # a or (b and c), not (a or b) and c
    assert holds("flags.a or flags.b and flags.c", flags=flags) is expected


def test_and_binds_tighter_than_or_in_the_tree():
    tree = parse("flags.a or flags.b and flags.c")
    assert isinstance(tree, BoolOp) and tree.op == "or"
    assert isinstance(tree.operands[1], BoolOp) and tree.operands[1].op == "and"
    tree = parse("flags.a and flags.b or flags.c")
    assert tree.op == "or" and tree.operands[0].op == "and"


def test_not_binds_tighter_than_and():
    # (not a) and b
    assert holds("not flags.a and flags.b", flags={"b"}) is True
    assert holds("not flags.a and flags.b", flags=()) is False
    tree = parse("not flags.a and flags.b")
    assert isinstance(tree, BoolOp) and isinstance(tree.operands[0], Not)


def test_not_binds_looser_than_a_comparison():
    assert holds("not their.trust > 50", trust={"their": 40}) is True
    tree = parse("not their.trust > 50")
    assert isinstance(tree, Not) and isinstance(tree.operand, Compare)


def test_parentheses_group_first():
    assert holds("(flags.a or flags.b) and flags.c", flags={"a"}) is False
    assert holds("flags.a or flags.b and flags.c", flags={"a"}) is True
    assert holds("not (flags.a and flags.b)", flags={"a"}) is True
    assert holds("not (flags.a or flags.b)", flags={"a"}) is False
    assert holds("((((flags.a))))", flags={"a"}) is True


def test_not_not():
    assert holds("not not flags.a", flags={"a"}) is True


# --- references and comparisons -------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "results"),  # 40 op 50, 50 op 50, 60 op 50
    [
        ("<", (True, False, False)),
        ("<=", (True, True, False)),
        (">", (False, False, True)),
        (">=", (False, True, True)),
        ("==", (False, True, False)),
        ("!=", (True, False, True)),
    ],
)
def test_comparisons(op, results):
    got = tuple(holds(f"their.reliability {op} 50", their={"reliability": v}) for v in (40, 50, 60))
    assert got == results


def test_their_and_your_read_their_own_profiles():
    assert holds("their.respect > your.respect", their={"respect": 70}, your={"respect": 30})
    assert not holds("their.respect > your.respect", their={"respect": 30}, your={"respect": 70})


def test_trust_is_read_through_the_rules():
    assert holds("their.trust >= 60 and your.trust < 20", trust={"their": 60, "your": 19.5})


def test_flags_visited_and_turn():
    assert holds("visited.intro and not visited.later", visited=["intro"])
    assert holds("turn == 3", turn=3)
    assert holds("turn >= 2 and turn < 4", turn=2)
    assert not holds("turn > 3", turn=3)


def test_literals():
    assert holds("true")
    assert not holds("false")
    assert holds("flags.x == false")
    assert holds("flags.x != true")
    assert holds("flags.x == flags.y")
    assert holds("their.x > -5", their={"x": 0})
    assert holds("-5 < their.x", their={"x": 0})
    assert holds("3 < 4")


def test_refs_are_listed_with_their_positions():
    c = compile_condition("their.reliability < 30 and not flags.confessed or visited.intro")
    refs = [(r.namespace, r.name, r.offset, r.length) for r in c.refs]
    assert refs == [
        ("their", "reliability", 6, 11),
        ("flags", "confessed", 37, 9),
        ("visited", "intro", 58, 5),
    ]


# --- type errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    ["their.trust == true", "false != your.respect", "turn == flags.x", "3 == true"],
)
def test_comparing_a_number_with_true_false_is_an_error(source):
    e = error(source)
    assert "cannot compare a number with true/false" in e.message
    assert (e.offset, e.length) == (0, len(source))


def test_ordering_true_false_is_an_error():
    e = error("flags.a and flags.x > true")
    assert "compares numbers" in e.message
    assert (e.offset, e.length) == (12, len("flags.x > true"))


@pytest.mark.parametrize(
    ("source", "offset", "length", "words"),
    [
        ("turn", 0, 4, "must be yes/no"),
        ("their.trust", 0, 11, "must be yes/no"),
        ("42", 0, 2, "must be yes/no"),
        ("not their.trust", 4, 11, "'not' needs"),
        ("flags.a and your.respect", 12, 12, "'and' joins"),
        ("your.respect or flags.a", 0, 12, "'or' joins"),
    ],
)
def test_a_number_where_yes_no_is_needed(source, offset, length, words):
    e = error(source)
    assert words in e.message
    assert (e.offset, e.length) == (offset, length)


def test_a_bare_meter_gets_a_hint_to_compare_it():
    assert error("their.trust").hint == "compare it, e.g. 'their.trust >= 50'"


# --- friendly syntax errors ----------------------------------------------------------------------


def test_single_equals_says_use_double():
    e = error("their.trust = 5")
    assert (e.offset, e.length) == (12, 1)
    assert "'='" in e.message and "==" in e.hint


def test_c_style_and_or_say_use_words():
    e = error("flags.a && flags.b")
    assert (e.offset, e.length) == (8, 2)
    assert "'and'" in e.hint
    e = error("flags.a || flags.b")
    assert (e.offset, e.length) == (8, 2)
    assert "'or'" in e.hint


def test_bang_says_use_not():
    e = error("flags.a and !flags.b")
    assert (e.offset, e.length) == (12, 1)
    assert "'not'" in e.hint
    # ...but != is a comparison.
    assert holds("flags.a != flags.b", flags={"a"})


@pytest.mark.parametrize(
    ("source", "offset", "words"),
    [
        ("", 0, "empty"),
        ("   ", 0, "empty"),
        ("flags.a and", 10, "ends too early"),
        ("(flags.a", 0, "missing ')'"),
        ("flags.a)", 7, "unexpected"),
        ("flags.a flags.b", 8, "unexpected"),
        ("their < 3", 0, "needs a name"),
        ("their.", 6, "expected a name"),
        ("trust > 3", 0, "unknown name 'trust'"),
        ("and flags.a", 0, "needs something before it"),
        ("1 < turn < 3", 9, "cannot be chained"),
        ("flags.a # comment", 8, "unexpected character"),
        ("flags.a >", 8, "ends too early"),
    ],
)
def test_syntax_errors_point_at_the_problem(source, offset, words):
    e = error(source)
    assert words in e.message
    assert e.offset == offset
    assert e.length >= 1


# --- limits ---------------------------------------------------------------------------------------


def test_max_length():
    ok = "turn > 0".ljust(MAX_LENGTH)
    assert compile_condition(ok).test(ctx(turn=1))
    e = error(ok + " ")
    assert "longer than" in e.message
    assert e.offset == MAX_LENGTH


def test_max_depth_of_parentheses():
    assert holds("(" * MAX_DEPTH + "flags.a" + ")" * MAX_DEPTH, flags={"a"})
    e = error("(" * (MAX_DEPTH + 1) + "flags.a" + ")" * (MAX_DEPTH + 1))
    assert "nested" in e.message
    assert e.offset == MAX_DEPTH


def test_max_depth_of_not():
    assert holds("not " * MAX_DEPTH + "flags.a", flags={"a"}) is (MAX_DEPTH % 2 == 0)
    e = error("not " * (MAX_DEPTH + 1) + "flags.a")
    assert "nested" in e.message


def test_deep_nesting_within_the_length_limit_is_an_error_not_a_crash():
    source = "(" * 240 + "flags.a" + ")" * 240
    assert len(source) <= MAX_LENGTH
    assert "nested" in error(source).message


# --- never_true -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "their.trust > 100",
        "your.x < 0",
        "their.trust >= 101",
        "your.x <= -1",
        "their.respect == 150",
        "100 < their.trust",
        "0 > your.x",
        "flags.a and (turn > 1 or your.x < 0)",
    ],
)
def test_never_true_finds_impossible_comparisons(source):
    found = never_true(parse(source))
    assert isinstance(found, Compare)
    assert source[found.offset : found.offset + found.length] in {
        "their.trust > 100",
        "your.x < 0",
        "their.trust >= 101",
        "your.x <= -1",
        "their.respect == 150",
        "100 < their.trust",
        "0 > your.x",
    }


@pytest.mark.parametrize(
    "source",
    [
        "their.trust >= 100",
        "their.trust > 99",
        "your.x <= 0",
        "your.x == 0",
        "their.trust != 200",
        "turn > 1000",
        "flags.a == true",
        "their.trust > your.trust",
    ],
)
def test_never_true_leaves_possible_comparisons_alone(source):
    assert never_true(parse(source)) is None


# --- properties -----------------------------------------------------------------------------------


def _check_any(source: str) -> None:
    try:
        condition = compile_condition(source)
    except ConditionSyntaxError as e:
        assert 0 <= e.offset <= len(source)
        assert e.length >= 1
        assert e.message
        return
    # Anything that compiles evaluates to a yes/no answer.
    meters = defaultdict(lambda: 50)
    result = condition.test(
        EvalContext(meters, meters, {"a"}, ["intro"], 2, lambda role: 50.0, "a", "b")
    )
    assert isinstance(result, bool)


@PROPS
@given(st.text(max_size=80))
def test_any_text_compiles_or_raises_a_syntax_error(source):
    _check_any(source)


ATOMS = st.sampled_from(
    [
        "their.trust",
        "your.respect",
        "flags.a",
        "visited.intro",
        "turn",
        "true",
        "false",
        "0",
        "-3",
        "100",
        "and",
        "or",
        "not",
        "(",
        ")",
        "<",
        "<=",
        ">",
        ">=",
        "==",
        "!=",
        "=",
        "!",
        "&&",
        "||",
        ".",
        "their",
        "-",
        "x",
        "1²",
        "٣",
        "é",
        "\t",
        "\n",
        "\x00",
    ]
)


@PROPS
@given(st.lists(ATOMS, max_size=30), st.sampled_from([" ", ""]))
def test_any_jumble_of_tokens_compiles_or_raises_a_syntax_error(parts, sep):
    _check_any(sep.join(parts))


@PROPS
@given(st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=5))
def test_non_ascii_digits_are_a_syntax_error_not_a_crash(digits):
    _check_any(f"turn > {digits}")
    _check_any(f"{digits}")


def test_superscript_digits_are_rejected_cleanly():
    e = error("turn > ²")
    assert e.offset == 7


def test_tokenize_keeps_offsets():
    toks = tokenize("their.trust>=-5")
    assert [(t.kind, t.text, t.offset) for t in toks] == [
        ("name", "their", 0),
        ("dot", ".", 5),
        ("name", "trust", 6),
        ("op", ">=", 11),
        ("int", "-5", 13),
        ("eof", "", 15),
    ]
