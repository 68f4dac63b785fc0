"""The backlog: the story so far as it was read, scene by scene.

The state keeps answers, not texts. A scene's text can depend on the state
when it was reached (variants), so the backlog replays the answers from the
start with the same seed and reads each scene at the moment it is reached:
by D7 that is exactly what the player saw. Every face reads it from here.
"""

from __future__ import annotations

import attrs

from trustquest.engine.game import Fired, Game, Happened
from trustquest.engine.history import ChoiceEntry
from trustquest.engine.privacy import seen_by, told_of
from trustquest.engine.turns import GUESS
from trustquest.errors import ChoiceError


@attrs.frozen
class Answer:
    """One answer given in a scene: its choice text before placeholders
    are filled (fill it for `reader`, whose words it is in)."""

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
    #: Hot-seat: the other player answered here in private; its text and
    #: answers are not shown (a variant could tell what they chose before),
    #: only what happened there in the shared story.
    private: bool = False


def backlog(game: Game, viewer: str = "a") -> tuple[Passage, ...]:
    """Every scene of `game` so far, in order, as `viewer` may see it.

    In hot-seat the answers are those `privacy.seen_by` lets the viewer see;
    a scene the other player answered in private keeps its text too, and a
    consequence that came due is there as `privacy.told_of` allows. The
    scene in play reads as it does on the viewer's screen, and its answers
    so far (a private answer waiting for the other's) are never in it."""
    s = game.state
    seen = [v for v in seen_by(game, viewer) if isinstance(v.entry, ChoiceEntry)]
    replayed = Game.new(game.scenario, s.mode, dict(s.names), dict(s.pronouns), s.seed, False)
    answers = iter(game.answers())
    events = replayed.opening
    passages: list[Passage] = []
    for view in seen:
        if replayed.over:
            break
        scene = replayed.scene
        turn = replayed.state.turn
        entry = view.entry
        pov = viewer if s.mode == "solo" or entry.chose(viewer) else scene.reader(s.mode)
        source = replayed.scene_source(pov)
        time = replayed.time_of(scene, pov)
        try:
            outcome = replayed.choose(next(answers))
            while not outcome.resolved:
                outcome = replayed.choose(next(answers))
        except (ChoiceError, StopIteration):
            return tuple(passages)  # the scenario changed under the save (a reload)
        fired = tuple(f for f in outcome.fired if told_of(game, f, viewer))
        if view.private:
            passages.append(Passage(turn, scene.id, time, "", pov, events, (), fired, private=True))
        else:
            said = tuple(
                Answer(p.role, p.kind, w.source, w.reader)
                for p in entry.picks
                for w in (replayed.words(scene, p),)
            )
            passages.append(Passage(turn, scene.id, time, source, pov, events, said, fired))
        events = outcome.events
    prompt = game.prompt()
    if prompt is not None and not replayed.over:
        pov = prompt.actor if prompt.kind == GUESS else viewer
        scene = replayed.scene
        source = replayed.scene_source(pov)
        time = replayed.time_of(scene, pov)
        passages.append(
            Passage(replayed.state.turn, scene.id, time, source, pov, events, current=True)
        )
    return tuple(passages)
