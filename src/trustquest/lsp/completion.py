"""Completion: scene and ending ids in `goto`, meters and pillars in effects
and conditions, flags in conditions, `sets` and `clears`, placeholders in
text, and the format's own keys and tables."""

from __future__ import annotations

import re

from lsprotocol import types

from trustquest.engine import format as fmt
from trustquest.engine.conditions import KEYWORDS, NAMESPACES
from trustquest.engine.lessons import GLOSSARY
from trustquest.engine.meters import BUILDING, PILLARS, TRUST
from trustquest.engine.text import PLACEHOLDERS, PRONOUNS
from trustquest.lsp import context as ctx
from trustquest.lsp import keys
from trustquest.lsp.documents import Lines
from trustquest.lsp.index import Index

_CONDITION_NAME = re.compile(r"(their|your|flags|visited)\s*\.\s*([A-Za-z0-9_]*)$")
#: Braces then a name before the cursor; an even run of braces is literal text (`{{`).
_PLACEHOLDER = re.compile(r"(\{+)([A-Za-z_]*)$")

_K = types.CompletionItemKind


def complete(
    lines: Lines, index: Index, pos: types.Position, snippets: bool = True
) -> list[types.CompletionItem]:
    row, col = lines.to_chars(pos)
    where = ctx.at(lines.lines, row, col)
    if where is None:
        return []
    # identifiers are ASCII: as many code units as characters in every encoding
    start = types.Position(line=pos.line, character=max(0, pos.character - len(where.word)))
    replace = types.Range(start=start, end=pos)
    spec = keys.spec_at(where.path)
    key = where.path[-1] if where.path else ""
    if where.kind == ctx.HEADER:
        return _headers(where, index, lines, pos)
    if where.kind == ctx.KEY:
        if keys.is_meter_map(spec, key):
            return [_edit(i, replace, f"{i.label} = ") for i in _meters(index, writable=True)]
        return _keys(
            keys.table_spec(spec) if where.path else fmt.SCENARIO, where, replace, snippets
        )
    quoted = where.kind == ctx.VALUE  # no string open yet: insert the quotes too
    if key == keys.GOTO_KEY or where.path == ("scenario", "start"):
        items = _nodes(index, endings=key == keys.GOTO_KEY)
    elif keys.is_condition(spec, key) and where.kind == ctx.STRING:
        return _condition(where.prefix, index, replace)
    elif keys.is_flag_list(spec, key) and (where.array or where.kind == ctx.STRING):
        items = _flags(index)
    elif keys.is_meter_list(where.path[:2]):
        items = _meters(index, writable=True)
    elif spec is not None and spec.kind == "bool" and quoted:
        return [types.CompletionItem(label=v, kind=_K.Value) for v in ("true", "false")]
    elif spec is not None and spec.enum:
        items = [types.CompletionItem(label=str(v), kind=_K.EnumMember) for v in spec.enum]
    elif spec is not None and spec.kind == "list" and spec.item is not None and spec.item.enum:
        items = [types.CompletionItem(label=v, kind=_K.EnumMember) for v in spec.item.enum]
    elif where.kind == ctx.STRING and keys.takes_placeholders(spec, key):
        return _placeholders(where.prefix, lines, row, col, pos)
    else:
        return []
    if quoted:
        return [_edit(i, replace, f'"{i.label}"') for i in items]
    return [_edit(i, replace, i.label) for i in items]


def _edit(item: types.CompletionItem, rng: types.Range, text: str) -> types.CompletionItem:
    item.text_edit = types.TextEdit(range=rng, new_text=text)
    item.filter_text = item.filter_text or item.label
    return item


# --- names ---------------------------------------------------------------------


def _first_line(text: str, limit: int = 80) -> str:
    for line in text.strip().splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def _nodes(index: Index, endings: bool) -> list[types.CompletionItem]:
    items = []
    for i, (sid, scene) in enumerate(index.scenes.items()):
        time = scene.fields.get("time", "")
        items.append(
            types.CompletionItem(
                label=sid,
                kind=_K.Module,
                detail="scene" + (f" · {time}" if time else ""),
                documentation=_first_line(scene.fields.get("text", ""), 300) or None,
                sort_text=f"1{i:05d}",
            )
        )
    if endings:
        for i, (eid, ending) in enumerate(index.endings.items()):
            tone, title = ending.fields.get("tone", ""), ending.fields.get("title", "")
            items.append(
                types.CompletionItem(
                    label=eid,
                    kind=_K.EnumMember,
                    detail=" · ".join(x for x in ("ending", tone, title) if x),
                    documentation=_first_line(ending.fields.get("text", ""), 300) or None,
                    sort_text=f"2{i:05d}",
                )
            )
        items.append(
            types.CompletionItem(
                label="end",
                kind=_K.Keyword,
                detail="the first ending whose `when` holds",
                sort_text="3",
            )
        )
    return items


def _meters(index: Index, writable: bool) -> list[types.CompletionItem]:
    items = []
    for i, (mid, meter) in enumerate(index.meters.items()):
        items.append(
            types.CompletionItem(
                label=mid,
                kind=_K.Field,
                detail="meter"
                + (f" · {meter.fields['label']}" if meter.fields.get("label") else ""),
                documentation=meter.fields.get("description") or None,
                sort_text=f"0{i:02d}",
            )
        )
    for i, pillar in enumerate(PILLARS):
        group = "building" if pillar in BUILDING else "maintaining"
        items.append(
            types.CompletionItem(
                label=pillar,
                kind=_K.Field,
                detail=f"pillar ({group})",
                documentation=GLOSSARY.get(pillar),
                sort_text=f"1{i:02d}",
            )
        )
    if not writable:
        items.append(
            types.CompletionItem(
                label=TRUST,
                kind=_K.Field,
                detail="overall trust (derived: read it, never set it)",
                sort_text="2",
            )
        )
    return items


def _flags(index: Index) -> list[types.CompletionItem]:
    from trustquest.lsp.index import FLAG, SET

    items = []
    for name in index.names(FLAG):
        mentions = index.mentions_of(FLAG, name)
        sets = [m for m in mentions if m.role == SET]
        where = {m.path[1] for m in sets if len(m.path) > 1}
        detail = "flag, set in " + ", ".join(sorted(where)[:3]) if where else "flag, never set"
        items.append(types.CompletionItem(label=name, kind=_K.Variable, detail=detail))
    return items


def _condition(prefix: str, index: Index, replace: types.Range) -> list[types.CompletionItem]:
    m = _CONDITION_NAME.search(prefix)
    if m:
        namespace = m.group(1)
        if namespace in ("their", "your"):
            items = _meters(index, writable=False)
        elif namespace == "flags":
            items = _flags(index)
        else:
            items = _nodes(index, endings=False)
        return [_edit(i, replace, i.label) for i in items]
    items = [
        types.CompletionItem(
            label=f"{ns}.", kind=_K.Module, detail=_NAMESPACE_DOC[ns], sort_text=f"0{ns}"
        )
        for ns in sorted(NAMESPACES)
    ]
    for item in items:
        item.command = types.Command(title="names", command="editor.action.triggerSuggest")
    items += [
        types.CompletionItem(
            label=k, kind=_K.Keyword, detail=_KEYWORD_DOC.get(k), sort_text=f"1{k}"
        )
        for k in sorted(KEYWORDS)
    ]
    return [_edit(i, replace, i.label) for i in items]


_NAMESPACE_DOC = {
    "their": "the partner's trust in the acting player: their.reliability, their.trust...",
    "your": "the acting player's trust in the partner: your.respect, your.trust...",
    "flags": "a flag set by a choice: flags.confessed",
    "visited": "a scene already seen: visited.honest_call",
}
_KEYWORD_DOC = {
    "turn": "how many scenes have been answered so far",
    "and": "both sides hold",
    "or": "either side holds",
    "not": "the opposite",
    "true": "yes",
    "false": "no",
}


def _placeholders(prefix: str, lines: Lines, row: int, col: int, pos: types.Position):
    m = _PLACEHOLDER.search(prefix)
    if not m or len(m.group(1)) % 2 == 0:
        return []
    start = lines.position(row, col - len(m.group(2)) - 1)
    after = lines.line(row)[col : col + 1]
    rng = types.Range(start=start, end=pos)
    items = []
    for name in sorted(PLACEHOLDERS, key=lambda n: (n.lower(), n[0].isupper())):
        low = name.lower()
        if low in PRONOUNS["they"]:
            forms = "/".join(PRONOUNS[p][low] for p in ("they", "she", "he"))
            detail = f"the partner's pronoun: {forms}"
        else:
            detail = "your name" if low == "me" else "the partner's name"
        if name[0].isupper():
            detail += ", capitalised"
        item = types.CompletionItem(
            label="{" + name + "}", kind=_K.Constant, detail=detail, filter_text="{" + name
        )
        items.append(_edit(item, rng, "{" + name + ("" if after == "}" else "}")))
    return items


# --- keys and tables -----------------------------------------------------------


def _keys(spec, where: ctx.Context, replace: types.Range, snippets: bool):
    if spec is None or spec.kind != "table":
        return []
    items = []
    for i, (name, sub) in enumerate(spec.keys.items()):
        if name in where.present:
            continue
        value = keys.snippet_value(sub)
        text = f"{name} = {value}" if snippets else f"{name} = "
        if sub.kind in ("table", "array", "map") and where.path == ():
            continue  # top-level tables are written as [headers]
        if sub.kind == "array" and sub.item is not None and sub.item.kind == "table":
            continue  # arrays of tables are written as [[headers]]
        items.append(
            types.CompletionItem(
                label=name,
                kind=_K.Property,
                detail=("required" if sub.required else "optional") + f" · {sub.kind}",
                documentation=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=keys.describe(sub)
                ),
                text_edit=types.TextEdit(range=replace, new_text=text),
                insert_text_format=(
                    types.InsertTextFormat.Snippet if snippets else types.InsertTextFormat.PlainText
                ),
                sort_text=f"{0 if sub.required else 1}{i:02d}",
            )
        )
    return items


def _headers(where: ctx.Context, index: Index, lines: Lines, pos: types.Position):
    """Table headers: the format's tables, and for the scene being written its
    arrays of tables ([[scenes.ID.choices]]) and sub-tables."""
    scene = where.scene
    options: list[tuple[str, str]] = []
    if where.array:
        if scene:
            for name, sub in fmt.SCENE.keys.items():
                if sub.kind == "array":
                    options.append((f"scenes.{scene}.{name}", sub.doc))
    else:
        for name, sub in fmt.SCENARIO.keys.items():
            if sub.kind == "table":
                inner = [(k, s) for k, s in sub.keys.items() if s.kind in ("table", "map")]
                if name in ("roles", "start") and inner:
                    options += [(f"{name}.{k}", s.doc) for k, s in inner]
                else:
                    options.append((name, sub.doc))
            elif sub.kind == "map":
                options.append((f"{name}.", sub.doc))
        if scene:
            for name, sub in fmt.SCENE.keys.items():
                if sub.kind == "table":
                    options.append((f"scenes.{scene}.{name}", sub.doc))
    close = "]]" if where.array else "]"
    row, col = lines.to_chars(pos)
    after = lines.line(row)[col:].strip()
    start = types.Position(line=pos.line, character=pos.character - len(where.prefix))
    items = []
    for label, doc in options:
        text = label + ("" if label.endswith(".") or after.startswith("]") else close)
        items.append(
            types.CompletionItem(
                label=label,
                kind=_K.Struct,
                documentation=doc or None,
                text_edit=types.TextEdit(range=types.Range(start=start, end=pos), new_text=text),
            )
        )
    return items
