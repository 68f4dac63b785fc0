"""Both trust profiles: a bar and a number for every meter.

The two profiles are stacked, each with its overall trust first, so the bars
take the whole width of the column: the wider the column, the finer the bar
(46 and 50 differ by most of a cell at 80 columns). Nothing is told by
colour alone: every bar has its number, rounded as everywhere else
(`describe.shown`), and an open wound is marked ✚ (explained in the legend).
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from trustquest.engine.describe import shown
from trustquest.engine.meters import other
from trustquest.tui.literal import assemble, clipped, join, literal, named, styled

LABEL_WIDTH = 13
#: The narrowest and widest a bar is drawn.
MIN_BAR, MAX_BAR = 4, 40
WOUND = "✚"
#: How the symbols of a change read, wherever they are shown.
LEGEND = "▲ rose · ▲▲ rose 6+ · ▼ fell · ▼▼ fell 6+ · ✚ wound opened · ✓ wound healed"
WOUND_LEGEND = f"{WOUND} = open wound (gains slowed)"


def level_style(value: float) -> str:
    value = shown(value)
    if value >= 65:
        return "$success"
    if value >= 35:
        return "$primary"
    return "$error"


EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, width: int) -> tuple[str, str]:
    """(filled, empty) parts of a bar, in eighth-cell steps."""
    value = max(0.0, min(100.0, float(shown(value))))
    eighths = round(value / 100 * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (EIGHTHS[part] if part else "")
    return filled, "░" * (width - len(filled))


def bar_width(width: int) -> int:
    """The bar that fits a row of `width` cells: label, space, bar, number, mark."""
    return max(MIN_BAR, min(MAX_BAR, width - LABEL_WIDTH - 1 - 5))


def meter_row(label: str, value: float, wounded: bool, width: int, bold: bool = False) -> Content:
    filled, empty = bar(value, bar_width(width))
    name = clipped(label, LABEL_WIDTH)
    return assemble(
        name.pad_right(LABEL_WIDTH - name.cell_length).stylize("bold" if bold else ""),
        " ",
        (filled, level_style(value)),
        (empty, "$foreground 30%"),
        f" {shown(value):>3}",
        (WOUND if wounded else " ", "bold $error"),
    )


def meters_content(game, reader: str = "a", width: int = 34) -> Content:
    """Both profiles from `reader`'s side (solo: role a), drawn `width` wide:
    the partner's trust in the reader first, then the reader's in the partner."""
    state = game.state
    partner = other(reader)
    pname = state.names[partner]
    any_wound = False
    rows: list[Content] = []
    for owner, heading in (
        (partner, named("{}'s trust in you", pname, width, "Trust in you")),
        (reader, named("Your trust in {}", pname, width, "Your trust")),
    ):
        rows.append(heading.stylize("bold underline"))
        rows.append(meter_row("Overall", game.trust(owner), False, width, bold=True))
        wounds = state.wounds[owner]
        for m in game.scenario.meters:
            wounded = m.id in wounds
            any_wound = any_wound or wounded
            rows.append(meter_row(m.label, state.meters[owner][m.id], wounded, width))
    if any_wound:
        rows.append(clipped(WOUND_LEGEND, width).stylize("bold"))
    return join("\n", rows)


def trust_line(game, reader: str = "a", width: int = 80) -> Content:
    """One line for narrow screens and the quiet layout: overall trust both
    ways, in at most `width` cells. What gives way first is the word after
    the wound count, then the partner's name (cut, never the numbers), then
    the wound count, and last the name altogether ("→you 51 · you→ 51")."""
    partner = other(reader)
    pname = game.state.names[partner]
    wounds = sum(len(w) for w in game.state.wounds.values())
    theirs, yours = game.trust(partner), game.trust(reader)

    def line(name: Content, wound: str) -> Content:
        parts = [
            assemble(name, "→you "),
            styled(str(shown(theirs)), "bold " + level_style(theirs)),
            assemble(" · you→", name, " "),
            styled(str(shown(yours)), "bold " + level_style(yours)),
        ]
        if wounds and wound:
            words = f" wound{'s' if wounds > 1 else ''}" if wound == "words" else ""
            parts.append(styled(f" · {WOUND}{wounds}{words}", "bold"))
        return assemble(*parts)

    whole = literal(pname).cell_length
    # The name goes down to its first letter and an ellipsis ("B…→you 51"),
    # then the wound count goes, then the name.
    tries = [(whole, "words"), (whole, "count")]
    tries += [(n, "count") for n in range(whole - 1, 1, -1)] + [(2, "")]
    for cut, wound in tries:
        candidate = line(clipped(pname, cut), wound)
        if candidate.cell_length <= width:
            return candidate
    return line(literal(""), "")


class TrustLine(Widget):
    """The trust line, drawn again at every width (see `trust_line`)."""

    DEFAULT_CSS = """
    TrustLine { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._game = None
        self._reader = "a"

    def show(self, game, reader: str = "a") -> None:
        self._game, self._reader = game, reader
        self.refresh()

    def render(self) -> Content:
        if self._game is None:
            return literal("")
        return trust_line(self._game, self._reader, self.content_size.width or 80)


class MetersPanel(Widget):
    """The meters beside the story (wide terminals) or in a window of their
    own; drawn again at every width, so the bars use the room there is."""

    DEFAULT_CSS = """
    MetersPanel { height: auto; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._game = None
        self._reader = "a"
        #: What the panel shows now (every number as shown, the wounds, the
        #: names): a scene that changed none of it draws nothing again.
        self._shown: tuple | None = None
        #: (key, width) -> Content: the last one drawn.
        self._drawn: tuple[tuple, Content] | None = None

    def show_game(self, game, reader: str = "a") -> None:
        self._game = game
        self._reader = reader
        key = _key(game, reader)
        if key == self._shown:
            return
        height = self._height()
        self._shown = key
        # Only a change of height (the wound legend) moves the rest of the screen.
        self.refresh(layout=self._height() != height)

    def _height(self) -> int:
        if self._game is None or self._shown is None:
            return 0
        # A heading, overall and every meter for each profile; the wound legend.
        wounded = any(self._game.state.wounds.values())
        return 2 * (len(self._game.scenario.meters) + 2) + wounded

    def get_content_height(self, container, viewport, width: int) -> int:
        return self._height()

    def render(self) -> Content:
        if self._game is None:
            return literal("")
        return self._content(self.content_size.width)

    def _content(self, width: int) -> Content:
        """The panel at `width`: drawn again only when what it shows changed."""
        drawn = self._drawn
        if drawn is not None and drawn[0] == (self._shown, width):
            return drawn[1]
        content = meters_content(self._game, self._reader, width)
        self._drawn = ((self._shown, width), content)
        return content


def _key(game, reader: str) -> tuple:
    """Everything `meters_content` draws, as it is drawn."""
    state = game.state
    return (
        reader,
        tuple(sorted(state.names.items())),
        tuple(shown(game.trust(r)) for r in ("a", "b")),
        tuple(
            (r, m.id, m.label, shown(state.meters[r][m.id]), m.id in state.wounds[r])
            for r in ("a", "b")
            for m in game.scenario.meters
        ),
    )
