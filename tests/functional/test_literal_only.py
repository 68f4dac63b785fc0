"""Untrusted text reaches a widget only through `trustquest.tui.literal`.

This walks the source of `trustquest.tui` (AST, no import) so that a new
screen cannot forget it:

- nothing but `tui/literal.py` builds `Content` or Rich `Text`, parses
  markup, or turns markup on (`markup=True`);
- every text a widget receives (constructor arguments, `.update()`, options,
  `border_title`, a `render()` result...) is a constant, or comes from the
  literal helpers or from a function declared to return `Content` (which,
  by the first rule, can only have been built by those helpers). A local
  variable counts when everything ever assigned to it in its function does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trustquest.tui as tui_package

TUI = Path(tui_package.__file__).parent
SAFE_MODULE = TUI / "literal.py"
SAFE_HELPERS = {"literal", "one_line", "field", "styled", "assemble", "join", "clipped", "named"}
#: Content methods that keep content literal.
CONTENT_METHODS = {"stylize", "stylize_before", "pad_right", "pad_left", "truncate", "rstrip"}

#: Widgets whose text arguments are shown, and which of their keywords are text.
SINK_CLASSES = {
    "Static",
    "Label",
    "Button",
    "Option",
    "RadioButton",
    "Checkbox",
    "Switch",
    "Input",
    "LineInput",
    "TextArea",
    "Tab",
    "TabPane",
    "ListItem",
    "Collapsible",
    "Digits",
    "Link",
    "Markdown",
    "MarkdownViewer",
    "Log",
    "RichLog",
    "Pretty",
    "Toast",
    "Tooltip",
    "Select",
    "SelectionList",
    "Header",
    "Placeholder",
    "SystemCommand",
    "Hit",
    "DiscoveryHit",
}
SINK_KEYWORDS = {
    "label",
    "prompt",
    "renderable",
    "content",
    "placeholder",
    "value",
    "title",
    "text",
    "tooltip",
    "help",
    "name_text",
}
SINK_METHODS = {
    "update",
    "add_option",
    "add_options",
    "set_options",
    "add_row",
    "add_rows",
    "add_column",
    "add_columns",
    "set_content",
}
SINK_ATTRIBUTES = {"border_title", "border_subtitle", "title", "sub_title", "tooltip", "label"}
BANNED_NAMES = {"Content", "Text"}
#: Widgets with a cleaned replacement: use that instead.
REPLACED = {"Input": "LineInput"}


def sources() -> list[Path]:
    return sorted(p for p in TUI.rglob("*.py") if p != SAFE_MODULE)


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text("utf-8"), filename=str(p)) for p in sources()}


def _content_functions(trees) -> set[str]:
    """Functions and methods declared to return Content (or a generator of widgets)."""
    out = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
                returns = ast.unparse(node.returns)
                if returns == "Content":
                    out.add(node.name)
    return out


class Checker(ast.NodeVisitor):
    def __init__(self, path: Path, tree: ast.Module, content_functions: set[str]):
        self.path = path
        #: Calls by name: the helpers, Content functions, and widgets (checked themselves).
        self.safe_calls = SAFE_HELPERS | content_functions | SINK_CLASSES
        #: Method calls: only those declared to return Content (`" ".join` is a str).
        self.safe_methods = content_functions
        self.problems: list[str] = []
        self.functions: list[ast.AST] = []
        self.module = tree
        self.module_constants = {
            t.id
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(t, ast.Name) and node.value is not None and _constant(node.value)
        }

    def problem(self, node: ast.AST, what: str) -> None:
        rel = self.path.relative_to(TUI.parent)
        self.problems.append(f"{rel}:{node.lineno}: {what}: {ast.unparse(node)[:90]}")

    # --- rule 1: nobody else builds Content or parses markup ---------------------------

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module in ("rich.text", "rich.markup", "textual.markup"):
            self.problem(node, "imports markup or Rich text")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name) and node.value.id in BANNED_NAMES:
            self.problem(node, f"builds {node.value.id} outside tui/literal.py")
        if node.attr in ("from_markup", "from_rich_text", "render_markup", "from_text"):
            self.problem(node, "parses markup")
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg == "markup" and not (
            isinstance(node.value, ast.Constant) and node.value.value is False
        ):
            self.problem(node.value, "markup must be False")
        self.generic_visit(node)

    # --- rule 2: every widget text is literal ------------------------------------------

    def visit_FunctionDef(self, node) -> None:
        self.functions.append(node)
        if node.name == "render":
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and ret.value is not None:
                    self.check(ret.value, "render() returns text that is not literal")
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if isinstance(func, ast.Name) and name in BANNED_NAMES:
            self.problem(node, f"builds {name} outside tui/literal.py")
        if isinstance(func, ast.Name) and name in REPLACED:
            self.problem(node, f"use {REPLACED[name]}, which keeps its value clean")
        if isinstance(func, ast.Name) and name in SINK_CLASSES:
            if node.args:
                self.check(node.args[0], f"{name}() gets text that is not literal")
            for kw in node.keywords:
                if kw.arg in SINK_KEYWORDS:
                    self.check(kw.value, f"{name}({kw.arg}=) gets text that is not literal")
        if isinstance(func, ast.Attribute) and name in SINK_METHODS:
            for arg in node.args:
                self.check(arg, f".{name}() gets text that is not literal")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in SINK_ATTRIBUTES:
                self.check(node.value, f"{target.attr} is set to text that is not literal")
        self.generic_visit(node)

    # --- what counts as literal ---------------------------------------------------------

    def check(self, expr: ast.AST, what: str) -> None:
        if not self.safe(expr, set()):
            self.problem(expr, what)

    def safe(self, expr: ast.AST, seen: set[str]) -> bool:
        if _constant(expr):
            return True
        if isinstance(expr, ast.Call):
            func = expr.func
            if isinstance(func, ast.Name):
                return func.id in self.safe_calls
            if isinstance(func, ast.Attribute):
                if func.attr in self.safe_methods:
                    return True
                return func.attr in CONTENT_METHODS and self.safe(func.value, seen)
            return False
        if isinstance(expr, ast.Compare | ast.UnaryOp):
            return True  # a bool or a number, not text
        if isinstance(expr, ast.IfExp):
            return self.safe(expr.body, seen) and self.safe(expr.orelse, seen)
        if isinstance(expr, ast.BoolOp):
            return all(self.safe(v, seen) for v in expr.values)
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            return all(self.safe(e, seen) for e in expr.elts)
        if isinstance(expr, ast.ListComp | ast.GeneratorExp):
            return self.safe(expr.elt, seen)
        if isinstance(expr, ast.Starred):
            return self.safe(expr.value, seen)
        if isinstance(expr, ast.Name):
            return self.safe_name(expr.id, seen)
        return False

    def safe_name(self, name: str, seen: set[str]) -> bool:
        if name in seen:
            return True
        seen = seen | {name}
        scope = self.functions[-1] if self.functions else self.module
        values = list(_bindings(scope, name))
        if not values:
            return name in self.module_constants
        return all(v is not None and self.safe(v, seen) for v in values)


def _constant(expr: ast.AST) -> bool:
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str | int | float | type(None))
    if isinstance(expr, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in expr.values)
    return False


def _bindings(scope: ast.AST, name: str):
    """Everything assigned to `name` in `scope` (None: something not checkable,
    a loop variable, a parameter without a Content annotation)."""
    args = getattr(scope, "args", None)
    if args is not None:
        for arg in args.posonlyargs + args.args + args.kwonlyargs:
            if arg.arg == name:
                ok = arg.annotation is not None and "Content" in ast.unparse(arg.annotation)
                yield ast.Constant("") if ok else None
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for t in ast.walk(target):
                    if isinstance(t, ast.Name) and t.id == name:
                        yield node.value if t is target else None
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            if isinstance(node.target, ast.Name) and node.target.id == name:
                yield node.value
        elif isinstance(node, ast.For | ast.comprehension):
            for t in ast.walk(node.target):
                if isinstance(t, ast.Name) and t.id == name:
                    yield None
        elif isinstance(node, ast.NamedExpr) and node.target.id == name:
            yield node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend", "insert")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            yield from node.args[-1:]


def test_the_checker_sees_the_screens():
    names = {p.name for p in sources()}
    assert {"app.py", "play.py", "hotseat.py", "setup.py", "dialogs.py", "prose.py"} <= names


def test_every_widget_text_goes_through_the_literal_helpers():
    trees = _trees()
    functions = _content_functions(trees)
    problems = []
    for path, tree in trees.items():
        checker = Checker(path, tree, functions)
        checker.visit(tree)
        problems += checker.problems
    assert not problems, "\n".join(problems)


BAD = [
    ("Static(name)", "Static() gets text that is not literal"),
    ("Static(f'{name} waits')", "Static() gets text that is not literal"),
    ("Button(label, id='x')", "Button() gets text that is not literal"),
    ("self.query_one(Static).update(self.body)", ".update() gets text"),
    ("widget.border_title = title", "border_title is set"),
    ("Option(text)", "Option() gets text"),
    ("LineInput(placeholder=role.name)", "LineInput(placeholder=) gets text"),
    ("Input('')", "use LineInput"),
    ("Content('x')", "builds Content"),
    ("Content.from_markup('x')", "builds Content"),
    ("Static('x', markup=True)", "markup must be False"),
    ("text = literal('a')\ntext = name\nStatic(text)", "Static() gets text"),
    ("for label in labels:\n    Button(label)", "Button() gets text"),
    ("widget.border_title = ' · '.join(labels)", "border_title is set"),
    ("def render(self):\n    return name", "render() returns text"),
]


@pytest.mark.parametrize(("code", "complaint"), BAD)
def test_the_checker_catches_a_forgotten_path(code, complaint):
    body = "\n".join("    " + line for line in code.splitlines())
    tree = ast.parse(f"def compose(self, name, labels, role, title, widget):\n{body}\n")
    checker = Checker(TUI / "screens" / "example.py", tree, set())
    checker.visit(tree)
    assert any(complaint in p for p in checker.problems), checker.problems


GOOD = [
    "Static('Constant')",
    "Static(literal(name))",
    "Button(one_line(f'I am {name}'), id='go')",
    "lines = [styled(name, 'bold')]\nlines.append(assemble('x'))\nStatic(join('\\n', lines))",
    "widget.border_title = one_line(title) if title else ''",
    "LineInput(field(name), placeholder=field(role.name))",
]


@pytest.mark.parametrize("code", GOOD)
def test_the_checker_accepts_the_literal_path(code):
    body = "\n".join("    " + line for line in code.splitlines())
    tree = ast.parse(f"def compose(self, name, labels, role, title, widget):\n{body}\n")
    checker = Checker(TUI / "screens" / "example.py", tree, set())
    checker.visit(tree)
    assert checker.problems == []
