"""What a choice changed, and what happened on arrival at a scene, in full:
symbols and words, from one player's side (or both players' when nobody in
particular reads it)."""

from __future__ import annotations

from collections import Counter

from textual.content import Content

from trustquest.engine.describe import change_words, event_heading, symbol, whose
from trustquest.engine.game import Game, Outcome
from trustquest.engine.meters import other
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.prose import filled


def events_content(game: Game, events, reader: str | None = "a") -> Content:
    """What happened on arrival at the scene, whatever anyone chose, with what
    it changed: marked so it never reads as a choice."""
    lines: list[Content] = []
    for e in events:
        lines.append(
            assemble(
                ("◆ " + event_heading(e), "bold $warning" if e.breach else "bold"),
                filled(game, e.source, e.reader),
            )
        )
        for owner in (other(reader), reader) if reader else ("b", "a"):
            mine = [c for c in e.changes if c.role == owner]
            if mine:
                lines.append(styled(f"{whose(game, owner, reader)}:", "italic"))
            for c in mine:
                lines.append(
                    assemble((f"{symbol(c.delta):<2} ", "bold"), change_words(game.scenario, c))
                )
    return join("\n", lines)


def outcome_content(
    game: Game, outcome: Outcome, choice_text: Content | str, reader: str | None = "a"
) -> Content:
    """What the last choice changed, in symbols and in words, from `reader`'s
    side; with no reader (a hot-seat screen both players read) it names both."""
    scenario = game.scenario
    names = game.state.names
    lines: list[Content] = []
    if choice_text:
        chosen = literal(choice_text) if isinstance(choice_text, str) else choice_text
        lines.append(assemble(("You chose: ", "bold"), chosen.stylize("italic")))
    # Changes from consequences are listed under their consequence, not twice.
    owed = Counter(c for f in outcome.fired for c in f.changes)
    direct = []
    for c in outcome.changes:
        if owed[c] > 0:
            owed[c] -= 1
        else:
            direct.append(c)

    scene = scenario.scenes.get(outcome.scene_id)
    why_match = " — for a right guess" if scene is not None and scene.predict else " — you matched"

    def group(changes) -> None:
        for owner in (other(reader), reader) if reader else ("b", "a"):
            mine = [c for c in changes if c.role == owner]
            if not mine:
                continue
            lines.append(styled(f"{whose(game, owner, reader)}:", "bold"))
            for c in mine:
                words = change_words(scenario, c) + (why_match if c.cause == "match" else "")
                lines.append(assemble((f"{symbol(c.delta):<2} ", "bold"), words))

    if direct:
        group(direct)
    elif not outcome.fired:
        lines.append(styled("Nothing in the meters moved.", "italic"))
    for f in outcome.fired:
        # In hot-seat a consequence belongs to the player whose choice set it up.
        you = "you" if reader == f.role else names[f.role]
        if f.averted:
            lines.append(
                assemble(
                    ("✓ Something from earlier came due, and did not happen: ", "bold"),
                    f.text,
                )
            )
        else:
            lines.append(
                assemble(
                    (f"⏰ Something from earlier catches up with {you}: ", "bold $warning"),
                    f.text,
                )
            )
            group(f.changes)
    return join("\n", lines)
