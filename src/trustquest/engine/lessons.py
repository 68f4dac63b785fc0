"""The pillars in the project's own words: a glossary line and a short lesson
for each, and a note on seeking help. Shown in help, at the end of a story,
and in plain mode."""

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
