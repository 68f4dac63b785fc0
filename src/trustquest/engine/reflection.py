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
