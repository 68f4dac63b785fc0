"""`trustquest validate --format text|concise|json|github`, through the CLI:
every problem in every file, folders walked, exit codes, and each format's
exact shape (GitHub's escaping included)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from trustquest.catalog import builtin_dir
from trustquest.cli import main
from trustquest.engine.diagnostics import CODES, Diagnostic, format_github

#: Three errors: an unknown key, a goto to nowhere, a condition that does not parse.
BROKEN = """\
format = 1

[scenario]
id = "broken"
title = "Broken"
sumary = "A misspelled key."
start = "intro"

[scenes.intro]
text = "Hello."

[[scenes.intro.choices]]
text = "Go on."
goto = "nowhere"

[[scenes.intro.choices]]
text = "Maybe."
if = "their.trust >> 3"
goto = "end"

[endings.last]
title = "Last"
tone = "broken"
text = "The end."
"""

#: Only a warning: a flag that is set but never read.
WARNING_ONLY = """\
format = 1

[scenario]
id = "warned"
title = "Warned"
summary = "Only a warning."
start = "intro"

[scenes.intro]
text = "Hello."

[[scenes.intro.choices]]
text = "Go on."
goto = "end"
sets = ["unused_flag"]

[endings.last]
title = "Last"
tone = "hopeful"
text = "The end."
"""

#: An unknown key with a percent sign in it, for GitHub's escaping.
PERCENT = WARNING_ONLY.replace('id = "warned"', 'id = "percent"\n"100%" = 1').replace(
    'sets = ["unused_flag"]\n', ""
)

KEYS = {"code", "severity", "message", "file", "line", "col", "end_line", "end_col", "hint"}


@pytest.fixture
def tree(tmp_path) -> Path:
    """A folder with a broken file, a nested folder with another broken file
    and a warning-only file, and a file that is not TOML at all."""
    root = tmp_path / "stories"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (root / "nested" / "deeper" / "also-broken.toml").write_text(
        BROKEN.replace('id = "broken"', 'id = "also-broken"')
    )
    (root / "nested" / "warned.toml").write_text(WARNING_ONLY, encoding="utf-8")
    (root / "notes.txt").write_text("not a scenario")
    return root


def validate(capsys, *args) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def json_diags(capsys, *args) -> tuple[int, list[dict]]:
    code, out, _ = validate(capsys, *args, "--format", "json")
    data = json.loads(out)
    assert set(data) == {"version", "diagnostics"} and data["version"] == 1
    return code, data["diagnostics"]


# --- every problem, every file, folders --------------------------------------------------


def test_json_shape_and_every_problem_in_every_file(tree, capsys):
    code, diags = json_diags(capsys, str(tree))
    assert code == 1
    for d in diags:
        assert set(d) == KEYS
        assert d["code"] in CODES and d["severity"] == CODES[d["code"]][0]
        assert isinstance(d["message"], str) and d["message"]
        assert all(
            isinstance(d[k], int) and d[k] >= 1 for k in ("line", "col", "end_line", "end_col")
        )
        assert (d["end_line"], d["end_col"]) >= (d["line"], d["col"])
        assert d["hint"] is None or isinstance(d["hint"], str)
    by_file: dict[str, list[str]] = {}
    for d in diags:
        by_file.setdefault(Path(d["file"]).name, []).append(d["code"])
    # The nested folders are walked; the .txt file is not a scenario.
    assert set(by_file) == {"broken.toml", "also-broken.toml", "warned.toml"}
    for name in ("broken.toml", "also-broken.toml"):
        assert sorted(by_file[name]) == ["TQ101", "TQ201", "TQ301"], name
    assert by_file["warned.toml"] == ["TQ403"]
    sumary = next(d for d in diags if d["code"] == "TQ101" and d["file"].endswith("/broken.toml"))
    assert (sumary["line"], sumary["col"], sumary["end_line"], sumary["end_col"]) == (6, 1, 6, 7)
    assert sumary["hint"] == "did you mean 'summary'?"
    goto = next(d for d in diags if d["code"] == "TQ201" and d["file"].endswith("/broken.toml"))
    assert (goto["line"], goto["col"], goto["end_col"]) == (14, 8, 17)
    # Sorted by file, then position.
    keys = [(d["file"], d["line"], d["col"]) for d in diags]
    assert keys == sorted(keys)


def test_several_paths_and_a_missing_one(tree, capsys):
    code, diags = json_diags(capsys, str(tree / "broken.toml"), str(tree / "nested"))
    assert code == 1
    assert {Path(d["file"]).name for d in diags} == {
        "broken.toml",
        "also-broken.toml",
        "warned.toml",
    }
    code, out, err = validate(capsys, str(tree / "nope.toml"))
    assert code == 2 and "no such file or folder" in err and "Traceback" not in err


def test_warnings_alone_exit_0(tree, capsys):
    for form in ("text", "concise", "json", "github"):
        code, out, _ = validate(capsys, str(tree / "nested" / "warned.toml"), "--format", form)
        assert code == 0, form
        assert "TQ403" in out, form


def test_clean_files_exit_0_with_nothing_to_say(capsys):
    code, out, _ = validate(capsys, str(builtin_dir()))
    assert code == 0
    assert re.fullmatch(r"\d+ files? checked: no problems\.\n", out)
    code, out, _ = validate(capsys, str(builtin_dir()), "--format", "json")
    assert json.loads(out) == {"version": 1, "diagnostics": []}
    for form in ("concise", "github"):
        code, out, _ = validate(capsys, str(builtin_dir()), "--format", form)
        assert code == 0 and out == ""


# --- text and concise ------------------------------------------------------------------------------


def test_text_format_shows_source_line_caret_and_hint(tree, capsys):
    code, out, _ = validate(capsys, str(tree / "broken.toml"))
    assert code == 1
    path = str(tree / "broken.toml")
    block = out.split("\n\n")
    unknown = next(b for b in block if "TQ101" in b)
    assert unknown.splitlines() == [
        "error[TQ101]: unknown key 'sumary' in 'scenario'",
        f"  --> {path}:6:1",
        "  |",
        '6 | sumary = "A misspelled key."',
        "  | ^^^^^^",
        "  = hint: did you mean 'summary'?",
    ]
    bad_if = next(b for b in block if "TQ301" in b).splitlines()
    assert bad_if[0].startswith("error[TQ301]: condition error")
    assert bad_if[3] == '18 | if = "their.trust >> 3"'
    caret = bad_if[4]
    assert caret.startswith("   | ") and set(caret[5:].strip()) == {"^"}
    assert out.rstrip().splitlines()[-1] == "1 file checked: 3 errors, 0 warnings."


def test_concise_format_is_one_line_each(tree, capsys):
    code, out, _ = validate(capsys, str(tree), "--format", "concise")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 7  # 3 + 3 errors, 1 warning
    pattern = re.compile(r"^(.+):(\d+):(\d+): (error|warning): (.+) \[(TQ\d{3})\]$")
    for line in lines:
        assert pattern.match(line), line
    assert f"{tree / 'broken.toml'}:6:1: error: unknown key 'sumary' in 'scenario' [TQ101]" in lines
    assert any(
        line.endswith("warning: flag 'unused_flag' is set but never read [TQ403]") for line in lines
    )


# --- github ---------------------------------------------------------------------------------------


GITHUB = re.compile(
    r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(TQ\d{3})::(.*)$"
)


def test_github_format_shape(tree, capsys):
    code, out, _ = validate(capsys, str(tree), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 7
    for line in lines:
        assert GITHUB.match(line), line
    kinds = {GITHUB.match(line).group(1) for line in lines}
    assert kinds == {"error", "warning"}
    path = str(tree / "broken.toml").replace(":", "%3A").replace(",", "%2C")
    assert (
        f"::error file={path},line=6,col=1,endLine=6,endColumn=7,title=TQ101::"
        "unknown key 'sumary' in 'scenario' (hint: did you mean 'summary'?)"
    ) in lines


@pytest.mark.skipif(
    sys.platform == "win32", reason="':' and newlines are not allowed in Windows file names"
)
def test_github_escapes_properties_and_message(tmp_path, capsys):
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    (folder / "100%.toml").write_text(PERCENT, encoding="utf-8")
    (folder / "two\nlines.toml").write_text(PERCENT, encoding="utf-8")
    code, out, _ = validate(capsys, str(folder), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2  # the file name's newline is escaped, so one line each
    base = str(folder).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    files = {GITHUB.match(line).group(2) for line in lines}
    assert files == {f"{base}/100%25.toml", f"{base}/two%0Alines.toml"}
    for line in lines:
        # In the message, % is escaped but : and , are not.
        assert (
            GITHUB.match(line)
            .group(8)
            .startswith("unknown key '100%25' in 'scenario' (hint: allowed keys: id,")
        )


def test_github_escapes_cr_and_lf_in_messages():
    d = Diagnostic("TQ101", "50% off\r\nnext: line, here", hint="a\nb", file="dir:x,y/f.toml")
    d.line, d.col, d.end_line, d.end_col = 3, 2, 3, 9
    assert format_github(d) == (
        "::error file=dir%3Ax%2Cy/f.toml,line=3,col=2,endLine=3,endColumn=9,title=TQ101::"
        "50%25 off%0D%0Anext: line, here (hint: a%0Ab)"
    )
    warning = Diagnostic("TQ403", "unused", file="f.toml")
    assert format_github(warning).startswith("::warning file=f.toml,")
