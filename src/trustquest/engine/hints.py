"""Hints for endings not found yet: their tone and the pillar they turn on,
never the path to them (no scene, flag or choice is named).

Every face shows the same hint, so the rule lives here once.
"""

from __future__ import annotations

from collections import Counter

import attrs

from trustquest.engine.meters import TRUST
from trustquest.engine.model import Ending, Scenario


@attrs.frozen
class EndingHint:
    tone: str
    #: The pillar or extra meter the ending's condition turns on; "" if none.
    meter: str = ""
    #: When no meter does: whose overall trust it reads ("their", "your",
    #: "both"), or "".
    trust: str = ""
    #: The fallback ending: reached when no other fits.
    fallback: bool = False


def ending_hint(scenario: Scenario, ending: Ending) -> EndingHint:
    """What may be said of `ending` before it is found.

    The meter is the one its condition reads most often (the first of them
    on a tie). A condition that reads only flags turns on the meter the
    choices and events setting those flags move the most."""
    if ending.when is None:
        return EndingHint(ending.tone, fallback=True)
    refs = ending.when.refs
    meters = [r.name for r in refs if r.namespace in ("their", "your") and r.name != TRUST]
    if meters:
        return EndingHint(ending.tone, _most_common(meters))
    flags = {r.name for r in refs if r.namespace == "flags"}
    moved = _moved_by_flags(scenario, flags) if flags else ""
    if moved:
        return EndingHint(ending.tone, moved)
    sides = {r.namespace for r in refs if r.namespace in ("their", "your")}
    trust = "both" if len(sides) == 2 else next(iter(sides), "")
    return EndingHint(ending.tone, trust=trust)


def _most_common(names: list[str]) -> str:
    counts = Counter(names)
    best = max(counts.values())
    return next(n for n in names if counts[n] == best)


def _moved_by_flags(scenario: Scenario, flags: set[str]) -> str:
    """The meter moved most, in size, by everything that sets or clears `flags`."""
    moved: Counter[str] = Counter()

    def add(effects) -> None:
        for meter, delta in (*effects.their, *effects.your):
            moved[meter] += abs(delta)

    for scene in scenario.scenes.values():
        for part in (*scene.choices, *scene.events):
            if flags & {*part.sets, *part.clears}:
                add(part.effects)
            later = getattr(part, "later", None)
            if later is not None and flags & {*later.sets, *later.clears}:
                add(later.effects)
    if not moved:
        return ""
    best = max(moved.values())
    return next(m for m in scenario.meter_ids if moved[m] == best)


def hint_words(scenario: Scenario, hint: EndingHint, partner: str | None) -> str:
    """e.g. 'A hopeful ending that turns on reliability'. `partner` is the
    name the reader knows the partner by; None where two players read
    together, so overall trust is not said from one side."""
    opening = f"A {hint.tone} ending"
    if hint.fallback:
        return f"{opening}, for when no other fits"
    if hint.meter:
        meter = scenario.meter(hint.meter)
        label = meter.label if meter is not None else hint.meter.replace("_", " ")
        return f"{opening} that turns on {label.lower()}"
    if hint.trust and partner is None:
        return f"{opening} that turns on overall trust"
    if hint.trust == "their":
        return f"{opening} that turns on {partner}'s trust in you"
    if hint.trust == "your":
        return f"{opening} that turns on your trust in {partner}"
    if hint.trust == "both":
        return f"{opening} that turns on trust both ways"
    return opening


def unfound_words(scenario: Scenario, ending: Ending, partner: str | None) -> str:
    """The line a gallery shows for an ending not found yet."""
    return f"{hint_words(scenario, ending_hint(scenario, ending), partner)} — not found yet"
