"""The engine never imports Textual or Rich; `trustquest run` never loads Textual;
`simulate` loads Rich only to draw.

Checked in a fresh interpreter, because the test process itself may already
have imported everything.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import trustquest

_SRC = Path(trustquest.__file__).parent.parent


def _module(path: Path) -> str:
    parts = path.relative_to(_SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: Every engine module, those of its packages (the loader) included.
ENGINE = sorted(
    {_module(p) for p in (_SRC / "trustquest" / "engine").rglob("*.py")} - {"trustquest.engine"}
)
#: The loader's modules, one job each.
LOADER = [m for m in ENGINE if m.startswith("trustquest.engine.loader.")]
#: Every module of `tools/simulate` (its `render` draws with Rich, but only when called).
SIMULATE = sorted(
    _module(p)
    for p in (_SRC / "trustquest" / "tools" / "simulate").glob("*.py")
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
    jobs = {m.rsplit(".", 1)[1] for m in LOADER}
    assert {"pipeline", "shape", "build", "crossrefs", "flags", "graph", "suggestions"} <= jobs


def _imports_in(module: str) -> set[str]:
    """Every module `module`'s source imports, late imports inside functions included."""
    path = _SRC.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_toml_syntax_does_not_import_the_loader():
    """No cycle: the loader uses `toml_syntax`, never the other way round, not
    even through a late import (a repeated key runs its slowest path)."""
    assert not [m for m in _imports_in("trustquest.engine.toml_syntax") if ".loader" in m]
    code = (
        "import tomllib\n"
        "from trustquest.engine.toml_syntax import syntax_diagnostic\n"
        "text = '[scenes.a]\\ntext = 1\\ntext = 2\\n'\n"
        "try:\n"
        "    tomllib.loads(text)\n"
        "except tomllib.TOMLDecodeError as exc:\n"
        "    d = syntax_diagnostic(exc, text)\n"
        "assert \"set twice in 'scenes.a'\" in d.message, d.message\n"
    )
    mods = _modules_after(code)
    assert "trustquest.engine.toml_syntax" in mods
    assert sorted(m for m in mods if m.startswith("trustquest.engine.loader")) == []


def test_loader_modules_import_each_other_in_one_direction():
    """The loader's modules form no cycle among themselves either."""
    deps = {m: {d for d in _imports_in(m) if d in LOADER and d != m} for m in LOADER}
    done: set[str] = set()

    def visit(m: str, trail: tuple[str, ...]) -> None:
        assert m not in trail, " -> ".join(trail + (m,))
        if m not in done:
            for d in deps[m]:
                visit(d, trail + (m,))
            done.add(m)

    for m in LOADER:
        visit(m, ())


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


SCREENS = Path(trustquest.__file__).parent / "tui" / "screens"


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (lazy imports too)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against trustquest.tui.screens
                base = "trustquest.tui.screens".rsplit(".", node.level - 1)[0]
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            # `from trustquest.tui.screens import play` imports the module `play`.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def screen_imports(path: Path) -> list[str]:
    """The other screen modules (and the app) a screen module imports."""
    me = f"trustquest.tui.screens.{path.stem}"
    screens = {f"trustquest.tui.screens.{p.stem}" for p in SCREENS.glob("*.py")} - {
        "trustquest.tui.screens.__init__"
    }
    return sorted(
        m
        for m in _imported_modules(path)
        if (m in screens and m != me) or m == "trustquest.tui.app"
    )


def test_no_screen_imports_another_screen_or_the_app():
    """Screens tell the app what happened (tui/messages.py); the app opens screens."""
    offenders = {
        p.name: screen_imports(p) for p in sorted(SCREENS.glob("*.py")) if screen_imports(p)
    }
    assert offenders == {}


def test_the_screen_import_check_catches_every_form(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f():\n"
        "    from trustquest.tui.screens.play import PlayScreen\n"
        "from trustquest.tui.screens import ending\n"
        "from . import hotseat\n"
        "import trustquest.tui.screens.journal\n"
        "from trustquest.tui.app import MIN_WIDTH\n",
        encoding="utf-8",
    )
    assert screen_imports(probe) == [
        "trustquest.tui.app",
        "trustquest.tui.screens.ending",
        "trustquest.tui.screens.hotseat",
        "trustquest.tui.screens.journal",
        "trustquest.tui.screens.play",
    ]
