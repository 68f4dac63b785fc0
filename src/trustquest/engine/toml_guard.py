"""Limits on the shape of a TOML file, checked on the raw text before any
recursive pass reads it.

`tomllib` itself recurses once per nested array or inline table and builds
every prefix of a dotted key; the loader's passes recurse too, and a million
small values cost far more memory than the file's size suggests. So every
TOML file the game reads (scenarios, saves, the profile) first goes through
`check_shape`, which refuses it when it nests deeper than `max_depth` (tables,
dotted keys, arrays and inline tables all count) or holds more than
`max_values` values (keys, array items and tables). Nothing here recurses,
and every pass is linear in the size of the text.

The passes agree with TOML on where strings and comments start and end.
Where the text is not valid TOML they may stop early: tomllib then reports
the syntax error at or before that point, having read nothing deeper than
was checked.
"""

from __future__ import annotations

import re
import tomllib
from itertools import accumulate
from typing import Any, NamedTuple


class Limits(NamedTuple):
    max_depth: int
    max_values: int


class Refusal(NamedTuple):
    """Why a file was refused, and where (1-based line and column)."""

    message: str
    line: int = 1
    col: int = 1


class ShapeError(ValueError):
    """A file refused by `loads`; a ValueError, like tomllib's own errors."""

    def __init__(self, refusal: Refusal):
        super().__init__(f"{refusal.message} (at line {refusal.line}, column {refusal.col})")
        self.refusal = refusal


#: A scenario's deepest real value is 7 levels down
#: (scenes.ID.choices[N].later.their_trust.METER); saves and the profile
#: are shallower still.
MAX_DEPTH = 32
#: A 2,000-scene scenario holds about 76,000 values (keys, items, tables);
#: tomllib reads about 250,000 a second.
SCENARIO = Limits(MAX_DEPTH, max_values=120_000)
SAVE = Limits(MAX_DEPTH, max_values=400_000)
PROFILE = Limits(MAX_DEPTH, max_values=50_000)

# TOML strings and comments, as TOML reads them.
_STRING = (
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}'
    r"|'''(?:[^']++|'(?!''))*+'{3,5}"
    r'|"(?:[^"\\\n]++|\\[^\n])*+"'
    r"|'[^'\n]*+'"
)
_COMMENT = r"\#[^\n]*+"
_TEXT = re.compile(rf"{_STRING} | {_COMMENT}", re.VERBOSE)
# What is left of the code once strings and comments are gone, but the
# punctuation that shapes a document.
_PUNCTUATION = re.compile(r"[^.\n=\[\]{},\"']++")
_BRACKETS = str.maketrans("", "", ".\n=,")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_TOKENS = re.compile(
    rf"""
      (?P<s>{_STRING})
    | (?P<n>(?:{_COMMENT})?(?:\n(?:[ \t\r\n]++|{_COMMENT})*+|\Z))
    | (?P<q>["'])
    | (?P<p>[\[\]{{}}=.,])
    """,
    re.VERBOSE,
)
_ROOT, _ARRAY, _TABLE = 0, 1, 2
# The quick proof covers files whose keys have at most this many parts.
_FAST_PARTS = 4


def check_shape(text: str, limits: Limits) -> Refusal | None:
    """None when `text` is within `limits`, else the first problem found.

    Most files are proved safe by a few passes of the regular expression
    engine over the text: count the values, the longest dotted key and the
    deepest brackets, and bound the depth from those. Only a file that this
    bound does not clear is walked token by token (`_walk`)."""
    code = _TEXT.sub("", text)
    values = code.count("=") + code.count(",") + code.count("[")
    if values > limits.max_values:
        return Refusal(
            f"the file holds more than {limits.max_values:,} values (keys, items and tables); "
            "it is not read further"
        )
    punctuation = _PUNCTUATION.sub("", code)
    if "." * _FAST_PARTS not in punctuation and '"' not in punctuation and "'" not in punctuation:
        brackets = punctuation.translate(_BRACKETS)
        deepest = max(accumulate(map(_STEP.__getitem__, brackets)), default=0)
        # A [[header]] of up to _FAST_PARTS parts and its element, then at
        # each open bracket a key of up to _FAST_PARTS parts, then one more
        # level inside the innermost container.
        if _FAST_PARTS + 2 + deepest * _FAST_PARTS <= limits.max_depth:
            return None
    return _walk(text, limits.max_depth)


def _walk(text: str, max_depth: int) -> Refusal | None:
    """The exact depth of every key and value, in one pass over the tokens;
    stops at the first that is too deep."""
    base = 0  # depth of the current [table]: the parts of its header
    stack: list[tuple[int, int]] = []  # open arrays and inline tables: (kind, depth)
    kind = _ROOT  # what the innermost open container is
    key = True  # reading a key (else a value)
    header = False  # inside a [table] or [[array]] header
    parts = 1  # parts of the key read so far
    depth = 0  # in a value: the depth of that value
    for m in _TOKENS.finditer(text):
        group = m.lastgroup
        if group == "s":
            continue
        if group == "n":
            if kind == _ROOT:
                key, header, parts = True, False, 1
            continue
        if group == "q":  # a string that never closes: tomllib stops here
            return None
        ch = m.group()
        if ch == "." and key:
            parts += 1
            if (base if header else (stack[-1][1] if stack else base)) + parts > max_depth:
                return _deep(text, m.start(), max_depth)
        elif ch == "=" and key and not header:
            key = False
            depth = (stack[-1][1] if stack else base) + parts
            if depth > max_depth:
                return _deep(text, m.start(), max_depth)
        elif ch == "[" and kind == _ROOT and key:
            if header:  # [[array of tables]]: one more level, for the element
                base += 1
            else:
                header, base, parts = True, 0, 1
        elif ch == "]" and header:
            base += parts
            header, parts = False, 1
            if base >= max_depth:  # its keys would be deeper
                return _deep(text, m.start(), max_depth)
        elif ch == "[" or ch == "{":
            opened = depth if not key else (stack[-1][1] if stack else base) + parts
            if opened >= max_depth:  # its items would be deeper
                return _deep(text, m.start(), max_depth)
            kind = _ARRAY if ch == "[" else _TABLE
            stack.append((kind, opened))
            depth = opened + 1
            key, parts = kind == _TABLE, 1
        elif ch == "]" or ch == "}":
            if stack:
                stack.pop()
                kind = stack[-1][0] if stack else _ROOT
                key = False
        elif ch == "," and stack:
            if kind == _TABLE:
                key, parts = True, 1
            else:
                depth = stack[-1][1] + 1
    return None


def _where(text: str, pos: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, pos) + 1
    return text.count("\n", 0, pos) + 1, pos - line_start + 1


def _deep(text: str, pos: int, limit: int) -> Refusal:
    line, col = _where(text, pos)
    return Refusal(
        f"the file nests more than {limit} levels deep (tables, dotted keys, arrays and "
        "inline tables all count); it is not read further",
        line,
        col,
    )


def loads(text: str, limits: Limits) -> dict[str, Any]:
    """`tomllib.loads`, after `check_shape`. Raises ShapeError (or tomllib's
    TOMLDecodeError), both ValueErrors."""
    refusal = check_shape(text, limits)
    if refusal is not None:
        raise ShapeError(refusal)
    return tomllib.loads(text)
