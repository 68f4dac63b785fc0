"""The condition language: a tiny, safe expression language for `if`, `when`
and `unless`.

    their.reliability < 30 and not flags.confessed
    (your.trust >= 60 or visited.honest_call) and turn > 3

It is tokenised and parsed here (never `eval`), checked for types, and
compiled once at load time into plain Python closures, so evaluating a
condition in the simulator's inner loop costs a few function calls.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

MAX_LENGTH = 500
MAX_DEPTH = 24

COMPARATORS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
KEYWORDS = {"and", "or", "not", "true", "false", "turn"}
NAMESPACES = {"their", "your", "flags", "visited"}
_DIGITS = frozenset("0123456789")


class ConditionSyntaxError(Exception):
    """A condition that does not parse or type-check. Offsets are 0-based in the source."""

    def __init__(self, message: str, offset: int, length: int = 1, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.length = max(1, length)
        self.hint = hint


@attrs.frozen
class Token:
    kind: str  # name, int, op, lparen, rparen, dot, eof
    text: str
    offset: int


@attrs.frozen
class Ref:
    """A name a condition reads: used by the validator to check it exists."""

    namespace: str  # their, your, flags, visited, turn
    name: str
    offset: int
    length: int


# --- AST -------------------------------------------------------------------


@attrs.frozen
class Node:
    offset: int
    length: int


@attrs.frozen
class Literal(Node):
    value: Any  # int or bool


@attrs.frozen
class Name(Node):
    ref: Ref


@attrs.frozen
class Not(Node):
    operand: Node


@attrs.frozen
class BoolOp(Node):
    op: str  # and / or
    operands: tuple


@attrs.frozen
class Compare(Node):
    op: str
    left: Node
    right: Node


# --- tokeniser -------------------------------------------------------------


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch in " \t\r\n":
            i += 1
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            start = i
            while i < n and source[i].isascii() and (source[i].isalnum() or source[i] == "_"):
                i += 1
            tokens.append(Token("name", source[start:i], start))
        # ASCII digits only: str.isdigit() also accepts "²" or "٣", which int() rejects.
        elif ch in _DIGITS or (ch == "-" and i + 1 < n and source[i + 1] in _DIGITS):
            start = i
            i += 1
            while i < n and source[i] in _DIGITS:
                i += 1
            tokens.append(Token("int", source[start:i], start))
        elif source.startswith(("<=", ">=", "==", "!="), i):
            tokens.append(Token("op", source[i : i + 2], i))
            i += 2
        elif ch in "<>":
            tokens.append(Token("op", ch, i))
            i += 1
        elif source.startswith(("=>", "=<"), i):
            right = source[i + 1] + "="
            raise ConditionSyntaxError(
                f"'{source[i : i + 2]}' is not a comparison", i, 2, hint=f"did you mean '{right}'?"
            )
        elif ch == "=":
            raise ConditionSyntaxError("'=' is not a comparison", i, 1, hint="use '==' to compare")
        elif ch == "(":
            tokens.append(Token("lparen", ch, i))
            i += 1
        elif ch == ")":
            tokens.append(Token("rparen", ch, i))
            i += 1
        elif ch == ".":
            tokens.append(Token("dot", ch, i))
            i += 1
        elif source.startswith(("&&", "||"), i):
            word = "and" if ch == "&" else "or"
            raise ConditionSyntaxError(
                f"'{source[i : i + 2]}' is not an operator", i, 2, hint=f"write '{word}'"
            )
        elif ch == "!":
            raise ConditionSyntaxError("'!' is not an operator", i, 1, hint="write 'not'")
        else:
            raise ConditionSyntaxError(f"unexpected character {ch!r}", i, 1)
    tokens.append(Token("eof", "", n))
    return tokens


# --- parser ----------------------------------------------------------------


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if self.peek().kind == "eof":
            raise ConditionSyntaxError("empty condition", 0, max(1, len(self.source)))
        node = self.or_expr()
        tok = self.peek()
        if tok.kind != "eof":
            raise ConditionSyntaxError(
                f"unexpected {tok.text!r}",
                tok.offset,
                len(tok.text),
                hint="join conditions with 'and' or 'or'",
            )
        return node

    def _nest(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError(f"condition nested more than {MAX_DEPTH} deep", offset, 1)

    def or_expr(self) -> Node:
        return self._bool("or", self.and_expr)

    def and_expr(self) -> Node:
        return self._bool("and", self.not_expr)

    def _bool(self, word: str, sub: Callable[[], Node]) -> Node:
        first = sub()
        operands = [first]
        while self.peek().kind == "name" and self.peek().text == word:
            self.take()
            operands.append(sub())
        if len(operands) == 1:
            return first
        last = operands[-1]
        return BoolOp(first.offset, last.offset + last.length - first.offset, word, tuple(operands))

    def not_expr(self) -> Node:
        tok = self.peek()
        if tok.kind == "name" and tok.text == "not":
            self.take()
            self._nest(tok.offset)
            operand = self.not_expr()
            self.depth -= 1
            return Not(tok.offset, operand.offset + operand.length - tok.offset, operand)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.atom()
        tok = self.peek()
        if tok.kind == "op":
            self.take()
            right = self.atom()
            if self.peek().kind == "op":
                extra = self.peek()
                raise ConditionSyntaxError(
                    "comparisons cannot be chained",
                    extra.offset,
                    len(extra.text),
                    hint="split it with 'and', e.g. 'a < b and b < c'",
                )
            return Compare(
                left.offset, right.offset + right.length - left.offset, tok.text, left, right
            )
        return left

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "lparen":
            self._nest(tok.offset)
            inner = self.or_expr()
            close = self.take()
            if close.kind != "rparen":
                raise ConditionSyntaxError(
                    "missing ')'", tok.offset, 1, hint="this '(' is never closed"
                )
            self.depth -= 1
            return inner
        if tok.kind == "int":
            return Literal(tok.offset, len(tok.text), int(tok.text))
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return Literal(tok.offset, len(tok.text), tok.text == "true")
            if tok.text == "turn":
                return Name(tok.offset, 4, Ref("turn", "turn", tok.offset, 4))
            if tok.text in NAMESPACES:
                dot = self.take()
                if dot.kind != "dot":
                    raise ConditionSyntaxError(
                        f"'{tok.text}' needs a name after it",
                        tok.offset,
                        len(tok.text),
                        hint=f"for example '{tok.text}.{_EXAMPLE[tok.text]}'",
                    )
                name = self.take()
                if name.kind != "name":
                    raise ConditionSyntaxError(
                        f"expected a name after '{tok.text}.'", name.offset, max(1, len(name.text))
                    )
                length = name.offset + len(name.text) - tok.offset
                return Name(
                    tok.offset, length, Ref(tok.text, name.text, name.offset, len(name.text))
                )
            if tok.text in ("and", "or", "not"):
                raise ConditionSyntaxError(
                    f"'{tok.text}' needs something before it", tok.offset, len(tok.text)
                )
            raise ConditionSyntaxError(
                f"unknown name '{tok.text}'",
                tok.offset,
                len(tok.text),
                hint="names start with their., your., flags. or visited., or are 'turn'",
            )
        if tok.kind == "eof":
            raise ConditionSyntaxError("condition ends too early", max(0, tok.offset - 1), 1)
        if tok.kind == "rparen":
            raise ConditionSyntaxError("unexpected ')'", tok.offset, 1)
        raise ConditionSyntaxError(f"unexpected {tok.text!r}", tok.offset, len(tok.text))


_EXAMPLE = {"their": "reliability", "your": "trust", "flags": "confessed", "visited": "intro"}


def _type_of(node: Node) -> str:
    """'num' or 'bool'. Raises on a type error."""
    if isinstance(node, Literal):
        return "bool" if isinstance(node.value, bool) else "num"
    if isinstance(node, Name):
        return "num" if node.ref.namespace in ("their", "your", "turn") else "bool"
    if isinstance(node, Not):
        _expect(node.operand, "bool", "'not' needs a yes/no condition")
        return "bool"
    if isinstance(node, BoolOp):
        for operand in node.operands:
            _expect(operand, "bool", f"'{node.op}' joins yes/no conditions")
        return "bool"
    if isinstance(node, Compare):
        left, right = _type_of(node.left), _type_of(node.right)
        if left != right:
            raise ConditionSyntaxError(
                "cannot compare a number with true/false", node.offset, node.length
            )
        if left == "bool" and node.op not in ("==", "!="):
            raise ConditionSyntaxError(
                f"'{node.op}' compares numbers, not true/false", node.offset, node.length
            )
        return "bool"
    raise AssertionError(node)


def _expect(node: Node, kind: str, message: str) -> None:
    if _type_of(node) != kind:
        hint = None
        if isinstance(node, Name):
            hint = f"compare it, e.g. '{node.ref.namespace}.{node.ref.name} >= 50'"
        raise ConditionSyntaxError(message + ", not a number", node.offset, node.length, hint=hint)


# --- compilation -------------------------------------------------------------


class EvalContext:
    """What a condition can see, from one player's point of view.

    `their` / `your` are meter dicts. Overall trust is derived on demand
    through `trust_of` and kept, so conditions that never read it never pay
    for it, and those that read it twice pay once.
    """

    __slots__ = ("their", "your", "flags", "visited", "turn", "_trust", "_you", "_them", "_seen")

    def __init__(self, their, your, flags, visited, turn, trust=None, you=None, them=None):
        self.their = their
        self.your = your
        self.flags = flags
        self.visited = visited
        self.turn = turn
        # Either callable("their"|"your") -> float, or, when `you` and `them`
        # are given, callable(role) -> float such as Game.trust (no closure to build).
        self._trust = trust
        self._you = you
        self._them = them
        self._seen = None

    def trust_of(self, ns: str) -> float:
        """Overall trust of the `their` or `your` profile."""
        seen = self._seen
        if seen is None:
            seen = self._seen = {}
        elif ns in seen:
            return seen[ns]
        if self._you is None:
            value = self._trust(ns)
        else:
            value = self._trust(self._them if ns == "their" else self._you)
        seen[ns] = value
        return value


def _compile(node: Node) -> Callable[[EvalContext], Any]:
    if isinstance(node, Literal):
        value = node.value
        return lambda ctx: value
    if isinstance(node, Name):
        ns, name = node.ref.namespace, node.ref.name
        if ns == "turn":
            return lambda ctx: ctx.turn
        if ns == "flags":
            return lambda ctx: name in ctx.flags
        if ns == "visited":
            return lambda ctx: name in ctx.visited
        if name == "trust":
            return lambda ctx: ctx.trust_of(ns)
        if ns == "their":
            return lambda ctx: ctx.their[name]
        return lambda ctx: ctx.your[name]
    if isinstance(node, Not):
        inner = _compile(node.operand)
        return lambda ctx: not inner(ctx)
    if isinstance(node, BoolOp):
        parts = tuple(_compile(o) for o in node.operands)
        if len(parts) == 2:  # the common case, without a generator
            a, b = parts
            if node.op == "and":
                return lambda ctx: a(ctx) and b(ctx)
            return lambda ctx: a(ctx) or b(ctx)
        if node.op == "and":
            return lambda ctx: all(p(ctx) for p in parts)
        return lambda ctx: any(p(ctx) for p in parts)
    if isinstance(node, Compare):
        if isinstance(node.right, Literal):
            return _compare_with(node.op, _compile(node.left), node.right.value)
        left, right, fn = _compile(node.left), _compile(node.right), COMPARATORS[node.op]
        return lambda ctx: fn(left(ctx), right(ctx))
    raise AssertionError(node)


def _compare_with(op: str, left: Callable, value: Any) -> Callable[[EvalContext], bool]:
    """`left op value` for a literal value: the commonest comparison, written
    out per operator because a direct `<` is cheaper than calling `operator.lt`."""
    if op == "<":
        return lambda ctx: left(ctx) < value
    if op == "<=":
        return lambda ctx: left(ctx) <= value
    if op == ">":
        return lambda ctx: left(ctx) > value
    if op == ">=":
        return lambda ctx: left(ctx) >= value
    if op == "==":
        return lambda ctx: left(ctx) == value
    return lambda ctx: left(ctx) != value


@attrs.frozen
class Condition:
    """A parsed, type-checked and compiled condition."""

    source: str
    tree: Node = attrs.field(repr=False, eq=False)
    test: Callable[[EvalContext], bool] = attrs.field(repr=False, eq=False)

    @property
    def refs(self) -> list[Ref]:
        return list(iter_refs(self.tree))


def iter_refs(node: Node):
    if isinstance(node, Name):
        yield node.ref
    elif isinstance(node, Not):
        yield from iter_refs(node.operand)
    elif isinstance(node, BoolOp):
        for o in node.operands:
            yield from iter_refs(o)
    elif isinstance(node, Compare):
        yield from iter_refs(node.left)
        yield from iter_refs(node.right)


def parse(source: str) -> Node:
    if len(source) > MAX_LENGTH:
        raise ConditionSyntaxError(
            f"condition is longer than {MAX_LENGTH} characters", MAX_LENGTH, 1
        )
    tree = _Parser(source).parse()
    _expect(tree, "bool", "a condition must be yes/no")
    return tree


def compile_condition(source: str) -> Condition:
    tree = parse(source)
    return Condition(source, tree, _compile(tree))


def never_true(node: Node, lo: int = 0, hi: int = 100) -> Compare | None:
    """A comparison of a meter with a literal outside [lo, hi] that can never
    hold (e.g. `their.trust > 100`), or None. Used for a validator warning."""
    for sub in walk_nodes(node):
        if not isinstance(sub, Compare):
            continue
        if isinstance(sub.left, Name) and isinstance(sub.right, Literal):
            ref, value, op = sub.left.ref, sub.right.value, sub.op
        elif isinstance(sub.right, Name) and isinstance(sub.left, Literal):
            ref, value = sub.right.ref, sub.left.value
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(sub.op, sub.op)
        else:
            continue
        if ref.namespace not in ("their", "your") or isinstance(value, bool):
            continue
        impossible = (
            (op == ">" and value >= hi)
            or (op == ">=" and value > hi)
            or (op == "<" and value <= lo)
            or (op == "<=" and value < lo)
            or (op == "==" and not lo <= value <= hi)
        )
        if impossible:
            return sub
    return None


def walk_nodes(node: Node):
    yield node
    if isinstance(node, Not):
        yield from walk_nodes(node.operand)
    elif isinstance(node, BoolOp):
        for o in node.operands:
            yield from walk_nodes(o)
    elif isinstance(node, Compare):
        yield from walk_nodes(node.left)
        yield from walk_nodes(node.right)
