"""The pillars in the project's own words: a glossary line and a short lesson
for each, and a note on seeking help. Shown in help, at the end of a story,
and in plain mode.

`path_lessons` speaks to one playthrough: which pillar broke, whether it was
rebuilt and how long that took (in choices and in the story's own time), and
what the partner did. The facts come from `path.read_path`; the words are
the project's, drawn from the seeds, and say what happened rather than what
the player should have done.
"""

from __future__ import annotations

import attrs

from trustquest.engine.meters import PILLARS, label, other
from trustquest.engine.path import HIT_BACK, LET_PASS, NO_ANSWER, REACHED_OUT, read_path

GLOSSARY = {
    "communication": "Saying what is true for you, and listening until you understand what is true for them.",
    "consistency": "Being the same person on a Tuesday as on an anniversary; small promises kept, again and again.",
    "vulnerability": "Letting your partner see the soft parts: fears, needs, the things you are not proud of.",
    "reliability": "Turning up when you said you would, and saying so early when you can't.",
    "forgiveness": "Owning a mistake without excuses, and giving hurt the time it needs before it lets go.",
    "transparency": "No hidden ledgers: money, messages, old flames and plans are things you can talk about.",
    "respect": "Treating your partner's feelings as real even when you don't share them.",
    "boundaries": "Knowing, and saying, what is and isn't all right, so both of you can relax.",
}

LESSONS = {
    "communication": (
        "Trust grows in conversations where both people feel heard. Naming a worry early, "
        "in plain words, costs a moment of discomfort; leaving it unsaid costs far more later."
    ),
    "consistency": (
        "No single grand gesture builds trust. It grows out of ordinary days that go as promised, "
        "which is why a run of small kept promises counted for more in this story than one big apology."
    ),
    "vulnerability": (
        "Opening up is a risk, and that is exactly why it builds closeness. Start small, pick a calm "
        "moment, and make it safe for your partner to open up in return."
    ),
    "reliability": (
        "Being dependable is mostly logistics and honesty: keep track of what you've promised, and "
        "when plans slip, say so as soon as you know, not when you arrive."
    ),
    "forgiveness": (
        "An apology opens the door; it doesn't make the hurt vanish. The person who was hurt sets the "
        "pace, and patience from the one who caused it is part of the repair."
    ),
    "transparency": (
        "Secrets about money or about old partners rarely stay small. Agreeing on what you share, "
        "before there is anything to hide, leaves little room for suspicion to grow."
    ),
    "respect": (
        "Respect shows in how you listen when your partner names a need, and in refusing the small "
        "dishonesties that quietly tell them their feelings matter less than your comfort."
    ),
    "boundaries": (
        "Clear boundaries are not walls. They are a shared map of what feels safe, and talking about "
        "them openly keeps both of you from guessing."
    ),
}

#: The game's model of trust, in one paragraph for the help screen.
MODEL = (
    "Every meter runs from 0 to 100. Losses land in full at once, and a betrayal (a breach) lands "
    "harder. Gains shrink as a meter rises. A big loss opens a wound: while it is open, gains on "
    "that pillar come at half speed, heal it bit by bit, and drag overall trust down."
)

HELP_NOTE = (
    "TrustQuest is a game, not therapy. If trust problems in your own relationship keep coming "
    "back, or if you feel unsafe, a couples counsellor or therapist can help both of you be heard. "
    "Reaching out is a sign of care, not of failure. If you are in danger, contact local emergency "
    "services."
)


def lesson(meter_id: str, fallback: str = "") -> str:
    return LESSONS.get(meter_id, fallback)


# --- lessons from this path -------------------------------------------------------------

#: How each pillar comes back after a breach, in a sentence.
REPAIR = {
    "communication": (
        "Talk comes back when the hard thing is said plainly and then listened to, "
        "rather than answered straight away."
    ),
    "consistency": (
        "Consistency comes back only by repetition: the same small thing done on the dull "
        "days as well as the good ones."
    ),
    "vulnerability": (
        "After a hurt, opening up again starts small, at a calm moment, and goes on only "
        "when it is met with care."
    ),
    "reliability": (
        "Reliability comes back by turning up when you said you would, and by saying so "
        "early on the days you can't."
    ),
    "forgiveness": (
        "The one who was hurt sets the pace of forgiveness; patience on the other side is "
        "part of the repair, not a wait before it."
    ),
    "transparency": (
        "What rebuilds openness is bringing the hidden thing into the light yourself, "
        "before anyone has to find it."
    ),
    "respect": (
        "Respect comes back when a named need is taken seriously, even when it isn't shared."
    ),
    "boundaries": (
        "Boundaries hold again once both of you have said out loud what is and isn't "
        "all right, so nobody has to guess."
    ),
}

#: The quiet pillar-by-pillar climb, when nothing broke.
GROWTH = (
    "No single moment did it: the climb was a few points at a time, each one a small "
    "promise that turned out to be true."
)

UNREPAIRED = (
    "A breach lands in a moment; climbing back takes many more good days than the bad "
    "one took, and the story ran out first."
)

SLIPPED = (
    "Small costs are easy to explain away one at a time; together they weigh as much "
    "as a single large one."
)

ANSWERS = {
    REACHED_OUT: "You answered by reaching toward {them}",
    HIT_BACK: "You answered in kind, and it cost {their} trust in you too",
    LET_PASS: "You let it pass without a word",
    NO_ANSWER: "The story ended before you answered",
}

FORGIVING = (
    "Forgiving doesn't mean the hurt is gone; it means giving it time while you keep "
    "talking, and noticing what is done well as well as what isn't."
)

#: At most this many lessons: short enough to be read.
MOST = 3
#: A quoted choice or event is cut at this many characters.
QUOTE = 90


@attrs.frozen
class Lesson:
    kind: str  # rebuilt | not_rebuilt | lapse | kindness | growth | slipped
    pillar: str
    text: str


def path_lessons(game, reader: str = "a") -> list[Lesson]:
    """Up to MOST short lessons about this playthrough (a recorded game),
    filled for `reader`. Plain text: every face shows it through its literal path."""
    path = read_path(game, reader)
    lessons: list[Lesson] = []
    # Breaches that landed together (one choice, several pillars) make one lesson.
    moments: dict[int, list] = {}
    for brk in path.breaks:
        if brk.pillar in REPAIR:
            moments.setdefault(brk.entry, []).append(brk)
    for group in list(moments.values())[:2]:
        lessons.append(_break_lesson(group))
    for answer in path.answers:
        if answer.lapse.pillar in REPAIR:
            lessons.append(_lapse_lesson(game, reader, answer))
            break
    if not path.lapses and path.kindnesses and len(lessons) < MOST:
        kind = path.kindnesses[0]
        lessons.append(
            Lesson(
                "kindness",
                "",
                _fill(
                    game,
                    reader,
                    "{Partner} did something kind too, without being asked: <<WHAT>>. "
                    "Trust grows when the good things are noticed as well as the lapses.",
                    _quote(kind.text),
                ),
            )
        )
    if not path.breaks and len(lessons) < MOST:
        steady = _steady_lesson(game, reader, path)
        if steady is not None:
            lessons.append(steady)
    return lessons[:MOST]


def ending_lessons(game) -> list[tuple[str, str]]:
    """(who, text) pairs for an ending screen: in solo play the player's lessons
    (who is ""); in hot-seat each player's, named. When a path says nothing
    (no meter moved), the story's focus pillars speak instead."""
    state = game.state
    readers = ("a",) if state.mode == "solo" else ("a", "b")
    out = []
    for role in readers:
        who = "" if state.mode == "solo" else state.names[role]
        out.extend((who, item.text) for item in path_lessons(game, role))
    if not out:
        for pillar in game.scenario.focus:
            text = lesson(pillar)
            if text:
                out.append((label(pillar), text))
    return out


def _steady_lesson(game, reader: str, path) -> Lesson | None:
    """No breach: say where trust went anyway, and what moved it."""
    partner = game.state.names[other(reader)]
    start, end = path.their_start, path.their_end
    if end < start - 0.5:
        lost = max(path.losses, key=lambda p: (path.losses[p], -PILLARS.index(p)))
        return Lesson(
            "slipped",
            lost,
            f"Nothing you did was a betrayal, yet {partner}'s trust in you slipped from "
            f"{start:.0f} to {end:.0f}, most of it on {label(lost).lower()}. {SLIPPED}",
        )
    grown = max(path.gains, key=lambda p: (path.gains[p], -PILLARS.index(p)))
    if path.gains[grown] <= 0:
        return None  # nothing broke and nothing grew: no lesson to draw
    return Lesson(
        "growth",
        grown,
        f"Nothing you did broke {partner}'s trust. {label(grown)} grew the most, by "
        f"{_points(path.gains[grown])} over {_count(path.choices, 'choice')}. {GROWTH}",
    )


def _break_lesson(group: list) -> Lesson:
    first = group[0]
    when = _when(first.time, first.turn)
    quoted = _quote(first.text) if first.text else ""
    if first.source == "consequence":
        what = f", when an earlier choice caught up with you ({quoted})" if quoted else ""
    else:
        what = f" ({quoted})" if quoted else ""
    parts = [f"{_and([label(b.pillar) for b in group])} broke {when}{what}."]
    for brk in group:
        if brk.rebuilt:
            by = (
                f", by {brk.rebuilt_time}"
                if brk.rebuilt_time and brk.rebuilt_time != brk.time
                else ""
            )
            parts.append(
                f"{label(brk.pillar)} was back where it had been "
                f"{_count(brk.took, 'choice')} later{by}."
            )
    never = [b for b in group if not b.rebuilt]
    if never:
        names = _and([label(b.pillar) for b in never])
        verb = "was" if len(never) == 1 else "were"
        parts.append(f"{names} {verb} still lower when the story ended. {UNREPAIRED}")
    parts.append(REPAIR[first.pillar])
    kind = "not_rebuilt" if never else "rebuilt"
    return Lesson(kind, first.pillar, " ".join(parts))


def _and(words: list[str]) -> str:
    words = [words[0]] + [w.lower() for w in words[1:]]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _lapse_lesson(game, reader: str, answer) -> Lesson:
    lapse = answer.lapse
    what = f": {_quote(lapse.text)}" if lapse.text else ""
    head = _fill(game, reader, "{Partner} let you down " + _when(lapse.time, lapse.turn), "")
    reply = _fill(game, reader, ANSWERS[answer.kind], "")
    pillar = label(lapse.pillar).lower()
    if lapse.rebuilt:
        after = _fill(
            game,
            reader,
            f", and your trust in {{their}} {pillar} was back where it had been "
            f"{_count(lapse.took, 'choice')} later.",
            "",
        )
    else:
        after = _fill(
            game,
            reader,
            f"; by the end your trust in {{their}} {pillar} was still lower than before.",
            "",
        )
    return Lesson("lapse", lapse.pillar, f"{head}{what}. {reply}{after} {FORGIVING}")


def _fill(game, reader: str, template: str, quoted: str) -> str:
    """Fill names and pronouns for `reader`, then put in the quoted text (after
    filling, so braces in a quote are never read as placeholders)."""
    return game.fill(template, reader).replace("<<WHAT>>", quoted)


_ON = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_IN = ("week", "month", "year", "spring", "summer", "autumn", "fall", "winter", "the")


def _when(time: str, turn: int) -> str:
    """ "on Monday", "in Week 2, Friday", "at 8:40 pm"; "at your choice 3" without a label."""
    if not time:
        return f"at your choice {turn}"
    first = time.split()[0].strip(",.").lower()
    return f"{'on' if first in _ON else 'in' if first in _IN else 'at'} {time}"


def _quote(text: str) -> str:
    # One line, and no Markdown emphasis marks: lessons are plain text.
    text = " ".join(text.replace("*", "").split())
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]  # the sentence around the quote has its own full stop
    if len(text) > QUOTE:
        cut = text[:QUOTE].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:.") + "…"
    return f"“{text}”"


def _count(n: int | None, word: str) -> str:
    n = n or 0
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _points(x: float) -> str:
    return f"{x:.0f} points" if round(x) != 1 else "1 point"
