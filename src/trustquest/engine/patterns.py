"""The player's patterns across stories: a small summary of each finished solo
playthrough (`Playthrough`, kept in the saves folder by `trustquest.patterns_file`)
and what they show together (`read_patterns`): the pillars the player
protects, where they hold back, how they answer the partner's lapses, and how
that changed from their earlier stories to their latest.

Everything here is plain text for the faces to show through their literal path.
"""

from __future__ import annotations

import attrs

from trustquest.engine.meters import PILLARS, label
from trustquest.engine.path import HIT_BACK, LET_PASS, NO_ANSWER, REACHED_OUT, read_path
from trustquest.engine.sha256 import hexdigest
from trustquest.engine.text import fill

ANSWER_KINDS = (REACHED_OUT, LET_PASS, HIT_BACK, NO_ANSWER)
TONES = ("hopeful", "bittersweet", "broken")
#: Summaries kept: the oldest go first.
KEEP = 50


@attrs.frozen
class Playthrough:
    """One finished solo playthrough, from the player's side. Small on purpose:
    no names and no text the player chose, only what the patterns need."""

    scenario: str  # id
    title: str
    ending: str  # id
    ending_title: str
    tone: str
    day: str  # the date it ended, YYYY-MM-DD
    choices: int
    breaks: int  # pillars of the partner's trust breached by the player
    rebuilt: int  # of those, how many came back to where they had been
    rebuild_choices: int  # choices those repairs took, summed
    lapses: int  # pillars of the player's trust the partner breached
    answers: dict[str, int]  # how the player answered them: ANSWER_KINDS -> count
    gains: dict[str, float]  # pillar -> points the player's choices added to the partner's trust
    losses: dict[str, float]  # ... and took from it
    their_start: float
    their_end: float
    your_start: float
    your_end: float
    key: str = ""  # the same finished game twice (a resumed ending) is recorded once


def summarize(game, day: str) -> Playthrough:
    """The summary of a finished, recorded solo game."""
    path = read_path(game, "a")
    answers = dict.fromkeys(ANSWER_KINDS, 0)
    for answer in path.answers:
        answers[answer.kind] += 1
    rebuilt = [b for b in path.breaks if b.rebuilt]
    ending = game.ending
    state = game.state
    key = hexdigest(
        repr(
            (state.scenario_id, state.scenario_digest, state.seed, game.answers(), state.ending)
        ).encode()
    )[:16]
    # The ending's title is filled with the story's own default names, never
    # the ones the player typed: the summary keeps no names.
    roles = game.scenario.roles
    title = (
        fill(ending.title, roles["a"].name, roles["b"].name, roles["b"].pronouns) if ending else ""
    )
    return Playthrough(
        game.scenario.id,
        game.scenario.title,
        ending.id if ending else "",
        title,
        ending.tone if ending else "",
        day,
        path.choices,
        len(path.breaks),
        len(rebuilt),
        sum(b.took or 0 for b in rebuilt),
        len(path.lapses),
        answers,
        dict(path.gains),
        dict(path.losses),
        path.their_start,
        path.their_end,
        path.your_start,
        path.your_end,
        key,
    )


def remember(kept: list[Playthrough], new: Playthrough) -> list[Playthrough]:
    """`kept` with `new` added at the end (unless it is the last one again),
    bounded to the latest KEEP."""
    if kept and new.key and kept[-1].key == new.key:
        return list(kept)
    return [*kept, new][-KEEP:]


# --- across stories ----------------------------------------------------------------------


@attrs.frozen
class Section:
    heading: str
    lines: tuple[str, ...]


@attrs.frozen
class Patterns:
    count: int
    sections: tuple[Section, ...]


def read_patterns(kept: list[Playthrough]) -> Patterns:
    if not kept:
        return Patterns(
            0,
            (
                Section(
                    "Nothing yet",
                    (
                        "Finish a story on your own and this page starts to show your "
                        "patterns: the pillars you protect, where you hold back, and how "
                        "you answer when your partner lets you down.",
                    ),
                ),
            ),
        )
    stories = {p.scenario for p in kept}
    head = (
        f"Across {_n(len(kept), 'finished story', 'finished stories')}"
        + (f" ({len(stories)} different)" if len(stories) != len(kept) else "")
        + f", from {kept[0].day} to {kept[-1].day}."
    )
    sections = [
        Section("In short", (head, _endings_line(kept))),
        Section("The pillars you protect", _protected(kept)),
        Section("Where you hold back", _held_back(kept)),
        Section("When trust broke", _breaks(kept)),
        Section("When your partner let you down", _lapses(kept)),
        Section("How it changed", _changes(kept)),
        Section("Your latest stories", tuple(_story_line(p) for p in reversed(kept[-5:]))),
    ]
    return Patterns(len(kept), tuple(sections))


def _net(kept) -> dict[str, float]:
    return {p: sum(k.gains.get(p, 0.0) - k.losses.get(p, 0.0) for k in kept) for p in PILLARS}


def _ranked(kept) -> list[str]:
    net = _net(kept)
    return sorted(PILLARS, key=lambda p: (-net[p], PILLARS.index(p)))


def _protected(kept) -> tuple[str, ...]:
    net = _net(kept)
    lines = []
    for pillar in _ranked(kept)[:2]:
        if net[pillar] <= 0:
            break
        lost = sum(k.losses.get(pillar, 0.0) for k in kept)
        never = "you never cost it anything" if lost == 0 else f"you cost it {lost:.0f} points"
        lines.append(
            f"{label(pillar)}: your choices added {_points(sum(k.gains.get(pillar, 0.0) for k in kept))} "
            f"to your partners' trust in it; {never}."
        )
    return tuple(lines) or ("No pillar has grown through your choices yet.",)


def _held_back(kept) -> tuple[str, ...]:
    net = _net(kept)
    gained = {p: sum(k.gains.get(p, 0.0) for k in kept) for p in PILLARS}
    lost = {p: sum(k.losses.get(p, 0.0) for k in kept) for p in PILLARS}
    lines = [
        f"{label(p)}: more lost than given ({net[p]:+.0f} points overall)."
        for p in sorted(PILLARS, key=lambda p: (net[p], PILLARS.index(p)))
        if net[p] < 0
    ][:2]
    untouched = [label(p).lower() for p in PILLARS if not gained[p] and not lost[p]]
    if untouched:
        lines.append(f"Your choices never moved {_and(untouched)}.")
    if not lines:
        low = min(PILLARS, key=lambda p: (gained[p], PILLARS.index(p)))
        lines.append(f"{label(low)}: the least you gave, {_points(gained[low])} in all.")
    return tuple(lines)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _breaks(kept) -> tuple[str, ...]:
    broke = [k for k in kept if k.breaks]
    if not broke:
        return ("You haven't broken your partner's trust in any story you finished.",)
    breaks = sum(k.breaks for k in kept)
    rebuilt = sum(k.rebuilt for k in kept)
    lines = [
        f"You broke trust in {len(broke)} of {_n(len(kept), 'story', 'stories')}: "
        f"{_n(breaks, 'pillar', 'pillars')} in all, {rebuilt} of them rebuilt before the end."
    ]
    if rebuilt:
        took = sum(k.rebuild_choices for k in kept) / rebuilt
        lines.append(f"Rebuilding took {took:.1f} choices on average.")
    return tuple(lines)


ANSWER_WORDS = {
    REACHED_OUT: "you reached out",
    LET_PASS: "you let it pass",
    HIT_BACK: "you answered in kind",
    NO_ANSWER: "the story ended first",
}


def _lapses(kept) -> tuple[str, ...]:
    totals = dict.fromkeys(ANSWER_KINDS, 0)
    for k in kept:
        for kind, n in k.answers.items():
            if kind in totals:
                totals[kind] += n
    lapses = sum(k.lapses for k in kept)
    if not lapses:
        return ("No partner has broken your trust yet in a story you finished.",)
    parts = [f"{ANSWER_WORDS[k]} {_times(n)}" for k, n in totals.items() if n]
    your = sum(k.your_end - k.your_start for k in kept if k.lapses) / sum(
        1 for k in kept if k.lapses
    )
    where = "ended higher" if your > 0.5 else "ended lower" if your < -0.5 else "ended about even"
    return (
        f"Your trust was breached {_times(lapses)}: " + ", ".join(parts) + ".",
        f"In those stories your own trust in your partner {where} than it began "
        f"({your:+.1f} on average).",
    )


def _changes(kept) -> tuple[str, ...]:
    if len(kept) < 2:
        return ("Finish another story to see how your patterns change.",)
    half = len(kept) // 2
    early, late = kept[:half], kept[half:]
    lines = []
    eb, lb = _per_story(early, "breaks"), _per_story(late, "breaks")
    if abs(lb - eb) >= 0.25:
        more = "less" if lb < eb else "more"
        lines.append(
            f"You break trust {more} often now: {lb:.1f} pillars a story in your latest "
            f"stories, {eb:.1f} in your earlier ones."
        )
    er = _mean(k.their_end - k.their_start for k in early)
    lr = _mean(k.their_end - k.their_start for k in late)
    if abs(lr - er) >= 1.0:
        way = "ends higher" if lr > er else "ends lower"
        lines.append(
            f"Your partners' trust in you {way} than it used to: {lr:+.1f} over a story "
            f"lately, {er:+.1f} before."
        )
    first, last = _most_given(early), _most_given(late)
    if first and last and first != last:
        lines.append(
            f"The pillar you give most to moved from {label(first).lower()} to "
            f"{label(last).lower()}."
        )
    ea, la = _answer_mode(early), _answer_mode(late)
    if ea and la and ea != la:
        lines.append(f"When let down, {ANSWER_WORDS[ea]} at first; lately {ANSWER_WORDS[la]}.")
    return tuple(lines) or ("Steady: your earlier and latest stories look much the same.",)


def _most_given(kept) -> str:
    """The pillar the player's choices added most to, or "" if none grew."""
    gains = {p: sum(k.gains.get(p, 0.0) for k in kept) for p in PILLARS}
    best = max(PILLARS, key=lambda p: (gains[p], -PILLARS.index(p)))
    return best if gains[best] > 0 else ""


def _answer_mode(kept) -> str:
    totals = dict.fromkeys((REACHED_OUT, LET_PASS, HIT_BACK), 0)
    for k in kept:
        for kind in totals:
            totals[kind] += k.answers.get(kind, 0)
    best = max(totals, key=lambda k: totals[k])
    return best if totals[best] else ""


def _endings_line(kept) -> str:
    tones = {t: sum(1 for k in kept if k.tone == t) for t in TONES}
    parts = [f"{n} {t}" for t, n in tones.items() if n]
    return "Endings: " + (", ".join(parts) if parts else "none") + "."


def _story_line(p: Playthrough) -> str:
    broke = "nothing broken" if not p.breaks else f"{p.breaks} broken, {p.rebuilt} rebuilt"
    return f"{p.day}  {p.title}: {p.ending_title} ({p.tone}); {p.choices} choices, {broke}."


def _per_story(kept, field: str) -> float:
    return _mean(getattr(k, field) for k in kept)


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _points(x: float) -> str:
    return "1 point" if round(x) == 1 else f"{x:.0f} points"


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
