"""Load and validate scenario files.

Loading runs in three passes:

1. `tomllib` parses the file (syntax errors stop here);
2. a structural pass walks the parsed data against the declared format
   (`format.py`): types, unknown keys, required keys, enums, limits. Bad
   values are dropped so that the next pass can still look at everything else;
3. a semantic pass builds the read-only `Scenario` and checks how its parts fit
   together: gotos, meters, conditions, endings, reachability...

Problems are collected, never raised one by one, so an author sees every
problem at once. Only when there is something to report does the position
pass (`positions.py`) turn key paths into `line:col` spans.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import os
import re
import tomllib
from pathlib import Path

from trustquest.engine import conditions as cond
from trustquest.engine import format as fmt
from trustquest.engine import reasoning, toml_guard
from trustquest.engine.diagnostics import CODES, Diagnostic, sort_key
from trustquest.engine.dynamics import Dynamics
from trustquest.engine.meters import PILLARS, TRUST
from trustquest.engine.model import (
    Choice,
    Effects,
    Ending,
    Event,
    Later,
    MeterDef,
    Role,
    Scenario,
    Scene,
    Variant,
)
from trustquest.engine.text import (
    PLACEHOLDER,
    PLACEHOLDERS,
    clean_line,
    clean_name,
    strip_controls,
)
from trustquest.engine.toml_syntax import point, syntax_diagnostic
from trustquest.errors import ScenarioError
from trustquest.files import FileTooLarge, read_limited

_BAD = object()  # a value that failed the structural pass
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
DEFAULT_ROLES = {"a": ("Alex", "they"), "b": ("Sam", "they")}
#: Problems listed per file; past this they are counted (their hints cost).
MAX_REPORTED = 500
_SHAPE_HINT = "a scenario needs only a few levels, like [[scenes.ID.choices]] and { key = 1 }"


def closest(word: str, options) -> str | None:
    """The option `word` is most likely a misspelling of, or None.

    difflib decides what is close enough; among those, the fewest edits win
    (a swap of two neighbours counts as one, so 'thme' is 'them', not 'they'),
    then difflib's similarity, the longest shared start, the nearest length,
    and finally the order of `options`."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=len(options) or 1, cutoff=0.6)
    if not close:
        return None

    def rank(option: str):
        ratio = difflib.SequenceMatcher(None, word, option).ratio()
        prefix = len(os.path.commonprefix([word, option]))
        return (_edits(word, option), -ratio, -prefix, abs(len(option) - len(word)))

    return min(close, key=lambda option: (rank(option), options.index(option)))


def did_you_mean(word: str, options) -> str | None:
    close = closest(word, options)
    return f"did you mean '{close}'?" if close else None


def _edits(a: str, b: str) -> int:
    """Edit distance counting insertions, deletions, substitutions and swaps
    of two neighbouring characters (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


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


class _Structure:
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
        """Note that `value` at `path` failed; return _BAD."""
        if meant is None:
            meant = next((p for p in reversed(path) if isinstance(p, str)), None)
        self.dropped.append((tuple(path), value, meant))
        return _BAD

    def check(self, value, spec: fmt.Spec, path: tuple):
        """Check `value` against `spec`; return it cleaned, or _BAD."""
        kind = spec.kind
        if kind == "str":
            if not isinstance(value, str):
                return self._wrong(value, spec, path)
            value = strip_controls(value) if spec.prose else clean_line(value)
            if spec.max_len is not None and len(value) > spec.max_len:
                self.report(
                    "TQ105",
                    f"{_what(path)} is {len(value)} characters long; the limit is {spec.max_len}",
                    path,
                )
                return self.drop(value, path)
            if spec.enum and value not in spec.enum:
                options = ", ".join(repr(e) for e in spec.enum)
                self.report(
                    "TQ104",
                    f"{_what(path)} must be one of {options}, not {value!r}",
                    path,
                    hint=lambda: did_you_mean(value, spec.enum),
                )
                return self.drop(value, path)
            if spec.pattern and not self._re(spec.pattern).match(value):
                self.report("TQ106", _pattern_message(_what(path), value, spec.pattern), path)
                return self.drop(value, path)
            return value
        if kind in ("int", "num"):
            if isinstance(value, float) and not math.isfinite(value):
                self.report(
                    "TQ104",
                    f"{_what(path)} must be a finite number, not {value}",
                    path,
                    hint=_finite_hint(spec),
                )
                return self.drop(value, path)
            ok = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
            if isinstance(value, bool) or not ok:
                return self._wrong(value, spec, path)
            if spec.enum and value not in spec.enum:
                self.report(
                    "TQ003" if path == ("format",) else "TQ104",
                    f"{_what(path)} must be {' or '.join(map(str, spec.enum))}, not {value}",
                    path,
                )
                return self.drop(value, path)
            if (spec.min is not None and value < spec.min) or (
                spec.max is not None and value > spec.max
            ):
                lo = _num(spec.min)
                hi = _num(spec.max)
                self.report(
                    "TQ104", f"{_what(path)} must be between {lo} and {hi}, not {value}", path
                )
                return self.drop(value, path)
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                return self._wrong(value, spec, path)
            return value
        if kind == "list":
            if not isinstance(value, list):
                return self._wrong(value, spec, path)
            if spec.max_len is not None and len(value) > spec.max_len:
                self.report(
                    "TQ105",
                    f"{_what(path)} has {len(value)} items; the limit is {spec.max_len}",
                    path,
                )
                return self.drop(value, path)
            out = []
            for i, item in enumerate(value):
                item = self.check(item, spec.item, path + (i,))
                if item is _BAD:
                    continue
                if spec.unique and item in out:
                    self.report("TQ104", f"{item!r} is listed twice in {_what(path)}", path + (i,))
                    self.drop(item, path + (i,))
                    continue
                out.append(item)
            return out
        if kind == "array":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                return self._wrong(value, spec, path)
            if spec.max_len is not None and len(value) > spec.max_len:
                self.report(
                    "TQ105",
                    f"{_what(path)} has {len(value)} entries; the limit is {spec.max_len}",
                    path + (spec.max_len,),
                    target="table",
                )
                for i in range(spec.max_len, len(value)):
                    self.drop(value[i], path + (i,))
                value = value[: spec.max_len]
            out = []
            for i, item in enumerate(value):
                checked = self.check(item, spec.item, path + (i,))
                out.append(checked)  # keep indexes aligned; _BAD entries are skipped later
            return out
        if kind == "table":
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
                if sub is None:
                    if self.full("TQ101"):
                        self.drop(item, path + (key,), key)
                        continue
                    allowed = ", ".join(spec.keys)
                    meant = closest(key, spec.keys)
                    self.report(
                        "TQ101",
                        f"unknown key '{key}' in {_what(path)}",
                        path + (key,),
                        target="key",
                        hint=f"did you mean '{meant}'?" if meant else f"allowed keys: {allowed}",
                    )
                    self.drop(item, path + (key,), meant or key)
                    if meant is not None and meant not in value:
                        meant_keys.add(meant)
                    continue
                out[key] = self.check(item, sub, path + (key,))
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
                    if key in _CONDITION_KEYS:
                        self.condition_missing = True
                    where = f"[{_dotted(path)}]" if path else "the file"
                    self.report(
                        "TQ103",
                        f"{where} needs '{key}'",
                        path,
                        target="table",
                        hint=_required_hint(key, sub),
                    )
            return out
        if kind == "map":
            if not isinstance(value, dict):
                return self._wrong(value, spec, path)
            if spec.max_len is not None and len(value) > spec.max_len:
                self.report(
                    "TQ105",
                    f"{_what(path)} has {len(value)} entries; the limit is {spec.max_len}",
                    path,
                    target="table",
                )
                return self.drop(value, path)
            out = {}
            if path == ("endings",):
                self.ending_order = list(value)
            pattern = self._re(spec.key_pattern) if spec.key_pattern else None
            for key, item in value.items():
                if pattern and (not pattern.match(key) or len(key) > fmt.MAX_ID):
                    self.report(
                        "TQ106",
                        _pattern_message(f"the id '{key}'", key, spec.key_pattern),
                        path + (key,),
                        target="key",
                    )
                    self.bad_ids.append(path + (key,))
                    self.drop(item, path + (key,), None)
                    continue
                if key == "end" and path and path[-1] in ("scenes", "endings"):
                    self.report(
                        "TQ106",
                        "'end' is reserved: `goto = \"end\"` picks an ending",
                        path + (key,),
                        target="key",
                        hint="choose another id",
                    )
                    self.drop(item, path + (key,), None)
                    continue
                out[key] = self.check(item, spec.item, path + (key,))
            return out
        raise AssertionError(kind)

    def _wrong(self, value, spec, path):
        self.report(
            "TQ102",
            f"{_what(path)} must be {_TYPE_NAMES[spec.kind]}, not {_type_of(value)}",
            path,
            hint=_type_hint(value, spec.kind, path),
        )
        return self.drop(value, path)


def _type_hint(value, kind: str, path: tuple) -> str | None:
    """How to write `value` as the type that was expected."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "key")
    if isinstance(value, str):
        word = value.strip()
        if kind == "bool" and word.lower() in ("true", "false"):
            return f"remove the quotes: {key} = {word.lower()}"
        if kind in ("int", "num"):
            try:
                number = int(word) if kind == "int" else float(word)
            except ValueError:
                return None
            if not math.isfinite(number):
                return None  # "nan" and "inf" are refused without quotes too
            return f"remove the quotes: {key} = {number}"
        if kind == "list":
            return f'wrap it in [ ]: {key} = ["{word}"]'
    if kind == "str" and isinstance(value, int | float) and not isinstance(value, bool):
        return f'put it in quotes: {key} = "{value}"'
    if kind == "str" and isinstance(value, bool):
        return f'put it in quotes: {key} = "{str(value).lower()}"'
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return f"write a whole number: {key} = {int(value)}"
    if kind in ("table", "map") and isinstance(value, str | int | float | bool):
        return f"{key} holds keys: write [{_dotted(path)}] with keys under it, or {key} = {{ ... }}"
    if kind == "array" and isinstance(value, dict):
        return f"write each one as [[{_dotted(path)}]]"
    return None


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


def _singular(word) -> str:
    return {"choices": "choice", "variants": "variant"}.get(str(word), str(word))


def _what(path: tuple) -> str:
    """How a message names the value at `path`: 'scenes.x.choices[2].goto'."""
    if not path:
        return "the file"
    if isinstance(path[-1], int) and len(path) >= 2 and path[-2] in ("choices", "variants"):
        return f"{_singular(path[-2])} {path[-1] + 1} of '{_dotted(path[:-2])}'"
    if isinstance(path[-1], int):
        return f"item {path[-1] + 1} of '{_dotted(path[:-1])}'"
    return f"'{_dotted(path)}'"


def _dotted(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (("." if out else "") + str(p))
    return out


def _pattern_message(what: str, value: str, pattern: str) -> str:
    if pattern == fmt.SCENARIO_ID_PATTERN:
        return f"{what} must be lowercase-kebab (like 'late-again'), not {value!r}"
    return f"{what} must be lowercase letters, digits and '_' (like 'honest_call'), starting with a letter"


def _required_hint(key: str, spec: fmt.Spec) -> str | None:
    examples = {
        "format": "add `format = 1` as the first line after `#:schema`",
        "goto": 'add `goto = "scene_id"`, or `goto = "end"` to finish',
        "choices": "add at least one [[scenes.ID.choices]] table",
        "endings": "add at least one [endings.ID] table; the last one needs no `when`",
    }
    return examples.get(key, spec.doc or None)


# --- pass 3: meaning -------------------------------------------------------------


# Verbs whose present tense differs between they and she/he: "{they} says"
# reads "they says" for some players, "{they} say" reads "she say" for others.
_VERB_PAIRS = {
    "is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
    "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "goes": "go",
    "says": "say", "wants": "want", "knows": "know", "looks": "look", "seems": "seem",
    "feels": "feel", "thinks": "think", "needs": "need", "comes": "come", "takes": "take",
    "makes": "make", "gets": "get", "keeps": "keep", "tells": "tell", "asks": "ask",
    "tries": "try", "leaves": "leave", "likes": "like", "loves": "love", "means": "mean",
    "works": "work", "calls": "call", "texts": "text", "smiles": "smile", "laughs": "laugh",
    "sighs": "sigh", "nods": "nod", "shrugs": "shrug", "waits": "wait", "sounds": "sound",
    "holds": "hold", "writes": "write", "finds": "find", "gives": "give", "hears": "hear",
    "remembers": "remember", "forgets": "forget", "answers": "answer", "replies": "reply",
    "stops": "stop", "starts": "start", "notices": "notice", "sees": "see",
    "watches": "watch", "helps": "help", "hopes": "hope", "misses": "miss", "wishes": "wish",
    "doesn’t": "don’t", "isn’t": "aren’t", "wasn’t": "weren’t",
    "hasn’t": "haven’t",
}  # fmt: skip
_AGREES = {**_VERB_PAIRS, **{v: k for k, v in _VERB_PAIRS.items()}}
_PLURAL_FORMS = frozenset(_VERB_PAIRS.values())
# {they}/{They}, maybe one adverb, then a word.
_THEY_VERB = re.compile(
    r"(\{[Tt]hey\}) (?:(?:always|never|often|just|still|only|really|also|already|"
    r"sometimes|usually|even|finally|suddenly|quietly|simply) )?([A-Za-z’']+)"
)
_FLAG_READ = re.compile(r"\bflags\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_CONDITION_KEYS = ("if", "when", "unless")
# Keys whose values hold choices, and so flags and gotos.
_HOLDERS = ("scenes", "endings", "choices", "variants", "later", "events")


class _Builder:
    def __init__(self, data: dict, diags: list[Diagnostic], structure: _Structure | None = None):
        self.d = data
        self.diags = diags
        self.structure = structure or _Structure(diags)
        self.dropped = self.structure.dropped
        self.bad_ids = self.structure.bad_ids
        self.ending_order = self.structure.ending_order
        # Scenes whose `choices`, or some of them, were dropped whole.
        self.choices_dropped = {
            p[1]
            for p, _, _ in self.dropped
            if len(p) in (3, 4) and p[0] == "scenes" and p[2] == "choices"
        }
        self.meters: list[MeterDef] = [MeterDef(p, p.capitalize()) for p in PILLARS]
        self.meter_ids = set(PILLARS)
        self.scene_ids: list[str] = []
        self.ending_ids: list[str] = []
        self.flag_reads: dict[str, tuple] = {}  # flag -> (path, sub) of first read
        self.flag_sets: dict[str, tuple] = {}
        # Flags named by parts that failed to load: they count as read or set,
        # but are never warned about themselves. When a failed part could have
        # named flags we cannot see (`later = 5`), the warnings that depend on
        # it are skipped.
        self.salvaged_reads: set[str] = set()
        self.salvaged_sets: set[str] = set()
        self.reads_unknown = bool(structure and structure.condition_missing)
        self.sets_unknown = False
        self.modes: tuple[str, ...] = ("solo",)
        self.order = "shuffle"  # scenario.order: the default for every scene
        self.node_ids: set[str] = set()
        self.broken_scenes: list[str] = []  # ids of scenes that failed to load
        self.broken_endings: list[str] = []
        # The scene graph, kept apart from the built scenes so that a scene
        # that failed to load still leads where its gotos say.
        self.edges: dict[str, set[str]] = {}  # scene -> scene and ending ids, or "end"
        self.open_edges: set[str] = set()  # scenes that may lead somewhere unknown
        self.closed_endings: set[str] = set()  # endings whose `when` can never hold

    def report(self, code, message, path, target="value", sub=None, hint=None):
        self.structure.report(code, message, path, target, hint, sub)

    @staticmethod
    def ok(value) -> bool:
        return value is not None and value is not _BAD

    def get(self, table, key, default=None):
        if not isinstance(table, dict):
            return default
        value = table.get(key, default)
        return default if value is _BAD else value

    # --- building blocks -----------------------------------------------------

    def text(self, value: str, path: tuple) -> str:
        for m in _THEY_VERB.finditer(value):
            verb = m.group(2).lower()
            other_form = _AGREES.get(verb)
            if other_form is None:
                continue
            singular = verb not in _PLURAL_FORMS
            shown = ("she " if not singular else "they ") + verb
            if m.group(1) == "{They}":
                shown = shown.capitalize()
            self.report(
                "TQ410",
                f"'{m.group(0)}' reads \"{shown}\" for some players: "
                f"{m.group(1)} can be they, she or he",
                path,
                sub=(m.start(), m.end() - m.start()),
                hint="use a form that fits every pronoun, such as the past tense "
                f"or 'can', or make {{partner}} the subject ('{{Partner}} {verb if singular else other_form}')",
            )
        for m in PLACEHOLDER.finditer(value):
            if m.group(1) is not None and m.group(1) not in PLACEHOLDERS:
                known = sorted(PLACEHOLDERS, key=str.lower)
                self.report(
                    "TQ210",
                    f"unknown placeholder '{m.group(0)}'",
                    path,
                    sub=(m.start(), m.end() - m.start()),
                    hint=lambda m=m, known=known: (
                        did_you_mean(m.group(1), known)
                        or "placeholders are {me}, {partner}, {they}, "
                        "{them}, {their}, {theirs} and capitalised forms like {They}"
                    ),
                )
        return value

    def condition(self, source: str | None, path: tuple) -> cond.Condition | None:
        if source is None:
            return None
        try:
            compiled = cond.compile_condition(source)
        except cond.ConditionSyntaxError as exc:
            self.report(
                "TQ301",
                f"condition error: {exc.message}",
                path,
                sub=(exc.offset, exc.length),
                hint=exc.hint,
            )
            self.salvaged_reads.update(_FLAG_READ.findall(source))
            return None
        fine = True
        told: set[str] = set()  # one error per unknown name in a condition, not per use
        for ref in compiled.refs:
            sub = (ref.offset, ref.length)
            if ref.namespace in ("their", "your", "visited") and ref.name in told:
                fine = False
                continue
            if ref.namespace in ("their", "your"):
                if ref.name != TRUST and ref.name not in self.meter_ids:
                    told.add(ref.name)
                    fine = False
                    self.report(
                        "TQ302",
                        f"unknown meter '{ref.name}' in condition",
                        path,
                        sub=sub,
                        hint=lambda ref=ref: (
                            did_you_mean(ref.name, sorted(self.meter_ids | {TRUST}))
                            or "meters are the eight pillars, `trust`, and those in [meters]"
                        ),
                    )
            elif ref.namespace == "visited":
                if ref.name not in self.node_ids:
                    told.add(ref.name)
                    fine = False
                    self.report(
                        "TQ302",
                        f"unknown scene '{ref.name}' in condition",
                        path,
                        sub=sub,
                        hint=lambda ref=ref: did_you_mean(ref.name, sorted(self.node_ids)),
                    )
            elif ref.namespace == "flags":
                self.flag_reads.setdefault(ref.name, (path, sub))
        impossible = cond.never_true(compiled.tree)
        if impossible is not None:
            self.report(
                "TQ405",
                "this comparison can never be true: meters run from 0 to 100",
                path,
                sub=(impossible.offset, impossible.length),
            )
        elif not reasoning.can_hold(compiled.tree):
            self.report(
                "TQ405",
                "this condition can never be true: its parts contradict each other",
                path,
                sub=(0, len(source)),
                hint="meters and trust run from 0 to 100, and `turn` counts from 0",
            )
        elif not reasoning.can_fail(compiled.tree):
            self.report(
                "TQ409",
                "this condition is always true",
                path,
                sub=(0, len(source)),
                hint="meters and trust run from 0 to 100, and `turn` counts from 0; "
                "remove the condition, or fix the comparison",
            )
        return compiled if fine else None

    def deltas(self, table, key: str, path: tuple) -> tuple:
        values = self.get(table, key) or {}
        out = []
        for meter, delta in values.items():
            if delta is _BAD:
                continue
            if meter == TRUST:
                self.report(
                    "TQ211",
                    "`trust` is worked out from the pillars and cannot be changed directly",
                    path + (key, meter),
                    target="key",
                    hint="change one of the eight pillars instead",
                )
            elif meter not in self.meter_ids:
                self.report(
                    "TQ202",
                    f"unknown meter '{meter}'",
                    path + (key, meter),
                    target="key",
                    hint=lambda meter=meter: (
                        did_you_mean(meter, sorted(self.meter_ids)) or "declare it under [meters]"
                    ),
                )
            else:
                out.append((meter, delta))
        return tuple(out)

    def effects(self, table, path: tuple) -> Effects:
        return Effects(
            self.deltas(table, "their_trust", path), self.deltas(table, "your_trust", path)
        )

    def flags(self, table, key: str, path: tuple) -> tuple[str, ...]:
        names = self.get(table, key) or []
        if key == "sets":
            for i, name in enumerate(names):
                self.flag_sets.setdefault(name, (path + (key, i), None))
        return tuple(names)

    def salvage(self) -> None:
        """Read the flags named in parts that failed the structural pass."""
        for path, raw, meant in self.dropped:
            if path and path[0] in ("scenes", "endings"):
                holder = meant in _HOLDERS or (
                    len(path) >= 2 and path[-2] in ("scenes", "endings", "choices", "variants")
                )
                self._salvage(raw, meant, holder)

    def _salvage(self, raw, key, holder: bool) -> None:
        if key in _CONDITION_KEYS:
            if isinstance(raw, str):
                self.salvaged_reads.update(_FLAG_READ.findall(raw))
            else:
                self.reads_unknown = True
        elif key == "sets":
            for item in raw if isinstance(raw, list) else [raw]:
                if isinstance(item, str):
                    self.salvaged_sets.add(item)
                else:
                    self.sets_unknown = True
        elif isinstance(raw, dict):
            for k, v in raw.items():
                self._salvage(v, k, k in _HOLDERS)
        elif isinstance(raw, list):
            for item in raw:
                self._salvage(item, key, holder)
        elif holder:  # e.g. `later = 5`: whatever it meant to set or read is unknown
            self.reads_unknown = self.sets_unknown = True

    # --- the whole scenario --------------------------------------------------

    def build(self) -> Scenario | None:
        d = self.d
        info = self.get(d, "scenario") or {}
        modes = self.get(info, "modes")
        if modes is not None and not modes:
            self.report(
                "TQ104",
                "'scenario.modes' must name at least one of 'solo', 'hotseat'",
                ("scenario", "modes"),
            )
        self.modes = tuple(modes) if modes else ("solo",)
        self.order = self.get(info, "order") or "shuffle"

        for meter_id, spec in (self.get(d, "meters") or {}).items():
            if not isinstance(spec, dict):
                continue
            if meter_id in PILLARS or meter_id == TRUST:
                self.report(
                    "TQ104",
                    f"'{meter_id}' is already a meter; extra meters need new names",
                    ("meters", meter_id),
                    target="key",
                )
                continue
            self.meters.append(
                MeterDef(
                    meter_id,
                    self.get(spec, "label") or meter_id.capitalize(),
                    self.get(spec, "start", 50),
                    self.get(spec, "description", ""),
                    False,
                )
            )
            self.meter_ids.add(meter_id)

        scenes_raw = self.get(d, "scenes") or {}
        endings_raw = self.get(d, "endings") or {}
        self.scene_ids = [k for k, v in scenes_raw.items() if isinstance(v, dict)]
        self.ending_ids = [k for k, v in endings_raw.items() if isinstance(v, dict)]
        # Scenes and endings that exist but failed to load (a malformed id, or
        # not a table): gotos may still name them without an error.
        broken = {"scenes": [], "endings": []}
        for p in self.bad_ids:
            if len(p) == 2 and p[0] in broken:
                broken[p[0]].append(p[1])
        for kind, raw_nodes in (("scenes", scenes_raw), ("endings", endings_raw)):
            broken[kind] += [k for k, v in raw_nodes.items() if v is _BAD]
        self.broken_scenes = broken["scenes"]
        self.broken_endings = broken["endings"]
        self.node_ids = (
            set(self.scene_ids)
            | set(self.ending_ids)
            | set(broken["scenes"])
            | set(broken["endings"])
        )
        for eid in self.ending_ids:
            if eid in scenes_raw:
                self.report(
                    "TQ204",
                    f"'{eid}' is both a scene and an ending; ids share one namespace",
                    ("endings", eid),
                    target="table",
                    hint="rename the scene or the ending",
                )
        if "scenes" in d and d["scenes"] is not _BAD and not scenes_raw and not broken["scenes"]:
            self.report(
                "TQ103", "the scenario needs at least one scene", ("scenes",), target="table"
            )
        if (
            "endings" in d
            and d["endings"] is not _BAD
            and not endings_raw
            and not broken["endings"]
        ):
            self.report(
                "TQ103",
                "the scenario needs at least one ending",
                ("endings",),
                target="table",
                hint=_required_hint("endings", fmt.SCENARIO),
            )

        focus = self.get(info, "focus") or []
        for i, meter in enumerate(focus):
            if meter not in self.meter_ids:
                self.report(
                    "TQ202",
                    f"focus names an unknown meter '{meter}'",
                    ("scenario", "focus", i),
                    hint=lambda meter=meter: did_you_mean(meter, sorted(self.meter_ids)),
                )
        starts = {}
        for side in ("their", "your"):
            starts[side] = dict(self.deltas(self.get(d, "start") or {}, side, ("start",)))

        roles = {}
        roles_raw = self.get(d, "roles") or {}
        for r, (name, pronouns) in DEFAULT_ROLES.items():
            spec = self.get(roles_raw, r) or {}
            roles[r] = Role(
                clean_name(self.get(spec, "name") or "") or name,
                self.get(spec, "pronouns") or pronouns,
            )

        dyn_raw = {k: v for k, v in (self.get(d, "dynamics") or {}).items() if v is not _BAD}
        dynamics = Dynamics(**dyn_raw)

        scenes = {}
        for sid in self.scene_ids:
            scene = self.scene(sid, scenes_raw[sid])
            if scene is not None:
                scenes[sid] = scene
        endings = {}
        # The fallback is the last ending in the file, even one that failed
        # to load ([endings.end]): its own error is enough.
        order = self.ending_order or self.ending_ids
        for eid in self.ending_ids:
            ending = self.ending(eid, endings_raw[eid], last=eid == order[-1])
            if ending is not None:
                endings[eid] = ending

        start = self.get(info, "start")
        if start is not None and start not in scenes_raw and start not in self.broken_scenes:
            self.report(
                "TQ203",
                f"the start scene '{start}' does not exist",
                ("scenario", "start"),
                hint=lambda: did_you_mean(start, self.scene_ids),
            )

        debrief = tuple(
            self.text(p, ("debrief", "prompts", i))
            for i, p in enumerate(self.get(self.get(d, "debrief") or {}, "prompts") or [])
        )
        self.salvage()
        self.warn_flags()
        if start in self.scene_ids:
            self.warn_graph(start)

        if any(x.is_error for x in self.diags) or self.structure.left_out_error:
            return None
        return Scenario(
            id=info["id"],
            title=strip_controls(info["title"]).replace("\n", " "),
            summary=info["summary"],
            start=start,
            scenes=scenes,
            endings=endings,
            meters=tuple(self.meters),
            roles=roles,
            start_their=starts["their"],
            start_your=starts["your"],
            dynamics=dynamics,
            authors=tuple(self.get(info, "authors") or ()),
            modes=self.modes,
            focus=tuple(focus),
            content_notes=tuple(self.get(info, "content_notes") or ()),
            minutes=self.get(info, "minutes", 10),
            debrief=debrief,
            order=self.order,
        )

    def scene(self, sid: str, raw: dict) -> Scene | None:
        path = ("scenes", sid)
        actor = self.get(raw, "actor", "a")
        predict = self.get(raw, "predict", False)
        if "hotseat" not in self.modes:
            if actor != "a" and "actor" in raw:
                self.report(
                    "TQ208",
                    f"actor = '{actor}' needs hot-seat play, but modes has no 'hotseat'",
                    path + ("actor",),
                    hint='add "hotseat" to scenario.modes, or use actor = "a"',
                )
            if predict:
                self.report(
                    "TQ208",
                    "predict scenes need hot-seat play, but modes has no 'hotseat'",
                    path + ("predict",),
                    hint='add "hotseat" to scenario.modes',
                )
        match_raw = self.get(raw, "match")
        match = self.effects(match_raw, path + ("match",)) if match_raw else Effects()
        if match_raw is not None and actor != "both" and not predict:
            self.report(
                "TQ408",
                "`match` only applies to `both` or `predict` scenes",
                path + ("match",),
                target="key",
            )
        text = self.text(self.get(raw, "text", ""), path + ("text",))
        variants = []
        for i, v in enumerate(self.get(raw, "variants") or []):
            if not isinstance(v, dict):
                continue
            vpath = path + ("variants", i)
            c = self.condition(self.get(v, "if"), vpath + ("if",))
            vtext = self.get(v, "text")
            if vtext is not None:
                self.text(vtext, vpath + ("text",))
            if c is not None and vtext is not None:
                variants.append(Variant(c, vtext))
        raw_choices = self.get(raw, "choices")
        choices = []
        if raw_choices is not None and not raw_choices:
            self.report(
                "TQ207",
                f"scene '{sid}' is a dead end: it has no choices",
                path + ("choices",),
                hint='give it a choice, e.g. one with goto = "end"',
            )
        first_goto = None
        targets: set[str] = set()
        self.edges[sid] = targets
        if not raw_choices or sid in self.choices_dropped:
            self.open_edges.add(sid)  # missing, broken or cut-off choices
        for i, c in enumerate(raw_choices or []):
            if not isinstance(c, dict):
                self.open_edges.add(sid)
                continue
            choice, goto_ok, ok = self.choice(c, path + ("choices", i), i)
            if goto_ok:
                targets.add(choice.goto)
            else:
                self.open_edges.add(sid)
            if actor == "both" and goto_ok:
                if first_goto is None:
                    first_goto = choice.goto
                elif choice.goto != first_goto:
                    self.report(
                        "TQ209",
                        f"choices of a `both` scene must share one goto ('{first_goto}')",
                        path + ("choices", i, "goto"),
                        hint="both players answer, then the story moves on together",
                    )
            if ok:
                choices.append(choice)
        if (
            raw_choices
            and len(choices) == len(raw_choices)
            and all(c.condition for c in choices)
            and reasoning.can_all_fail([c.condition.tree for c in choices])
        ):
            self.report(
                "TQ404",
                f"every choice in '{sid}' has an `if`, and all of them can be locked at once",
                path,
                target="table",
                hint="leave at least one choice without `if`",
            )
        events = []
        raw_events = self.get(raw, "events") or []
        for i, e in enumerate(raw_events):
            if isinstance(e, dict):
                event = self.event(e, path + ("events", i), i)
                if event is not None:
                    events.append(event)
        if not raw_choices or len(choices) != len(raw_choices) or len(events) != len(raw_events):
            return None
        return Scene(
            sid,
            text,
            tuple(choices),
            actor,
            self.text(self.get(raw, "time", ""), path + ("time",)),
            tuple(variants),
            bool(predict),
            match,
            tuple(events),
            self.get(raw, "order") or self.order,
        )

    def event(self, raw: dict, path: tuple, index: int) -> Event | None:
        condition = self.condition(self.get(raw, "if"), path + ("if",))
        event = Event(
            index=index,
            text=self.text(self.get(raw, "text", ""), path + ("text",)),
            effects=self.effects(raw, path),
            condition=condition,
            breach=self.get(raw, "breach", False),
            sets=self.flags(raw, "sets", path),
            clears=self.flags(raw, "clears", path),
        )
        if "if" in raw and condition is None:
            return None
        return event

    def goto(self, target: str | None, path: tuple) -> bool:
        if target is None:
            return False
        if target == "end" or target in self.node_ids:
            return True
        self.report(
            "TQ201",
            f"goto '{target}' names no scene or ending",
            path,
            hint=lambda: (
                did_you_mean(target, sorted(self.node_ids) + ["end"])
                or 'use a scene id, an ending id, or "end"'
            ),
        )
        return False

    def choice(self, raw: dict, path: tuple, index: int) -> tuple[Choice, bool, bool]:
        """The choice, whether its goto is sound, and whether all of it is."""
        goto_ok = self.goto(self.get(raw, "goto"), path + ("goto",))
        text = self.text(self.get(raw, "text", ""), path + ("text",))
        condition = self.condition(self.get(raw, "if"), path + ("if",))
        locked = self.get(raw, "locked", "")
        if locked:
            self.text(locked, path + ("locked",))
            if "if" not in raw:
                self.report(
                    "TQ407",
                    "`locked` says why a choice is locked, but this choice has no `if`",
                    path + ("locked",),
                    target="key",
                    hint="add an `if`, or remove `locked`",
                )
        later = None
        later_raw = self.get(raw, "later")
        if later_raw:
            lpath = path + ("later",)
            unless = self.condition(self.get(later_raw, "unless"), lpath + ("unless",))
            later = Later(
                after=self.get(later_raw, "after", 1),
                text=self.text(self.get(later_raw, "text", ""), lpath + ("text",)),
                effects=self.effects(later_raw, lpath),
                unless=unless,
                breach=self.get(later_raw, "breach", False),
                sets=self.flags(later_raw, "sets", lpath),
                clears=self.flags(later_raw, "clears", lpath),
            )
        repeat = self.get(raw, "repeat", 1)
        span = self.get(raw, "span", "")
        if repeat > 1 and self.get(raw, "breach", False):
            self.report(
                "TQ212",
                "a habit (`repeat`) cannot be a breach",
                path + ("repeat",),
                target="key",
                hint="a breach happens once: remove `repeat`, or `breach = true`",
            )
        if span and "repeat" not in raw:
            self.report(
                "TQ411",
                "`span` labels the time a habit covers, but this choice has no `repeat`",
                path + ("span",),
                target="key",
                hint="add `repeat = 2` (or more), or remove `span`",
            )
        if span:
            self.text(span, path + ("span",))
        choice = Choice(
            index=index,
            text=text,
            goto=self.get(raw, "goto", ""),
            effects=self.effects(raw, path),
            condition=condition,
            locked=locked,
            sets=self.flags(raw, "sets", path),
            clears=self.flags(raw, "clears", path),
            breach=self.get(raw, "breach", False),
            later=later,
            repeat=repeat,
            span=span,
        )
        ok = goto_ok and ("if" not in raw or condition is not None)
        ok = ok and not (repeat > 1 and choice.breach)
        return choice, goto_ok, ok

    def ending(self, eid: str, raw: dict, last: bool) -> Ending | None:
        path = ("endings", eid)
        when = self.get(raw, "when")
        if last and "when" in raw:
            self.report(
                "TQ205",
                f"the last ending, '{eid}', must have no `when`: it is the fallback",
                path + ("when",),
                target="key",
                hint="remove this `when`, or add a final ending without one",
            )
        if not last and "when" not in raw:
            self.report(
                "TQ206",
                f"ending '{eid}' has no `when`, so the endings after it can never be picked",
                path,
                target="table",
                hint="only the last ending may omit `when`; move this one last",
            )
        compiled = self.condition(when, path + ("when",))
        if compiled is not None and not reasoning.can_hold(compiled.tree):
            self.closed_endings.add(eid)
        text = self.text(self.get(raw, "text", ""), path + ("text",))
        if self.get(raw, "title") is not None:
            self.text(self.get(raw, "title"), path + ("title",))
        if any(self.get(raw, k) is None for k in ("title", "tone", "text")):
            return None
        return Ending(
            eid, self.get(raw, "title").replace("\n", " "), self.get(raw, "tone"), text, compiled
        )

    # --- warnings --------------------------------------------------------------

    def warn_flags(self) -> None:
        for flag, (path, sub) in self.flag_reads.items():
            if self.sets_unknown:
                break
            if flag not in self.flag_sets and flag not in self.salvaged_sets:
                self.report(
                    "TQ402",
                    f"flag '{flag}' is read but never set, so it is always false",
                    path,
                    sub=sub,
                    hint=lambda flag=flag: did_you_mean(flag, sorted(self.flag_sets)),
                )
        for flag, (path, _) in self.flag_sets.items():
            if self.reads_unknown:
                break
            if flag not in self.flag_reads and flag not in self.salvaged_reads:
                self.report(
                    "TQ403",
                    f"flag '{flag}' is set but never read",
                    path,
                    hint=lambda flag=flag: (
                        did_you_mean(flag, sorted(self.flag_reads))
                        or "read it in an `if`, `when` or `unless`, or remove it"
                    ),
                )

    def warn_graph(self, start: str) -> None:
        """Reachability warnings, from every scene's gotos, whether or not the
        scene loaded. A scene whose gotos are not all known (a goto or the
        choices failed) may lead anywhere: once it is reachable, nothing is
        reported unreachable, and it counts as able to reach an ending."""
        scenes = self.scene_ids + self.broken_scenes
        endings = self.ending_ids + self.broken_endings
        open_endings = [e for e in endings if e not in self.closed_endings]
        edges: dict[str, set[str]] = {}
        for sid in scenes:
            targets = set(self.edges.get(sid, ()))
            if "end" in targets:
                targets.discard("end")
                targets.update(open_endings)
            edges[sid] = targets
        unknown = self.open_edges | set(self.broken_scenes)
        seen, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        anywhere = bool(seen & unknown)
        for sid in self.scene_ids:
            if sid not in seen and not anywhere:
                self.report(
                    "TQ401",
                    f"scene '{sid}' can never be reached",
                    ("scenes", sid),
                    target="table",
                    hint="no choice leads here; add a goto to it, or remove it",
                )
        for eid in self.ending_ids:
            if eid not in seen and not anywhere:
                self.report(
                    "TQ401",
                    f"ending '{eid}' can never be reached",
                    ("endings", eid),
                    target="table",
                    hint='no goto names it; `goto = "end"` reaches endings whose `when` can hold',
                )
        # Scenes from which no ending can be reached: a loop that never ends.
        # Walk the graph backwards from the endings.
        incoming: dict[str, list[str]] = {}
        for sid, targets in edges.items():
            for t in targets:
                incoming.setdefault(t, []).append(sid)
        finishing = set(endings) | unknown
        todo = list(finishing)
        while todo:
            for prev in incoming.get(todo.pop(), ()):
                if prev not in finishing:
                    finishing.add(prev)
                    todo.append(prev)
        for sid in self.scene_ids:
            if sid in seen and sid not in finishing:
                self.report(
                    "TQ406",
                    f"no ending can be reached from scene '{sid}': the story loops forever",
                    ("scenes", sid),
                    target="table",
                    hint='give some choice on the way a goto to "end"',
                )


# --- entry points ------------------------------------------------------------------


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def check_bytes(data: bytes, file: str = "<string>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Load a scenario from raw bytes. Returns (scenario or None, diagnostics),
    with every diagnostic placed at its line and column."""
    diags: list[Diagnostic] = []
    scenario = None
    text = None
    shown = ""  # the text to quote source lines from
    if len(data) > fmt.MAX_FILE_BYTES:
        diags.append(
            Diagnostic(
                "TQ002",
                f"the file is {len(data):,} bytes; the limit is {fmt.MAX_FILE_BYTES:,} bytes",
                (),
                "table",
            )
        )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            d = Diagnostic(
                "TQ002",
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                (),
                "table",
                hint="save it as UTF-8",
            )
            # Point at the byte; the source line is shown with U+FFFD in its place.
            shown = data.decode("utf-8", "replace")
            before = data[: exc.start].decode("utf-8", "replace")
            if before.startswith("\ufeff"):
                before, shown = before[1:], shown[1:]
            d.line, d.col = point(before, len(before))
            d.end_line, d.end_col = d.line, d.col + 1
            diags.append(d)
    parsed = None
    if text is not None:
        if text.startswith("\ufeff"):
            # Taplo (and so Even Better TOML) rejects a leading BOM as an
            # unexpected token: refuse it too, so the file works in every tool.
            d = Diagnostic(
                "TQ002",
                "the file starts with a byte order mark (BOM)",
                (),
                "table",
                hint="save it as UTF-8 without a BOM; TOML editors (Taplo) reject it too",
            )
            d.line, d.col, d.end_line, d.end_col = 1, 1, 1, 2
            diags.append(d)
            text = text[1:]
        refusal = toml_guard.check_shape(text, toml_guard.SCENARIO)
        if refusal is not None:
            d = Diagnostic("TQ004", refusal.message, (), "table", hint=_SHAPE_HINT)
            d.line, d.col = refusal.line, refusal.col
            diags.append(d)
        else:
            try:
                parsed = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                diags.append(syntax_diagnostic(exc, text))
    if parsed is not None:
        structure = _Structure(diags)
        cleaned = structure.check(parsed, fmt.SCENARIO, ())
        if cleaned is not _BAD:
            scenario = _Builder(cleaned, diags, structure).build()
        if structure.left_out:
            diags.append(_left_out(structure, text))
        del parsed, cleaned, structure  # free a big file's values before the position pass
    if diags:
        from trustquest.engine.positions import place  # only when there is something to report

        place(diags, text if text is not None else shown, file)
        diags.sort(key=sort_key)
    if scenario is not None:
        scenario = _with_origin(scenario, file, digest_of(data))
    return scenario, diags


def _left_out(structure: _Structure, text: str) -> Diagnostic:
    """One last diagnostic, at the end of the file, for the problems not listed."""
    d = Diagnostic(
        "TQ005",
        f"{structure.left_out:,} more problem{'s' * (structure.left_out != 1)} "
        f"{'were' if structure.left_out != 1 else 'was'} found but not listed",
        (),
        "table",
        hint=f"only the first {MAX_REPORTED} are listed; fix those, then validate again",
        severity="error" if structure.left_out_error else "warning",
    )
    d.line = text.rstrip().count("\n") + 1  # the last line with something on it
    d.col = 1
    return d


def _with_origin(scenario: Scenario, file: str, digest: str) -> Scenario:
    import attrs

    return attrs.evolve(scenario, path=file, digest=digest)


def check_file(path: str | Path) -> tuple[Scenario | None, list[Diagnostic]]:
    path = Path(path)
    try:
        data = read_limited(path, fmt.MAX_FILE_BYTES)
    except FileTooLarge as exc:  # reported without reading it all
        message = f"the file is {exc.size:,} bytes; the limit is {fmt.MAX_FILE_BYTES:,} bytes"
        if exc.size == fmt.MAX_FILE_BYTES + 1:  # it grew while being read
            message = f"the file is more than {fmt.MAX_FILE_BYTES:,} bytes, the limit"
        d = Diagnostic("TQ002", message, (), "table")
    except OSError as exc:
        d = Diagnostic("TQ002", f"cannot read the file: {exc.strerror or exc}", (), "table")
    else:
        return check_bytes(data, str(path))
    d.file, d.line, d.col = str(path), 1, 1
    d.end_line, d.end_col = 1, 2
    return None, [d]


def load_file(path: str | Path) -> Scenario:
    """Load a scenario or raise ScenarioError with every diagnostic."""
    scenario, diags = check_file(path)
    if scenario is None:
        raise ScenarioError(diags)
    return scenario


def load_bytes(data: bytes, file: str = "<string>") -> Scenario:
    scenario, diags = check_bytes(data, file)
    if scenario is None:
        raise ScenarioError(diags)
    return scenario


def load_text(text: str, file: str = "<string>") -> Scenario:
    return load_bytes(text.encode("utf-8"), file)
