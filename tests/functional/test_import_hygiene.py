"""The engine never imports Textual or Rich; `trustquest run` never loads Textual;
`simulate` loads Rich only to draw.

Checked in a fresh interpreter, because the test process itself may already
have imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import trustquest

ENGINE = sorted(
    f"trustquest.engine.{p.stem}"
    for p in (Path(trustquest.__file__).parent / "engine").glob("*.py")
    if p.stem != "__init__"
)
#: Every module of `tools/simulate` (its `render` draws with Rich, but only when called).
SIMULATE = sorted(
    f"trustquest.tools.simulate.{p.stem}"
    for p in (Path(trustquest.__file__).parent / "tools" / "simulate").glob("*.py")
    if p.stem not in ("__init__", "__main__")
)
HEADLESS = ENGINE + [
    "trustquest.catalog",
    "trustquest.saves",
    "trustquest.commands",
    "trustquest.plain",
]


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _heavy(mods: set[str], *names: str) -> list[str]:
    return sorted(m for m in mods if m.split(".")[0] in names)


def test_engine_modules_exist():
    assert "trustquest.engine.game" in ENGINE and "trustquest.engine.loader" in ENGINE


def test_engine_imports_neither_textual_nor_rich():
    mods = _modules_after("; ".join(f"import {m}" for m in ENGINE))
    assert _heavy(mods, "textual", "rich") == []


def test_headless_modules_import_neither_textual_nor_rich():
    mods = _modules_after("; ".join(f"import {m}" for m in HEADLESS))
    assert _heavy(mods, "textual", "rich") == []


def test_simulate_modules_exist():
    names = {m.rsplit(".", 1)[1] for m in SIMULATE}
    assert {"loops", "statistics", "report", "render", "cli"} <= names


def test_simulate_imports_rich_only_to_draw():
    mods = _modules_after("; ".join(f"import {m}" for m in SIMULATE))
    assert _heavy(mods, "textual", "rich") == []
    code = (
        "import io\n"
        "from trustquest.catalog import builtin_dir\n"
        "from trustquest.engine.loader import load_file\n"
        "from trustquest.tools.simulate import render_text, simulate\n"
        "report = simulate(load_file(builtin_dir() / 'late-again.toml'), runs=5, players=0)\n"
        "render_text(report, io.StringIO())\n"
    )
    mods = _modules_after(code)
    assert "rich.table" in mods  # it really drew
    assert _heavy(mods, "textual") == []


def test_run_command_does_not_import_textual():
    code = (
        "import io, contextlib\n"
        "from trustquest.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    rc = main(['run', 'late-again', '--choices', '1,1'])\n"
        "assert rc == 0, rc\n"
    )
    mods = _modules_after(code)
    assert "trustquest.engine.game" in mods  # it really ran
    assert _heavy(mods, "textual") == []


def test_validating_a_clean_file_skips_the_position_pass():
    code = (
        "from trustquest.engine.loader import check_file\n"
        "from trustquest.catalog import builtin_dir\n"
        "s, d = check_file(builtin_dir() / 'late-again.toml')\n"
        "assert s is not None and not d\n"
    )
    mods = _modules_after(code)
    assert "trustquest.engine.positions" not in mods
    assert "tree_sitter" not in mods
