"""The position pass: turn diagnostics' key paths into `line:col` spans.

tomllib gives values but no positions, so when (and only when) there is
something to report, the file is parsed a second time with tree-sitter-toml,
and every key path is mapped to the spans of its key, its value and, for
tables, its `[header]`. Paths use ints for array indexes, exactly like the
loader's paths: ("scenes", "intro", "choices", 0, "goto").
"""

from __future__ import annotations

import bisect

import tree_sitter
import tree_sitter_toml

_PARSER: tree_sitter.Parser | None = None
_MAX_ITEMS = 1000


def _parser() -> tree_sitter.Parser:
    global _PARSER
    if _PARSER is None:
        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_toml.language()))
    return _PARSER


class Definition:
    """Where the file defines a key or declares a table, in document order."""

    __slots__ = ("path", "kind", "node", "end", "key_text", "parts", "value")

    def __init__(self, path: tuple, kind: str, node, end, key_text: str, parts, value=None):
        self.path = path  # the full key path, as in the loader
        self.kind = kind  # "key", "table" or "array" ([[...]])
        self.node = node  # the key node, or the header's opening bracket
        self.end = end  # the key node, or the header's closing bracket
        self.key_text = key_text  # the key or header as written
        self.parts = tuple(parts)  # the key as written, split at its dots
        self.value = value  # a key's value node


class _Entry:
    __slots__ = ("key", "value", "header")

    def __init__(self, key=None, value=None, header=None):
        self.key = key  # the key node
        self.value = value  # the value node
        self.header = header  # (start_node, end_node) of a [table] header


class SourceMap:
    """Key path -> nodes, plus conversions between byte points and 1-based
    character columns."""

    def __init__(self, text: str, only=None):
        """Map the whole file, or, with `only` (key paths), just the tables
        that hold those paths: the validator reports a few places in a big
        file, and reading every key of it costs more than the validation."""
        self.text = text
        #: Every prefix of the paths wanted, or None for all of them.
        self._wanted = None if only is None else {p[:i] for p in only for i in range(len(p) + 1)}
        self.data = text.encode("utf-8")
        self.lines = text.split("\n")
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line) + 1
        self.line_starts = starts  # character offsets
        self.entries: dict[tuple, _Entry] = {}
        self._arrays: dict[tuple, int] = {}
        self.definitions: list[Definition] = []
        tree = _parser().parse(self.data)
        self._walk_document(tree.root_node)

    # --- building -------------------------------------------------------------

    def _node_text(self, node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _key_parts(self, node) -> list[str]:
        if node.type == "dotted_key":
            parts = []
            for child in node.children:
                if child.type != ".":
                    parts.extend(self._key_parts(child))
            return parts
        raw = self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        if node.type == "quoted_key":
            raw = raw[1:-1]
            if node.text[:1] == b'"':
                raw = _unescape(raw)
        return [raw]

    def _resolve(self, parts: list[str]) -> tuple:
        """A header's parts -> a path, stepping into the latest element of any
        array of tables on the way (TOML's rule for [a.b] after [[a]])."""
        path: list = []
        for part in parts:
            path.append(part)
            count = self._arrays.get(tuple(path))
            if count:
                path.append(count - 1)
        return tuple(path)

    def _walk_document(self, root) -> None:
        base: tuple = ()
        for node in root.children:
            if node.type == "pair":
                self._pair(node, base)
            elif node.type in ("table", "table_array_element"):
                # `[`, the key, `]`: read by position, without listing the
                # table's pairs (a big file has thousands of tables).
                key, close = node.child(1), node.child(2)
                if key is None or key.type not in ("bare_key", "dotted_key", "quoted_key"):
                    continue
                if close is None or close.type not in ("]", "]]"):
                    close = key
                opening = node.child(0)
                raw = self.data[key.start_byte : key.end_byte]
                if b'"' in raw or b"'" in raw or b" " in raw:
                    parts = self._key_parts(key)
                else:
                    parts = raw.decode("utf-8", "replace").split(".")
                if node.type == "table_array_element":
                    prefix = self._resolve(parts[:-1]) + (parts[-1],)
                    count = self._arrays.get(prefix, 0) + 1
                    self._arrays[prefix] = count
                    base = prefix + (count - 1,)
                else:
                    base = self._resolve(parts)
                wanted = self._wanted
                if wanted is not None and base not in wanted:
                    # Nothing is reported in this table: note only the
                    # ancestors a reported path may fall back to.
                    for i in range(1, len(base)):
                        if base[:i] in wanted and base[:i] not in self.entries:
                            self.entries[base[:i]] = _Entry(key, None, (opening, close))
                    continue
                if node.type == "table_array_element":
                    self.entries.setdefault(prefix, _Entry(key, None, (opening, close)))
                self.definitions.append(
                    Definition(
                        base if node.type == "table" else base[:-1],
                        "table" if node.type == "table" else "array",
                        opening,
                        close,
                        self._node_text(key),
                        parts,
                    )
                )
                self._implicit(base, key, (opening, close))
                entry = self.entries.setdefault(base, _Entry())
                entry.key, entry.header = key, (opening, close)
                for child in node.children:
                    if child.type == "pair":
                        self._pair(child, base)

    def _implicit(self, path: tuple, key, header) -> None:
        entries = self.entries
        for i in range(1, len(path)):
            if path[:i] not in entries:
                entries[path[:i]] = _Entry(key, None, header)

    def _pair(self, node, base: tuple) -> None:
        key = node.children[0] if node.children else None
        value = node.children[-1] if len(node.children) >= 3 else None
        if key is None:
            return
        parts = self._key_parts(key)
        path = base + tuple(parts)
        self._implicit(path, key, None)
        if self._wanted is not None and path not in self._wanted:
            return  # nothing at or under this key is reported
        self.entries[path] = _Entry(key, value)
        self.definitions.append(
            Definition(path, "key", key, key, self._node_text(key), parts, value)
        )
        if value is not None:
            self._value(value, path)

    def _value(self, node, path: tuple) -> None:
        if node.type == "inline_table":
            for child in node.children:
                if child.type == "pair":
                    self._pair(child, path)
        elif node.type == "array":
            # Items past _MAX_ITEMS are never named by a diagnostic (no list
            # in the format is that long): a huge array is not walked.
            i = 0
            cursor = node.walk()
            more = cursor.goto_first_child()
            while more and i < _MAX_ITEMS:
                child = cursor.node
                if child.type not in ("[", "]", ",", "comment"):
                    self.entries[path + (i,)] = _Entry(child, child)
                    self._value(child, path + (i,))
                    i += 1
                more = cursor.goto_next_sibling()

    # --- reading ----------------------------------------------------------------

    def point(self, row: int, byte_col: int) -> tuple[int, int]:
        """A tree-sitter point -> (1-based line, 1-based character column)."""
        if row >= len(self.lines):
            return len(self.lines), len(self.lines[-1]) + 1
        line = self.lines[row]
        if line.isascii():
            return row + 1, min(byte_col, len(line)) + 1
        col = len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
        return row + 1, col + 1

    def offset_to_point(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.line_starts, offset) - 1
        return row + 1, offset - self.line_starts[row] + 1

    def char_offset(self, node) -> int:
        line, col = self.point(*node.start_point)
        return self.line_starts[line - 1] + col - 1

    def find(self, path: tuple) -> tuple[_Entry | None, bool]:
        """The entry for `path`, or for its nearest known ancestor (exact=False)."""
        p = tuple(path)
        exact = True
        while p:
            entry = self.entries.get(p)
            if entry is not None:
                return entry, exact
            p = p[:-1]
            exact = False
        return None, False

    def span(self, path: tuple, target: str, sub: tuple[int, int] | None):
        """((line, col), (end_line, end_col)) for a diagnostic, 1-based, end exclusive."""
        entry, exact = self.find(path)
        if entry is None:
            first = next(
                (
                    i
                    for i, line in enumerate(self.lines)
                    if line.strip() and not line.startswith("#")
                ),
                0,
            )
            return (first + 1, 1), (
                first + 1,
                max(2, len(self.lines[first]) + 1) if self.lines else 2,
            )
        if target == "table" and entry.header is not None:
            start, end = entry.header
            return self.point(*start.start_point), self.point(*end.end_point)
        node = (
            entry.value if (target == "value" and exact and entry.value is not None) else entry.key
        )
        if node is None:
            node = entry.value
        if node is None and entry.header is not None:
            start, end = entry.header
            return self.point(*start.start_point), self.point(*end.end_point)
        if sub is not None and exact and node is entry.value and node.type == "string":
            located = self._sub_span(node, sub)
            if located is not None:
                return located
        return self.point(*node.start_point), self.point(*node.end_point)

    def _sub_span(self, node, sub: tuple[int, int]):
        raw = self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        for delim in ('"""', "'''", '"', "'"):
            if raw.startswith(delim) and raw.endswith(delim) and len(raw) >= 2 * len(delim):
                break
        else:
            return None
        content = raw[len(delim) : len(raw) - len(delim)]
        skip = len(delim)
        if len(delim) == 3 and content.startswith(("\r\n", "\n")):  # TOML trims the first newline
            cut = 2 if content.startswith("\r\n") else 1
            content, skip = content[cut:], skip + cut
        mapping = _offsets(content, literal=delim[0] == "'")
        offset, length = sub
        if offset >= len(mapping):
            return None
        end_index = min(offset + length, len(mapping) - 1)
        base = self.char_offset(node) + skip
        start = self.offset_to_point(base + mapping[offset])
        end = self.offset_to_point(base + mapping[end_index])
        if end[0] != start[0]:  # keep carets on one line
            end = (start[0], len(self.lines[start[0] - 1]) + 1)
        return start, end


_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}


def _unescape(raw: str) -> str:
    out, i = [], 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw):
            ch = raw[i + 1]
            if ch in "uU":
                n = 4 if ch == "u" else 8
                try:
                    out.append(chr(int(raw[i + 2 : i + 2 + n], 16)))
                except ValueError:
                    out.append("?")
                i += 2 + n
                continue
            out.append(_ESCAPES.get(ch, ch))
            i += 2
            continue
        out.append(raw[i])
        i += 1
    return "".join(out)


def _offsets(content: str, literal: bool) -> list[int]:
    """For each character of the decoded string, its offset in `content`;
    plus one final entry for the end."""
    if literal:
        return list(range(len(content) + 1))
    out: list[int] = []
    i, n = 0, len(content)
    while i < n:
        ch = content[i]
        if ch == "\\" and i + 1 < n:
            nxt = content[i + 1]
            if nxt in "uU":
                out.append(i)
                i += 2 + (4 if nxt == "u" else 8)
                continue
            if nxt in " \t\r\n":  # line-ending backslash: trims whitespace
                j = i + 1
                while j < n and content[j] in " \t\r\n":
                    j += 1
                i = j
                continue
            out.append(i)
            i += 2
            continue
        if ch == "\r" and i + 1 < n and content[i + 1] == "\n":
            i += 1  # tomllib reads CRLF as LF
            continue
        out.append(i)
        i += 1
    out.append(n)
    return out


def place(diags, text: str, file: str) -> None:
    """Fill in file, line, col, end and source line for each diagnostic."""
    from trustquest.engine.diagnostics import clip, quote_line
    from trustquest.engine.text import strip_controls

    smap = None
    lines = text.split("\n")
    for d in diags:
        d.file = file
        # Messages quote keys and values from the file: never let them drive
        # the terminal, nor fill it.
        d.message = clip(strip_controls(d.message).replace("\n", " "))
        d.hint = clip(strip_controls(d.hint).replace("\n", " ")) if d.hint else d.hint
        if not d.line:
            if smap is None:
                smap = SourceMap(text, only=[x.path for x in diags if not x.line])
            (d.line, d.col), (d.end_line, d.end_col) = smap.span(d.path, d.target, d.sub)
        if not d.end_line:
            d.end_line, d.end_col = d.line, d.col + 1
        if 1 <= d.line <= len(lines):
            end = d.end_col if d.end_line == d.line else d.col + 1
            quoted, at = quote_line(lines[d.line - 1].rstrip("\r"), d.col, end)
            # Cleaned in two parts, so that the caret stays under its character.
            before = strip_controls(quoted[: at - 1]).replace("\t", " ")
            d.source_line = before + strip_controls(quoted[at - 1 :]).replace("\t", " ")
            d.source_col = len(before) + 1
        d.line = max(1, d.line)
        d.col = max(1, d.col)
