"""Problems found in a scenario, and the ways to print them.

Each diagnostic has a stable code, a severity, a message, a place
(`file:line:col` to `end_line:end_col`, 1-based, end exclusive) and maybe a
hint. While loading, the place is a *key path* into the TOML document; the
position pass (`positions.py`) turns paths into lines and columns, and runs
only when there is something to report.
"""

from __future__ import annotations

import json
import re

import attrs

from trustquest.engine.text import clean_line

#: Stable codes. Never renumber: editors, CI logs and docs refer to them.
CODES: dict[str, tuple[str, str]] = {
    "TQ001": ("error", "The file is not valid TOML."),
    "TQ002": ("error", "The file is too large, not UTF-8 text, or starts with a BOM."),
    "TQ003": ("error", "Unsupported or missing `format` version, or an empty file."),
    "TQ004": ("error", "The file nests too deeply or holds too many values to be read safely."),
    "TQ005": ("error", "More problems were found than are listed (warning if none is an error)."),
    "TQ101": ("error", "Unknown key."),
    "TQ102": ("error", "Wrong type of value."),
    "TQ103": ("error", "A required key is missing."),
    "TQ104": ("error", "A value is out of range or not one of the allowed values."),
    "TQ105": ("error", "A text, list or table is longer than the limit."),
    "TQ106": (
        "error",
        "An id is malformed (lowercase-kebab for scenarios, lowercase_snake for scenes).",
    ),
    "TQ201": ("error", "A `goto` names no scene or ending."),
    "TQ202": ("error", "An effect, start value or focus names an unknown meter."),
    "TQ203": ("error", "The start scene does not exist."),
    "TQ204": ("error", "A scene and an ending share an id."),
    "TQ205": ("error", "There is no fallback ending (the last ending must have no `when`)."),
    "TQ206": ("error", "An ending without `when` comes before the last ending."),
    "TQ207": ("error", "A dead end: a scene with no choices."),
    "TQ208": ("error", "An `actor` or `predict` that the scenario's modes cannot play."),
    "TQ209": ("error", "The choices of a `both` scene lead to different scenes."),
    "TQ210": ("error", "A placeholder that does not exist."),
    "TQ211": ("error", "`trust` is derived and cannot be changed directly."),
    "TQ212": ("error", "A habit (`repeat`) is also marked `breach`."),
    "TQ301": ("error", "A condition does not parse or mixes numbers with true/false."),
    "TQ302": ("error", "A condition names an unknown meter or scene."),
    "TQ401": ("warning", "A scene or ending can never be reached."),
    "TQ402": ("warning", "A flag is read but never set."),
    "TQ403": ("warning", "A flag is set but never read."),
    "TQ404": ("warning", "Every choice of a scene can be locked at once."),
    "TQ405": ("warning", "A condition can never be true."),
    "TQ406": ("warning", "No ending can be reached from a scene (a loop that never ends)."),
    "TQ407": ("warning", "`locked` is given but the choice has no `if`."),
    "TQ408": ("warning", "`match` is given on a scene that is neither `both` nor `predict`."),
    "TQ409": ("warning", "A condition is always true."),
    "TQ410": ("warning", "A verb after {they} or {They} agrees with only some pronouns."),
    "TQ411": ("warning", "`span` is given but the choice has no `repeat`."),
}


@attrs.define
class Diagnostic:
    code: str
    message: str
    path: tuple = ()
    #: What in the document to point at: "key", "value" or "table" (its header).
    target: str = "value"
    #: (offset, length) inside a string value, e.g. the bad part of a condition.
    sub: tuple[int, int] | None = None
    hint: str | None = None
    severity: str = ""
    file: str = ""
    line: int = 0
    col: int = 0
    end_line: int = 0
    end_col: int = 0
    #: The source line as quoted: around the span when the line is long.
    source_line: str = ""
    #: Where the span starts in `source_line` (1-based), when it was shortened.
    source_col: int = 0

    def __attrs_post_init__(self):
        if not self.severity:
            self.severity = CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "hint": self.hint,
        }


#: Longest source line quoted whole; longer ones are quoted around the span.
QUOTE_WIDTH = 100
#: Longest message or hint; a longer one (it quotes a huge key) is shortened.
MESSAGE_WIDTH = 300
_QUOTED = re.compile(r"'[^']{61,}'")


def quote_line(line: str, col: int, end_col: int) -> tuple[str, int]:
    """The part of `line` to quote for a span from `col` to `end_col`
    (1-based, end exclusive), and where the span starts in it. A line longer
    than QUOTE_WIDTH is cut to QUOTE_WIDTH characters around the span's start,
    with "…" where something was left out."""
    if len(line) <= QUOTE_WIDTH:
        return line, col
    lo = max(0, min(col - 1 - QUOTE_WIDTH // 3, len(line) - QUOTE_WIDTH))
    hi = lo + QUOTE_WIDTH
    head = "…" if lo else ""
    return head + line[lo:hi] + ("…" if hi < len(line) else ""), col - lo + len(head)


def clip(text: str) -> str:
    """`text` with overlong quoted parts shortened, at most MESSAGE_WIDTH long."""
    if len(text) <= MESSAGE_WIDTH:
        return text
    text = _QUOTED.sub(lambda m: m.group()[:41] + "…" + m.group()[-11:], text)
    return text if len(text) <= MESSAGE_WIDTH else text[: MESSAGE_WIDTH - 1] + "…"


def describe_path(path: tuple) -> str:
    """How a message names the value at `path`: 'scenes.x.choices[2].goto'."""
    if not path:
        return "the file"
    if isinstance(path[-1], int) and len(path) >= 2 and path[-2] in ("choices", "variants"):
        return f"{_singular(path[-2])} {path[-1] + 1} of '{dotted_path(path[:-2])}'"
    if isinstance(path[-1], int):
        return f"item {path[-1] + 1} of '{dotted_path(path[:-1])}'"
    return f"'{dotted_path(path)}'"


def dotted_path(path: tuple) -> str:
    """A key path as TOML spells it, with 1-based items: 'scenes.x.choices[2]'."""
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (("." if out else "") + str(p))
    return out


def _singular(word) -> str:
    return {"choices": "choice", "variants": "variant"}.get(str(word), str(word))


def sort_key(d: Diagnostic):
    return (d.file, d.line, d.col, d.code)


# --- output formats ----------------------------------------------------------


def format_text(d: Diagnostic) -> str:
    """rustc-style: the message, the place, the source line with carets, the hint."""
    lines = [f"{d.severity}[{d.code}]: {d.message}", f"  --> {clean_line(d.file)}:{d.line}:{d.col}"]
    if d.source_line:
        num = str(d.line)
        pad = " " * len(num)
        src = d.source_line.expandtabs(1)
        col = d.source_col or d.col
        width = (d.end_col - d.col) if d.end_line == d.line and d.end_col > d.col else 1
        width = max(1, min(width, len(src) - col + 2))
        lines += [
            f"{pad} |",
            f"{num} | {src}",
            f"{pad} | {' ' * (col - 1)}{'^' * width}",
        ]
    if d.hint:
        lines.append(f"  = hint: {d.hint}")
    return "\n".join(lines)


def format_concise(d: Diagnostic) -> str:
    return f"{clean_line(d.file)}:{d.line}:{d.col}: {d.severity}: {d.message} [{d.code}]"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(d: Diagnostic) -> str:
    kind = "error" if d.is_error else "warning"
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    props = (
        f"file={_gh_prop(d.file)},line={d.line},col={d.col},"
        f"endLine={d.end_line},endColumn={d.end_col},title={_gh_prop(d.code)}"
    )
    return f"::{kind} {props}::{_gh_data(message)}"


def format_json(diags: list[Diagnostic]) -> str:
    return json.dumps({"version": 1, "diagnostics": [d.to_json() for d in diags]}, indent=2)


def summary(diags: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    noun = "file" if files == 1 else "files"
    if not diags:
        return f"{files} {noun} checked: no problems."
    return f"{files} {noun} checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."


FORMATS = ("text", "concise", "json", "github")
