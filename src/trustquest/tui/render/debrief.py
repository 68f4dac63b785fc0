"""The side-by-side debrief at the end of a hot-seat game: each player's
trust journey, their tally, and their answers scene by scene."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.describe import fmt, level_word, opening_lines
from trustquest.engine.game import Game
from trustquest.engine.meters import other
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.prose import prose, words_content

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values, width: int = 24) -> str:
    """A line of block characters for a series (0-100), squeezed to `width`."""
    values = list(values)
    if not values:
        return ""
    if len(values) > width:
        step = len(values) / width
        values = [values[min(len(values) - 1, int(i * step))] for i in range(width - 1)] + [
            values[-1]
        ]
    low, high = min(values), max(values)
    span = max(high - low, 10.0)
    base = low - (span - (high - low)) / 2
    out = []
    for v in values:
        level = int((v - base) / span * (len(SPARKS) - 1) + 0.5)
        out.append(SPARKS[max(0, min(len(SPARKS) - 1, level))])
    return "".join(out)


def trust_cell(game: Game, role: str) -> Content:
    """One player's column head in the debrief: their trust in the other, and its journey."""
    from trustquest.engine.reflection import trust_path

    names = game.state.names
    path = trust_path(game, role)
    delta = path.end - path.start
    arrow = "▲" if delta > 0.5 else "▼" if delta < -0.5 else "="
    lows = "at the start" if path.low_step == 0 else f"after choice {path.low_step}"
    return assemble(
        (names[role], "bold"),
        "\n",
        (f"Trust in {names[other(role)]}: ", "italic"),
        f"{fmt(path.start)} → {fmt(path.end)} {arrow} ({level_word(path.end)})",
        "\n",
        (sparkline(path.series), "bold"),
        "\n",
        f"Lowest {fmt(path.low)}, {lows}",
    )


def tally_cell(game: Game, role: str, rows) -> Content:
    names = game.state.names
    chose = sum(1 for r in rows for a in r.answers[role] if a.kind == "choose")
    guesses = [a for r in rows for a in r.answers[role] if a.kind == "guess"]
    parts = [f"{chose} choice{'s' if chose != 1 else ''}"]
    if guesses:
        right = sum(1 for a in guesses if a.right)
        parts.append(f"guessed {names[other(role)]}'s choice right {right} of {len(guesses)}")
    return literal("; ".join(parts) + ".")


def debrief_opening_lines(game: Game, rows) -> list[str]:
    """Where the two of you differed most, then how well each read the other."""
    from trustquest.engine.reflection import debrief_opening

    return opening_lines(game, debrief_opening(game, rows), lambda t: prose(t).plain)


DEBRIEF_INTRO = "Your choices, side by side. Until now each of you saw only your own."


def scene_heading(row) -> Content:
    """'Choice 3 · Friday, 9 pm · you both answered  ✓ same'."""
    label = {
        "both": " · you both answered",
        "predict": " · a guess",
        "both_ways": " · you each guessed",
    }.get(row.kind, "")
    mark = ""
    if row.kind == "both":
        mark = "  ✓ same" if row.matched else "  ≠ different"
    elif row.kind == "predict":
        mark = "  ✓ guessed right" if row.matched else "  ✗ guessed wrong"
    return assemble(
        (f"Choice {row.step}", "bold"),
        (f" · {row.time}" if row.time else "") + label,
        (mark, "bold"),
    )


def answers_cell(game: Game, row, role: str) -> Content:
    """One player's answers in one scene of the debrief."""
    names = game.state.names
    lines = []
    for answer in row.answers[role]:
        if answer.kind == "guess":
            right = "✓" if answer.right else "✗"
            lines.append(
                assemble(
                    (f"{right} {names[role]} guessed: ", "italic"), words_content(game, answer)
                )
            )
        else:
            lines.append(
                assemble((f"{names[role]} chose: ", "italic"), words_content(game, answer))
            )
    return join("\n", lines) if lines else styled("—", "dim")
