"""What the hot-seat faces say about answers: the reveal of a scene both
players answered, and the recap at a hand-over.

The recap tells the incoming player what happened in the shared story since
their last turn: the scenes the other player answered (by time label, never
what was chosen), story events, and delayed consequences that fired. A reveal
is not retold: both players watched it together, and it came with a turn of
the incoming player's. It reads the history through `privacy.seen_by` and
names a choice only once both players have seen it, so it can stand on the
hand-over screen while either of them is looking.

Every line is plain words (scenario Markdown read by `engine.markdown`, the
players' names as typed); each face makes it literal on its way out.
"""

from __future__ import annotations

import attrs

from trustquest.engine.describe import told_event, verdicts
from trustquest.engine.history import ChoiceEntry, ConsequenceEntry, EventEntry
from trustquest.engine.markdown import fill_literal, plain_text, sentence
from trustquest.engine.meters import other
from trustquest.engine.privacy import revealed, seen_by
from trustquest.engine.turns import GUESS


@attrs.frozen
class Recap:
    """The recap for one player at a hand-over."""

    #: The player has not answered yet: it covers the story from its start.
    from_start: bool
    lines: tuple[str, ...]

    @property
    def heading(self) -> str:
        return "So far in the story:" if self.from_start else "Since your last turn:"


def answer_lines(game, scene, picks) -> list[str]:
    """A revealed scene's answers, each in its chooser's words ("Ana chose:
    ...", "Ben guessed: ..."), then how they compare."""
    names = game.state.names
    lines = []
    for pick in picks:
        words = game.words(scene, pick)
        text = plain_text(fill_literal(game, words.source, words.reader)) if words.source else "?"
        verb = "guessed" if pick.kind == GUESS else "chose"
        lines.append(f"{names[pick.role]} {verb}: {sentence(text)}")
    return lines + verdicts(game, picks, spoken=True)


def recap(game, viewer: str) -> Recap:
    """What `viewer` should hear at a hand-over, in story order."""
    seen = seen_by(game, viewer)
    start = _since(seen, viewer)
    lines: list[str] = []
    for item in seen[start:]:
        entry = item.entry
        if isinstance(entry, ChoiceEntry):
            lines.extend(_answered(game, viewer, entry, item.private))
        elif isinstance(entry, EventEntry):
            if (entry.turn, entry.scene) == (game.state.turn, game.state.scene):
                continue  # on arrival at the scene now: told with the scene itself
            happened = game.happened(entry)
            if happened is not None:
                lines.append(event_line(game, viewer, happened))
        elif isinstance(entry, ConsequenceEntry):
            lines.extend(_consequence(game, seen, entry))
    return Recap(start == 0, tuple(lines))


def _since(seen, viewer: str) -> int:
    """Where the viewer's news begins: after the last scene resolved with an
    answer of theirs, and what came due as it resolved. They saw all that
    then: their own result, or the reveal both players watch together (a
    scene the other finished), so the recap never tells it again. 0 when
    they have answered nothing yet."""
    for i in range(len(seen) - 1, -1, -1):
        entry = seen[i].entry
        if isinstance(entry, ChoiceEntry) and any(p.role == viewer for p in entry.picks):
            start = i + 1
            while start < len(seen) and _came_due_with(seen[start].entry, entry):
                start += 1
            return start
    return 0


def _came_due_with(entry, answered: ChoiceEntry) -> bool:
    return isinstance(entry, ConsequenceEntry) and entry.turn == answered.turn


def _answered(game, viewer: str, entry: ChoiceEntry, private: bool) -> list[str]:
    """A scene answered since the viewer's last turn: the other player's alone
    (a scene with a reveal holds an answer of the viewer's, so it comes no
    later than their last turn). Named by its time label, never its answer."""
    scene = game.scenario.scenes.get(entry.scene)
    if scene is None or not private:
        return []
    when = game.time_of(scene, viewer) or f"Choice {entry.turn}"
    return [f"{when}: {game.state.names[other(viewer)]} answered in private."]


def event_line(game, viewer: str | None, happened) -> str:
    """A story event as `viewer` is told it (`describe.told_event`), in plain words."""
    told = told_event(game, happened, viewer)
    text = plain_text(fill_literal(game, told.source, told.reader))
    return f"{told.heading}“{text}”" if told.quoted else f"{told.heading}{text}"


def _consequence(game, seen, entry: ConsequenceEntry) -> list[str]:
    later, choice = game.consequence(entry)
    if not later:
        return []
    text = plain_text(fill_literal(game, later, entry.role))
    line = f"Something from earlier caught up with {game.state.names[entry.role]}: {text}"
    setup = next(
        (
            s.entry
            for s in seen
            if isinstance(s.entry, ChoiceEntry)
            and (s.entry.turn, s.entry.scene) == (entry.set_turn, entry.scene)
        ),
        None,
    )
    # Name the choice behind it only if both players saw it revealed.
    if setup is not None and revealed(setup) and choice:
        chosen = plain_text(fill_literal(game, choice, entry.role))
        line += f" (it came of choosing: {sentence(chosen)})"
    return [line]
