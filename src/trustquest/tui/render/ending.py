"""The ending screen's words: a turning point, and the endings found."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.describe import fmt, signed
from trustquest.engine.game import Game
from trustquest.engine.hints import unfound_words
from trustquest.engine.reflection import credit_words
from trustquest.tui.literal import assemble, join, literal
from trustquest.tui.widgets.prose import prose

TONE_MARK = {"hopeful": "☀", "bittersweet": "◐", "broken": "☂"}


def point_words(p, chooser: str | None) -> str:
    return credit_words(p, chooser, lambda text: prose(text).plain)


def turning_point_content(game: Game, number: int, p, hotseat: bool) -> Content:
    """'2. Choice 5: You chose ... / Kai's trust in you 50 → 42 (-8); ...'."""
    names = game.state.names
    partner = names["b"]
    if hotseat:
        moved = (
            f"{partner}'s trust in {names['a']} {fmt(p.their_before)} → "
            f"{fmt(p.their_after)} ({signed(p.their_before, p.their_after)}); {names['a']}'s in "
            f"{partner} {fmt(p.your_before)} → {fmt(p.your_after)} "
            f"({signed(p.your_before, p.your_after)})"
        )
        said = point_words(p, names[p.chooser]) + "\n"
    else:
        moved = (
            f"{partner}'s trust in you {fmt(p.their_before)} → {fmt(p.their_after)} "
            f"({signed(p.their_before, p.their_after)}); yours in {partner} {fmt(p.your_before)} → "
            f"{fmt(p.your_after)} ({signed(p.your_before, p.your_after)})"
        )
        said = point_words(p, None) + "\n"
    return assemble((f"{number}. {p.heading}: ", "bold"), said, moved)


def replay_notice(point) -> str:
    """What the play screen says after a replay from `point`."""
    if point.kind == "event":
        back = f"just before the scene where this happened: “{prose(point.choice_text).plain}”"
    else:
        back = f"just before “{prose(point.choice_text).plain}”"
    return f"Back at choice {point.replay_from + 1}, {back}. Try the other path."


def endings_found_content(
    game: Game, found: set[str], new_find: bool, reader: str | None = "a"
) -> Content:
    """'2 of 4 in Late Again', then every ending: found, or a hint (tone and
    pillar, never the path). No reader: both players read it (hot-seat)."""
    scenario = game.scenario
    lines = [
        literal(
            f"{len(found & set(scenario.endings))} of {len(scenario.endings)} in {scenario.title}"
            + ("; this one is a new find." if new_find else ".")
        )
    ]
    partner = game.state.names["b"] if reader else None
    for ending in scenario.endings.values():
        mark = TONE_MARK.get(ending.tone, "◇")
        if ending.id in found:
            here = "  ← this time" if ending.id == game.state.ending else ""
            title = game.title_of(ending, reader or "a")
            lines.append(literal(f"  ✓ {mark} {title} ({ending.tone}){here}"))
        else:
            lines.append(literal(f"  · {mark} {unfound_words(scenario, ending, partner)}"))
    return join("\n", lines)
