"""What the hot-seat faces say about answers: the reveal of a scene both
players answered, and the recap at a hand-over.

The recap tells the incoming player what happened in the shared story since
their last turn: the scenes the other player answered (by time label, never
what was chosen), story events, delayed consequences that fired, and the
results revealed since. It reads the history through `privacy.seen_by` and
names a choice only once both players have seen it, so it can stand on the
hand-over screen while either of them is looking.

Every line is plain words (scenario Markdown read by `engine.markdown`, the
players' names as typed); each face makes it literal on its way out.
"""

from __future__ import annotations

import attrs

from trustquest.engine.describe import event_heading, verdicts
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
    start, from_start = 0, True
    for i in range(len(seen) - 1, -1, -1):
        entry = seen[i].entry
        if isinstance(entry, ChoiceEntry) and any(p.role == viewer for p in entry.picks):
            # A scene the viewer answered and the other player finished: its
            # reveal came after the viewer's turn, so it belongs here.
            start = i if entry.picks[-1].role != viewer else i + 1
            from_start = False
            break
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
    return Recap(from_start, tuple(lines))


def _answered(game, viewer: str, entry: ChoiceEntry, private: bool) -> list[str]:
    scene = game.scenario.scenes.get(entry.scene)
    if scene is None:
        return []
    when = game.time_of(scene, viewer) or f"Choice {entry.turn}"
    if private:
        return [f"{when}: {game.state.names[other(viewer)]} answered in private."]
    return [f"{when}: both answers were revealed."] + [
        f"  {line}" for line in answer_lines(game, scene, entry.picks)
    ]


def event_line(game, viewer: str, happened) -> str:
    """A story event, as it was read: from the incoming player's side, or
    saying whose it was (its text speaks to that player as "you")."""
    text = plain_text(fill_literal(game, happened.source, happened.reader))
    if happened.reader == viewer:
        return f"{event_heading(happened)}{text}"
    lived = game.state.names[happened.reader]
    breach = f" (a breach of {lived}'s trust)" if happened.breach else ""
    return f"It happened to {lived}{breach}: {text}"


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
