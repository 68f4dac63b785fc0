"""What each key of the format is, read from `engine/format.py` (the same
description the loader and the JSON Schema are built from), so keys the format
gains later are completed, documented and indexed without changes here."""

from __future__ import annotations

from trustquest.engine import format as fmt

#: Keys that hold a condition even where the format gives no spec (a broken table).
CONDITION_KEYS = frozenset(("if", "when", "unless"))
FLAG_LIST_KEYS = frozenset(("sets", "clears"))
EFFECT_KEYS = frozenset(("their_trust", "your_trust"))
GOTO_KEY = "goto"


def child(spec: fmt.Spec | None, part) -> fmt.Spec | None:
    """The spec one step below `spec`: a key of a table, an item of a map or
    array. Array indexes (ints) and `[[...]]` steps are transparent."""
    if spec is None:
        return None
    if spec.kind == "array":
        spec = spec.item
        if isinstance(part, int) or spec is None:
            return spec
    if isinstance(part, int):
        return spec.item if spec.kind == "list" else None
    if spec.kind == "table":
        return spec.keys.get(part)
    if spec.kind == "map":
        return spec.item
    return None


def spec_at(path) -> fmt.Spec | None:
    spec: fmt.Spec | None = fmt.SCENARIO
    for part in path:
        spec = child(spec, part)
        if spec is None:
            return None
    return spec


def table_spec(spec: fmt.Spec | None) -> fmt.Spec | None:
    """The table whose keys may be written at this spec (an array's item table)."""
    if spec is not None and spec.kind == "array":
        spec = spec.item
    return spec if spec is not None and spec.kind in ("table", "map") else None


def is_condition(spec: fmt.Spec | None, key) -> bool:
    if spec is not None:
        return spec.kind == "str" and spec.doc.startswith(fmt.CONDITION)
    return key in CONDITION_KEYS


def is_meter_map(spec: fmt.Spec | None, key=None) -> bool:
    """A table whose keys are meters and whose values are points (effects, start values)."""
    if spec is None:
        return key in EFFECT_KEYS
    return spec.kind == "map" and spec.item is not None and spec.item.kind in ("int", "num")


def is_flag_list(spec: fmt.Spec | None, key) -> bool:
    if spec is not None and spec.kind == "list" and spec.item == fmt.FLAGS.item:
        return True
    return key in FLAG_LIST_KEYS


def is_meter_list(path) -> bool:
    return tuple(path) == ("scenario", "focus")


def takes_placeholders(spec: fmt.Spec | None, key) -> bool:
    """Prose shown to players: text, titles, labels (not ids, enums or conditions)."""
    if spec is None:
        return key in ("text", "locked", "time", "title")
    return (
        spec.kind == "str"
        and not spec.enum
        and not spec.pattern
        and key != GOTO_KEY
        and not is_condition(spec, key)
    )


def describe(spec: fmt.Spec) -> str:
    """One paragraph about a key for hover and completion: its meaning, type,
    default, range and allowed values."""
    kinds = {
        "str": "text",
        "int": "whole number",
        "num": "number",
        "bool": "true or false",
        "list": "list of text",
        "table": "table",
        "map": "table of named entries",
        "array": "list of tables",
    }
    facts = [kinds.get(spec.kind, spec.kind)]
    if spec.required:
        facts.append("required")
    if spec.default is not None and spec.kind != "table":
        facts.append(f"default `{_toml(spec.default)}`")
    if spec.min is not None and spec.max is not None:
        facts.append(f"{_num(spec.min)} to {_num(spec.max)}")
    if spec.enum:
        facts.append("one of " + ", ".join(f"`{_toml(v)}`" for v in spec.enum))
    if spec.kind == "list" and spec.item is not None and spec.item.enum:
        facts.append("each one of " + ", ".join(f"`{v}`" for v in spec.item.enum))
    if spec.max_len is not None and spec.kind == "str":
        facts.append(f"at most {spec.max_len:,} characters")
    doc = spec.doc or ""
    return (doc + "\n\n" if doc else "") + "*" + "; ".join(facts) + "*"


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return _num(value) if isinstance(value, int | float) else str(value)


def snippet_value(spec: fmt.Spec) -> str:
    """What to insert after `key = ` when a key is completed (a snippet)."""
    if spec.kind == "str":
        if spec.enum:
            return '"${1|' + ",".join(spec.enum) + '|}"'
        if spec.max_len is not None and spec.max_len >= fmt.MAX_TEXT:
            return '"""\n$0\n"""'
        return '"$0"'
    if spec.kind in ("int", "num"):
        return "${1:" + _num(spec.default if spec.default is not None else spec.min or 0) + "}"
    if spec.kind == "bool":
        return "${1|true,false|}"
    if spec.kind == "list":
        return '["$0"]'
    if spec.kind in ("map", "table"):
        return "{ $0 }"
    return "$0"
