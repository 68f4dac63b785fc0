"""Looking back over a finished (or unfinished) story: turning points and the
trust journey. Used by the ending screen, plain mode and `run --json`."""

from __future__ import annotations

import attrs

from trustquest.engine.game import Game
from trustquest.engine.meters import other


@attrs.frozen
class TurningPoint:
    step: int  # 1-based index into history: the choice that caused the swing
    scene_id: str
    choice_text: str  # what the reader chose (or the other player, in hot-seat)
    chooser: str  # role
    their_before: float
    their_after: float
    your_before: float
    your_after: float

    @property
    def their_delta(self) -> float:
        return round(self.their_after - self.their_before, 2)

    @property
    def your_delta(self) -> float:
        return round(self.your_after - self.your_before, 2)

    @property
    def swing(self) -> float:
        return abs(self.their_delta) + abs(self.your_delta)


def turning_points(game: Game, reader: str = "a", n: int = 3) -> list[TurningPoint]:
    """The `n` steps where overall trust (both directions, from `reader`'s
    side) swung the most, in story order. Needs a recorded game."""
    s = game.state
    timeline, history = s.timeline, s.history
    points = []
    partner = other(reader)
    for i, step in enumerate(history, start=1):
        if i >= len(timeline):
            break
        before, after = timeline[i - 1]["trust"], timeline[i]["trust"]
        scene = game.scenario.scenes.get(step["scene"])
        pick = next(
            (p for p in step["picks"] if p["kind"] == "choose" and p["role"] == reader), None
        )
        pick = pick or next((p for p in step["picks"] if p["kind"] == "choose"), None)
        text = ""
        if scene is not None and pick is not None and pick["index"] < len(scene.choices):
            text = game.fill(scene.choices[pick["index"]].text, reader)
        points.append(
            TurningPoint(
                i,
                step["scene"],
                text,
                pick["role"] if pick else reader,
                before[partner],
                after[partner],
                before[reader],
                after[reader],
            )
        )
    biggest = sorted(points, key=lambda p: (-p.swing, p.step))[:n]
    return sorted((p for p in biggest if p.swing > 0), key=lambda p: p.step)


def journey(game: Game, meters: tuple[str, ...] = ()) -> dict[str, list[float]]:
    """Series over the turns for a chart: overall trust in both directions from
    role a's side ("their" = b's trust in a), and chosen meters of b's profile."""
    series: dict[str, list[float]] = {"their": [], "your": []}
    for m in meters:
        series[m] = []
    for point in game.state.timeline:
        series["their"].append(point["trust"]["b"])
        series["your"].append(point["trust"]["a"])
        for m in meters:
            series[m].append(point["meters"]["b"].get(m, 0.0))
    return series


# --- hot-seat: the side-by-side debrief ------------------------------------------------


@attrs.frozen
class Answer:
    """One player's answer in one scene, as the debrief shows it."""

    role: str
    kind: str  # choose | guess
    text: str  # filled as the actor saw it (for a guess: the actor's choice guessed)
    right: bool | None = None  # a guess: whether it was right


@attrs.frozen
class DebriefRow:
    step: int  # 1-based: the scene's place in the story
    scene_id: str
    time: str
    kind: str  # alone | both | predict
    answers: dict[str, tuple[Answer, ...]]  # role -> that player's answers here
    matched: bool | None = None  # both: the same answer; predict: a right guess


def debrief_rows(game: Game) -> list[DebriefRow]:
    """Every resolved scene with each player's answers, for the side-by-side
    debrief. A `both` scene lists both choices and whether they matched; a
    `predict` scene the actor's choice and the other player's guess."""
    rows = []
    for i, step in enumerate(game.state.history, start=1):
        scene = game.scenario.scenes.get(step["scene"])
        if scene is None:
            continue
        picks = step["picks"]
        kind = "both" if scene.actor == "both" else "predict" if scene.predict else "alone"
        actor = next((p["role"] for p in picks if p["kind"] == "choose"), "a")
        chosen = next((p["index"] for p in picks if p["kind"] == "choose"), None)
        answers: dict[str, list[Answer]] = {"a": [], "b": []}
        for pick in picks:
            index = pick["index"]
            text = "?"
            if index < len(scene.choices):
                who = actor if pick["kind"] == "guess" else pick["role"]
                text = game.fill(scene.choices[index].text, who)
            right = (index == chosen) if pick["kind"] == "guess" else None
            answers[pick["role"]].append(Answer(pick["role"], pick["kind"], text, right))
        matched = None
        if len(picks) == 2:
            matched = picks[0]["index"] == picks[1]["index"]
        rows.append(
            DebriefRow(
                i,
                scene.id,
                game.time_of(scene, "a"),
                kind,
                {r: tuple(a) for r, a in answers.items()},
                matched,
            )
        )
    return rows


@attrs.frozen
class TrustPath:
    """How one player's trust in the other went over the story."""

    role: str  # whose trust it is
    series: tuple[float, ...]  # after each resolved scene, the start first
    low: float
    low_step: int  # 0 = at the start
    high: float
    high_step: int

    @property
    def start(self) -> float:
        return self.series[0] if self.series else 0.0

    @property
    def end(self) -> float:
        return self.series[-1] if self.series else 0.0


def trust_path(game: Game, role: str) -> TrustPath:
    """`role`'s overall trust in the other over the turns (needs a recorded game)."""
    series = tuple(point["trust"][role] for point in game.state.timeline)
    if not series:
        series = (game.trust(role),)
    low_step = min(range(len(series)), key=lambda i: (series[i], i))
    high_step = max(range(len(series)), key=lambda i: (series[i], -i))
    return TrustPath(role, series, series[low_step], low_step, series[high_step], high_step)
