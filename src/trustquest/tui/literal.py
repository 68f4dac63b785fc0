"""The one way text reaches a widget: literally, and cleaned.

Scenario files, saves, the profile, file names and players' typing are all
untrusted. Every string the full-screen game shows is turned into Textual
`Content` here, which never parses markup (`[b]`, `[@click=...]`,
`[link=...]` stay as typed), after the engine's cleaning has removed control
characters (ESC, C1, DEL) and format characters (bidi overrides, zero-width
and tag characters): see `engine.text`.

Nothing else in `trustquest.tui` may build `Content` or hand a widget a bare
string that is not a constant; tests/functional/test_literal_only.py walks the
source and fails when something does.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from trustquest.engine.text import clean_line, strip_controls

#: A piece of `assemble`: text, (text, style), or Content built here.
Part = str | tuple[str, str] | Content

EMPTY = Content("")


def literal(text: str) -> Content:
    """Text shown exactly as written, over as many lines as it has."""
    return Content(strip_controls(str(text)))


def one_line(text: str) -> Content:
    """A name, title or file name: one line, no invisible characters."""
    return Content(clean_line(str(text)))


def field(text: str) -> str:
    """A one-line string for widgets that take `str` only (an Input's value
    or placeholder)."""
    return clean_line(str(text))


def styled(text: str, style: str) -> Content:
    """Literal text in a style. `style` is always the game's own constant."""
    return Content.styled(strip_controls(str(text)), style)


def _part(part: Part) -> Content | tuple[str, str] | str:
    if isinstance(part, Content):
        return part
    if isinstance(part, tuple):
        value, style = part
        return (strip_controls(str(value)), style)
    return strip_controls(str(part))


def assemble(*parts: Part) -> Content:
    """Content from pieces, each literal: like `Content.assemble`."""
    return Content.assemble(*(_part(p) for p in parts))


def join(separator: str, parts: Iterable[Part]) -> Content:
    """Pieces joined by a separator, each literal."""
    return Content(strip_controls(separator)).join(
        p if isinstance(p, Content) else assemble(p) for p in parts
    )


def clipped(text: str, width: int) -> Content:
    """One line of `text` in at most `width` cells, an ellipsis marking a cut."""
    return one_line(text).truncate(max(width, 1), ellipsis=True)


def named(template: str, name: str, width: int, fallback: str = "", shortest: int = 4) -> Content:
    """`template` with `name` for its `{}`, in at most `width` cells: the name
    is cut (to no fewer than `shortest` cells), never the words around it, so
    a heading reads "Bartholomew-Fe…'s trust in you", not "…'s trust in y…".
    When even the shortest name leaves no room, `fallback` (no name in it)."""
    before, _, after = template.partition("{}")
    room = width - len(before) - len(after)
    whole = one_line(name)
    if whole.cell_length > room:
        if room < min(shortest, whole.cell_length):
            return clipped(fallback or before + after, width)
        whole = whole.truncate(room, ellipsis=True)
    return assemble(before, whole, after)
