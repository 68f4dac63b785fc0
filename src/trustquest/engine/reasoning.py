"""Reasoning about conditions without playing: can one ever hold, can it ever
fail, can several fail at once?

A condition is rewritten as an OR of ANDs of simple facts (`their.x >= 52`,
`flags.y`, `not visited.z`), and each AND is checked by intersecting ranges:
meters and overall trust run from 0 to 100, `turn` is a whole number from 0.
Anything this cannot read exactly (a meter compared with another meter) is an
opaque fact that may be true or false, so the answers err on the side of "it
can": the validator never warns about a condition that could hold.
"""

from __future__ import annotations

import math

from trustquest.engine.conditions import BoolOp, Compare, Literal, Name, Node, Not

#: Give up (answer "it can") beyond this many ANDs: conditions are short, so
#: only a pathological one gets here.
MAX_TERMS = 256

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


class _TooBig(Exception):
    pass


def can_hold(*trees: Node) -> bool:
    """Whether all of `trees` can hold at once."""
    return _satisfiable([(t, True) for t in trees])


def can_fail(tree: Node) -> bool:
    """Whether the condition can be false."""
    return _satisfiable([(tree, False)])


def can_all_fail(trees: list[Node]) -> bool:
    """Whether every one of `trees` can be false at the same time."""
    return _satisfiable([(t, False) for t in trees])


def _satisfiable(parts: list[tuple[Node, bool]]) -> bool:
    try:
        terms = [[]]
        for tree, positive in parts:
            terms = _and(terms, _dnf(tree, positive))
        return any(_term_ok(term) for term in terms)
    except _TooBig:
        return True


def _and(left: list, right: list) -> list:
    out = [a + b for a in left for b in right]
    if len(out) > MAX_TERMS:
        raise _TooBig
    return out


def _dnf(node: Node, positive: bool) -> list[list]:
    """The condition (or its negation) as a list of ANDs of literals; a
    literal is (fact, holds)."""
    if isinstance(node, Not):
        return _dnf(node.operand, not positive)
    if isinstance(node, BoolOp):
        conjunctive = (node.op == "and") == positive
        if conjunctive:
            terms: list = [[]]
            for operand in node.operands:
                terms = _and(terms, _dnf(operand, positive))
            return terms
        out: list = []
        for operand in node.operands:
            out.extend(_dnf(operand, positive))
            if len(out) > MAX_TERMS:
                raise _TooBig
        return out
    if isinstance(node, Literal):
        return [[]] if bool(node.value) == positive else []
    if isinstance(node, Name):  # flags.x, visited.x
        return [[(("bool", node.ref.namespace, node.ref.name), positive)]]
    if isinstance(node, Compare):
        return [[_fact(node, positive)]]
    return [[]]  # unknown shape: may hold


def _fact(node: Compare, positive: bool):
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Literal) and isinstance(right, Name):
        left, right, op = right, left, _FLIP[op]
    if not positive:
        op = _NEGATE[op]
    if isinstance(left, Name) and isinstance(right, Literal):
        ref = left.ref
        if isinstance(right.value, bool):  # flags.x == true
            holds = (op == "==") == right.value
            return (("bool", ref.namespace, ref.name), holds)
        return (("num", ref.namespace, ref.name), (op, right.value))
    if isinstance(left, Literal) and isinstance(right, Literal):
        return (("const",), _compare(left.value, op, right.value))
    # Two names: opaque, keyed by its text so that `a < b` and `not (a < b)` clash.
    key = ("opaque", _name(node.left), node.op, _name(node.right))
    return (key, positive)


def _name(node: Node):
    if isinstance(node, Name):
        return (node.ref.namespace, node.ref.name)
    return node.value if isinstance(node, Literal) else None


def _compare(a, op: str, b) -> bool:
    return {
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
        "==": a == b,
        "!=": a != b,
    }[op]


def _term_ok(term: list) -> bool:
    truth: dict = {}
    ranges: dict = {}
    for fact, value in term:
        kind = fact[0]
        if kind == "const":
            if not value:
                return False
        elif kind == "num":
            ranges.setdefault(fact, []).append(value)
        elif truth.setdefault(fact, value) != value:
            return False
    return all(_range_ok(fact[1], tests) for fact, tests in ranges.items())


def _range_ok(namespace: str, tests: list) -> bool:
    whole = namespace == "turn"
    lo, lo_open = 0.0, False
    hi, hi_open = (math.inf, True) if whole else (100.0, False)
    holes = set()
    for op, c in tests:
        if op in (">", ">="):
            if c > lo or (c == lo and op == ">"):
                lo, lo_open = c, op == ">"
        elif op in ("<", "<="):
            if c < hi or (c == hi and op == "<"):
                hi, hi_open = c, op == "<"
        elif op == "==":
            if not (lo < c < hi or (c == lo and not lo_open) or (c == hi and not hi_open)):
                return False
            lo, lo_open, hi, hi_open = c, False, c, False
        else:
            holes.add(c)
    if whole:
        first = math.floor(lo) + 1 if lo_open or lo != math.floor(lo) else int(lo)
        if hi == math.inf:
            return True
        last = math.ceil(hi) - 1 if hi_open or hi != math.ceil(hi) else int(hi)
        return any(n not in holes for n in range(first, min(last, first + len(holes)) + 1))
    if lo < hi:
        return True  # an interval of real values: finitely many holes cannot fill it
    return lo == hi and not lo_open and not hi_open and lo not in holes
