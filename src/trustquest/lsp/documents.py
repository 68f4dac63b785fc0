"""The open documents: each version's text, its index (built once per version,
on demand) and the conversions between editor positions and the index's.

Editors count columns in UTF-16 code units (or UTF-8/UTF-32 when negotiated),
the validator in characters and tree-sitter in UTF-8 bytes; every conversion
happens here, on lines split at "\\n" only, as both the validator and
tree-sitter split them.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import unquote, urlparse

import attrs
from lsprotocol import types

from trustquest.engine import toml_guard
from trustquest.lsp import index as idx
from trustquest.lsp.index import Index, Span


class Lines:
    """A document's lines, and position conversions for one encoding."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.lines = text.split("\n")
        self.encoding = encoding

    def _units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)

    def line(self, row: int) -> str:
        return self.lines[row] if 0 <= row < len(self.lines) else ""

    # --- editor <-> characters ---------------------------------------------------

    def to_chars(self, pos: types.Position) -> tuple[int, int]:
        """An editor position -> (row, character column), clamped to the text."""
        row = min(max(pos.line, 0), len(self.lines) - 1)
        line, units, col = self.lines[row], 0, 0
        while col < len(line) and units < pos.character:
            units += self._units(line[col])
            col += 1
        return row, col

    def position(self, row: int, char_col: int) -> types.Position:
        if row >= len(self.lines):
            return types.Position(line=len(self.lines) - 1, character=self._units(self.lines[-1]))
        return types.Position(line=row, character=self._units(self.line(row)[:char_col]))

    # --- bytes (tree-sitter) -------------------------------------------------------

    def byte_col(self, row: int, char_col: int) -> int:
        line = self.line(row)
        return char_col if line.isascii() else len(line[:char_col].encode("utf-8", "surrogatepass"))

    def char_col(self, row: int, byte_col: int) -> int:
        line = self.line(row)
        if line.isascii():
            return byte_col
        data = line.encode("utf-8", "surrogatepass")
        return len(data[:byte_col].decode("utf-8", "replace"))

    def to_point(self, pos: types.Position) -> tuple[int, int]:
        """An editor position -> tree-sitter's (row, byte column)."""
        row, col = self.to_chars(pos)
        return row, self.byte_col(row, col)

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.row, self.char_col(span.row, span.col)),
            end=self.position(span.end_row, self.char_col(span.end_row, span.end_col)),
        )


_SCENARIO_MARK = re.compile(r"^[ \t]*(format[ \t]*=|\[[ \t]*(scenario|scenes|endings)\b)", re.M)


def is_scenario(text: str) -> bool:
    """Whether to treat a TOML document as a scenario. Everything is, except
    valid TOML with no `format`, `[scenario]`, `[scenes...]` or `[endings...]`
    (a pyproject.toml, a Cargo.toml): editors may start the server for every
    TOML file, and those files are none of its business. Empty, broken, binary
    and huge documents are scenarios being written, and get diagnostics."""
    if not text.strip() or _SCENARIO_MARK.search(text):
        return True
    if len(text) > 4 * 1024 * 1024:
        return True
    try:
        toml_guard.loads(text, toml_guard.SCENARIO)
    except ValueError:  # a syntax error, or too deep or heavy to read (TQ004)
        return True
    return False


def uri_to_path(uri: str) -> str:
    """A file URI -> its path, for messages; other URIs stay as they are."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return uri


@attrs.define
class Snapshot:
    """One version of one document."""

    uri: str
    version: int
    text: str
    encoding: str = types.PositionEncodingKind.Utf16
    _lines: Lines | None = None
    _index: Index | None = None
    _typing: tuple | None = None  # ((version, row), index without that row)
    _scenario: bool | None = None

    @property
    def is_scenario(self) -> bool:
        if self._scenario is None:
            self._scenario = is_scenario(self.text)
        return self._scenario

    @property
    def lines(self) -> Lines:
        if self._lines is None:
            self._lines = Lines(self.text, self.encoding)
        return self._lines

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = idx.build(self.text)
        return self._index

    @property
    def has_index(self) -> bool:
        return self._index is not None

    @property
    def path(self) -> str:
        return uri_to_path(self.uri)


class Documents:
    """The newest snapshot of each open document. Thread-safe: diagnostics are
    computed on a worker thread while requests are answered."""

    def __init__(self):
        self._docs: dict[str, Snapshot] = {}
        self._indexed: dict[str, Snapshot] = {}  # the newest snapshot with an index
        self._lock = threading.Lock()
        self.encoding: str = types.PositionEncodingKind.Utf16

    def update(self, uri: str, version: int, text: str) -> Snapshot:
        snap = Snapshot(uri, version, text, self.encoding)
        with self._lock:
            self._docs[uri] = snap
        return snap

    def close(self, uri: str) -> None:
        with self._lock:
            self._docs.pop(uri, None)
            self._indexed.pop(uri, None)

    def get(self, uri: str) -> Snapshot | None:
        with self._lock:
            return self._docs.get(uri)

    def version(self, uri: str) -> int | None:
        snap = self.get(uri)
        return None if snap is None else snap.version

    def indexed(self, uri: str) -> Snapshot | None:
        """The current snapshot, indexed now if it was not yet."""
        snap = self.get(uri)
        if snap is not None:
            snap.index  # noqa: B018 - build it
            self.remember_index(snap)
        return snap

    def remember_index(self, snap: Snapshot) -> None:
        with self._lock:
            old = self._indexed.get(snap.uri)
            if snap.has_index and (old is None or old.version <= snap.version):
                self._indexed[snap.uri] = snap

    def names_index(self, uri: str, row: int, small: int = 256 * 1024) -> Index | None:
        """An index for completing names at `row`. The line being typed is left
        out, so its unclosed quote or brace cannot hide the rest of the file
        from the parse. A large document uses the newest index it has, even an
        earlier version's: names change rarely, and completion must not wait."""
        snap = self.get(uri)
        if snap is None:
            return None
        if len(snap.text) > small:
            with self._lock:
                old = self._indexed.get(uri)
            return old.index if old is not None else self.indexed(uri).index
        key = (snap.version, row)
        if snap._typing is None or snap._typing[0] != key:
            lines = snap.text.split("\n")
            if 0 <= row < len(lines):
                lines[row] = ""
            snap._typing = (key, idx.build("\n".join(lines)))
        return snap._typing[1]
