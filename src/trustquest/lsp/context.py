"""Where the cursor is, read from the text around it: which table, which key,
inside a string or not. Completion runs while the author is in the middle of
typing, when the document is rarely valid TOML, so this reads the lines
themselves (from the table's header down to the cursor) rather than a parse.
"""

from __future__ import annotations

import re

import attrs

_HEADER = re.compile(r"^\s*\[(\[?)\s*([^\]#]*?)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)\s*=\s*"""
)
_PARTIAL_KEY = re.compile(r"^\s*([A-Za-z0-9_]*)$")
_PARTIAL_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]*)$")
_IDENT = re.compile(r"[A-Za-z0-9_]*$")

#: What the cursor is in.
KEY = "key"  # where a key can be typed (a table's body, or inside { })
VALUE = "value"  # after `key = `, outside any string
STRING = "string"  # inside a string value
HEADER = "header"  # inside [ ... ] at the start of a line


@attrs.frozen
class Context:
    kind: str
    path: tuple  # the table path (KEY, HEADER) or the key's full path (VALUE, STRING)
    prefix: str  # the text of the string (STRING) or of the header typed so far
    word: str  # the identifier just before the cursor
    array: bool = False  # HEADER: `[[`; STRING, VALUE: inside a [ ] list
    present: tuple = ()  # KEY: keys the table already has
    scene: str | None = None  # HEADER: the scene written last above the cursor


def split_key(text: str) -> tuple:
    parts, i = [], 0
    for m in re.finditer(r"""\s*("([^"]*)"|'([^']*)'|[A-Za-z0-9_-]+)\s*(\.|$)""", text):
        parts.append(m.group(2) if m.group(2) is not None else m.group(3) or m.group(1))
        i = m.end()
    return tuple(p for p in parts if p is not None) if i else ()


def at(lines: list[str], row: int, col: int) -> Context | None:
    """The context at (row, character column), or None where nothing completes
    (a comment, or after a finished value)."""
    line = lines[row][:col] if row < len(lines) else ""
    word = _IDENT.search(line).group(0)
    top = row
    while top >= 0 and not _HEADER.match(lines[top] if top != row else ""):
        top -= 1
    table: tuple = ()
    if top >= 0:
        table = split_key(_HEADER.match(lines[top]).group(2))
    open_key, delim, present = _scan_block(lines, top + 1, row)
    if delim is not None:
        if delim in line:
            return None  # after the closing delimiter
        return Context(STRING, table + open_key, line, word)
    if m := _PARTIAL_HEADER.match(line):
        scene = _scene_above(lines, top)
        return Context(HEADER, table, m.group(2), word, array=m.group(1) == "[[", scene=scene)
    if _PARTIAL_KEY.match(line):
        return Context(KEY, table, "", word, present=present)
    if m := _KEY_LINE.match(line):
        return _in_value(table + split_key(m.group(1)), line[m.end() :], word, present)
    return None


def _scene_above(lines: list[str], row: int) -> str | None:
    for i in range(row, -1, -1):
        m = _HEADER.match(lines[i])
        if m:
            path = split_key(m.group(2))
            if len(path) >= 2 and path[0] == "scenes":
                return path[1]
    return None


def _scan_block(lines: list[str], start: int, row: int):
    """Read a table's lines: the keys it has (above and below the cursor), and
    whether the cursor sits inside a multi-line string (and which key opened it)."""
    present, open_key, delim = [], (), None
    for i in range(start, row):
        key, delim, opened = _read_line(lines[i], delim)
        if key is not None:
            present.append(key[0] if key else "")
            if opened:
                open_key = key
    below = None
    for i in range(row + 1, len(lines)):
        if below is None and _HEADER.match(lines[i]):
            break
        key, below, _ = _read_line(lines[i], below)
        if key is not None:
            present.append(key[0] if key else "")
    return open_key, delim, tuple(present)


def _read_line(text: str, delim: str | None):
    """One line of a table: (its key or None, the open multi-line delimiter
    after it, whether this line opened one)."""
    if delim is not None:
        return None, (None if delim in text else delim), False
    m = _KEY_LINE.match(text)
    if not m:
        return None, None, False
    key = split_key(m.group(1))
    rest = text[m.end() :].lstrip()
    for d in ('"""', "'''"):
        if rest.startswith(d) and rest.count(d) % 2 == 1:
            return key, d, True
    return key, None, False


def _in_value(path: tuple, rest: str, word: str, present: tuple) -> Context | None:
    """After `key = `: walk the value up to the cursor, through inline tables
    and arrays, to the innermost place the cursor is in."""
    stack: list[list] = []  # [kind, key path, pending key]; kind "table" or "array"
    quote: str | None = None
    string_start = 0
    pending = ""  # a key being written inside { }
    i = 0
    if rest.lstrip().startswith(('"""', "'''")):
        d = rest.lstrip()[:3]
        if rest.count(d) == 1:
            return Context(STRING, path, rest.split(d, 1)[1], word)
        return None
    while i < len(rest):
        ch = rest[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote, string_start = ch, i + 1
        elif ch == "#":
            return None
        elif ch == "{":
            stack.append(["table", _current(path, stack), ""])
            pending = ""
        elif ch == "[":
            stack.append(["array", _current(path, stack), ""])
        elif ch in "}]":
            if stack:
                stack.pop()
        elif ch == "=" and stack and stack[-1][0] == "table":
            stack[-1][2] = pending.strip()
            pending = ""
        elif ch == "," and stack and stack[-1][0] == "table":
            stack[-1][2] = ""
            pending = ""
        elif stack and stack[-1][0] == "table" and not stack[-1][2]:
            pending += ch
        i += 1
    here = _current(path, stack)
    in_array = bool(stack) and stack[-1][0] == "array"
    if quote:
        return Context(STRING, here, rest[string_start:], word, array=in_array)
    if stack and stack[-1][0] == "table" and not stack[-1][2]:
        inner = stack[-1][1]
        return Context(KEY, inner, "", word)
    if not stack and rest.strip() and not rest.strip().isidentifier():
        return None  # a finished value
    return Context(VALUE, here, "", word, array=in_array)


def _current(path: tuple, stack: list) -> tuple:
    """The key path the innermost container's next value belongs to."""
    if not stack:
        return path
    kind, base, pending = stack[-1]
    if kind == "table":
        return base + split_key(pending) if pending else base
    return base
