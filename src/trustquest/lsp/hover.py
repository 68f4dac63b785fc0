"""Hover: the glossary for pillars, what a custom meter, scene, ending or flag
is, what a condition means in words, and the format's own words for a key
(the dynamics knobs' meaning, default and range among them)."""

from __future__ import annotations

from lsprotocol import types

from trustquest.engine import conditions as cond
from trustquest.engine.describe import TRUST_FORMULA
from trustquest.engine.lessons import GLOSSARY, lesson
from trustquest.engine.meters import BUILDING, PILLARS, TRUST
from trustquest.lsp import keys
from trustquest.lsp.documents import Snapshot
from trustquest.lsp.index import CLEAR, FLAG, METER, READ, SET, Index, decode_string

_OPS = {
    "<": "is below",
    "<=": "is at most",
    ">": "is above",
    ">=": "is at least",
    "==": "is",
    "!=": "is not",
}


def hover(snap: Snapshot, pos: types.Position) -> types.Hover | None:
    row, col = snap.lines.to_point(pos)
    index = snap.index
    parts: list[str] = []
    mention = index.mention_at(row, col)
    if mention is not None:
        parts.append(_mention(index, mention.kind, mention.name))
    value = index.value_at(row, col)
    if value is not None:
        key = value.path[-1] if value.path else ""
        on_key = value.key_span.contains(row, col)
        if on_key and value.spec is not None and mention is None:
            parts.append(f"**{key}**\n\n" + keys.describe(value.spec))
        elif not on_key and value.kind == "string" and keys.is_condition(value.spec, key):
            parts.append(_condition(decode_string(value.raw)))
    parts = [p for p in parts if p]
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )


def _mention(index: Index, kind: str, name: str) -> str:
    if kind == METER:
        return meter(index, name)
    if kind == FLAG:
        return _flag(index, name)
    if name == "end":
        lines = ["**end**: the first ending whose `when` holds, tried in this order:"]
        for eid, e in index.endings.items():
            lines.append(f"- `{eid}` ({e.fields.get('tone', '?')})")
        return "\n".join(lines)
    scene = index.scenes.get(name)
    if scene is not None:
        head = f"**scene `{name}`**" + (
            f" · {scene.fields['time']}" if scene.fields.get("time") else ""
        )
        body = _excerpt(scene.fields.get("text", ""))
        choices = "\n".join(
            f"{n}. {_excerpt(c.text, 80)} → `{c.goto}`" for n, c in enumerate(scene.choices, 1)
        )
        return "\n\n".join(x for x in (head, body, choices) if x)
    ending = index.endings.get(name)
    if ending is not None:
        f = ending.fields
        head = f"**ending `{name}`** · {f.get('tone', '?')} · {f.get('title', '')}"
        when = f"reached when `{f['when']}`" if f.get("when") else "the fallback ending"
        return "\n\n".join((head, when, _excerpt(f.get("text", ""))))
    return f"`{name}`: no scene or ending has this id."


def meter(index: Index, name: str) -> str:
    if name in PILLARS:
        group = "building" if name in BUILDING else "maintaining"
        return f"**{name.capitalize()}** · a {group} pillar\n\n{GLOSSARY[name]}\n\n*{lesson(name)}*"
    if name == TRUST:
        return f"**Overall trust** (derived: conditions may read it, effects cannot set it)\n\n{TRUST_FORMULA}"
    custom = index.meters.get(name)
    if custom is not None:
        f = custom.fields
        lines = [f"**{f.get('label') or name}** · meter `{name}` declared in this file"]
        if f.get("description"):
            lines.append(f["description"])
        return "\n\n".join(lines)
    return f"`{name}` is not a pillar or a meter of this scenario."


def _flag(index: Index, name: str) -> str:
    mentions = index.mentions_of(FLAG, name)

    def where(role: str) -> str:
        scenes = sorted({m.path[1] for m in mentions if m.role == role and len(m.path) > 1})
        return ", ".join(f"`{s}`" for s in scenes)

    lines = [f"**flag `{name}`**"]
    for role, words in ((SET, "set in"), (CLEAR, "cleared in"), (READ, "read in")):
        if where(role):
            lines.append(f"{words} {where(role)}")
    if not any(m.role == SET for m in mentions):
        lines.append("never set, so `flags." + name + "` is always false")
    return "\n\n".join(lines)


def _excerpt(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- conditions in words ----------------------------------------------------------


def _condition(source: str | None) -> str:
    if not source:
        return ""
    try:
        tree = cond.parse(source)
    except cond.ConditionSyntaxError as exc:
        return f"**Condition** (does not parse): {exc.message}"
    except RecursionError:
        return "**Condition** (nested too deeply to read)"
    legend = []
    namespaces = {ref.namespace for ref in cond.iter_refs(tree)}
    if "their" in namespaces:
        legend.append("*their* is the partner's trust in the one choosing")
    if "your" in namespaces:
        legend.append("*your* is the chooser's trust in the partner")
    note = f"\n\n({'; '.join(legend)})" if legend else ""
    return f"**Condition**: holds when {words(tree)}.{note}"


def words(node: cond.Node, top: bool = True) -> str:
    if isinstance(node, cond.Literal):
        return _literal(node.value)
    if isinstance(node, cond.Name):
        return _name(node.ref)
    if isinstance(node, cond.Not):
        inner = node.operand
        if isinstance(inner, cond.Name) and inner.ref.namespace == "flags":
            return f"flag `{inner.ref.name}` is not set"
        if isinstance(inner, cond.Name) and inner.ref.namespace == "visited":
            return f"scene `{inner.ref.name}` has not been seen"
        return f"not ({words(inner, False)})"
    if isinstance(node, cond.BoolOp):
        text = f" {node.op} ".join(words(o, False) for o in node.operands)
        return text if top else f"({text})"
    if isinstance(node, cond.Compare):
        return f"{words(node.left, False)} {_OPS.get(node.op, node.op)} {words(node.right, False)}"
    return "?"


def _literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _name(ref: cond.Ref) -> str:
    if ref.namespace in ("their", "your"):
        return f"{ref.namespace} {'overall trust' if ref.name == TRUST else ref.name}"
    if ref.namespace == "flags":
        return f"flag `{ref.name}` is set"
    if ref.namespace == "visited":
        return f"scene `{ref.name}` has been seen"
    return "the number of scenes answered so far"
