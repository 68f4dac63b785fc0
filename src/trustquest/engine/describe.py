"""Meters and changes in words, shared by every face of the game.

Nothing here is shown by colour: words and symbols carry the meaning, so the
game reads the same under NO_COLOR, in plain mode and to a screen reader.
"""

from __future__ import annotations

from trustquest.engine.game import Change, Game
from trustquest.engine.meters import other
from trustquest.engine.model import Scenario

LEVELS = ((80, "very high"), (60, "high"), (40, "middling"), (20, "low"), (0, "very low"))


def level_word(value: float) -> str:
    for floor, word in LEVELS:
        if value >= floor:
            return word
    return LEVELS[-1][1]


def amount_word(delta: float) -> str:
    size = abs(delta)
    if size >= 15:
        return "sharply"
    if size >= 6:
        return ""
    if size >= 2:
        return "a little"
    return "slightly"


def symbol(delta: float) -> str:
    """▲▲ big rise, ▲ rise, ▼ fall, ▼▼ big fall, = no change."""
    if delta >= 6:
        return "▲▲"
    if delta > 0:
        return "▲"
    if delta <= -6:
        return "▼▼"
    if delta < 0:
        return "▼"
    return "="


def meter_label(scenario: Scenario, meter_id: str) -> str:
    m = scenario.meter(meter_id)
    return m.label if m else meter_id.capitalize()


def fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def change_words(scenario: Scenario, change: Change) -> str:
    """e.g. 'Transparency fell sharply: 62 → 41 (a wound opened)'."""
    verb = "rose" if change.delta > 0 else "fell" if change.delta < 0 else "held"
    amount = amount_word(change.delta) if change.delta else ""
    words = " ".join(w for w in (meter_label(scenario, change.meter), verb, amount) if w)
    text = f"{words}: {fmt(change.before)} → {fmt(change.after)}"
    if change.cause == "breach" and change.delta < 0:
        text += " (a breach lands harder)"
    if change.wound_opened:
        text += " — a wound opened"
    elif change.wound_closed:
        text += " — the wound has healed"
    elif change.asked > 0 and change.delta < change.asked * 0.6:
        text += f" (of +{fmt(change.asked)} asked: gains come slowly)"
    if change.cause == "consistency":
        text += " — steady choices add up"
    return text


def habit_words(repeat: int, span: str) -> str:
    """How a habit is shown beside its choice: 'kept up over the next four weeks'."""
    if repeat <= 1:
        return ""
    if span:
        return f"kept up over {span} ({repeat} steps)"
    return f"kept up {repeat} times"


def event_heading(happened) -> str:
    """The mark every face puts before a story event: it happened, nobody chose it."""
    return "It happened (a breach of your trust): " if happened.breach else "It happened: "


def whose(game: Game, owner: str, reader: str | None) -> str:
    """Whose trust a change is, from `reader`'s point of view. With no reader
    (hot-seat screens both players read) it names both: "Kai's trust in Robin"."""
    names = game.state.names
    if reader is None:
        return f"{names[owner]}'s trust in {names[other(owner)]}"
    if owner == reader:
        return f"Your trust in {names[other(reader)]}"
    return f"{names[owner]}'s trust in you"


def trust_sentence(game: Game, reader: str | None) -> str:
    """Overall trust both ways, in words; named for both players when `reader` is None."""
    if reader is None:
        names = game.state.names
        parts = []
        for owner in ("b", "a"):
            value = game.trust(owner)
            parts.append(
                f"{names[owner]}'s trust in {names[other(owner)]} is "
                f"{level_word(value)} ({fmt(value)})"
            )
        return "; ".join(parts) + "."
    partner = game.state.names[other(reader)]
    theirs = game.trust(other(reader))
    yours = game.trust(reader)
    return (
        f"{partner}'s trust in you is {level_word(theirs)} ({fmt(theirs)}); "
        f"your trust in {partner} is {level_word(yours)} ({fmt(yours)})."
    )


def hotseat_shares(scenario: Scenario) -> dict[str, int]:
    """How a scenario's scenes are shared out in hot-seat: scenes each role
    answers alone (`a`, `b`), `both` scenes, and `predict` scenes."""
    shares = {"a": 0, "b": 0, "both": 0, "predict": 0}
    for scene in scenario.scenes.values():
        if scene.actor == "both":
            shares["both"] += 1
        elif scene.predict:
            shares["predict"] += 1
        else:
            shares[scene.actor] += 1
    return shares


def wound_lines(game: Game, reader: str | None) -> list[str]:
    out = []
    for owner in (other(reader), reader) if reader else ("b", "a"):
        for meter, depth in sorted(game.state.wounds[owner].items()):
            out.append(
                f"{whose(game, owner, reader)}: {meter_label(game.scenario, meter)} "
                f"has an open wound ({fmt(depth)} deep)"
            )
    return out


TRUST_FORMULA = (
    "Overall trust is the average of the eight pillars, minus the depth of every "
    "open wound (times the wound drag) divided by eight."
)
