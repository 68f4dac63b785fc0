"""How meters move: fast to break, slow to rebuild (PRODUCT.md §1, D1–D8).

Every knob has a default here and can be overridden in a scenario's
`[dynamics]` table. docs/authoring.md explains each with a worked example.
"""

from __future__ import annotations

import attrs

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


def _r(x: float) -> float:
    # Two decimals keep saves readable and every platform bit-identical (D7).
    return round(x, 2)


def apply_delta(
    dyn: Dynamics, value: float, wound: float, delta: float, breach: bool
) -> tuple[float, float, bool]:
    """Apply one requested change to a meter.

    Returns (new value, new wound depth, whether a wound was opened).
    A wound depth of 0 means no wound.
    """
    # Written without min/max calls: this runs in the simulator's inner loop.
    if delta < 0:
        loss = -delta * dyn.loss_multiplier if breach else -delta
        new = value - loss
        if new < LO:
            new = LO
        landed = value - new
        opened = False
        if breach or loss >= dyn.wound_threshold:
            opened = wound <= 0
            # The depth tracks what was lost, so a wound on a meter already at
            # 0 still opens (a breach always wounds) with at least one point.
            if landed < 1.0 and (breach or opened):
                landed = 1.0
            wound = wound + landed
        elif wound > 0:
            wound += landed  # a new loss deepens an open wound
        return round(new, 2), round(wound, 2), opened
    if delta > 0:
        gain = delta * (1.0 - dyn.gain_damping * value / HI)
        if wound > 0:
            gain *= dyn.wound_gain_factor
        if gain <= 0:
            return value, wound, False
        new = value + gain
        if new > HI:
            new = HI
        new = round(new, 2)
        if wound > 0:
            wound = round(wound - (new - value) * dyn.wound_heal_rate, 2)
            if wound < 0:
                wound = 0.0
        return new, wound, False
    return value, wound, False


def overall_trust(dyn: Dynamics, meters: dict, wounds: dict, pillars) -> float:
    """Average of the pillars, pulled down by open wounds (D4)."""
    total = 0.0
    drag = 0.0
    for p in pillars:
        total += meters[p]
        if p in wounds:
            drag += wounds[p]
    drag *= dyn.wound_drag
    n = len(pillars)
    return _r(min(HI, max(LO, (total - drag) / n)))
