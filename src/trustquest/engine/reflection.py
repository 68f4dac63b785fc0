"""Looking back over a finished (or unfinished) story: turning points and the
trust journey. Used by the ending screen, plain mode and `run --json`."""

from __future__ import annotations

import attrs

from trustquest.engine.game import Game
from trustquest.engine.meters import other
from trustquest.engine.turns import GUESS, judge


@attrs.frozen
class TurningPoint:
    """A moment that moved trust the most, credited to its cause: a choice; a
    delayed consequence, credited to the choice that set it up (and saying
    when it fired); or a story event."""

    step: int  # 1-based index into the history: the entry that moved trust
    scene_id: str  # the scene of what it credits
    choice_text: str  # what it credits: a choice (as the reader reads it) or an event's text
    chooser: str  # role of whoever made the choice credited (an event: the partner)
    their_before: float
    their_after: float
    your_before: float
    your_after: float
    kind: str = "choice"  # choice | consequence | event
    turn: int = 0  # the choice on which the swing happened (an event: before choice turn + 1)
    cause_turn: int = 0  # the choice credited (a choice: `turn`; an event: `turn`)
    fired_text: str = ""  # a consequence: what happened when it came due

    @property
    def their_delta(self) -> float:
        return round(self.their_after - self.their_before, 2)

    @property
    def your_delta(self) -> float:
        return round(self.your_after - self.your_before, 2)

    @property
    def swing(self) -> float:
        return abs(self.their_delta) + abs(self.your_delta)

    @property
    def replay_from(self) -> int:
        """How many answers to keep when replaying from here: back to the cause.
        An event cannot be unchosen: go back to the choice that led into it."""
        if self.kind == "event":
            return max(self.turn - 1, 0)
        return max(self.cause_turn - 1, 0)

    @property
    def heading(self) -> str:
        """Where it sits in the story, e.g. "Choice 2, which caught up at choice 5"."""
        if self.kind == "consequence":
            return f"Choice {self.cause_turn}, which caught up at choice {self.turn}"
        if self.kind == "event":
            return f"Before choice {self.turn + 1}, it happened"
        return f"Choice {self.turn}"


def turning_points(game: Game, reader: str = "a", n: int = 3) -> list[TurningPoint]:
    """The `n` moments where overall trust (both directions, from `reader`'s
    side) swung the most, in story order, each credited to its cause. Needs
    a recorded game."""
    s = game.state
    timeline = s.timeline
    points = []
    partner = other(reader)
    for i, entry in enumerate(s.history, start=1):
        first, last = entry.points
        if not 0 < first <= last < len(timeline):
            continue
        before, after = timeline[first - 1]["trust"], timeline[last]["trust"]
        kind = entry.kind
        fired_text = ""
        if kind == "event":
            happened = game.happened(entry)
            text = happened.text if happened is not None else ""
            chooser = other(happened.reader) if happened is not None else partner
            cause_turn = entry.turn
        elif kind == "consequence":
            later, choice = game.consequence(entry)
            chooser = entry.role
            text, fired_text = game.fill(choice, chooser), game.fill(later, chooser)
            cause_turn = entry.set_turn
        else:
            pick = entry.choice_of(reader)
            chooser = pick.role if pick is not None else reader
            scene = game.scenario.scenes.get(entry.scene)
            text = game.words(scene, pick).text if pick is not None else ""
            cause_turn = entry.turn
        points.append(
            TurningPoint(
                i,
                entry.scene,
                text,
                chooser,
                before[partner],
                after[partner],
                before[reader],
                after[reader],
                kind,
                entry.turn,
                cause_turn,
                fired_text,
            )
        )
    biggest = sorted(points, key=lambda p: (-p.swing, p.step))[:n]
    return sorted((p for p in biggest if p.swing > 0), key=lambda p: p.step)


def credit_words(point: TurningPoint, chooser: str | None = None, plain=str) -> str:
    """What a turning point credits, in words: the choice (and, for a delayed
    consequence, what came of it), or the event. `chooser` names who chose
    (hot-seat); `plain` turns scenario text into what the face shows."""
    text = plain(point.choice_text)
    if point.kind == "event":
        return f"◆ {text}"
    who = f"{chooser} chose" if chooser else "You chose"
    if point.kind == "consequence":
        return f"{who} “{text}”, and later: {plain(point.fired_text)}"
    return f"{who} “{text}”" if chooser else f"“{text}”"


def journey_x(game: Game) -> list[float]:
    """Where each timeline point sits on the chart's axis of choices made: an
    answered scene at its choice number, the steps of a habit spread over the
    choice they belong to (week 1 of 4 at 0.25 past the choice before), and
    consequences and events a little after the choice they followed."""
    s = game.state
    history = s.history
    extra: dict[int, int] = {}  # turn -> consequences and events on it
    for entry in history:
        if entry.kind != "choice":
            extra[entry.turn] = extra.get(entry.turn, 0) + 1
    seen: dict[int, int] = {}
    xs = []
    for point in s.timeline:
        index = point.get("entry", -1)
        if not 0 <= index < len(history):
            xs.append(float(point.get("turn", 0)))
            continue
        entry = history[index]
        turn = entry.turn
        if entry.kind == "choice":
            first, last = entry.points
            steps = last - first + 1
            at = len(xs) - first + 1  # 1 for the first step, `steps` for the choice itself
            xs.append(round(turn - 1 + at / steps, 3))
        else:
            seen[turn] = seen.get(turn, 0) + 1
            xs.append(round(turn + 0.6 * seen[turn] / (extra[turn] + 1), 3))
    return xs


def journey_marks(game: Game) -> list[tuple[int, str]]:
    """(timeline index, kind) of every point that is not an answered scene's
    own: "step" for a habit's earlier steps, "consequence" and "event"."""
    out = []
    history = game.state.history
    for i, point in enumerate(game.state.timeline):
        index = point.get("entry", -1)
        if not 0 <= index < len(history):
            continue
        entry = history[index]
        if entry.kind != "choice":
            out.append((i, entry.kind))
        elif i != entry.points[1]:
            out.append((i, "step"))
    return out


def journey(game: Game, meters: tuple[str, ...] = ()) -> dict[str, list[float]]:
    """Series over the timeline for a chart: overall trust in both directions
    from role a's side ("their" = b's trust in a), and chosen meters of b's
    profile. One value per timeline point: the start, each answered scene,
    each step of a habit, each consequence and each event (`journey_x` says
    where each sits among the choices)."""
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
    text: str  # in its chooser's words (a guess: the partner's choice guessed)
    right: bool | None = None  # a guess: whether it was right
    source: str = ""  # the text before placeholders are filled (for faces that render Markdown)
    reader: str = "a"  # whose words `text` is in: the chooser's
    index: int = -1  # the choice's file index


@attrs.frozen
class DebriefRow:
    step: int  # 1-based: the scene's place in the story
    scene_id: str
    time: str
    kind: str  # alone | both | predict | both_ways (`Scene.shape`)
    answers: dict[str, tuple[Answer, ...]]  # role -> that player's answers here
    matched: bool | None = None  # both: the same answer; a guess: every guess right


def debrief_rows(game: Game) -> list[DebriefRow]:
    """Every resolved scene with each player's answers, for the side-by-side
    debrief. A `both` scene lists both choices and whether they matched; a
    `predict` scene the actor's choice and the other player's guess (both
    ways: each player's choice and guess)."""
    rows = []
    answered = [h for h in game.state.history if h.kind == "choice"]
    for i, step in enumerate(answered, start=1):
        scene = game.scenario.scenes.get(step.scene)
        if scene is None:
            continue
        judged = judge(step.picks)
        answers: dict[str, list[Answer]] = {"a": [], "b": []}
        for pick in step.picks:
            words = game.words(scene, pick)
            right = judged.guesses.get(pick.role) if pick.kind == GUESS else None
            answers[pick.role].append(
                Answer(
                    pick.role, pick.kind, words.text, right, words.source, words.reader, pick.index
                )
            )
        rows.append(
            DebriefRow(
                i,
                scene.id,
                game.time_of(scene, "a"),
                scene.shape,
                {r: tuple(a) for r, a in answers.items()},
                judged.matched,
            )
        )
    return rows


@attrs.frozen
class Reading:
    """How well one player read the other: their guesses at the other's choices."""

    role: str  # the guesser
    right: int
    guesses: int


@attrs.frozen
class Difference:
    """A scene where the two of you chose differently, and how far apart the
    two choices were: the sum of how much each pillar's effects differ."""

    row: DebriefRow
    gap: float


@attrs.frozen
class DebriefOpening:
    """What the hot-seat debrief opens with: where the two of you differed
    most and how well each of you read the other."""

    differed: tuple[Difference, ...]  # the widest first, at most three
    shared: int  # scenes where both of you chose
    same: int  # ...and chose the same
    readings: tuple[Reading, ...]  # one per player who guessed, a first


def debrief_opening(game: Game, rows: list[DebriefRow] | None = None) -> DebriefOpening:
    """The opening of the hot-seat debrief, from `debrief_rows`."""
    rows = debrief_rows(game) if rows is None else rows
    differences = []
    shared = same = 0
    tallies: dict[str, list[int]] = {}
    for row in rows:
        chosen = {}
        for role, answers in row.answers.items():
            for answer in answers:
                if answer.kind == GUESS:
                    tally = tallies.setdefault(role, [0, 0])
                    tally[0] += bool(answer.right)
                    tally[1] += 1
                else:
                    chosen[role] = answer
        if len(chosen) < 2:
            continue
        shared += 1
        scene = game.scenario.scenes[row.scene_id]
        a, b = (chosen[r].index for r in ("a", "b"))
        if a == b:
            same += 1
        elif max(a, b) < len(scene.choices):
            differences.append(Difference(row, _gap(scene.choices[a], scene.choices[b])))
    differences.sort(key=lambda d: (-d.gap, d.row.step))
    readings = tuple(Reading(r, *tallies[r]) for r in ("a", "b") if r in tallies)
    return DebriefOpening(tuple(differences[:3]), shared, same, readings)


def _gap(one, two) -> float:
    """How far apart two choices' effects are, summed over both profiles' meters."""
    gap = 0.0
    for side in ("their", "your"):
        x, y = dict(getattr(one.effects, side)), dict(getattr(two.effects, side))
        gap += sum(abs(x.get(m, 0) - y.get(m, 0)) for m in x.keys() | y.keys())
    return gap


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
