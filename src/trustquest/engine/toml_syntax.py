"""TOML syntax errors, explained.

tomllib stops at the first syntax error with a terse message and a position
that is sometimes far from the mistake (an unclosed string is reported at
the end of the file). These functions turn its message into a diagnostic
that points at the cause: where the string opened, which key or table is
defined twice and where it was first, a quote inside a string.
"""

from __future__ import annotations

import re
import tomllib

from trustquest.engine.diagnostics import Diagnostic, describe_path

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")
# A key as tomllib prints it in messages: a tuple of strings, ('scenes', 'garage').
_KEY_TUPLE = re.compile(
    r"\((?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")(?:, (?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"))*,?\)"
)
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_NEWLINE_IN_STRING = (
    "Illegal character '\\n'",
    "Illegal character '\\r'",
    "Found invalid character '\\n'",
    "Found invalid character '\\r'",
)


def syntax_diagnostic(exc: tomllib.TOMLDecodeError, text: str) -> Diagnostic:
    message = str(exc)
    m = _TOML_POS.search(message)
    line = col = 0
    if m and m.group(1):
        line, col = int(m.group(1)), int(m.group(2))
    elif m:
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
    at_end = m is not None and not m.group(1)
    clean = _TOML_POS.sub("", message).strip().rstrip(".")
    clean = _KEY_TUPLE.sub(lambda k: _toml_key(_literal_key(k.group(0))), clean)
    d = Diagnostic("TQ001", f"TOML syntax: {clean[:1].lower() + clean[1:]}", (), "value")
    d.line, d.col = line, col
    if "Duplicate" in clean or "overwrite" in clean.lower() or "Cannot declare" in clean:
        d.hint = "each key and table may appear only once"
        _explain_repeat(d, text)
    elif "Invalid value" in clean:
        d.hint = 'strings need quotes: key = "text"'
    elif clean == "Unterminated string" or (clean.startswith("Expected \"'") and at_end):
        _explain_unclosed(d, text)
    elif _explain_swallowed(d, text):
        pass
    elif clean in _NEWLINE_IN_STRING:
        _explain_unclosed(d, text, line)
    elif clean.startswith("Expected newline or end of document after a statement"):
        _explain_inner_quote(d, text)
    return d


def _literal_key(text: str) -> tuple:
    import ast

    try:
        return tuple(ast.literal_eval(text))
    except (ValueError, SyntaxError):
        return (text,)


def _toml_key(parts) -> str:
    """A key path as it would be written in the file: scenes.garage, a."b c"."""
    return ".".join(
        p if _BARE_KEY.match(p) else '"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for p in map(str, parts)
    )


def point(text: str, offset: int) -> tuple[int, int]:
    """A character offset -> (1-based line, 1-based column)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _strings(text: str):
    """(start, end, delimiter) of every string in `text`, in order; `end` is
    None for the first string that is never closed (a one-line string counts
    as unclosed when its line ends first), which is also the last one given.

    Reads the file the way tomllib does as far as strings and comments go, so
    it agrees with tomllib on every string before the one that broke it."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith('"""', i) or text.startswith("'''", i):
            delim = text[i : i + 3]
            j = i + 3
            while True:
                if j >= n:
                    yield i, None, delim
                    return
                if delim == '"""' and text[j] == "\\":
                    j += 2
                elif text.startswith(delim, j):
                    j += 3
                    # up to two more quotes belong to the string: """a""""
                    for _ in range(2):
                        if text.startswith(delim[0], j):
                            j += 1
                    break
                else:
                    j += 1
            yield i, j, delim
            i = j
        elif ch in "\"'":
            j = i + 1
            while j < n and text[j] not in (ch, "\n", "\r"):
                j += 2 if ch == '"' and text[j] == "\\" else 1
            if j >= n or text[j] != ch:
                yield i, None, ch
                return
            yield i, j + 1, ch
            i = j + 1
        else:
            i += 1


def _unclosed_string(text: str) -> tuple[int, str] | None:
    """(offset, delimiter) of the first string in `text` that is never closed."""
    for start, end, delim in _strings(text):
        if end is None:
            return start, delim
    return None


# Lines that read like TOML rather than prose: a [table] header, or `key = value`.
_HEADER = re.compile(r"^[ \t]*\[\[?[A-Za-z0-9_.\-\"' ]+\]\]?[ \t]*(#.*)?$", re.M)
_ASSIGNMENT = re.compile(r"^[ \t]*[A-Za-z0-9_\-]+[ \t]*=[ \t]*\S", re.M)


def _swallowed(text: str, offset: int) -> tuple[int, str, int] | None:
    """A multi-line string, closed before `offset`, whose text holds lines of
    TOML: most likely it was never closed, and ran on to the next string's
    opening quotes. Returns (its start, delimiter, where it ended)."""
    last = None
    for start, end, delim in _strings(text):
        if end is None or end > offset:
            break
        if len(delim) == 3:
            last = (start, delim, end)
    if last is None:
        return None
    start, delim, end = last
    body = text[start + 3 : end - 3]
    # One `x = y` line can be prose; a table header or two assignments are not.
    looks_like_toml = _HEADER.search(body) or len(_ASSIGNMENT.findall(body)) >= 2
    return last if looks_like_toml else None


def _explain_unclosed(d: Diagnostic, text: str, on_line: int | None = None) -> None:
    """Point at the string that is never closed, or hint how to close it."""
    found = _unclosed_string(text)
    if found is None:
        return
    offset, delim = found
    line, col = point(text, offset)
    several = '"""' if delim != "'" else "'''"
    if on_line is not None:  # a one-line string reached the end of its line
        if len(delim) != 1 or line != on_line:
            return
        d.message = "TOML syntax: the string is not closed before the end of the line"
        d.hint = (
            f"a {delim}...{delim} string must be closed on the same line; "
            f"use {several} for text over several lines"
        )
        return
    d.message = "TOML syntax: unterminated string"
    d.line, d.col = line, col
    d.end_line, d.end_col = line, col + len(delim)
    d.hint = f"this string is never closed: add the closing {delim}"
    if len(delim) == 1:
        d.hint += f" on the same line, or use {several} for text over several lines"


def _explain_swallowed(d: Diagnostic, text: str) -> bool:
    """An unclosed \"\"\" string runs on to the next one's opening quotes, and
    the error only shows where that one's text is read as TOML: point at
    where the runaway string opened instead."""
    lines = text.split("\n")
    if not 1 <= d.line <= len(lines):
        return False
    offset = sum(len(x) + 1 for x in lines[: d.line - 1]) + max(d.col - 1, 0)
    found = _swallowed(text, offset)
    if found is None:
        return False
    start, delim, end = found
    line, col = point(text, start)
    closed_at = point(text, end - 3)[0]
    d.message = "TOML syntax: this string is never closed"
    d.line, d.col = line, col
    d.end_line, d.end_col = line, col + len(delim)
    d.hint = (
        f"add the closing {delim}: as it is, the string runs on to the {delim} on line "
        f"{closed_at} and takes in the keys and tables between"
    )
    return True


def _explain_inner_quote(d: Diagnostic, text: str) -> None:
    """`text = "She says "Tuesday"."`: a quote inside a string ended it early."""
    lines = text.split("\n")
    if not 1 <= d.line <= len(lines):
        return
    source = lines[d.line - 1]
    before, rest = source[: d.col - 1].rstrip(), source[d.col - 1 :]
    if "=" not in before or not before.endswith(('"', "'")):
        return
    quote = before[-1]
    if quote not in rest:
        return
    if quote == '"':
        d.hint = (
            'a " inside a "..." string ends it: write \\" for each quote inside, '
            "or use a '...' or '''...''' string"
        )
    else:
        d.hint = "a ' inside a '...' string ends it: use a \"...\" or '''...''' string"


def _explain_repeat(d: Diagnostic, text: str) -> None:
    """Name the key or table defined twice, point at the second definition
    and say on which line the first one is."""
    from trustquest.engine.positions import SourceMap

    try:
        smap = SourceMap(text)
    except Exception:  # the position pass is a nicety here, never a new failure
        return
    # tomllib stops on the line of the second definition (a key's value may
    # run over several lines): look there for a definition that clashes.
    first = second = None
    defs = smap.definitions
    for i, definition in enumerate(defs):
        end = definition.value if definition.value is not None else definition.end
        if not definition.node.start_point[0] + 1 <= d.line <= end.end_point[0] + 1:
            continue
        first = next((e for e in defs[:i] if _clash(e, definition)), None)
        if first is not None:
            second = definition
            break
    if second is None:
        return
    (d.line, d.col), (d.end_line, d.end_col) = (
        smap.point(*second.node.start_point),
        smap.point(*second.end.end_point),
    )
    first_line = smap.point(*first.node.start_point)[0]
    if second.kind == "key":
        parent = second.path[: len(second.path) - len(second.parts)]
        where = f" in {describe_path(parent)}" if parent else ""
        if first.kind == "key" and first.path == second.path:
            d.message = f"TOML syntax: key '{second.key_text}' is set twice{where} (first on line {first_line})"
            d.hint = "each key may appear only once in a table: keep one of them"
        else:
            d.message = (
                f"TOML syntax: key '{second.key_text}'{where} clashes with "
                f"{_describe(first)} on line {first_line}"
            )
            d.hint = "a key cannot hold both a value and a table of keys"
    elif first.kind == "table" and first.path == second.path:
        d.message = (
            f"TOML syntax: table [{second.key_text}] is declared twice (first on line {first_line})"
        )
        d.hint = f"each table may be declared only once: move these keys under the first [{second.key_text}]"
    else:
        d.message = (
            f"TOML syntax: table [{second.key_text}] clashes with "
            f"{_describe(first)} on line {first_line}"
        )
        d.hint = "a key cannot hold both a value and a table of keys"


def _describe(definition) -> str:
    if definition.kind == "key":
        return f"key '{definition.key_text}'"
    if definition.kind == "array":
        return f"[[{definition.key_text}]]"
    return f"[{definition.key_text}]"


def _clash(first, second) -> bool:
    """Whether `second` defines again what `first` already defined."""
    if first.kind == "key" and first.value is not None:
        inside = first.value.start_byte <= second.node.start_byte < first.value.end_byte
        if inside:  # a key of first's inline table
            return False
    a, b = first.path, second.path
    if second.kind == "key":
        if first.kind == "key":
            return a == b or a == b[: len(a)] or b == a[: len(b)]
        return a == b
    if first.kind == "key":  # x = 5, then [x] or [x.y]; or [a] b.c = 1, then [a.b]
        return a == b[: len(a)] or (second.kind == "table" and b == a[: len(b)])
    if first.kind == "array":  # [[a]], then [a]
        return second.kind == "table" and b[:-1] == a and isinstance(b[-1], int)
    return first.kind == second.kind == "table" and a == b
