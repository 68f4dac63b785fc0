"""The journal of the story so far, from one player's side: what was
chosen, what happened, what came due, and what each moved."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.describe import fmt, meter_label, symbol, whose
from trustquest.engine.game import saved_change
from trustquest.engine.meters import other
from trustquest.engine.privacy import seen_by
from trustquest.engine.recent import net_changes
from trustquest.engine.turns import GUESS, judge
from trustquest.tui.literal import assemble, join, literal, styled
from trustquest.tui.render.outcome import event_line
from trustquest.tui.widgets.prose import filled


def _pick_line(game, scene, pick, judged, reader: str) -> Content:
    """One answer in the journal: 'You chose: ...', or in hot-seat a guess,
    the choice guessed in its chooser's words."""
    words = game.words(scene, pick)
    text = filled(game, words.source, words.reader) if words.source else literal(words.text)
    if pick.kind == GUESS:
        right = "right" if judged.guesses.get(pick.role) else "wrong"
        name = game.state.names[pick.chooser]
        return assemble(f"You guessed {name} chose: ", text, f" ({right})")
    return assemble("You chose: ", text)


def journal_content(game, reader: str = "a") -> Content:
    """The story so far from `reader`'s side. In hot-seat a player's journal
    lists only their own answers and what came of them: the other's stay
    private until the debrief (`privacy.seen_by` says what the reader may see)."""
    scenario = game.scenario
    state = game.state
    private = state.mode == "hotseat"
    steps = [seen.entry for seen in seen_by(game, reader) if not seen.private]
    if private:
        # Events are the story's, not anyone's answer: both journals have them.
        steps = [
            h
            for h in steps
            if h.kind == "event"
            or (h.kind == "choice" and any(p.role == reader for p in h.picks))
            or (h.kind == "consequence" and h.role == reader)
        ]
    if not steps:
        if private:
            return literal(
                "Nothing yet: your journal begins with your first answer. It lists only your "
                f"own choices; {state.names[other(reader)]}'s stay private until the debrief."
            )
        return literal("Nothing yet: the story begins with your first choice.")
    blocks: list[Content] = []
    if private:
        blocks.append(
            styled(
                f"Only your own answers are here; {state.names[other(reader)]}'s stay private "
                "until the side-by-side debrief at the end.",
                "italic",
            )
        )
    for step in steps:
        scene = scenario.scenes.get(step.scene)
        # A scene without a time label is told by its number alone, never its id.
        when = game.time_of(scene, reader) if scene is not None and scene.time else ""
        if step.kind == "event":
            happened = game.happened(step)
            if happened is None:
                continue
            lines = [event_line(game, happened, reader)]
        elif step.kind == "consequence":
            text, cause = game.consequence(step)
            lines = [
                assemble(("⏰ ", "bold"), filled(game, text, step.role)),
                assemble(
                    (f"  It came from choice {step.set_turn}: ", "italic"),
                    filled(game, cause, step.role) if cause else literal("?"),
                ),
            ]
        else:
            lines = _choice_lines(game, scene, step, when, private, reader)
        _moved_lines(game, step, lines, reader)
        blocks.append(join("\n", lines))
    return join("\n\n", blocks)


def _choice_lines(game, scene, step, when: str, private: bool, reader: str) -> list[Content]:
    """An answered scene: what was chosen (in hot-seat, only the reader's own
    answers, and how the revealed answers compared)."""
    state = game.state
    lines = [styled(f"Choice {step.turn}" + (f" · {when}" if when else ""), "bold")]
    judged = judge(step.picks)
    for pick in step.picks:
        if private and pick.role != reader:
            continue
        lines.append(_pick_line(game, scene, pick, judged, reader))
    if private and judged.same is not None:
        lines.append(
            literal("You both chose the same." if judged.same else "You chose differently.")
        )
    partner = other(reader)
    if private and partner in judged.guesses:
        right = "right" if judged.guesses[partner] else "wrong"
        lines.append(literal(f"{state.names[partner]} guessed {right}."))
    if not private:
        # Saves from before version 2 kept consequences inside the choice.
        for text in step.fired:
            lines.append(assemble(("⏰ ", "bold"), text))
    return lines


def _moved_lines(game, step, lines: list, reader: str) -> None:
    """What an entry changed, from the reader's side."""
    moved: dict[str, list[str]] = {}
    for m in net_changes(map(saved_change, step.changes)):
        moved.setdefault(m.role, []).append(
            f"{symbol(m.delta)} {meter_label(game.scenario, m.meter)} {fmt(m.before)}→{fmt(m.after)}"
        )
    for owner in (other(reader), reader):
        if owner in moved:
            lines.append(
                assemble((f"  {whose(game, owner, reader)}: ", "italic"), ", ".join(moved[owner]))
            )
