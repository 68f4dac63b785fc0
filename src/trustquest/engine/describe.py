"""Meters and changes in words, shared by every face of the game.

Nothing here is shown by colour: words and symbols carry the meaning, so the
game reads the same under NO_COLOR, in plain mode and to a screen reader.
"""

from __future__ import annotations

import math

import attrs

from trustquest.engine.game import Change, Game
from trustquest.engine.meters import other
from trustquest.engine.model import Scenario
from trustquest.engine.recent import Move
from trustquest.engine.turns import judge

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


def shown(value: float) -> int:
    """The one rounding every face uses for a meter, trust or change: to the
    nearest whole number, halves up (54.5 shows as 55), so a change line and
    the meter beside it always agree."""
    return math.floor(value + 0.5)


def fmt(value: float) -> str:
    return str(shown(value))


def shown_delta(before: float, after: float) -> int:
    """A change as the player sees it: the difference of the two shown values."""
    return shown(after) - shown(before)


def signed(before: float, after: float) -> str:
    """'+5', '−5' (a minus sign) or '±0': the shown change from `before` to `after`."""
    delta = shown_delta(before, after)
    return f"+{delta}" if delta > 0 else f"−{-delta}" if delta < 0 else "±0"


def whole(value: float) -> str:
    """A meter as a whole number (halves round up), as it is said aloud."""
    return str(math.floor(value + 0.5))


def change_words(scenario: Scenario, change: Change | Move, spoken: bool = False) -> str:
    """e.g. 'Transparency fell sharply: 62 → 41 (a wound opened)'. `spoken`
    (plain mode, for screen readers): whole numbers in words with no arrow
    or dashes, 'Transparency fell sharply, from 62 to 41; a wound opened'."""
    verb = "rose" if change.delta > 0 else "fell" if change.delta < 0 else "held"
    amount = amount_word(change.delta) if change.delta else ""
    words = " ".join(w for w in (meter_label(scenario, change.meter), verb, amount) if w)
    if spoken:
        text, aside = f"{words}, from {whole(change.before)} to {whole(change.after)}", "; "
        asked = whole(change.asked)
    else:
        text, aside = f"{words}: {fmt(change.before)} → {fmt(change.after)}", " — "
        asked = fmt(change.asked)
    if change.cause == "breach" and change.delta < 0:
        text += " (a breach lands harder)"
    if change.wound_opened:
        text += f"{aside}a wound opened"
    elif change.wound_closed:
        text += f"{aside}the wound has healed"
    elif change.asked > 0 and change.delta < change.asked * 0.6:
        if spoken:
            text += f", less than the {asked} asked for: gains come slowly"
        else:
            text += f" (of +{asked} asked: gains come slowly)"
    if change.had("consistency"):
        text += f"{aside}steady choices add up"
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


@attrs.frozen
class ToldEvent:
    """A story event as one player is told it. Its text speaks to the player
    it happened to (`reader`) as "you"; told to the other player it is quoted
    after a heading that names them, so "you" never means the one reading."""

    heading: str  # plain words before the text, ending in a space
    source: str  # the text's Markdown, placeholders not yet filled
    reader: str  # whose side the placeholders are filled from
    quoted: bool  # told to someone else: faces put the text in quotation marks


def told_event(game: Game, happened, viewer: str | None) -> ToldEvent:
    """How every face tells `happened` to `viewer` (None: the player it
    happened to, as in solo play)."""
    reader = happened.reader
    if viewer is None or viewer == reader or game.state.mode == "solo":
        return ToldEvent(event_heading(happened), happened.source, reader, False)
    name = game.state.names[reader]
    breach = f", a breach of {name}'s trust" if happened.breach else ""
    return ToldEvent(f"It happened{breach}. {name} is told: ", happened.source, reader, True)


def guess_lead(game: Game, prompt) -> str:
    """What a guesser reads before the scene they guess about: it is the
    chooser's, in the chooser's words, so its "you" is the chooser."""
    name = game.state.names[prompt.actor]
    if prompt.turn.ahead:
        done, view = f"{name} chooses after you, in private.", "sees"
    else:
        done, view = f"{name} has chosen in private.", "saw"
    return f"{done} Below is the scene as {name} {view} it: “you” in it means {name}."


def whose(game: Game, owner: str, reader: str | None) -> str:
    """Whose trust a change is, from `reader`'s point of view. With no reader
    (hot-seat screens both players read) it names both: "Kai's trust in Robin"."""
    names = game.state.names
    if reader is None:
        return f"{names[owner]}'s trust in {names[other(owner)]}"
    if owner == reader:
        return f"Your trust in {names[other(reader)]}"
    return f"{names[owner]}'s trust in you"


def trust_sentence(game: Game, reader: str | None, spoken: bool = False) -> str:
    """Overall trust both ways, in words; named for both players when `reader`
    is None. `spoken`: whole numbers, as plain mode says them."""
    number = whole if spoken else fmt
    if reader is None:
        names = game.state.names
        parts = []
        for owner in ("b", "a"):
            value = game.trust(owner)
            parts.append(
                f"{names[owner]}'s trust in {names[other(owner)]} is "
                f"{level_word(value)} ({number(value)})"
            )
        return "; ".join(parts) + "."
    partner = game.state.names[other(reader)]
    theirs = game.trust(other(reader))
    yours = game.trust(reader)
    return (
        f"{partner}'s trust in you is {level_word(theirs)} ({number(theirs)}); "
        f"your trust in {partner} is {level_word(yours)} ({number(yours)})."
    )


def verdicts(game: Game, picks, spoken: bool = False) -> list[str]:
    """How the answers of a scene both players answered compare, in words: a
    line for a shared answer, a line per guess (none when one player answered).
    `spoken`: ✗ for a difference, since a screen reader says ≠ as "not equal to"."""
    names = game.state.names
    judged = judge(picks)
    if judged.same is not None:
        differ = "✗" if spoken else "≠"
        return ["✓ You both chose the same." if judged.same else f"{differ} You chose differently."]
    lines = []
    for guesser, right in judged.guesses.items():
        chooser = names[other(guesser)]
        if right:
            lines.append(f"✓ {names[guesser]} guessed right: that is what {chooser} chose.")
        else:
            lines.append(f"✗ {names[guesser]} guessed wrong: {chooser} chose something else.")
    return lines


def opening_lines(game: Game, opening, plain=str) -> list[str]:
    """The hot-seat debrief's opening (`reflection.debrief_opening`) in words:
    where the two of you differed most, then how well each read the other.
    `plain` turns scenario text into what the face shows; each face then
    makes the line literal."""
    names = game.state.names
    lines = []
    for n, difference in enumerate(opening.differed[:2]):
        row = difference.row
        chose = {
            role: plain(next((x.text for x in answers if x.kind == "choose"), "?")).rstrip(".")
            for role, answers in row.answers.items()
        }
        where = row.time or f"choice {row.step}"
        head = "Where you differed most" if n == 0 else "And"
        lines.append(
            f"{head}: {where}. {names['a']} chose “{chose['a']}”; "
            f"{names['b']} chose “{chose['b']}”."
        )
    if opening.shared and not opening.differed:
        lines.append(
            f"In the {opening.shared} scenes you both chose in, you chose alike every time."
        )
    elif opening.shared:
        lines.append(
            f"You chose alike in {opening.same} of the {opening.shared} scenes you both chose in."
        )
    reads = [
        f"{names[r.role]} read {names[other(r.role)]} right {r.right} of {r.guesses} "
        f"time{'s' if r.guesses != 1 else ''}"
        for r in opening.readings
    ]
    if reads:
        lines.append("; ".join(reads) + ".")
    return lines


def hotseat_shares(scenario: Scenario) -> dict[str, int]:
    """How a scenario's scenes are shared out in hot-seat: scenes each role
    answers alone (`a`, `b`), `both` scenes, `predict` scenes and scenes that
    guess both ways (`both_ways`)."""
    shares = {"a": 0, "b": 0, "both": 0, "predict": 0, "both_ways": 0}
    for scene in scenario.scenes.values():
        shares[scene.actor if scene.shape == "alone" else scene.shape] += 1
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
