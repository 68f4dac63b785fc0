"""The headless commands: `list`, `validate`, `profile` and `run`.

They print plain text (or JSON) and never import Textual, so they start fast
and work in CI logs and pipes.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

from trustquest.engine.describe import (
    change_words,
    fmt,
    habit_words,
    told_event,
    trust_sentence,
    verdicts,
    whose,
)
from trustquest.engine.diagnostics import (
    format_concise,
    format_github,
    format_json,
    format_text,
    summary,
)
from trustquest.engine.game import Game
from trustquest.engine.lessons import ending_lessons
from trustquest.engine.loader import check_file
from trustquest.engine.meters import ROLES
from trustquest.engine.recent import net_changes
from trustquest.engine.reflection import turning_points
from trustquest.engine.text import clean_line
from trustquest.engine.turns import judge
from trustquest.errors import ChoiceError, TrustQuestError, UsageError
from trustquest.players import Players


def list_scenarios(out=None) -> int:
    from trustquest.catalog import discover

    out = out or sys.stdout
    entries = discover()
    if not entries:
        print("No scenarios found.", file=out)
        return 0
    # A file's name is whatever is on disk: one clean line each.
    ids = {e.path: clean_line(e.id) for e in entries}
    width = max(len(i) for i in ids.values())
    for e in entries:
        shown_id, path = ids[e.path], clean_line(str(e.path))
        if e.ok:
            s = e.scenario
            modes = "+".join(s.modes)
            print(
                f"{shown_id:<{width}}  {s.title} — {s.minutes} min, {modes} [{e.origin}: {path}]",
                file=out,
            )
        else:
            errors = sum(d.is_error for d in e.diagnostics)
            print(
                f"{shown_id:<{width}}  (broken: {errors} error{'s' * (errors != 1)}; run `trustquest validate "
                f"{path}`) [{e.origin}]",
                file=out,
            )
    return 0


def collect_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.toml") if p.is_file())
            files.extend(found)
        elif path.is_file() or os.path.lexists(path):
            files.append(path)  # a FIFO or a device is reported by check_file, never read
        else:
            raise UsageError(f"no such file or folder: '{clean_line(raw)}'")
    return files


def validate(paths: list[str], form: str = "text", out=None) -> int:
    out = out or sys.stdout
    files = collect_files(paths)
    diags = []
    for file in files:
        _, found = check_file(file)
        diags.extend(found)
    if form == "json":
        print(format_json(diags), file=out)
    elif form == "github":
        for d in diags:
            print(format_github(d), file=out)
    elif form == "concise":
        for d in diags:
            print(format_concise(d), file=out)
    else:
        for d in diags:
            print(format_text(d) + "\n", file=out)
        print(summary(diags, len(files)), file=out)
    return 1 if any(d.is_error for d in diags) else 0


# --- run ---------------------------------------------------------------------------


def profile(saves: Path, clear: bool = False, out=None) -> int:
    """`trustquest profile`: the player's patterns across stories, in plain
    text; `--clear` forgets them."""
    from trustquest import patterns_file
    from trustquest.engine.patterns import read_patterns

    out = out or sys.stdout
    if clear:
        if patterns_file.clear(saves):
            out.write(f"Your patterns are forgotten ({patterns_file.path_in(saves)} removed).\n")
        else:
            out.write("There were no patterns to forget.\n")
        return 0
    kept = patterns_file.load(saves)
    if kept.problem:
        raise TrustQuestError(kept.problem)
    out.write(patterns_text(read_patterns(list(kept.playthroughs))))
    out.write(f"\nKept only on this computer, in {patterns_file.path_in(saves)}.\n")
    out.write("trustquest profile --clear forgets them.\n")
    return 0


def patterns_text(patterns) -> str:
    lines = ["Your patterns", ""]
    for section in patterns.sections:
        lines.append(section.heading)
        for line in section.lines:
            wrapped = textwrap.wrap(line, 76, initial_indent="  ", subsequent_indent="    ")
            lines.extend(wrapped or [""])
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def run(
    ref: str,
    answers: list[int],
    hotseat: bool = False,
    seed: int = 1,
    as_json: bool = False,
    out=None,
    players: Players | None = None,
) -> int:
    """Play `answers` (numbers as displayed, in the order the game asks) and
    print the transcript and the final state. The seed fixes the order the
    choices are shown in, so the same numbers always mean the same choices."""
    from trustquest.catalog import resolve

    out = out or sys.stdout
    entry = resolve(ref)
    scenario = entry.scenario
    mode = "hotseat" if hotseat else "solo"
    if mode not in scenario.modes:
        raise UsageError(
            f"'{scenario.id}' cannot be played in {mode} mode (modes: {', '.join(scenario.modes)})"
        )
    players = players or Players()
    game = Game.new(scenario, mode, dict(players.names), dict(players.pronouns), seed=seed)
    opening = [_event_json(e) for e in game.arrived()]
    steps: list[dict] = []
    lines: list[str] = []
    error = None
    for n, answer in enumerate(answers, start=1):
        prompt = game.prompt()
        if prompt is None:
            error = f"answer {n} of --choices ({answer}) comes after the story has ended"
            break
        options = game.options(prompt)
        if not game.state.picks:  # a new scene: show it once
            lines.extend(_scene_lines(game, prompt))
        try:
            outcome = game.choose_number(answer)
        except ChoiceError as exc:
            error = f"answer {n} of --choices ({answer}): {exc}"
            break
        chosen = options[answer - 1]
        who = game.state.names[prompt.role]
        verb = "guessed" if prompt.kind == "guess" else "chose"
        lines.append(f"> {who} {verb} {answer}: {chosen.text}")
        step = {
            "answer": answer,
            "role": prompt.role,
            "kind": prompt.kind,
            "scene": prompt.scene.id,
            "choice": chosen.index + 1,  # its place in the file
            "order": [o.index + 1 for o in options],  # the file's numbers, in the order shown
            "text": chosen.text,
            "resolved": outcome.resolved,
        }
        if outcome.resolved:
            step.update(
                {
                    "turn": game.state.turn,
                    "matched": outcome.matched,
                    # Guesser role -> whether the guess was right.
                    "guesses": judge(outcome.picks).guesses,
                    "changes": [_change_json(c) for c in outcome.changes],
                    "fired": [
                        {
                            "text": f.text,
                            "averted": f.averted,
                            # The choice that set it up: scene, its place in the file, turn.
                            "from": {"scene": f.scene, "choice": f.choice + 1, "turn": f.set_turn},
                        }
                        for f in outcome.fired
                    ],
                    "next": outcome.ending or outcome.next_scene,
                    "events": [_event_json(e) for e in outcome.events],
                }
            )
            for f in outcome.fired:
                lines.append(("  (averted) " if f.averted else "  LATER: ") + f.text)
            lines.extend(f"  {line}" for line in verdicts(game, outcome.picks))
            for c in net_changes(outcome.changes):
                lines.append(f"  {whose(game, c.role, 'a')}: {change_words(scenario, c)}")
        steps.append(step)
    report = _final(game, steps, seed, error)
    report["opening_events"] = opening
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False), file=out)
    else:
        print(_players_line(game), file=out)
        print("\n".join(lines), file=out)
        print("", file=out)
        if game.over:
            e = game.ending
            print(f"ENDING: {game.title_of()} ({e.tone}) [{e.id}]", file=out)
        else:
            print(
                f"Not ended: waiting at scene '{game.state.scene}' after turn {game.state.turn}.",
                file=out,
            )
        print(trust_sentence(game, "a"), file=out)
        for role in ROLES:
            meters = ", ".join(f"{k} {fmt(v)}" for k, v in game.state.meters[role].items())
            print(
                f"{game.state.names[role]} trusts {game.state.names['b' if role == 'a' else 'a']}: {meters}",
                file=out,
            )
        if game.state.flags:
            print(f"Flags: {', '.join(sorted(game.state.flags))}", file=out)
    if error:
        if not as_json:
            print(f"trustquest: error: {error}", file=sys.stderr)
        return 1
    return 0


def _players_line(game: Game) -> str:
    names, pronouns = game.state.names, game.state.pronouns
    if game.state.mode == "hotseat":
        return (
            f"Players: {names['a']} ({pronouns['a']}) is player one (a), "
            f"{names['b']} ({pronouns['b']}) player two (b)."
        )
    return f"You are {names['a']}; your partner is {names['b']} ({pronouns['b']})."


def _scene_lines(game: Game, prompt) -> list[str]:
    scene = prompt.scene
    head = f"== {scene.id}" + (f" ({game.time_of(scene, prompt.actor)})" if scene.time else "")
    lines = [head]
    reader = "a" if game.state.mode == "solo" else None
    for e in game.arrived():
        # Told as the scene's first answerer reads it, by the rule every face follows.
        told = told_event(game, e, prompt.role)
        lines.append(f"  * {told.heading}" + (f"“{e.text}”" if told.quoted else e.text))
        for c in net_changes(e.changes):
            lines.append(f"    {whose(game, c.role, reader)}: {change_words(game.scenario, c)}")
    lines.append(game.scene_text(prompt.actor).strip())
    for o in game.options(prompt):
        habit = habit_words(o.repeat, o.span)
        mark = (f" [{habit}]" if habit else "") + ("" if o.available else f" [locked: {o.locked}]")
        lines.append(f"  {o.number}. {o.text}{mark}")
    return lines


def _change_json(c) -> dict:
    return {
        "role": c.role,
        "meter": c.meter,
        "before": c.before,
        "after": c.after,
        "cause": c.cause,
        "wound_opened": c.wound_opened,
        "wound_closed": c.wound_closed,
    }


def _event_json(e) -> dict:
    return {
        "scene": e.scene,
        "event": e.index + 1,
        "text": e.text,
        "breach": e.breach,
        "changes": [_change_json(c) for c in e.changes],
    }


def _final(game: Game, steps: list[dict], seed: int, error: str | None) -> dict:
    s = game.state
    ending = game.ending
    return {
        "scenario": game.scenario.id,
        "mode": s.mode,
        "seed": seed,
        # Who played which role: a is you (player one), b your partner (player two).
        "players": {r: {"name": s.names[r], "pronouns": s.pronouns[r]} for r in ROLES},
        "ended": bool(ending),
        "ending": {"id": ending.id, "title": game.title_of(), "tone": ending.tone}
        if ending
        else None,
        "scene": None if ending else s.scene,
        "turn": s.turn,
        "trust": {r: game.trust(r) for r in ROLES},
        "meters": {r: dict(s.meters[r]) for r in ROLES},
        "wounds": {r: dict(s.wounds[r]) for r in ROLES},
        "flags": sorted(s.flags),
        "visited": list(s.visited),
        "steps": steps,
        "reflection": _reflection(game),
        "error": error,
    }


def _reflection(game: Game) -> dict:
    """What the ending shows when looking back: the turning points, each
    credited to its cause, and the lessons (solo: from the player's side)."""
    points = turning_points(game, "a")
    return {
        "turning_points": [
            {
                "kind": p.kind,  # choice | consequence | event
                "scene": p.scene_id,
                "credits": p.choice_text,  # the choice (or the event) it credits
                "by": p.chooser,
                "turn": p.turn,  # when trust swung
                "cause_turn": p.cause_turn,  # the choice credited (an event: its turn)
                "fired": p.fired_text or None,  # a consequence: what happened when it fired
                "swing": round(p.swing, 2),
                "their": {"before": p.their_before, "after": p.their_after},
                "yours": {"before": p.your_before, "after": p.your_after},
                "replay_from": p.replay_from,
            }
            for p in points
        ],
        # As the ending shows them: (who or what it is about, or "", the lesson).
        "lessons": [{"about": who, "text": text} for who, text in ending_lessons(game)],
    }
