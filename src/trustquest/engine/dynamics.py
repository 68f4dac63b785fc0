"""How meters move: fast to break, slow to rebuild (PRODUCT.md §1, D1–D8).

Every knob has a default here and can be overridden in a scenario's
`[dynamics]` table. docs/authoring.md explains each with a worked example.
"""

from __future__ import annotations

from math import floor

import attrs

from trustquest.engine.meters import PILLARS

LO, HI = 0.0, 100.0


@attrs.frozen
class Dynamics:
    #: D2. Losses from a choice marked `breach = true` are multiplied by this.
    loss_multiplier: float = 1.5
    #: D3. A gain is scaled by (1 - gain_damping * value / 100): the nearer a
    #: meter is to 100, the less of the gain lands. 0 turns damping off.
    gain_damping: float = 0.5
    #: D4. A single loss of at least this many points (after the breach
    #: multiplier) opens a wound on that meter. A breach always does.
    wound_threshold: float = 15.0
    #: D4. While a wound is open, gains on that meter are multiplied by this.
    wound_gain_factor: float = 0.5
    #: D4. Each point actually gained on a wounded meter heals this many points
    #: of the wound's depth. The wound closes when its depth reaches 0.
    wound_heal_rate: float = 1.0
    #: D4. Overall trust is the average of the eight pillars minus
    #: wound_drag * (total open wound depth) / 8.
    wound_drag: float = 1.0
    #: D6. Every `consistency_every` choices in a row that cause no loss in the
    #: partner's trust, the partner's `consistency` gains `consistency_bonus`.
    consistency_every: int = 3
    consistency_bonus: float = 2.0

    @classmethod
    def knobs(cls) -> dict[str, object]:
        """Knob name -> default, in declaration order."""
        return {f.name: f.default for f in attrs.fields(cls)}


DEFAULT = Dynamics()

#: Limits on knob values, also used by the validator and the JSON Schema.
KNOB_RANGES = {
    "loss_multiplier": (1.0, 10.0),
    "gain_damping": (0.0, 1.0),
    "wound_threshold": (1.0, 100.0),
    "wound_gain_factor": (0.0, 1.0),
    "wound_heal_rate": (0.0, 10.0),
    "wound_drag": (0.0, 10.0),
    "consistency_every": (1, 100),
    "consistency_bonus": (0.0, 20.0),
}

#: What each knob does, in one line (the JSON Schema, hover and docs/authoring.md).
KNOB_MEANINGS = {
    "loss_multiplier": "How much harder the losses of a choice marked `breach` land.",
    "gain_damping": "How much gains shrink as a meter nears 100 (0: not at all).",
    "wound_threshold": "A single loss at least this big opens a wound; a breach always does.",
    "wound_gain_factor": "While a wound is open, gains on that meter are multiplied by this.",
    "wound_heal_rate": "How many points of a wound's depth each point gained on it heals.",
    "wound_drag": "How hard open wounds pull overall trust down.",
    "consistency_every": "How many choices in a row without a loss earn the consistency bonus.",
    "consistency_bonus": "Points added to the partner's `consistency` for such a run.",
}


def round2(x: float) -> float:
    """Exactly `round(x, 2)`, in a third of the time (which the simulator needs).

    Meters keep two decimals: readable saves, the same bits everywhere (D7).
    `round` finds the nearest two-decimal number through an exact decimal
    conversion, which is slow. Away from a tie, the nearest integer to
    x * 100 is already certain from the float product (its error is far below
    1e-6), and k / 100 is then the same correctly rounded double `round`
    returns. Near a tie we ask `round` itself.
    """
    y = x * 100.0
    k = floor(y)
    frac = y - k
    if 0.499999 < frac < 0.500001:
        return round(x, 2)
    return (k + 1 if frac > 0.5 else k) / 100.0


def apply_delta(
    dyn: Dynamics, value: float, wound: float, delta: float, breach: bool
) -> tuple[float, float, bool]:
    """Apply one requested change to a meter.

    Returns (new value, new wound depth, whether a wound was opened).
    A wound depth of 0 means no wound.
    """
    meters = {"m": value}
    wounds = {"m": wound} if wound > 0 else {}
    out: list = []
    apply_deltas(dyn, meters, wounds, "", (("m", delta),), breach, "", out)
    return meters["m"], wounds.get("m", 0.0), out[0][6]


def apply_deltas(
    dyn: Dynamics,
    meters: dict,
    wounds: dict,
    owner: str,
    deltas,
    breach: bool,
    cause: str,
    out: list,
) -> bool:
    """Apply (meter, delta) pairs in order to one trust profile, in place.

    `meters` and `wounds` are the profile's dicts (only open wounds are kept).
    Each change is appended to `out` as a plain tuple
    (owner, meter, before, after, asked, cause, wound_opened, wound_closed).
    Returns whether any meter fell, which is what D6 needs to know.

    This is the one place the D1-D5 rules live (with `_gain`). It is
    written as one loop because the simulator spends most of its time here.
    """
    hurt = False
    append = out.append
    # A change that involves no wound and no breach (most of them) depends
    # only on the meter's value, the delta and the damping, and values sit on
    # a two-decimal grid: such results are remembered (see _PLAIN).
    table = _PLAIN.get(dyn.gain_damping)
    if table is None:
        table = _PLAIN[dyn.gain_damping] = {}
    threshold = dyn.wound_threshold
    for meter, delta in deltas:
        value = meters[meter]
        if not breach and -delta < threshold and meter not in wounds:
            known = table.get(delta)
            if known is None:
                known = table[delta] = {}
            new = known.get(value)
            if new is None:
                new = _plain(dyn, value, delta)
                if _REMEMBERED[0] < _PLAIN_LIMIT:
                    known[value] = new
                    _REMEMBERED[0] += 1
            meters[meter] = new
            if new < value:
                hurt = True
            append((owner, meter, value, new, delta, cause, False, False))
            continue
        wound = wounds.get(meter, 0.0)
        if delta > 0:  # a gain on a wounded meter, or one in a choice marked breach
            new = _gain(dyn, value, delta, dyn.wound_gain_factor if wound > 0 else 1.0)
            meters[meter] = new
            if wound > 0 and new != value:
                wound = round2(wound - (new - value) * dyn.wound_heal_rate)
                if wound <= 0:
                    del wounds[meter]
                    append((owner, meter, value, new, delta, cause, False, True))
                    continue
                wounds[meter] = wound
            append((owner, meter, value, new, delta, cause, False, False))
            continue
        if delta < 0:
            loss = -delta * dyn.loss_multiplier if breach else -delta
            new = value - loss
            if new < LO:
                new = LO
            landed = value - new
            opened = False
            if breach or loss >= threshold:
                opened = wound <= 0
                # The depth tracks what was lost, so a wound on a meter already
                # at 0 still opens (a breach always wounds) with at least one point.
                if landed < 1.0 and (breach or opened):
                    landed = 1.0
                wound = wound + landed
            elif wound > 0:
                wound += landed  # a new loss deepens an open wound
            new = round2(new)
            meters[meter] = new
            if new < value:
                hurt = True
            if wound > 0:
                wounds[meter] = round2(wound)
            append((owner, meter, value, new, delta, cause, opened, False))
            continue
        append((owner, meter, value, value, delta, cause, False, False))
    return hurt


def _gain(dyn: Dynamics, value: float, delta: float, factor: float) -> float:
    """Where a gain of `delta` lands from `value` (D3), scaled by `factor`
    (D4: the wound factor while a wound is open, else 1)."""
    gain = delta * (1.0 - dyn.gain_damping * value / HI)
    if factor != 1.0:  # x * 1.0 == x: skipping it changes no bit
        gain *= factor
    if gain <= 0:
        return value
    new = value + gain
    return round2(HI if new > HI else new)


def _plain(dyn: Dynamics, value: float, delta: float) -> float:
    """Where a change lands on a meter with no wound, when it is no breach and
    no loss big enough to wound: the common case, which apply_deltas remembers."""
    if delta > 0:
        return _gain(dyn, value, delta, 1.0)
    if delta < 0:
        new = value - -delta
        return round2(LO if new < LO else new)
    return value


#: gain_damping -> delta -> value -> the result of `_plain`. Values sit on a
#: two-decimal grid from 0 to 100, so real play meets a few thousand; past the
#: limit (odd knobs, hand-made saves) nothing more is kept.
_PLAIN: dict[float, dict] = {}
_PLAIN_LIMIT = 200_000
_REMEMBERED = [0]


def rebuild_ratio(
    dyn: Dynamics, start: float = 70.0, breach: int = -20, gain: int = 10, cap: int = 1000
) -> int | None:
    """D5: how many gains of `gain` it takes to bring a meter at `start` back
    after one breach of `breach` (None if it never gets back within `cap`)."""
    value, wound, _ = apply_delta(dyn, start, 0.0, breach, True)
    for n in range(1, cap + 1):
        value, wound, _ = apply_delta(dyn, value, wound, gain, False)
        if value >= start:
            return n
    return None


def overall_trust(dyn: Dynamics, meters: dict, wounds: dict) -> float:
    """Average of the eight pillars, pulled down by open wounds (D4)."""
    # Summed left to right in pillar order (never `sum()`, whose float
    # algorithm changed in Python 3.12): the same bits on every platform (D7).
    p1, p2, p3, p4, p5, p6, p7, p8 = PILLARS
    total = (
        meters[p1]
        + meters[p2]
        + meters[p3]
        + meters[p4]
        + meters[p5]
        + meters[p6]
        + meters[p7]
        + meters[p8]
    )
    if wounds:
        drag = 0.0
        for p in PILLARS:
            if p in wounds:
                drag += wounds[p]
        total -= drag * dyn.wound_drag
    x = total / 8
    return round2(HI if x > HI else LO if x < LO else x)
