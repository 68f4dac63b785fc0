"""The shape guard: exact nesting depth on every way TOML can nest, value
counts, and refusals that cost little and never recurse."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustquest.engine.toml_guard import SCENARIO, Limits, ShapeError, check_shape, loads

KEYS = st.sampled_from(["a", "b", "c d", "x.y", "é", "[", "#"])
SCALARS = st.one_of(
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.booleans(),
    st.text(alphabet="ab[]{}\"'#.=,\\\n", max_size=6),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=30,
)
DOCS = st.dictionaries(KEYS, VALUES, max_size=4)


def data_depth(value, level: int) -> int:
    """A scalar at `level` counts `level`; a container counts one more (for
    what it holds), so an empty array at the limit is as deep as a full one."""
    if isinstance(value, dict):
        return max([level + 1] + [data_depth(v, level + 1) for v in value.values()])
    if isinstance(value, list):
        return max([level + 1] + [data_depth(v, level + 1) for v in value])
    return level


def doc_depth(doc: dict) -> int:
    return max([data_depth(v, 1) for v in doc.values()] or [0])


class Emitter:
    """Writes a document as TOML, choosing among every way TOML can nest:
    [headers], [[arrays of tables]], dotted keys, inline tables, and arrays
    spread over lines with comments."""

    def __init__(self, draw):
        self.draw = draw
        self.lines: list[str] = []

    def key(self, k: str) -> str:
        if k.replace("_", "").isalnum() and k.isascii():
            return k
        return json.dumps(k)  # a TOML basic string is a JSON string here

    def scalar(self, v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if self.draw(st.booleans()) and "'" not in v and "\n" not in v:
            return f"'{v}'"
        if "\n" in v and not v.startswith("\n") and self.draw(st.booleans()):
            return '"""' + v.replace("\\", "\\\\").replace('"', '\\"') + '"""'
        return json.dumps(v)

    def inline(self, v) -> str:
        if isinstance(v, dict):
            items = []
            for k, x in v.items():
                items.extend(self.pairs([self.key(k)], x, inline=True))
            return "{" + ", ".join(items) + "}"
        if isinstance(v, list):
            sep = ",\n  # a comment, ] } [\n  " if self.draw(st.booleans()) else ", "
            return "[" + sep.join(self.inline(x) for x in v) + "]"
        return self.scalar(v)

    def pairs(self, keys: list[str], v, inline: bool) -> list[str]:
        """`a.b.c = value` lines for `v`, splitting dicts into dotted keys
        sometimes."""
        if isinstance(v, dict) and v and self.draw(st.booleans()):
            out = []
            for k, x in v.items():
                out.extend(self.pairs(keys + [self.key(k)], x, inline))
            return out
        return [".".join(keys) + " = " + self.inline(v)]

    def table(self, path: list[str], doc: dict) -> None:
        later = []
        for k, v in doc.items():
            if isinstance(v, dict) and self.draw(st.booleans()):
                later.append(("table", k, v))
            elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                if self.draw(st.booleans()):
                    later.append(("array", k, v))
                    continue
                self.lines.extend(self.pairs([self.key(k)], v, inline=False))
            else:
                self.lines.extend(self.pairs([self.key(k)], v, inline=False))
        for how, k, v in later:
            sub = path + [self.key(k)]
            if how == "table":
                self.lines.append("[" + ".".join(sub) + "]  # [x.y]")
                self.table(sub, v)
            else:
                for item in v:
                    self.lines.append("[[" + ".".join(sub) + "]]")
                    self.table(sub, item)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), DOCS, st.integers(1, 10))
def test_the_depth_is_exact_without_arrays_of_tables_and_bounded_with_them(data, doc, limit):
    emitter = Emitter(data.draw)
    emitter.table([], doc)
    text = "\n".join(emitter.lines) + "\n"
    assert tomllib.loads(text) == doc, text
    refusal = check_shape(text, Limits(limit, 10**9))
    depth = doc_depth(doc)
    # Never a file refused that is within the limit. A [table] under an
    # [[array of tables]] is one level deeper than its parts say, which the
    # scan does not follow: it can let such a file go up to twice as deep,
    # far below any recursion limit.
    if refusal is not None:
        assert depth > limit, (text, depth, refusal)
    if depth > 2 * limit:
        assert refusal is not None, (text, depth)
    if "[[" not in text:
        assert (refusal is None) == (depth <= limit), (text, depth, refusal)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000,
        "a = " + "{b = " * 5000 + "1" + "}" * 5000,
        "a" + ".a" * 20_000 + " = 1",
        "[" + "a." * 20_000 + "a]\n",
        "[[" + "a." * 20_000 + "a]]\n",
        "a = [" + "{b.c.d = [" * 40 + "]}" * 40 + "]",
        "x = 1\n" + "a = [" * 3000,  # never closed: still refused, never read
    ],
)
def test_deep_nesting_is_refused_where_it_goes_too_deep(text):
    refusal = check_shape(text, SCENARIO)
    assert refusal is not None and "nests more than 32 levels" in refusal.message
    assert refusal.line >= 1 and 1 < refusal.col < 400


def test_the_place_of_a_deep_refusal():
    text = 'ok = "[[[["\n\nb = ' + "[" * 40
    refusal = check_shape(text, Limits(4, 100))
    assert (refusal.line, refusal.col) == (3, 8)  # the bracket whose items would be level 5


def test_a_million_items_are_refused_by_count():
    refusal = check_shape("a = [" + "1," * 1_000_000 + "1]", SCENARIO)
    assert refusal is not None and "more than 120,000 values" in refusal.message


def test_punctuation_inside_strings_and_comments_is_not_structure():
    text = (
        'a = "[[[[{{{{...., , ,"\n'
        "b = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n"
        'c = """\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"""\n"""\n'
        "d = '''[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['''\n"
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
        '"q.u.o.t.e.d.k.e.y.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x" = 1\n'
    )
    assert tomllib.loads(text)
    assert check_shape(text, Limits(2, 10)) is None


def test_values_are_counted():
    text = "a = [1, 2, 3]\nb = 1\n[t]\nc = {d = 1}\n"  # a, 3 items, b, [t], c, d
    assert check_shape(text, Limits(32, 8)) is None
    assert check_shape(text, Limits(32, 7)) is not None


def test_loads_refuses_with_a_value_error():
    with pytest.raises(ShapeError) as caught:
        loads("a = " + "[" * 100 + "]" * 100, SCENARIO)
    assert isinstance(caught.value, ValueError)
    assert caught.value.refusal.line == 1
    assert loads("a = [[1]]", SCENARIO) == {"a": [[1]]}
