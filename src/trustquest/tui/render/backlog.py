"""The backlog as one player reads it: each scene's heading, what happened
on arrival, its text, the answers given there and what came due. Which of
these a player may see is the engine's to say (`engine.backlog`, through
`engine.privacy`); this only words it."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.backlog import Answer, Passage, backlog
from trustquest.engine.meters import other
from trustquest.engine.turns import GUESS
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.render.outcome import event_line
from trustquest.tui.widgets.prose import filled


def passage_content(game, passage: Passage, viewer: str = "a") -> Content:
    """One scene of the backlog: heading, events, text, answers, consequences."""
    names = game.state.names
    heading = f"Choice {passage.turn + 1}" + (f" · {passage.time}" if passage.time else "")
    if passage.current:
        heading += " · now"
    lines: list[Content] = [styled(heading, "bold $accent")]
    lines.extend(event_line(game, e, viewer) for e in passage.events)
    if passage.private:
        lines.append(styled(f"{names[other(viewer)]} answered here in private.", "italic"))
    else:
        lines.append(filled(game, passage.source, passage.reader))
    for answer in passage.answers:
        chosen = filled(game, answer.source, answer.reader).stylize("italic")
        lines.append(assemble((f"▸ {answered(names, answer, viewer)}: ", "bold"), chosen))
    for f in passage.fired:
        if f.averted:
            heading = "✓ Something from earlier came due, and did not happen: "
        else:
            you = "you" if game.state.mode == "solo" or f.role == viewer else names[f.role]
            heading = f"⏰ Something from earlier catches up with {you}: "
        lines.append(assemble((heading, "bold"), f.text))
    return join("\n", lines)


def answered(names, answer: Answer, viewer: str) -> str:
    """'You chose', 'You guessed Kai chose', 'Kai chose', 'Kai guessed you chose'."""
    if answer.kind != GUESS:
        return "You chose" if answer.role == viewer else f"{names[answer.role]} chose"
    if answer.role == viewer:
        return f"You guessed {names[answer.reader]} chose"
    whom = "you" if answer.reader == viewer else names[answer.reader]
    return f"{names[answer.role]} guessed {whom} chose"


def backlog_content(game, viewer: str = "a") -> Content:
    """The story so far as `viewer` may see it (in hot-seat, see `engine.privacy`)."""
    passages = backlog(game, viewer)
    if not passages:
        return literal("Nothing yet.")
    return join("\n\n", [passage_content(game, p, viewer) for p in passages])
