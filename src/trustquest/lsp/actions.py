"""Quick fixes: where the validator's hint suggests a name ("did you mean
'apart'?"), one action puts that name in place of the misspelt one."""

from __future__ import annotations

import re

from lsprotocol import types

from trustquest.lsp.diagnostics import SOURCE
from trustquest.lsp.documents import Lines

_SUGGESTION = re.compile(r"did you mean '([^'\n]+)'\?")
_NAME = re.compile(r"[A-Za-z0-9_-]+")


def _hint(d: types.Diagnostic) -> str:
    if isinstance(d.data, dict) and isinstance(d.data.get("hint"), str):
        return d.data["hint"]
    return d.message.rsplit("hint:", 1)[-1] if "hint:" in d.message else ""


def quick_fixes(
    uri: str, lines: Lines, diagnostics: list[types.Diagnostic]
) -> list[types.CodeAction]:
    actions = []
    for d in diagnostics:
        if d.source != SOURCE or d.range.start.line != d.range.end.line:
            continue
        m = _SUGGESTION.search(_hint(d))
        if not m:
            continue
        target = _misspelt(lines, d.range)
        if target is None:
            continue
        actions.append(
            types.CodeAction(
                title=f"Change to '{m.group(1)}'",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[d],
                is_preferred=True,
                edit=types.WorkspaceEdit(
                    changes={uri: [types.TextEdit(range=target, new_text=m.group(1))]}
                ),
            )
        )
    return actions


def _misspelt(lines: Lines, rng: types.Range) -> types.Range | None:
    """The name inside a diagnostic's range: without quotes, and after the
    last dot (`their.relaibility` -> `relaibility`)."""
    row = rng.start.line
    start = lines.to_chars(rng.start)[1]
    end = lines.to_chars(rng.end)[1]
    text = lines.line(row)[start:end]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        start, end, text = start + 1, end - 1, text[1:-1]
    if "." in text:
        cut = text.rindex(".") + 1
        start, text = start + cut, text[cut:]
    if not _NAME.fullmatch(text):
        return None
    return types.Range(start=lines.position(row, start), end=lines.position(row, end))
