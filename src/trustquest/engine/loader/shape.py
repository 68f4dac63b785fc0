"""Pass 2: the parsed data against the declared format (`format.py`).

Types, unknown keys, required keys, enums, limits. Bad values are dropped
(replaced by BAD) so that the next pass can still look at everything else.
"""

from __future__ import annotations

import math
import re

from trustquest.engine import format as fmt
from trustquest.engine.diagnostics import CODES, Diagnostic, describe_path, dotted_path
from trustquest.engine.loader.suggestions import closest, did_you_mean
from trustquest.engine.text import clean_line, strip_controls

BAD = object()  # a value that failed the structural pass
_TYPE_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "num": "a number",
    "bool": "true or false",
    "list": "a list of strings",
    "table": "a table",
    "map": "a table",
    "array": "an array of tables ([[...]])",
}
#: Problems listed per file; past this they are counted (their hints cost).
MAX_REPORTED = 500
CONDITION_KEYS = ("if", "when", "unless")


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time"


# --- pass 2: structure ---------------------------------------------------------


class Structure:
    def __init__(self, diags: list[Diagnostic]):
        self.diags = diags
        self._patterns: dict[str, re.Pattern] = {}
        # Values dropped because they failed, as (path, raw value, the key it
        # was meant to be): the semantic pass reads the flags and gotos they
        # name, so that a broken part does not cause follow-on warnings.
        self.dropped: list[tuple[tuple, object, str | None]] = []
        # Ids dropped from maps ([scenes.Bad-Id]): they still exist for gotos.
        self.bad_ids: list[tuple] = []
        # A required condition (a variant's `if`) is missing: whatever flags
        # it was meant to read are unknown.
        self.condition_missing = False
        # The ids of [endings.*] in file order, dropped ones included: the
        # last one is the fallback even when it failed to load.
        self.ending_order: list[str] = []
        # Problems past MAX_REPORTED: how many, and whether any is an error.
        self.left_out = 0
        self.left_out_error = False

    def _re(self, pattern: str) -> re.Pattern:
        if pattern not in self._patterns:
            self._patterns[pattern] = re.compile(pattern)
        return self._patterns[pattern]

    def full(self, code: str) -> bool:
        """Whether the list is full; if so, count a problem with `code`."""
        if len(self.diags) < MAX_REPORTED:
            return False
        self.left_out += 1
        self.left_out_error = self.left_out_error or CODES[code][0] == "error"
        return True

    def report(self, code, message, path, target="value", hint=None, sub=None):
        """Add a problem. Past MAX_REPORTED it is only counted, and a hint
        given as a function (a "did you mean" search) is never worked out."""
        if self.full(code):
            return
        if callable(hint):
            hint = hint()
        self.diags.append(Diagnostic(code, message, tuple(path), target, sub, hint))

    def drop(self, value, path: tuple, meant: str | None = None):
        """Note that `value` at `path` failed; return BAD."""
        if meant is None:
            meant = next((p for p in reversed(path) if isinstance(p, str)), None)
        self.dropped.append((tuple(path), value, meant))
        return BAD

    def check(self, value, spec: fmt.Spec, path: tuple):
        """Check `value` against `spec`; return it cleaned, or BAD."""
        kind = spec.kind
        if kind == "str":  # the most common kind by far: no dispatch
            return self._str(value, spec, path)
        return self._by_kind[kind](self, value, spec, path)

    def _str(self, value, spec: fmt.Spec, path: tuple):
        if not isinstance(value, str):
            return self._wrong(value, spec, path)
        value = strip_controls(value) if spec.prose else clean_line(value)
        if spec.max_len is not None and len(value) > spec.max_len:
            self.report(
                "TQ105",
                f"{describe_path(path)} is {len(value)} characters long; the limit is {spec.max_len}",
                path,
            )
            return self.drop(value, path)
        if spec.enum and value not in spec.enum:
            options = ", ".join(repr(e) for e in spec.enum)
            self.report(
                "TQ104",
                f"{describe_path(path)} must be one of {options}, not {value!r}",
                path,
                hint=lambda: did_you_mean(value, spec.enum),
            )
            return self.drop(value, path)
        if spec.pattern and not self._re(spec.pattern).match(value):
            self.report("TQ106", _pattern_message(describe_path(path), value, spec.pattern), path)
            return self.drop(value, path)
        return value

    def _number(self, value, spec: fmt.Spec, path: tuple):
        if isinstance(value, float) and not math.isfinite(value):
            self.report(
                "TQ104",
                f"{describe_path(path)} must be a finite number, not {value}",
                path,
                hint=_finite_hint(spec),
            )
            return self.drop(value, path)
        ok = isinstance(value, int) if spec.kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            return self._wrong(value, spec, path)
        if spec.enum and value not in spec.enum:
            self.report(
                "TQ003" if path == ("format",) else "TQ104",
                f"{describe_path(path)} must be {' or '.join(map(str, spec.enum))}, not {value}",
                path,
            )
            return self.drop(value, path)
        if (spec.min is not None and value < spec.min) or (
            spec.max is not None and value > spec.max
        ):
            lo = _num(spec.min)
            hi = _num(spec.max)
            self.report(
                "TQ104", f"{describe_path(path)} must be between {lo} and {hi}, not {value}", path
            )
            return self.drop(value, path)
        return value

    def _bool(self, value, spec: fmt.Spec, path: tuple):
        if not isinstance(value, bool):
            return self._wrong(value, spec, path)
        return value

    def _list(self, value, spec: fmt.Spec, path: tuple):
        if not isinstance(value, list):
            return self._wrong(value, spec, path)
        if self._too_many(value, spec, path, "items", "value"):
            return self.drop(value, path)
        out = []
        for i, item in enumerate(value):
            item = self.check(item, spec.item, path + (i,))
            if item is BAD:
                continue
            if spec.unique and item in out:
                self.report(
                    "TQ104", f"{item!r} is listed twice in {describe_path(path)}", path + (i,)
                )
                self.drop(item, path + (i,))
                continue
            out.append(item)
        return out

    def _too_many(self, value, spec: fmt.Spec, path: tuple, noun: str, target: str) -> bool:
        """Whether a list or table is past its limit (reported if so)."""
        if spec.max_len is None or len(value) <= spec.max_len:
            return False
        self.report(
            "TQ105",
            f"{describe_path(path)} has {len(value)} {noun}; the limit is {spec.max_len}",
            path,
            target=target,
        )
        return True

    def _array(self, value, spec: fmt.Spec, path: tuple):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return self._wrong(value, spec, path)
        if spec.max_len is not None and len(value) > spec.max_len:
            self.report(
                "TQ105",
                f"{describe_path(path)} has {len(value)} entries; the limit is {spec.max_len}",
                path + (spec.max_len,),
                target="table",
            )
            for i in range(spec.max_len, len(value)):
                self.drop(value[i], path + (i,))
            value = value[: spec.max_len]
        # Indexes stay aligned with the file: BAD entries are skipped later.
        return [self.check(item, spec.item, path + (i,)) for i, item in enumerate(value)]

    def _table(self, value, spec: fmt.Spec, path: tuple):
        if not isinstance(value, dict):
            return self._wrong(value, spec, path)
        out = {}
        if not path and not value:
            # An empty file: one clear error, not one per missing table.
            self.report(
                "TQ003",
                "the file is empty: a scenario needs `format = 1`, [scenario] and scenes",
                path,
                target="table",
                hint="start from a working scenario with `trustquest new NAME`",
            )
            return out
        meant_keys = set()  # missing keys that an unknown key probably meant
        for key, item in value.items():
            sub = spec.keys.get(key)
            if sub is not None:
                out[key] = self.check(item, sub, path + (key,))
                continue
            meant = self._unknown_key(key, item, spec, path)
            if meant is not None and meant not in value:
                meant_keys.add(meant)
        self._missing_keys(value, spec, path, meant_keys)
        return out

    def _unknown_key(self, key: str, item, spec: fmt.Spec, path: tuple) -> str | None:
        """Report a key the format does not know and drop its value; return
        the known key it most likely meant, if any."""
        if self.full("TQ101"):
            self.drop(item, path + (key,), key)
            return None
        allowed = ", ".join(spec.keys)
        meant = closest(key, spec.keys)
        self.report(
            "TQ101",
            f"unknown key '{key}' in {describe_path(path)}",
            path + (key,),
            target="key",
            hint=f"did you mean '{meant}'?" if meant else f"allowed keys: {allowed}",
        )
        self.drop(item, path + (key,), meant or key)
        return meant

    def _missing_keys(self, value: dict, spec: fmt.Spec, path: tuple, meant_keys: set) -> None:
        for key, sub in spec.keys.items():
            if key in meant_keys:
                continue  # the unknown key's "did you mean" already says it
            if not path and key == "format" and key not in value:
                self.report(
                    "TQ003",
                    "the file needs `format = 1`",
                    path,
                    target="table",
                    hint="add `format = 1` near the top, after the `#:schema` line",
                )
                continue
            if sub.required and key not in value:
                if key in CONDITION_KEYS:
                    self.condition_missing = True
                where = f"[{dotted_path(path)}]" if path else "the file"
                self.report(
                    "TQ103",
                    f"{where} needs '{key}'",
                    path,
                    target="table",
                    hint=required_hint(key, sub),
                )

    def _map(self, value, spec: fmt.Spec, path: tuple):
        if not isinstance(value, dict):
            return self._wrong(value, spec, path)
        if self._too_many(value, spec, path, "entries", "table"):
            return self.drop(value, path)
        out = {}
        if path == ("endings",):
            self.ending_order = list(value)
        pattern = self._re(spec.key_pattern) if spec.key_pattern else None
        for key, item in value.items():
            if not self._bad_id(key, item, spec, pattern, path):
                out[key] = self.check(item, spec.item, path + (key,))
        return out

    def _bad_id(self, key: str, item, spec: fmt.Spec, pattern, path: tuple) -> bool:
        """Whether a map cannot hold the id `key` (malformed, or reserved):
        if so it is reported and its value dropped."""
        if pattern and (not pattern.match(key) or len(key) > fmt.MAX_ID):
            self.report(
                "TQ106",
                _pattern_message(f"the id '{key}'", key, spec.key_pattern),
                path + (key,),
                target="key",
            )
            self.bad_ids.append(path + (key,))
            self.drop(item, path + (key,), None)
            return True
        if key == "end" and path and path[-1] in ("scenes", "endings"):
            self.report(
                "TQ106",
                "'end' is reserved: `goto = \"end\"` picks an ending",
                path + (key,),
                target="key",
                hint="choose another id",
            )
            self.drop(item, path + (key,), None)
            return True
        return False

    #: The check of every kind but "str", as plain functions (called with self).
    _by_kind = {
        "int": _number,
        "num": _number,
        "bool": _bool,
        "list": _list,
        "array": _array,
        "table": _table,
        "map": _map,
    }

    def _wrong(self, value, spec, path):
        self.report(
            "TQ102",
            f"{describe_path(path)} must be {_TYPE_NAMES[spec.kind]}, not {_type_of(value)}",
            path,
            hint=_type_hint(value, spec.kind, path),
        )
        return self.drop(value, path)


def _type_hint(value, kind: str, path: tuple) -> str | None:
    """How to write `value` as the type that was expected."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "key")
    scalar = isinstance(value, str | int | float | bool)
    if isinstance(value, str) and kind in ("bool", "int", "num", "list"):
        return _unquote_hint(value.strip(), kind, key)
    if kind == "str" and scalar:  # a number or true/false where text was expected
        shown = str(value).lower() if isinstance(value, bool) else value
        return f'put it in quotes: {key} = "{shown}"'
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return f"write a whole number: {key} = {int(value)}"
    if kind in ("table", "map") and scalar:
        return f"{key} holds keys: write [{dotted_path(path)}] with keys under it, or {key} = {{ ... }}"
    if kind == "array" and isinstance(value, dict):
        return f"write each one as [[{dotted_path(path)}]]"
    return None


def _unquote_hint(word: str, kind: str, key: str) -> str | None:
    """How to write the quoted `word` as a bool, a number or a list."""
    if kind == "bool":
        return (
            f"remove the quotes: {key} = {word.lower()}"
            if word.lower() in ("true", "false")
            else None
        )
    if kind in ("int", "num"):
        try:
            number = int(word) if kind == "int" else float(word)
        except ValueError:
            return None
        if not math.isfinite(number):
            return None  # "nan" and "inf" are refused without quotes too
        return f"remove the quotes: {key} = {number}"
    return f'wrap it in [ ]: {key} = ["{word}"]'


def _finite_hint(spec: fmt.Spec) -> str:
    if spec.enum:
        return f"write {' or '.join(map(str, spec.enum))}"
    if spec.min is not None and spec.max is not None:
        return (
            f"nan and inf are not numbers here; write one from {_num(spec.min)} to {_num(spec.max)}"
        )
    return "nan and inf are not numbers here; write an ordinary number"


def _num(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _pattern_message(what: str, value: str, pattern: str) -> str:
    if pattern == fmt.SCENARIO_ID_PATTERN:
        return f"{what} must be lowercase-kebab (like 'late-again'), not {value!r}"
    return f"{what} must be lowercase letters, digits and '_' (like 'honest_call'), starting with a letter"


def required_hint(key: str, spec: fmt.Spec) -> str | None:
    examples = {
        "format": "add `format = 1` as the first line after `#:schema`",
        "goto": 'add `goto = "scene_id"`, or `goto = "end"` to finish',
        "choices": "add at least one [[scenes.ID.choices]] table",
        "endings": "add at least one [endings.ID] table; the last one needs no `when`",
    }
    return examples.get(key, spec.doc or None)


# --- pass 3: meaning -------------------------------------------------------------
