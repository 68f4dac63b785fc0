"""`trustquest new NAME [--hotseat]`: start a scenario that already works.

The file it writes is a small, complete story (five scenes, three endings)
that shows each feature once (an event and a habit included), with a comment
beside every key. It validates with no errors and no warnings, and it can be
played at once; an author rewrites it scene by scene.

Where the file goes: `NAME.toml` in the current folder, or exactly NAME when
it ends in `.toml`. An existing file is never overwritten.

The `#:schema` line, which editors (Taplo, Even Better TOML) follow to the
JSON Schema: inside a TrustQuest source checkout (for example its
`scenarios/` folder) it is the relative path to the checkout's schema, which
is `../schema/scenario.schema.json` from `scenarios/`, so the file stays
correct for everyone who clones the repository. Anywhere else it is a
`file://` URL of the schema that ships with the installed package.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from trustquest.engine.format import MAX_ID, SCENARIO_ID_PATTERN
from trustquest.errors import TrustQuestError, UsageError
from trustquest.tools.schema import REGENERATE, schema_path


def scenario_id(name: str) -> str:
    """A lowercase-kebab id from what the author typed: 'My Story' -> 'my-story'."""
    text = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    if not text:
        raise UsageError(
            f"cannot make a scenario id from {name!r}: use letters and digits, like 'late-again'"
        )
    if len(text) > MAX_ID:
        raise UsageError(
            f"the name is too long for an id ({len(text)} characters; the limit is {MAX_ID})"
        )
    if not re.match(SCENARIO_ID_PATTERN, text):  # pragma: no cover - the substitution guarantees it
        raise UsageError(f"{text!r} is not a lowercase-kebab id")
    return text


def target_for(name: str, cwd: Path | None = None) -> tuple[Path, str]:
    """(the file to write, the scenario id) for NAME."""
    cwd = cwd or Path.cwd()
    if name.lower().endswith(".toml"):
        path = Path(name).expanduser()
        return (path if path.is_absolute() else cwd / path), scenario_id(path.stem)
    raw = Path(name).expanduser()
    ident = scenario_id(raw.name)
    folder = raw.parent if str(raw.parent) not in ("", ".") else Path()
    path = folder / f"{ident}.toml"
    return (path if path.is_absolute() else cwd / path), ident


def schema_line(target: Path) -> str:
    """The `#:schema` directive for a file written at `target`."""
    schema = schema_path()
    if schema is None:  # pragma: no cover - the schema ships with the package
        return f"# (no schema found: run `{REGENERATE}` and add a #:schema line pointing at it)"
    checkout = schema.parent.parent
    folder = target.resolve().parent
    if (checkout / "pyproject.toml").is_file() and folder.is_relative_to(checkout):
        return "#:schema " + Path(os.path.relpath(schema, folder)).as_posix()
    return "#:schema " + schema.as_uri()


def title_of(ident: str) -> str:
    return " ".join(word.capitalize() for word in ident.split("-"))


def render(
    ident: str, hotseat: bool = False, schema: str = "#:schema ../schema/scenario.schema.json"
) -> str:
    text = HOTSEAT_TEMPLATE if hotseat else SOLO_TEMPLATE
    return (
        text.replace("@@SCHEMA@@", schema)
        .replace("@@ID@@", ident)
        .replace("@@TITLE@@", title_of(ident))
    )


def main(args) -> int:
    path, ident = target_for(args.name)
    if path.exists():
        raise UsageError(f"'{path}' already exists; choose another name, or move that file first")
    if not path.parent.is_dir():
        raise UsageError(f"there is no folder '{path.parent}' to write '{path.name}' into")
    text = render(ident, bool(getattr(args, "hotseat", False)), schema_line(path))
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise UsageError(
            f"'{path}' already exists; choose another name, or move that file first"
        ) from None
    except OSError as exc:
        raise TrustQuestError(f"cannot write '{path}': {exc.strerror or exc}") from None
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    out = sys.stdout
    print(
        f"Created {shown} (scenario id '{ident}'{', solo and hot-seat' if args.hotseat else ''}).",
        file=out,
    )
    print("Next:", file=out)
    print(f"  trustquest validate {shown}      # check it (it starts clean)", file=out)
    print(f"  trustquest play {shown} --watch  # play it; edits reload as you save", file=out)
    print(f"  trustquest simulate {shown}      # 1,000 random playthroughs", file=out)
    print(f"  trustquest graph {shown}         # the scene graph (Mermaid)", file=out)
    from trustquest.catalog import guide_path

    print(f"The authoring guide explains every key: {guide_path()}", file=out)
    return 0


# --- the templates --------------------------------------------------------------------
#
# Both tell the same small story. Keep them in step: tests validate both with
# zero diagnostics and play them through with `trustquest run`.

_HEADER = '''\
@@SCHEMA@@
# ^ Editors that know TOML schemas (Taplo, Even Better TOML) read the line above
#   to complete and check keys as you type. Keep it as the first line.
#
# A TrustQuest scenario. Everything below is a small, working story: play it,
# then rewrite it scene by scene. docs/authoring.md explains every key.
#   trustquest validate THIS_FILE     checks it and points at any mistake
#   trustquest play THIS_FILE --watch plays it, reloading when you save
#   trustquest simulate THIS_FILE     plays it 1,000 times at random
format = 1                       # the format version; always 1 for now

[scenario]
id = "@@ID@@"                    # unique, lowercase-kebab
title = "@@TITLE@@"
summary = "Thursday is your evening together. Then a friend asks you out for Thursday."
authors = ["You"]
@@MODES@@
focus = ["reliability", "transparency"]   # the pillars this story is about
content_notes = []               # shown before play, e.g. ["infidelity"]
minutes = 5                      # rough length
start = "invite"                 # the first scene
order = "shuffle"                # choices are shown in a varied (seeded) order; "fixed" keeps this file's

# Default names. Players can change them. `pronouns` (they | she | he) fills
# {they} {them} {their} {theirs} when this role is the partner.
[roles.a]
name = "Alex"                    # you, in solo play
[roles.b]
name = "Sam"                     # your partner
pronouns = "they"

# Every meter runs from 0 to 100 and starts at 50 unless you say otherwise.
# `their` is how much your partner trusts you; `your` is how much you trust them.
[start.their]
reliability = 52
[start.your]
vulnerability = 48

# Optional: tune how trust moves. These are the defaults; delete what you
# don't change. (docs/authoring.md has a worked example for each.)
[dynamics]
loss_multiplier = 1.5            # losses from a breach land this much harder
wound_threshold = 15             # a single loss this big opens a wound

# ---------------------------------------------------------------------------
# Scenes. Each is [scenes.ID] with its text, then its choices in order.
# Text is Markdown. {me} is the player, {partner} the other; {them} etc. follow
# the partner's pronouns.
# ---------------------------------------------------------------------------

[scenes.invite]
time = "Tuesday, 6:10 pm"        # optional: shown above the scene
text = """
Your friend Jo texts: *Drinks Thursday? Everyone's coming, it's been ages.*

Thursday is the one evening you and {partner} keep for each other. You promised
it again last week, after a month of cancelled ones.
"""

[[scenes.invite.choices]]
text = "Tell Jo you can't: Thursday is taken."
goto = "thursday_in"             # a scene id, an ending id, or "end"
their_trust = { reliability = 6, consistency = 3 }   # meter = points, + or -

[[scenes.invite.choices]]
text = "Tell {partner} about the invite, and ask what {they} would like."
goto = "thursday_in"
their_trust = { communication = 6, respect = 3 }
your_trust = { vulnerability = 6 }   # saying what you want makes you braver

[[scenes.invite.choices]]
text = "Say yes to Jo, and tell {partner} you have to work late."
goto = "thursday_out"
their_trust = { reliability = -3 }
# A delayed consequence: it fires 2 choices later, unless its condition holds by then.
later = { after = 2, unless = "flags.came_clean", text = "Jo posts a photo from Thursday night. You're in it, glass raised. {partner} sees it.", their_trust = { transparency = -12, respect = -4 }, breach = true, sets = ["lie_found"] }

[scenes.thursday_in]
time = "Thursday, 7:30 pm"
text = """
You cook together, badly. The pasta is over, the sauce is under, and {partner}
laughs more than {they} did all month.
"""

[[scenes.thursday_in.choices]]
text = "Tell {them} how much these evenings matter to you."
if = "your.vulnerability >= 52"  # a condition: the choice is locked unless it holds
locked = "You can't find the words yet."   # shown, greyed out, while it is locked
goto = "friday"
their_trust = { vulnerability = 8, communication = 4 }
your_trust = { vulnerability = 4 }

[[scenes.thursday_in.choices]]
text = "Enjoy the evening, phone face down on the shelf."
goto = "friday"
their_trust = { consistency = 4 }

[[scenes.thursday_in.choices]]
text = "Check your work email, just once."
goto = "friday"
their_trust = { respect = -3 }

[scenes.thursday_out]
time = "Thursday, 9:15 pm"
text = """
The bar is loud and warm. Your phone buzzes: {partner}, *how's work? don't stay too late x*
"""

[[scenes.thursday_out.choices]]
text = "Step outside and call {them}: you're out with Jo, and you're sorry you lied."
goto = "friday"
sets = ["came_clean"]            # flags remember what happened; read them as flags.NAME
their_trust = { transparency = 6, reliability = -4 }

[[scenes.thursday_out.choices]]
text = "Send a photo of your desk from this afternoon: *still at it*."
goto = "friday"
breach = true                    # a betrayal: its losses land harder and open wounds
their_trust = { transparency = -6, respect = -4 }

'''

_FRIDAY_SOLO = '''\
[scenes.friday]
time = "Friday, 8:00 am"
text = """
Breakfast. {partner} talks about a hard week at work while the kettle boils.
"""

[[scenes.friday.choices]]
text = "Ask about {their} week, and really listen."
goto = "sunday"
their_trust = { communication = 4, respect = 3 }

[[scenes.friday.choices]]
text = "Nod along while you scroll your phone."
goto = "sunday"
their_trust = { respect = -4 }

'''

_FRIDAY_HOTSEAT = '''\
# Hot-seat: in a `both` scene each player chooses in private, then both are
# shown. All choices must share one goto. `match` applies to each player when
# both pick the same. In solo play, the player simply chooses.
[scenes.friday]
actor = "both"
time = "Friday, 8:00 am"
text = """
Breakfast. Each of you thinks about Thursday evenings. What would make them easier to keep?
"""
match = { their_trust = { communication = 4 } }

[[scenes.friday.choices]]
text = "Put Thursdays in the shared calendar, like any meeting."
goto = "sunday"
their_trust = { reliability = 3 }

[[scenes.friday.choices]]
text = "Say out loud, each week, what's getting in the way."
goto = "sunday"
their_trust = { communication = 3 }

'''

_SUNDAY_SOLO = '''\
[scenes.sunday]
time = "Sunday, 11:00 am"
text = """
A slow Sunday. {partner} asks, lightly, whether next Thursday is still on.
"""

'''

_SUNDAY_HOTSEAT = '''\
# Hot-seat: in a `predict` scene the actor (a) chooses, then the other player
# guesses that choice. `match` rewards the guesser when the guess is right.
# With actor = "both", predict = true guesses both ways: each player chooses
# in private and then guesses the other's choice (solo play only chooses).
[scenes.sunday]
actor = "a"                      # who chooses here: a, b or both
predict = true
match = { your_trust = { communication = 4 } }
time = "Sunday, 11:00 am"
text = """
A slow Sunday. {partner} asks, lightly, whether next Thursday is still on.
"""

'''

_SUNDAY_REST = '''\
# Events happen on arrival, whatever the player chooses: mostly what the
# partner does. Effects read as for a choice (`your_trust` is how much you
# trust {partner}); `breach = true` would make it a lapse of theirs.
[[scenes.sunday.events]]
text = "{partner} has made coffee the way you like it, and left it by your side of the bed."
your_trust = { consistency = 3 }

# Variants replace the text: the first whose `if` holds is shown.
[[scenes.sunday.variants]]
if = "flags.lie_found"
text = """
{partner} has Jo's photo open on {their} phone. *Next Thursday,* {partner} asks, *are you working late again?*
"""

[[scenes.sunday.variants]]
if = "flags.came_clean"
text = """
You told the truth on Thursday night. It still sits between you, lighter than a lie would.
{partner} asks whether next Thursday is still on.
"""

[[scenes.sunday.choices]]
text = "Promise next Thursday, and put it in the calendar now."
goto = "end"                     # "end": the first ending whose `when` holds
their_trust = { reliability = 4, consistency = 2 }

[[scenes.sunday.choices]]
text = "Say sorry, and name exactly what you did wrong this week."
goto = "end"
their_trust = { transparency = 5, forgiveness = 3 }

[[scenes.sunday.choices]]
text = "Say you'll see how the week goes."
goto = "end"
their_trust = { reliability = -4 }

[[scenes.sunday.choices]]
text = "Keep every Thursday for the next month, whatever comes up."
goto = "end"
their_trust = { reliability = 3, consistency = 2 }
repeat = 4                       # a habit: these effects land 4 times, step by step
span = "the next four weeks"     # shown beside it, and on the chart ("week 2 of 4")

# ---------------------------------------------------------------------------
# Endings, in order: `goto = "end"` picks the first whose `when` holds.
# The last one has no `when`: it is the fallback. Tone: hopeful | bittersweet | broken.
# ---------------------------------------------------------------------------

[endings.caught]
title = "The Photo"
tone = "broken"
when = "flags.lie_found or their.trust < 47"
text = """
Thursday comes. {partner} doesn't ask about it, and neither do you. The evening
is quiet in the wrong way.
"""

[endings.kept]
title = "Thursday, Kept"
tone = "hopeful"
when = "their.trust >= 52"
text = """
Next Thursday you're home at seven with something burnt in the oven. {partner}
doesn't say anything about it. There is no need.
"""

[endings.unsure]
title = "We'll See"
tone = "bittersweet"
text = """
Thursday is still in the calendar. Whether it stays there is up to next week.
"""

# Shown at the end (side by side in hot-seat), to talk about.
[debrief]
prompts = [
  "Which promise to each other is hardest to keep right now?",
  "What would you want to hear, if one of you broke it?",
]
'''

SOLO_TEMPLATE = (
    _HEADER.replace(
        "@@MODES@@",
        'modes = ["solo"]                 # add "hotseat" for two players on one keyboard',
    )
    + _FRIDAY_SOLO
    + _SUNDAY_SOLO
    + _SUNDAY_REST
)

HOTSEAT_TEMPLATE = (
    _HEADER.replace(
        "@@MODES@@", 'modes = ["solo", "hotseat"]      # solo play, and two players on one keyboard'
    )
    + _FRIDAY_HOTSEAT
    + _SUNDAY_HOTSEAT
    + _SUNDAY_REST
)
