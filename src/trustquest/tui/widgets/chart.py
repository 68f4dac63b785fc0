"""The trust journey as a chart. Imports textual-plotext, so it is imported
only when the ending screen opens.

Series are told apart by their marker as well as their colour, so the chart
still reads under NO_COLOR.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from trustquest.engine.reflection import journey_marks, journey_x

#: Markers along the bottom of the chart for what happened between choices.
EVENT_MARK = "!"
CONSEQUENCE_MARK = "»"

#: (marker, colour) per series, in order: their trust, your trust, focus pillars.
STYLES = (
    ("●", "cyan"),
    ("◆", "magenta"),
    ("+", "orange"),
    ("x", "green"),
    ("*", "blue"),
    ("o", "red"),
)


def series_for(game) -> list[tuple[str, list[float], str, str]]:
    """(label, values, marker, colour) for the journey of `game` (solo: role a)."""
    from trustquest.engine.describe import meter_label
    from trustquest.engine.reflection import journey

    focus = tuple(m for m in game.scenario.focus if game.scenario.meter(m) is not None)
    data = journey(game, focus)
    partner = game.state.names["b"]
    # Hot-seat: both players read the chart, so "you" is named.
    you = game.state.names["a"] if game.state.mode == "hotseat" else "you"
    your = f"{you}'s" if game.state.mode == "hotseat" else "your"
    labels = [("their", f"{partner}'s trust in {you}"), ("your", f"{your} trust in {partner}")]
    labels += [(m, f"{meter_label(game.scenario, m)} ({partner}→{you})") for m in focus]
    out = []
    for i, (key, label) in enumerate(labels):
        marker, colour = STYLES[i % len(STYLES)]
        out.append((label, data[key], marker, colour))
    return out


class TrustChart(PlotextPlot):
    """Overall trust both ways and the focus pillars, turn by turn."""

    def __init__(self, game, **kwargs):
        super().__init__(**kwargs)
        self.game = game

    def on_mount(self) -> None:
        plt = self.plt
        plt.clear_figure()
        series = series_for(self.game)
        xs = journey_x(self.game)
        # Focus pillars first, overall trust last, so the two main lines stay on top.
        for _label, values, marker, colour in reversed(series):
            plt.plot(xs, values, marker=marker, color=colour)
        low, high = y_range([v for _l, values, _m, _c in series for v in values])
        # Events and consequences stand out under both trust lines; a habit's
        # steps are the points on the way to its choice.
        at: dict[str, list[float]] = {"event": [], "consequence": []}
        for i, kind in journey_marks(self.game):
            if kind in at:
                at[kind].append(xs[i])
        kinds = {kind for kind, where in at.items() if where}
        for kind, marker in (("event", EVENT_MARK), ("consequence", CONSEQUENCE_MARK)):
            if at[kind]:
                plt.scatter(at[kind], [low] * len(at[kind]), marker=marker, color="yellow")
        plt.ylim(low, high)
        step = 5 if high - low <= 40 else 10
        plt.yticks(list(range(low, high + 1, step)))
        last = int(xs[-1]) if xs else 0
        if last >= 1:
            step = max(1, last // 8 + 1)
            plt.xticks(list(range(0, last + 1, step)))
            plt.xlim(0, max(xs))
        keys = []
        if "event" in kinds:
            keys.append(f"{EVENT_MARK} something happened")
        if "consequence" in kinds:
            keys.append(f"{CONSEQUENCE_MARK} a consequence came due")
        plt.xlabel("choices made" + (f" ({', '.join(keys)})" if keys else ""))


def y_range(values: list[float], span: int = 30) -> tuple[int, int]:
    """A y range that shows the movement: at least `span` wide, within 0..100."""
    if not values:
        return 0, 100
    low, high = min(values), max(values)
    pad = max(2.0, (span - (high - low)) / 2)
    low, high = max(0, int(low - pad) // 5 * 5), min(100, -(-int(high + pad) // 5) * 5)
    return low, high
