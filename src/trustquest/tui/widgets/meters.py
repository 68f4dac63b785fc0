"""Both trust profiles side by side: a bar and a number for every meter.

Nothing is told by colour alone: every bar has its number, and an open wound
is marked with ✚ (explained in the legend).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from trustquest.tui.literal import assemble, join, literal, styled

BAR_WIDTH = 4
LABEL_WIDTH = 13
CELL_WIDTH = BAR_WIDTH + 5  # bar, space, 3 digits, wound mark
WOUND = "✚"


def level_style(value: float) -> str:
    if value >= 65:
        return "$success"
    if value >= 35:
        return "$primary"
    return "$error"


EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, width: int = BAR_WIDTH) -> tuple[str, str]:
    """(filled, empty) parts of a bar, in eighth-cell steps."""
    value = max(0.0, min(100.0, value))
    eighths = round(value / 100 * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (EIGHTHS[part] if part else "")
    return filled, "░" * (width - len(filled))


def cell(value: float, wounded: bool) -> Content:
    filled, empty = bar(value)
    return assemble(
        (filled, level_style(value)),
        (empty, "$foreground 30%"),
        f" {value:>3.0f}",
        (WOUND if wounded else " ", "bold $error"),
    )


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def short_name(name: str, room: int) -> str:
    return fit(name, room)


def meters_content(game, reader: str = "a") -> Content:
    """The table of both profiles, from `reader`'s side (solo: role a)."""
    from trustquest.engine.meters import other

    state = game.state
    partner = other(reader)
    pname = state.names[partner]
    theirs, yours = partner, reader
    head_l = fit(f"{short_name(pname, 6)}→you", CELL_WIDTH)
    head_r = fit(f"you→{short_name(pname, 6)}", CELL_WIDTH)
    rows: list[Content] = [
        assemble(("Left: ", "dim"), fit(f"{pname}'s trust in you", 30)),
        assemble(("Right: ", "dim"), fit(f"your trust in {pname}", 29)),
        literal(""),
        assemble(
            (" " * LABEL_WIDTH, ""),
            " ",
            (head_l.ljust(CELL_WIDTH), "bold"),
            " ",
            (head_r, "bold"),
        ),
        assemble(
            ("Overall trust".ljust(LABEL_WIDTH), "bold"),
            " ",
            cell(game.trust(theirs), False),
            " ",
            cell(game.trust(yours), False),
        ),
        styled("─" * (LABEL_WIDTH + 2 * CELL_WIDTH + 2), "dim"),
    ]
    wounds_t, wounds_y = state.wounds[theirs], state.wounds[yours]
    any_wound = False
    for m in game.scenario.meters:
        wt, wy = m.id in wounds_t, m.id in wounds_y
        any_wound = any_wound or wt or wy
        rows.append(
            assemble(
                fit(m.label, LABEL_WIDTH).ljust(LABEL_WIDTH),
                " ",
                cell(state.meters[theirs][m.id], wt),
                " ",
                cell(state.meters[yours][m.id], wy),
            )
        )
    rows.append(literal(""))
    legend = f"{WOUND} = open wound (gains slowed)"
    rows.append(styled(legend, "bold" if any_wound else "dim"))
    return join("\n", rows)


def trust_line(game, reader: str = "a") -> Content:
    """One line for narrow screens: overall trust both ways, in words too."""
    from trustquest.engine.meters import other

    partner = other(reader)
    pname = short_name(game.state.names[partner], 12)
    wounds = sum(len(w) for w in game.state.wounds.values())
    parts = [
        literal(f"{pname}→you "),
        styled(f"{game.trust(partner):.0f}", "bold " + level_style(game.trust(partner))),
        literal(f" · you→{pname} "),
        styled(f"{game.trust(reader):.0f}", "bold " + level_style(game.trust(reader))),
    ]
    if wounds:
        parts.append(styled(f" · {WOUND}{wounds} wound{'s' if wounds > 1 else ''}", "bold"))
    return assemble(*parts)


class MetersPanel(Static):
    """The meters panel beside the story (wide terminals) or in a modal."""

    def show_game(self, game, reader: str = "a") -> None:
        self.update(meters_content(game, reader))
