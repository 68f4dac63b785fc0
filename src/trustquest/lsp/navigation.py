"""Go to definition, find references, rename, and the document's outline."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lsprotocol import types

from trustquest.engine import format as fmt
from trustquest.engine import lessons
from trustquest.engine.meters import PILLARS, TRUST
from trustquest.lsp.documents import Snapshot
from trustquest.lsp.index import CLEAR, DECLARE, FLAG, HEADER, METER, NODE, SET, Mention


class Refused(Exception):
    """A rename that cannot be done, with the reason to show the author."""


def _mention(snap: Snapshot, pos: types.Position) -> Mention | None:
    row, col = snap.lines.to_point(pos)
    return snap.index.mention_at(row, col)


def _location(snap: Snapshot, span) -> types.Location:
    return types.Location(uri=snap.uri, range=snap.lines.range(span))


@functools.cache
def _glossary_lines() -> dict[str, int]:
    """Where each pillar's glossary line is in the game's source (0-based)."""
    path = Path(lessons.__file__)
    out: dict[str, int] = {}
    try:
        for row, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            m = re.match(r'\s*"([a-z_]+)":', line)
            if m and m.group(1) in PILLARS and m.group(1) not in out:
                out[m.group(1)] = row
    except OSError:
        pass
    return out


def definition(snap: Snapshot, pos: types.Position) -> list[types.Location]:
    m = _mention(snap, pos)
    if m is None:
        return []
    index = snap.index
    if m.kind == NODE:
        if m.name == "end":  # `goto = "end"`: the endings, in the order they are tried
            return [_location(snap, e.name_span) for e in index.endings.values()]
        entry = index.node(m.name)
        return [_location(snap, entry.name_span)] if entry else []
    if m.kind == FLAG:
        return [_location(snap, x.span) for x in index.mentions_of(FLAG, m.name) if x.role == SET]
    if m.name in index.meters:
        return [_location(snap, index.meters[m.name].name_span)]
    row = _glossary_lines().get(m.name)
    if row is None:
        return []
    here = types.Position(line=row, character=0)
    return [
        types.Location(
            uri=Path(lessons.__file__).resolve().as_uri(),
            range=types.Range(start=here, end=here),
        )
    ]


def references(snap: Snapshot, pos: types.Position, declarations: bool) -> list[types.Location]:
    m = _mention(snap, pos)
    if m is None:
        return []
    return [
        _location(snap, x.span)
        for x in snap.index.mentions_of(m.kind, m.name)
        if declarations or x.role not in (DECLARE, HEADER)
    ]


def highlights(snap: Snapshot, pos: types.Position) -> list[types.DocumentHighlight]:
    """Every mention of the name under the cursor: where it is declared or set
    counts as a write, every other mention as a read."""
    m = _mention(snap, pos)
    if m is None:
        return []
    writes = (DECLARE, HEADER, SET, CLEAR)
    return [
        types.DocumentHighlight(
            range=snap.lines.range(x.span),
            kind=(
                types.DocumentHighlightKind.Write
                if x.role in writes
                else types.DocumentHighlightKind.Read
            ),
        )
        for x in snap.index.mentions_of(m.kind, m.name)
    ]


# --- rename ------------------------------------------------------------------------


def _renamable(snap: Snapshot, m: Mention | None) -> Mention:
    if m is None:
        raise Refused("Put the cursor on a scene or ending id, a flag or a meter to rename it.")
    index = snap.index
    if m.kind == NODE and m.name == "end":
        raise Refused("`end` is not an id: it picks the first ending whose `when` holds.")
    if m.kind == NODE and index.node(m.name) is None:
        raise Refused(f"There is no scene or ending `{m.name}` to rename.")
    if m.kind == METER and m.name not in index.meters:
        what = "overall trust" if m.name == TRUST else f"`{m.name}`"
        raise Refused(f"{what} is built into the game and cannot be renamed.")
    return m


def prepare_rename(snap: Snapshot, pos: types.Position) -> types.PrepareRenamePlaceholder:
    m = _renamable(snap, _mention(snap, pos))
    return types.PrepareRenamePlaceholder(range=snap.lines.range(m.span), placeholder=m.name)


def rename(
    snap: Snapshot, pos: types.Position, new_name: str, versioned: bool = True
) -> types.WorkspaceEdit:
    m = _renamable(snap, _mention(snap, pos))
    new_name = new_name.strip()
    if new_name == m.name:
        return types.WorkspaceEdit(changes={snap.uri: []})
    _check_new_name(snap, m, new_name)
    edits = [
        types.TextEdit(range=snap.lines.range(x.span), new_text=new_name)
        for x in snap.index.mentions_of(m.kind, m.name)
    ]
    if versioned:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=snap.uri, version=snap.version
                    ),
                    edits=edits,
                )
            ]
        )
    return types.WorkspaceEdit(changes={snap.uri: edits})


def _check_new_name(snap: Snapshot, m: Mention, new: str) -> None:
    what = {NODE: "an id", FLAG: "a flag", METER: "a meter id"}[m.kind]
    if not re.fullmatch(fmt.ID_PATTERN, new) or len(new) > fmt.MAX_ID:
        raise Refused(
            f"`{new}` is not {what}: use lowercase letters, digits and _, starting with a "
            f"letter, at most {fmt.MAX_ID} characters (like `honest_call`)."
        )
    index = snap.index
    if m.kind == NODE:
        if new == "end":
            raise Refused('`end` is reserved: `goto = "end"` picks an ending.')
        clash = "scene" if new in index.scenes else "ending" if new in index.endings else None
        if clash:
            raise Refused(f"There is already a {clash} `{new}`; pick another name.")
    elif m.kind == FLAG:
        if index.mentions_of(FLAG, new):
            raise Refused(f"The flag `{new}` already exists; renaming would merge the two.")
    elif new in PILLARS or new == TRUST or new in index.meters:
        raise Refused(f"There is already a meter `{new}`; pick another name.")


# --- outline ------------------------------------------------------------------------


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _numbered(parts):
    """Each part with its number among its own kind (choice 1, 2, 3...)."""
    counts: dict[str, int] = {}
    for part in parts:
        counts[part.kind] = counts.get(part.kind, 0) + 1
        yield part, counts[part.kind]


def _part_symbol(part, lines, n: int) -> types.DocumentSymbol:
    """A choice as `1. Its text` (→ where it leads); a variant, an event or any
    other table of a scene as `variant 1` with its condition or text."""
    if part.kind == "choices":
        name = f"{n}. {_short(part.text)}" if part.text.strip() else f"choice {n}"
        detail = f"→ {part.goto}" if part.goto else None
        kind = types.SymbolKind.Method
    else:
        noun = part.kind[:-1] if part.kind.endswith("s") else part.kind
        name = f"{noun} {n}"
        detail = f"if {part.condition}" if part.condition else _short(part.text) or None
        kind = types.SymbolKind.Event
    rng = lines.range(part.span)
    return types.DocumentSymbol(name=name, detail=detail, kind=kind, range=rng, selection_range=rng)


def symbols(snap: Snapshot) -> list[types.DocumentSymbol]:
    index, lines = snap.index, snap.lines
    out = []
    for sid, scene in index.scenes.items():
        children = [_part_symbol(part, lines, n) for part, n in _numbered(scene.parts)]
        out.append(
            types.DocumentSymbol(
                name=sid,
                detail=_short(scene.fields.get("time", "") or scene.fields.get("text", "")) or None,
                kind=types.SymbolKind.Class,
                range=lines.range(scene.extent),
                selection_range=lines.range(scene.name_span),
                children=children,
            )
        )
    for eid, ending in index.endings.items():
        detail = " · ".join(x for x in (ending.fields.get("tone"), ending.fields.get("title")) if x)
        out.append(
            types.DocumentSymbol(
                name=eid,
                detail=_short(detail) or None,
                kind=types.SymbolKind.EnumMember,
                range=lines.range(ending.extent),
                selection_range=lines.range(ending.name_span),
            )
        )
    for mid, meter in index.meters.items():
        out.append(
            types.DocumentSymbol(
                name=mid,
                detail=_short(meter.fields.get("label", "")) or None,
                kind=types.SymbolKind.Field,
                range=lines.range(meter.extent),
                selection_range=lines.range(meter.name_span),
            )
        )
    out.sort(key=lambda s: (s.range.start.line, s.range.start.character))
    return out
