"""What a choice changed, and what happened on arrival at a scene, in full:
symbols and words, from one player's side (or both players' when nobody in
particular reads it)."""

from __future__ import annotations

from collections import Counter

from textual.content import Content

from trustquest.engine.describe import change_words, symbol, told_event, whose
from trustquest.engine.game import Game, Outcome
from trustquest.engine.meters import other
from trustquest.engine.privacy import told
from trustquest.engine.recent import net_changes
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.widgets.prose import filled


def event_line(game: Game, event, viewer: str | None = None) -> Content:
    """'◆ It happened: ...': marked so it never reads as a choice. Told to
    the other player, it is quoted as told to the one it happened to
    (`describe.told_event`)."""
    told = told_event(game, event, viewer)
    text = filled(game, told.source, told.reader)
    if told.quoted:
        text = assemble("“", text, "”")
    return assemble(("◆ " + told.heading, "bold $warning" if event.breach else "bold"), text)


def events_text(game: Game, events, viewer: str | None = None) -> Content:
    """What happened on arrival at the scene, as the story tells it to
    `viewer` (what it changed is in the change line and the detail view)."""
    return join("\n", [event_line(game, e, viewer) for e in events])


def events_content(
    game: Game, events, reader: str | None = "a", viewer: str | None = None
) -> Content:
    """What happened on arrival at the scene, whatever anyone chose, told to
    `viewer`, with what it changed in full (from `reader`'s side, or with
    none, naming both players)."""
    lines: list[Content] = []
    for e in events:
        lines.append(event_line(game, e, viewer))
        for owner in (other(reader), reader) if reader else ("b", "a"):
            mine = [c for c in net_changes(e.changes) if c.role == owner]
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
    side; with no reader (a hot-seat screen both players read) it names both.
    A consequence averted is told only as `privacy.told_of` allows."""
    scenario = game.scenario
    fired = told(game, outcome, reader)
    lines: list[Content] = []
    if choice_text:
        chosen = literal(choice_text) if isinstance(choice_text, str) else choice_text
        lines.append(assemble(("You chose: ", "bold"), chosen.stylize("italic")))
    # Changes from consequences are listed under their consequence, not twice.
    owed = Counter(c for f in fired for c in f.changes)
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
            mine = [c for c in net_changes(changes) if c.role == owner]
            if not mine:
                continue
            lines.append(styled(f"{whose(game, owner, reader)}:", "bold"))
            for c in mine:
                words = change_words(scenario, c) + (why_match if c.had("match") else "")
                lines.append(assemble((f"{symbol(c.delta):<2} ", "bold"), words))

    if direct:
        group(direct)
    elif not fired:
        lines.append(styled("Nothing in the meters moved.", "italic"))
    for f in fired:
        lines.append(fired_line(game, f, reader))
        if not f.averted:
            group(f.changes)
    return join("\n", lines)


def fired_line(game: Game, fired, reader: str | None) -> Content:
    """A delayed consequence that came due: it caught up, or it was averted."""
    if fired.averted:
        return assemble(
            ("✓ Something from earlier came due, and did not happen: ", "bold"), fired.text
        )
    # In hot-seat a consequence belongs to the player whose choice set it up.
    you = "you" if reader == fired.role else game.state.names[fired.role]
    return assemble(
        (f"⏰ Something from earlier catches up with {you}: ", "bold $warning"), fired.text
    )


def later_content(game: Game, fired, reader: str | None) -> Content:
    """Consequences that came due (`engine.game.Fired`s), one line each."""
    return join("\n", [fired_line(game, f, reader) for f in fired])


def details_content(game: Game, outcome: Outcome | None, choice_text, reader: str) -> Content:
    """The detail view: the last answer and what it changed, then what happened
    on arrival, in full."""
    parts: list[Content] = []
    if outcome is not None:
        parts.append(outcome_content(game, outcome, choice_text, reader))
    happened = game.arrived()
    if happened:
        parts.append(
            events_content(game, happened, reader if game.state.mode != "hotseat" else None, reader)
        )
    if not parts:
        return styled("Nothing has changed since your last choice.", "italic")
    return join("\n\n", parts)
