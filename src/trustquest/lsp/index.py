"""An index of one scenario document: where each scene, ending and meter is
declared, and every place that names one (gotos, conditions, effects, flags).

It is built from tree-sitter's parse of the text, which tolerates broken
TOML, so navigation keeps working while a file is being typed. Places are
`Span`s in tree-sitter's terms (0-based rows and UTF-8 byte columns);
`documents.Lines` turns them into editor positions.
"""

from __future__ import annotations

import re
import tomllib
from typing import NamedTuple

import attrs
import tree_sitter
import tree_sitter_toml

from trustquest.engine import format as fmt
from trustquest.engine import toml_guard
from trustquest.lsp import keys

_LANGUAGE = tree_sitter.Language(tree_sitter_toml.language())

#: The kinds of name an index knows: a scene or ending id ("node"), a flag, a meter.
NODE, FLAG, METER = "node", "flag", "meter"

#: What a mention does with its name.
DECLARE = "declare"  # [scenes.x], [endings.x], [meters.x]: the first header
HEADER = "header"  # a later header or dotted key inside a declared table
GOTO, START, VISITED = "goto", "start", "visited"
SET, CLEAR, READ = "set", "clear", "read"
EFFECT, FOCUS, START_VALUE = "effect", "focus", "start_value"

_REF = re.compile(
    rb"(?<![A-Za-z0-9_.])(their|your|flags|visited)[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)"
)
_NAMESPACE_KIND = {b"their": METER, b"your": METER, b"flags": FLAG, b"visited": NODE}


class Span(NamedTuple):
    row: int
    col: int  # UTF-8 byte column, as tree-sitter counts
    end_row: int
    end_col: int

    def contains(self, row: int, col: int) -> bool:
        return (self.row, self.col) <= (row, col) <= (self.end_row, self.end_col)


@attrs.frozen
class Mention:
    """One place that names a scene/ending, flag or meter."""

    kind: str  # NODE, FLAG or METER
    name: str
    span: Span  # the name itself, without quotes
    role: str  # DECLARE, HEADER, GOTO, ...
    path: tuple  # the key path it sits in


@attrs.define
class Part:
    """One table of a scene's arrays of tables: a choice, a variant, an event..."""

    kind: str  # the array's key: "choices", "variants", "events"...
    span: Span  # its [[scenes.ID.kind]] header and body, or its inline table
    text: str = ""
    goto: str = ""
    condition: str = ""  # its `if`


_PART_FIELDS = {"text": "text", "goto": "goto", "if": "condition"}


@attrs.define
class Entry:
    """A scene, ending or meter: where it is declared and what it says."""

    kind: str  # "scene", "ending" or "meter"
    id: str
    name_span: Span  # the id in its first header or key
    extent: Span  # from that header to the end of its last table
    fields: dict = attrs.field(factory=dict)  # its own short string values, decoded
    parts: list[Part] = attrs.field(factory=list)

    @property
    def choices(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "choices"]


@attrs.define
class Value:
    """A key's value as written: used for hover and completion context."""

    path: tuple
    key_span: Span
    span: Span
    spec: fmt.Spec | None
    kind: str  # tree-sitter node type: string, integer, array, inline_table...
    raw: bytes


@attrs.define
class Index:
    scenes: dict[str, Entry] = attrs.field(factory=dict)
    endings: dict[str, Entry] = attrs.field(factory=dict)
    meters: dict[str, Entry] = attrs.field(factory=dict)
    mentions: list[Mention] = attrs.field(factory=list)
    tree: object = None  # tree-sitter's parse, for `value_at`
    #: Every [table] / [[array]] header: (path, span), in document order.
    headers: list[tuple[tuple, Span]] = attrs.field(factory=list)

    def node(self, node_id: str) -> Entry | None:
        return self.scenes.get(node_id) or self.endings.get(node_id)

    def mention_at(self, row: int, col: int) -> Mention | None:
        for m in self.mentions:
            if m.span.contains(row, col):
                return m
        return None

    def value_at(self, row: int, col: int) -> Value | None:
        """The innermost `key = value` at a point: found in the parse tree on
        demand rather than recorded for every pair while indexing."""
        if self.tree is None:
            return None
        node = self.tree.root_node.descendant_for_point_range((row, col), (row, col))
        while node is not None and node.type != "pair":
            node = node.parent
        if node is None or len(node.children) < 3:
            return None
        key, value = node.children[0], node.children[-1]
        path = _path_of(node)
        spec = keys.spec_at(path)
        return Value(path, _span(key), _span(value), spec, value.type, value.text or b"")

    def mentions_of(self, kind: str, name: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind and m.name == name]

    def names(self, kind: str) -> list[str]:
        """Names of this kind in first-mention order, without repeats."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.kind == kind:
                seen.setdefault(m.name, None)
        return list(seen)

    def flags_set(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.kind == FLAG and m.role in (SET, CLEAR):
                seen.setdefault(m.name, None)
        return list(seen)


def decode_string(raw: bytes) -> str | None:
    """A TOML string literal as written -> its value (None if it is not one)."""
    text = raw.decode("utf-8", "replace")
    simple = "\\" not in text and "\n" not in text and len(text) >= 2 and text[0] in "\"'"
    if simple and text[0] == text[-1] and not text.startswith(('"""', "'''")):
        return text[1:-1]
    try:
        value = tomllib.loads("v = " + text).get("v")
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def _span(node) -> Span:
    return Span(node.start_point[0], node.start_point[1], node.end_point[0], node.end_point[1])


def _content_span(node) -> Span:
    """A string node without its quotes (on one line; the whole node otherwise)."""
    raw = node.text or b""
    quote = 3 if raw[:3] in (b'"""', b"'''") else 1
    if node.start_point[0] == node.end_point[0] and len(raw) >= 2 * quote:
        return Span(
            node.start_point[0],
            node.start_point[1] + quote,
            node.end_point[0],
            node.end_point[1] - quote,
        )
    return _span(node)


def _offset_point(node, offset: int) -> tuple[int, int]:
    """The point `offset` bytes into a node's text."""
    raw = node.text or b""
    before = raw[:offset]
    newlines = before.count(b"\n")
    if not newlines:
        return node.start_point[0], node.start_point[1] + offset
    return node.start_point[0] + newlines, offset - before.rfind(b"\n") - 1


class _Builder:
    def __init__(self, data: bytes):
        self.data = data
        self.index = Index()
        self.open: Entry | None = None  # the entry the current header belongs to
        self.part: Part | None = None  # the scene's [[...]] table being read

    # --- keys ------------------------------------------------------------------

    def key_parts(self, node) -> list[tuple[str, object]]:
        if node.type == "dotted_key":
            parts = []
            for c in node.children:
                if c.type != ".":
                    parts.extend(self.key_parts(c))
            return parts
        raw = node.text or b""
        if node.type == "quoted_key":
            text = decode_string(raw)
            return [(text if text is not None else raw[1:-1].decode("utf-8", "replace"), node)]
        return [(raw.decode("utf-8", "replace"), node)]

    def declared(self, path: tuple, nodes: list, first: int, header_node) -> None:
        """Mentions for ids inside a key path ([scenes.x.choices] names x)."""
        kinds = {"scenes": ("scene", NODE), "endings": ("ending", NODE), "meters": ("meter", METER)}
        if len(path) < 2 or path[0] not in kinds or first > 1:
            return
        what, kind = kinds[path[0]]
        name, node = path[1], nodes[1 - first]
        table = {"scene": self.index.scenes, "ending": self.index.endings}.get(what)
        table = self.index.meters if table is None else table
        span = _content_span(node) if node.type == "quoted_key" else _span(node)
        entry = table.get(name)
        role = HEADER
        if entry is None:
            role = DECLARE
            start = header_node if header_node is not None else node
            entry = Entry(what, name, span, _span(start))
            table[name] = entry
        self.index.mentions.append(Mention(kind, name, span, role, path[:2]))
        self.open = entry if header_node is not None else self.open

    # --- walking -----------------------------------------------------------------

    def document(self, root) -> None:
        base: tuple = ()
        for node in root.children:
            if node.type == "pair":
                self.pair(node, base, keys.spec_at(base))
            elif node.type in ("table", "table_array_element"):
                base = self.header(node)
                spec = keys.spec_at(base)
                for c in node.children:
                    if c.type == "pair":
                        self.pair(c, base, spec)
                self.extend(node)
            elif node.type == "ERROR":
                self.extend(node)

    def extend(self, node) -> None:
        if self.open is not None:
            e = self.open.extent
            self.open.extent = Span(e.row, e.col, node.end_point[0], node.end_point[1])

    def header(self, node) -> tuple:
        key = next(
            (c for c in node.children if c.type in ("bare_key", "dotted_key", "quoted_key")), None
        )
        self.open = None
        self.part = None
        if key is None:
            return ()
        parts = self.key_parts(key)
        path = tuple(p for p, _ in parts)
        self.index.headers.append((path, _span(node.children[0]) if node.children else _span(key)))
        self.declared(path, [n for _, n in parts], 0, node)
        if node.type == "table_array_element" and len(path) == 3 and path[0] == "scenes":
            self.part = Part(path[2], _span(node))
            self.index.scenes[path[1]].parts.append(self.part)
        return path

    def pair(self, node, base: tuple, base_spec, part: Part | None = None) -> None:
        if len(node.children) < 1:
            return
        key = node.children[0]
        value = node.children[-1] if len(node.children) >= 3 else None
        parts = self.key_parts(key)
        names = tuple(p for p, _ in parts)
        path = base + names
        spec = base_spec
        for name in names:
            spec = keys.child(spec, name)
        self.declared(path, [n for _, n in parts], len(base), None)
        last = names[-1] if names else ""
        if keys.is_meter_map(base_spec) and len(names) == 1:
            role = START_VALUE if base[:1] == ("start",) else EFFECT
            self.index.mentions.append(Mention(METER, last, _span(parts[0][1]), role, path))
        if value is None:
            return
        kind = value.type
        if kind == "string":
            self.fields(path, value, part)
            self.string(value, path, spec, last)
        elif kind == "array":
            self.array(value, path, spec, last)
        elif kind == "inline_table":
            for c in value.children:
                if c.type == "pair":
                    self.pair(c, path, spec)

    def fields(self, path: tuple, value, part: Part | None) -> None:
        """Remember short values for outlines and hover: a scene's time and
        text, an ending's title and tone, a meter's label, a choice's text."""
        if len(path) not in (3, 4, 5):
            return
        path = tuple(p for p in path if not isinstance(p, int))
        target = part or self.part
        if target is not None and len(path) == 4 and path[2] == target.kind:
            if path[3] in _PART_FIELDS:
                setattr(target, _PART_FIELDS[path[3]], decode_string(value.text or b"") or "")
            return
        if len(path) == 3 and path[0] in ("scenes", "endings", "meters"):
            table = {"scenes": self.index.scenes, "endings": self.index.endings}.get(
                path[0], self.index.meters
            )
            entry = table.get(path[1])
            if entry is not None and path[2] not in entry.fields:
                raw = value.text or b""
                entry.fields[path[2]] = (decode_string(raw[:2000]) or "") if raw else ""

    def string(self, node, path: tuple, spec, key) -> None:
        if key == keys.GOTO_KEY or path == ("scenario", "start"):
            name = decode_string(node.text or b"")
            if name:
                role = GOTO if key == keys.GOTO_KEY else START
                self.index.mentions.append(Mention(NODE, name, _content_span(node), role, path))
        elif keys.is_condition(spec, key):
            raw = node.text or b""
            for m in _REF.finditer(raw):
                kind = _NAMESPACE_KIND[m.group(1)]
                row, col = _offset_point(node, m.start(2))
                span = Span(row, col, row, col + len(m.group(2)))
                role = {NODE: VISITED, FLAG: READ, METER: READ}[kind]
                self.index.mentions.append(
                    Mention(kind, m.group(2).decode("ascii"), span, role, path)
                )

    def array(self, node, path: tuple, spec, key) -> None:
        flags = keys.is_flag_list(spec, key)
        meters = keys.is_meter_list(path)
        items = [c for c in node.children if c.type not in ("[", "]", ",", "comment")]
        for i, item in enumerate(items):
            if item.type == "string" and (flags or meters):
                name = decode_string(item.text or b"")
                if not name:
                    continue
                kind = FLAG if flags else METER
                role = (CLEAR if key == "clears" else SET) if flags else FOCUS
                self.index.mentions.append(
                    Mention(kind, name, _content_span(item), role, path + (i,))
                )
            elif item.type == "inline_table":
                part = None
                if len(path) == 3 and path[0] == "scenes" and path[1] in self.index.scenes:
                    part = Part(path[2], _span(item))
                    self.index.scenes[path[1]].parts.append(part)
                item_spec = keys.child(spec, i)
                for c in item.children:
                    if c.type == "pair":
                        self.pair(c, path + (i,), item_spec, part)


def build(text: str) -> Index:
    """The index of a document. Never raises on any text: a document too large
    for the format gets an empty index."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > fmt.MAX_FILE_BYTES:
        return Index()
    if toml_guard.check_shape(text, toml_guard.SCENARIO) is not None:
        return Index()  # nested too deeply to walk: the diagnostics say so (TQ004)
    tree = tree_sitter.Parser(_LANGUAGE).parse(data)
    builder = _Builder(data)
    builder.document(tree.root_node)
    builder.index.tree = tree
    return builder.index


def _key_texts(node) -> tuple:
    if node.type == "dotted_key":
        out: tuple = ()
        for c in node.children:
            if c.type != ".":
                out += _key_texts(c)
        return out
    raw = node.text or b""
    if node.type == "quoted_key":
        text = decode_string(raw)
        return (text if text is not None else raw[1:-1].decode("utf-8", "replace"),)
    return (raw.decode("utf-8", "replace"),)


def _path_of(pair) -> tuple:
    """A pair's full key path, from its own key up through inline tables to
    its table's header (array indexes left out, as `keys.spec_at` allows)."""
    path = _key_texts(pair.children[0])
    node = pair.parent
    while node is not None:
        if node.type == "pair" and node.children:
            path = _key_texts(node.children[0]) + path
        elif node.type in ("table", "table_array_element"):
            key = next(
                (c for c in node.children if c.type in ("bare_key", "dotted_key", "quoted_key")),
                None,
            )
            return (_key_texts(key) if key is not None else ()) + path
        node = node.parent
    return path
