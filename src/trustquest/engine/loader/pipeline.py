"""The loader's entry points: bytes or a file in, a `Scenario` and diagnostics out.

Loading runs in three passes:

1. `tomllib` parses the file (syntax errors stop here);
2. a structural pass (`shape.py`) walks the parsed data against the declared
   format (`format.py`): types, unknown keys, required keys, enums, limits. Bad
   values are dropped so that the next pass can still look at everything else;
3. a semantic pass (`build.py`) builds the read-only `Scenario` and checks how
   its parts fit together: gotos, meters, conditions, endings, reachability...

Problems are collected, never raised one by one, so an author sees every
problem at once. Only when there is something to report does the position
pass (`positions.py`) turn key paths into `line:col` spans.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from trustquest.engine import format as fmt
from trustquest.engine import toml_guard
from trustquest.engine.diagnostics import Diagnostic, sort_key
from trustquest.engine.loader.build import Builder
from trustquest.engine.loader.shape import BAD, MAX_REPORTED, Structure
from trustquest.engine.model import Scenario
from trustquest.engine.sha256 import hexdigest
from trustquest.engine.toml_syntax import point, syntax_diagnostic
from trustquest.errors import ScenarioError
from trustquest.files import FileTooLarge, read_limited

_SHAPE_HINT = "a scenario needs only a few levels, like [[scenes.ID.choices]] and { key = 1 }"


def digest_of(data: bytes) -> str:
    return hexdigest(data)[:16]


def check_bytes(data: bytes, file: str = "<string>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Load a scenario from raw bytes. Returns (scenario or None, diagnostics),
    with every diagnostic placed at its line and column.

    The steps: read the text, guard its shape, parse it, check and build it,
    then place what is reported."""
    diags: list[Diagnostic] = []
    scenario = None
    text, shown = _read(data, diags)
    if text is not None:
        text = _without_bom(text, diags)
        parsed = _parse(text, diags)
        if parsed is not None:
            scenario = _check(parsed, text, diags)
        del parsed  # free a big file's values before the position pass
    if diags:
        from trustquest.engine.positions import place  # only when there is something to report

        place(diags, text if text is not None else shown, file)
        diags.sort(key=sort_key)
    if scenario is not None:
        scenario = _with_origin(scenario, file, digest_of(data))
    return scenario, diags


def _read(data: bytes, diags: list[Diagnostic]) -> tuple[str | None, str]:
    """The file's text, or None when it is too large or not UTF-8; and the
    text to quote source lines from when it is not UTF-8."""
    if len(data) > fmt.MAX_FILE_BYTES:
        diags.append(
            Diagnostic(
                "TQ002",
                f"the file is {len(data):,} bytes; the limit is {fmt.MAX_FILE_BYTES:,} bytes",
                (),
                "table",
            )
        )
        return None, ""
    try:
        return data.decode("utf-8"), ""
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
        return None, shown


def _without_bom(text: str, diags: list[Diagnostic]) -> str:
    if not text.startswith("\ufeff"):
        return text
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
    return text[1:]


def _parse(text: str, diags: list[Diagnostic]) -> dict | None:
    """The parsed file, after the shape guard (size and nesting limits before
    any recursive pass); None when either refuses it."""
    refusal = toml_guard.check_shape(text, toml_guard.SCENARIO)
    if refusal is not None:
        d = Diagnostic("TQ004", refusal.message, (), "table", hint=_SHAPE_HINT)
        d.line, d.col = refusal.line, refusal.col
        diags.append(d)
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        diags.append(syntax_diagnostic(exc, text))
        return None


def _check(parsed: dict, text: str, diags: list[Diagnostic]) -> Scenario | None:
    """The structural pass, then the semantic one when the file is a table."""
    structure = Structure(diags)
    cleaned = structure.check(parsed, fmt.SCENARIO, ())
    scenario = None
    if cleaned is not BAD:
        scenario = Builder(cleaned, diags, structure).build()
    if structure.left_out:
        diags.append(_left_out(structure, text))
    return scenario


def _left_out(structure: Structure, text: str) -> Diagnostic:
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
