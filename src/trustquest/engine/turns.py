"""The turn model: who answers a scene, and how, in solo and in hot-seat play.

This is the one place that says whose turn it is. `Game.prompt` asks it what
comes next, the rules ask it how the answers compare, the simulator plays by
it, and every face reads it instead of working the order out again.

A scene's `actor` and `predict` keys give its shape:

- `actor = "a"` or `"b"`: that player chooses (one turn).
- `actor = "a"` or `"b"` with `predict = true`: the actor chooses, then the
  other player guesses which choice the actor made.
- `actor = "both"`: each player chooses in private, a first (a shared answer).
- `actor = "both"` with `predict = true`, guessing both ways: each player, at
  the keyboard, chooses in private and then guesses what the other chooses:
  a chooses, a guesses b's choice, b chooses, b guesses a's choice. So the
  keyboard changes hands once.

In solo play the one player (role a) answers every scene once, whatever its
shape: there is nobody to guess, so `match` never applies.
"""

from __future__ import annotations

from functools import cache

import attrs

from trustquest.engine.meters import other

CHOOSE, GUESS = "choose", "guess"

#: A scene's shape, as faces name it.
ALONE, SHARED, PREDICT, BOTH_WAYS = "alone", "both", "predict", "both_ways"


@attrs.frozen
class Turn:
    """One answer a scene waits for."""

    role: str  # who answers: a | b
    kind: str  # CHOOSE | GUESS: what the answer is
    #: Whose choice the answer names, and so whose words its choices are read
    #: in: the answering role when choosing, the partner when guessing.
    chooser: str
    #: One of the private answers of a scene both players answer (`both`).
    shared: bool = False
    #: A guess made before the partner has chosen (guessing both ways): a
    #: prediction of what they will choose rather than of what they chose.
    ahead: bool = False

    @property
    def how(self) -> str:
        """choose | guess | shared: how the player answers, as faces say it."""
        return GUESS if self.kind == GUESS else "shared" if self.shared else CHOOSE


@attrs.frozen
class Pick:
    """An answer given: `role` chose (or guessed) the choice at file `index`."""

    role: str
    kind: str  # CHOOSE | GUESS
    index: int  # 0-based, in the scene's file order

    @property
    def chooser(self) -> str:
        """Whose choice this names: the role itself, or for a guess the partner.
        Its text is read in the chooser's words."""
        return self.role if self.kind == CHOOSE else other(self.role)

    def to_dict(self) -> dict:
        return {"role": self.role, "kind": self.kind, "index": self.index}


def scene_shape(actor: str, predict: bool) -> str:
    if actor == "both":
        return BOTH_WAYS if predict else SHARED
    return PREDICT if predict else ALONE


@cache
def scene_turns(actor: str, predict: bool, mode: str) -> tuple[Turn, ...]:
    """The answers a scene with this `actor` and `predict` waits for, in order."""
    if mode == "solo":
        return (Turn("a", CHOOSE, "a"),)
    shape = scene_shape(actor, predict)
    if shape == ALONE:
        return (Turn(actor, CHOOSE, actor),)
    if shape == PREDICT:
        return (Turn(actor, CHOOSE, actor), Turn(other(actor), GUESS, actor))
    if shape == SHARED:
        return (Turn("a", CHOOSE, "a", True), Turn("b", CHOOSE, "b", True))
    return (
        Turn("a", CHOOSE, "a", True),
        Turn("a", GUESS, "b", ahead=True),
        Turn("b", CHOOSE, "b", True),
        Turn("b", GUESS, "a"),
    )


def reader_of(actor: str, predict: bool, mode: str) -> str:
    """Whose point of view a scene's text and events are read from: whoever
    answers first."""
    return scene_turns(actor, predict, mode)[0].role


def waiting(turns: tuple[Turn, ...], picks) -> bool:
    """Whether `picks` are answers a scene with these turns asked for, in
    order, and it still waits for more (what a save may hold mid-scene)."""
    if len(picks) >= len(turns):
        return False
    return all(p.role == t.role and p.kind == t.kind for p, t in zip(picks, turns, strict=False))


@attrs.frozen
class Judged:
    """How a scene's answers compare, once all are in."""

    #: A `both` scene: whether the two chose the same (None otherwise).
    same: bool | None
    #: Guesser role -> whether their guess was right.
    guesses: dict[str, bool]

    @property
    def matched(self) -> bool | None:
        """One verdict for the scene: the same answer (`both`), or every guess
        right (`predict`, both ways); None when only one answered."""
        if self.guesses:
            return all(self.guesses.values())
        return self.same


def judge(picks) -> Judged:
    """Compare the answers given in one scene: (role, kind, index) tuples or `Pick`s."""
    chosen = {}
    guesses = []
    for role, kind, index in (_triple(p) for p in picks):
        if kind == GUESS:
            guesses.append((role, index))
        else:
            chosen[role] = index
    right = {role: chosen.get(other(role)) == index for role, index in guesses}
    same = None
    if not guesses and len(chosen) == 2:
        same = chosen["a"] == chosen["b"]
    return Judged(same, right)


def _triple(pick) -> tuple[str, str, int]:
    if isinstance(pick, Pick):
        return pick.role, pick.kind, pick.index
    return pick
