"""The change line: what the last turn moved, in one line above the story.

    Kai→you ▼▼ Transparency −24 ✚  ▼ Respect −5 · overall 51 → 42

Symbols carry the meaning (legend in `widgets.meters.LEGEND`): ▲ rose, ▼
fell, doubled for 6 or more; ✚ a wound opened, ✓ one healed. Numbers are
rounded as the meters are (`describe.shown`), so the line and the bar agree.
The biggest moves come first; what does not fit the width is counted
("+2 more"), and the detail view (d) and the journal have it all.
"""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.describe import meter_label, shown, signed, symbol
from trustquest.engine.game import Game
from trustquest.engine.meters import other
from trustquest.engine.recent import Move, Recent
from trustquest.tui.literal import EMPTY, assemble, clipped, one_line, styled


def _move_parts(game: Game, move: Move) -> list:
    mark = " ✚" if move.wound_opened else " ✓" if move.wound_closed else ""
    return [
        (symbol(move.delta) + " ", "bold"),
        f"{meter_label(game.scenario, move.meter)} {signed(move.before, move.after)}",
        (mark, "bold $error" if move.wound_opened else "bold"),
    ]


def _visible(moves) -> list[Move]:
    """Moves the meters show: those whose shown number changed, or a wound."""
    return [
        m for m in moves if shown(m.after) != shown(m.before) or m.wound_opened or m.wound_closed
    ]


def _line(
    game: Game, recent: Recent, reader: str, keep: int, overall: bool = True, name_width: int = 0
) -> tuple[Content, int]:
    """The line with the `keep` most important moves, and overall trust before
    → after unless `overall` is False; and how many moves were left out. With
    `name_width`, a name takes at most that many cells."""
    moves = _visible(recent.moves)
    kept = set(moves[:keep])
    names = game.state.names
    parts: list = []
    for owner in (other(reader), reader):
        mine = [m for m in moves if m.role == owner]
        shown_here = [m for m in mine if m in kept]
        if not mine or not (shown_here or overall):
            continue
        if parts:
            parts.append(("  │  ", "dim"))
        partner = names[owner] if owner != reader else names[other(owner)]
        name = clipped(partner, name_width) if name_width else one_line(partner)
        head = assemble(name, "→you") if owner != reader else assemble("you→", name)
        parts.append(head.stylize("italic"))
        for m in shown_here:
            parts.append("  ")
            parts.extend(_move_parts(game, m))
        before, now = recent.trust_before[owner], game.trust(owner)
        if overall and shown(before) != shown(now):
            joint = "  · " if shown_here else "  "
            parts.append(f"{joint}overall {shown(before)} → {shown(now)}")
    left = len(moves) - min(keep, len(moves))
    if left:
        parts.append((f"  +{left} more (d)", "dim"))
    return assemble(*parts), left


def change_line(game: Game, recent: Recent | None, reader: str, width: int) -> Content:
    """The line, as many moves as fit in `width` cells: overall trust goes
    before the last move does."""
    if recent is None or not _visible(recent.moves):
        return EMPTY
    total = len(_visible(recent.moves))
    # A long name is cut only when not even one move fits beside it whole.
    for name_width in (0, 12, 6):
        for overall in (True, False):
            for keep in range(total, 0, -1):
                line, _left = _line(game, recent, reader, keep, overall, name_width)
                if line.cell_length <= width:
                    return line
    return _line(game, recent, reader, 1, overall=False, name_width=6)[0]


def nothing_moved(recent: Recent | None) -> bool:
    return recent is None or not _visible(recent.moves)


def quiet_note() -> Content:
    return styled("Nothing in the meters moved.", "dim italic")
