"""Scenario text, rendered for the full-screen game: the format's small
Markdown (read by `engine.markdown`) as Textual `Content`, which never parses
markup. Textual's Markdown widget did this before, but it brought markdown-it,
linkify and pygments into memory and a widget per paragraph into every
layout; this is one `Static`.
"""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.markdown import escape, fill_literal, parse
from trustquest.tui.literal import assemble, join, literal

__all__ = ["escape", "filled", "prose", "words_content"]


def prose(text: str) -> Content:
    """Render scenario text (already filled in) as Content."""
    blocks: list[Content] = []
    for block in parse(text):
        lines = []
        for line in block:
            parts: list[tuple[str, str] | str] = [f"  {line.mark} "] if line.mark else []
            for run in line.runs:
                style = " ".join(s for s, on in (("bold", run.bold), ("italic", run.italic)) if on)
                parts.append((run.text, style) if style else run.text)
            lines.append(assemble(*parts))
        blocks.append(join("\n", lines))
    return join("\n\n", blocks)


def filled(game, text: str, reader: str) -> Content:
    """Scenario text as `reader` reads it: placeholders filled in, with the
    players' names escaped so they show exactly as typed, then rendered."""
    return prose(fill_literal(game, text, reader))


def words_content(game, words) -> Content:
    """A choice's text in its chooser's words (`Game.words`), rendered."""
    return filled(game, words.source, words.reader) if words.source else literal(words.text)
