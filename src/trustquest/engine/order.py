"""The order a scene's choices are shown in.

The kind answer should not always come first, so unless a scene (or the whole
scenario) says `order = "fixed"`, its choices are shown in a seeded order.
That order is a pure function of the game's seed, the scene id and the turn
(how many scenes were answered before), so it is the same after a save, a
resume, a rewind or a replay, and both hot-seat players see the same order in
one scene. It never changes the rules: answers are file indexes everywhere
inside the engine; only the numbers a player sees follow this order.

`Rules.shown_order` (and `Game.shown_order`) apply the scene's `order`; this
module only knows how to shuffle.
"""

from __future__ import annotations

from random import SystemRandom
from zlib import crc32

_MASK = (1 << 64) - 1


def _mix(x: int) -> int:
    """splitmix64's finaliser: a well-spread 64-bit number from any 64-bit number."""
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 & _MASK
    x = (x ^ (x >> 27)) * 0x94D049BB133111EB & _MASK
    return x ^ (x >> 31)


def new_seed() -> int:
    """A seed for a new game when the player gave none: each playthrough
    gets its own order."""
    return SystemRandom().randrange(2**31)


def shown_order(seed: int, scene_id: str, turn: int, n: int) -> tuple[int, ...]:
    """A permutation of range(n) for (seed, scene, turn): the file index of
    the choice shown as number k is `order[k - 1]`. The same on every machine
    and in every Python (no `hash()`, which is salted per process)."""
    order = list(range(n))
    x = _mix((seed & _MASK) ^ _mix(crc32(scene_id.encode()) + (turn << 32)))
    for i in range(n - 1, 0, -1):  # Fisher-Yates
        x = _mix(x + 0x9E3779B97F4A7C15 & _MASK)
        j = x % (i + 1)
        order[i], order[j] = order[j], order[i]
    return tuple(order)
