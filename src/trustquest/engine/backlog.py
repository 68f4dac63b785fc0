"""The backlog: the story so far as it was read, scene by scene.

The state keeps answers, not texts. A scene's text can depend on the state
when it was reached (variants), so the backlog replays the answers from the
start with the same seed and reads each scene at the moment it is reached:
by D7 that is exactly what the player saw. Every face reads it from here.
"""

from __future__ import annotations

import attrs

from trustquest.engine.game import Fired, Game, Happened
from trustquest.errors import ChoiceError


@attrs.frozen
class Answer:
    """One answer given in a scene: its choice text before placeholders
    are filled (fill it for `reader`)."""

    role: str
    kind: str  # choose | guess
    source: str
    reader: str


@attrs.frozen
class Passage:
    """A scene as it was read, what happened on arrival, the answers given
    there and the consequences that came due after them."""

    turn: int  # the state's turn on arrival: shown as "choice turn + 1"
    scene: str
    time: str  # the time label, filled for `reader`
    source: str  # the scene text (variant applied) before placeholders are filled
    reader: str
    events: tuple[Happened, ...] = ()
    answers: tuple[Answer, ...] = ()
    fired: tuple[Fired, ...] = ()
    #: The scene in play now: not answered yet.
    current: bool = False


def backlog(game: Game, reader: str = "a") -> tuple[Passage, ...]:
    """Every scene of `game` so far, in order, as `reader` read it.

    Solo play only for now: in hot-seat each player may see only part of
    the story, and that rule is the engine's privacy rule, not this one."""
    s = game.state
    if s.mode != "solo":
        raise ValueError("the backlog is for solo play")
    replayed = Game.new(game.scenario, s.mode, dict(s.names), dict(s.pronouns), s.seed, False)
    answers = iter(game.answers())
    events = replayed.opening
    passages: list[Passage] = []
    while not replayed.over:
        scene = replayed.scene
        turn = replayed.state.turn
        source = replayed.scene_source(reader)
        time = replayed.time_of(scene, reader)
        index = next(answers, None)
        if index is None:
            passages.append(Passage(turn, scene.id, time, source, reader, events, current=True))
            break
        try:
            outcome = replayed.choose(index)
        except ChoiceError:
            break  # the scenario changed under the save (a reload): stop where it fits
        chosen = scene.choices[index]
        answer = Answer("a", "choose", chosen.text, reader)
        passages.append(
            Passage(turn, scene.id, time, source, reader, events, (answer,), outcome.fired)
        )
        events = outcome.events
    return tuple(passages)
