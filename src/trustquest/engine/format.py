"""Scenario format version 1, declared once.

The structure of a scenario file is described here as data. Two things are
built from this one description, so they can never drift apart:

* the loader's structural pass (types, unknown keys, required keys, enums,
  ranges, lengths), in `loader/shape.py`;
* the JSON Schema that editors use (`trustquest schema`), by `to_schema()`.
"""

from __future__ import annotations

import attrs

from trustquest.engine.dynamics import KNOB_MEANINGS, KNOB_RANGES, Dynamics
from trustquest.engine.meters import PILLARS

FORMAT_VERSION = 1

# Size limits. The file limit leaves room for a 2,000-scene scenario (~2 MB).
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_SCENES = 5000
MAX_ENDINGS = 100
MAX_CHOICES = 9  # number keys 1-9
MAX_VARIANTS = 20
MAX_EVENTS = 9
MAX_REPEAT = 12
MAX_METERS = 16
MAX_TEXT = 10_000
MAX_SHORT = 200  # titles, labels, names of things
MAX_NAME = 40  # role names
MAX_LIST = 50
MAX_DELTA = 100

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCENARIO_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID = 64


@attrs.frozen
class Spec:
    """One value in the format. `kind` is one of:

    str, int, num, bool, list (of strings), table (fixed keys), map (free keys
    matching `key_pattern`, each value `item`), array (of tables, `item`).
    """

    kind: str
    doc: str = ""
    required: bool = False
    enum: tuple = ()
    min: float | None = None
    max: float | None = None
    max_len: int | None = None  # characters for str, items for list/map/array
    keys: dict = attrs.field(factory=dict)  # table: name -> Spec
    item: Spec | None = None  # map / array / list items
    key_pattern: str | None = None
    unique: bool = False
    pattern: str | None = None
    default: object = None
    #: str: text over several lines (scene text...). Every other string is one
    #: line, so line breaks, tabs and invisible characters are cleaned out of it.
    prose: bool = False


def _str(doc, required=False, max_len=MAX_SHORT, enum=(), pattern=None, default=None) -> Spec:
    return Spec(
        "str", doc, required, enum=tuple(enum), max_len=max_len, pattern=pattern, default=default
    )


def _prose(doc, max_len=MAX_TEXT) -> Spec:
    return Spec("str", doc, True, max_len=max_len, prose=True)


def _list(doc, enum=(), pattern=None, max_len=MAX_LIST, item_len=MAX_SHORT) -> Spec:
    return Spec(
        "list",
        doc,
        max_len=max_len,
        unique=True,
        item=Spec("str", enum=tuple(enum), max_len=item_len, pattern=pattern),
    )


def _deltas(doc: str) -> Spec:
    return Spec(
        "map",
        doc,
        key_pattern=ID_PATTERN,
        max_len=MAX_METERS + len(PILLARS),
        item=Spec("int", "Points to add (negative to take away).", min=-MAX_DELTA, max=MAX_DELTA),
    )


THEIR = "How the partner's trust in the acting player changes: meter = points."
YOUR = "How the acting player's trust in the partner changes: meter = points."
CONDITION = "A condition, e.g. `their.reliability < 30 and not flags.confessed`."
FLAGS = Spec(
    "list", max_len=MAX_LIST, unique=True, item=Spec("str", max_len=MAX_ID, pattern=ID_PATTERN)
)

LATER = Spec(
    "table",
    "A delayed consequence: it fires `after` choices later, unless `unless` holds by then.",
    keys={
        "after": Spec("int", "How many choices later it fires.", required=True, min=1, max=100),
        "text": _prose("What happens, told to the player when it fires."),
        "unless": _str(CONDITION + " If it holds when due, nothing happens.", max_len=500),
        "their_trust": _deltas(THEIR),
        "your_trust": _deltas(YOUR),
        "breach": Spec("bool", "A betrayal: losses land harder and open wounds.", default=False),
        "sets": attrs.evolve(FLAGS, doc="Flags to set when it fires."),
        "clears": attrs.evolve(FLAGS, doc="Flags to clear when it fires."),
    },
)

CHOICE = Spec(
    "table",
    "One choice the player can make.",
    keys={
        "text": _prose("What the player does or says.", 1000),
        "goto": _str("Where it leads: a scene id, an ending id, or `end`.", True, MAX_ID),
        "if": _str(CONDITION + " The choice is locked unless it holds.", max_len=500),
        "locked": _str("Why the choice is locked, shown greyed out when `if` fails.", max_len=300),
        "their_trust": _deltas(THEIR),
        "your_trust": _deltas(YOUR),
        "sets": attrs.evolve(FLAGS, doc="Flags to set."),
        "clears": attrs.evolve(FLAGS, doc="Flags to clear."),
        "breach": Spec(
            "bool", "A betrayal: its losses land harder and always open wounds.", default=False
        ),
        "later": LATER,
        "repeat": Spec(
            "int",
            "A habit kept up over time: the choice's own `their_trust` and `your_trust` are "
            "applied this many times, one step at a time through the dynamics.",
            min=2,
            max=MAX_REPEAT,
        ),
        "span": _str("The time a habit covers, e.g. `the next four weeks`.", max_len=80),
    },
)

EVENT = Spec(
    "table",
    "Something that happens on arrival at the scene, whatever the player chooses "
    "(usually what the partner does). Effects read from the scene actor's point of view.",
    keys={
        "if": _str(CONDITION + " The event happens only if it holds on arrival.", max_len=500),
        "text": _str("What happened, told with the scene.", True, MAX_TEXT),
        "their_trust": _deltas(THEIR),
        "your_trust": _deltas(YOUR),
        "breach": Spec(
            "bool", "A betrayal: its losses land harder and always open wounds.", default=False
        ),
        "sets": attrs.evolve(FLAGS, doc="Flags to set."),
        "clears": attrs.evolve(FLAGS, doc="Flags to clear."),
    },
)

ORDER = ("shuffle", "fixed")

EFFECTS = Spec("table", keys={"their_trust": _deltas(THEIR), "your_trust": _deltas(YOUR)})

SCENE = Spec(
    "table",
    "A scene: some text and the choices that lead on.",
    keys={
        "actor": _str("Hot-seat: who chooses here.", enum=("a", "b", "both"), default="a"),
        "time": _str("A label for the passage of time, e.g. `Friday, 8:40 pm`.", max_len=80),
        "text": _prose("The scene, in Markdown, second person."),
        "variants": Spec(
            "array",
            "Alternative texts: the first whose `if` holds replaces `text`.",
            max_len=MAX_VARIANTS,
            item=Spec(
                "table",
                keys={
                    "if": _str(CONDITION, True, 500),
                    "text": _prose("The text to show instead."),
                },
            ),
        ),
        "choices": Spec("array", "The choices (1 to 9).", True, max_len=MAX_CHOICES, item=CHOICE),
        "events": Spec(
            "array",
            "What happens on arrival, in order, each whose `if` holds.",
            max_len=MAX_EVENTS,
            item=EVENT,
        ),
        "order": _str(
            "`shuffle` shows the choices in a seeded order that varies per playthrough; "
            "`fixed` keeps the file's order. Default: the scenario's `order`.",
            enum=ORDER,
        ),
        "predict": Spec(
            "bool",
            'Hot-seat: the other player guesses the actor\'s choice. With `actor = "both"`, '
            "guessing both ways: each player chooses, then guesses the other's choice.",
            default=False,
        ),
        "match": attrs.evolve(
            EFFECTS,
            doc="Effects applied when both players pick the same choice (`both`), or for each "
            "player whose guess is right (`predict`).",
        ),
    },
)

ENDING = Spec(
    "table",
    'An ending. `goto = "end"` picks the first ending whose `when` holds; the last has no `when`.',
    keys={
        "title": _str("The ending's title.", True),
        "tone": _str("The ending's tone.", True, enum=("hopeful", "bittersweet", "broken")),
        "when": _str(CONDITION, max_len=500),
        "text": _prose("The ending's text, in Markdown."),
    },
)

METER = Spec(
    "table",
    "An extra meter beside the eight pillars, e.g. `intimacy`.",
    keys={
        "label": _str("Its name as shown to players.", True, 40),
        "start": Spec("int", "Starting value.", min=0, max=100, default=50),
        "description": _str("One line saying what it measures.", max_len=300),
    },
)

ROLE = Spec(
    "table",
    "A role's default name and pronouns. Players may change them.",
    keys={
        "name": _str("Default name.", True, MAX_NAME),
        "pronouns": _str(
            "Fills {they} {them} {their} {theirs} when this role is the partner.",
            enum=("they", "she", "he"),
            default="they",
        ),
    },
)

STARTS = Spec(
    "map",
    key_pattern=ID_PATTERN,
    max_len=MAX_METERS + len(PILLARS),
    item=Spec("int", "Starting value.", min=0, max=100),
)

DYNAMICS = Spec(
    "table",
    "Overrides of the dynamics knobs; see docs/authoring.md.",
    keys={
        name: Spec(
            "int" if isinstance(default, int) else "num",
            f"{KNOB_MEANINGS[name]} Default {default}.",
            min=KNOB_RANGES[name][0],
            max=KNOB_RANGES[name][1],
            default=default,
        )
        for name, default in Dynamics.knobs().items()
    },
)

SCENARIO = Spec(
    "table",
    "A TrustQuest scenario, format 1.",
    keys={
        "format": Spec("int", "The format version: 1.", True, enum=(FORMAT_VERSION,)),
        "scenario": Spec(
            "table",
            "What the scenario is.",
            True,
            keys={
                "id": _str(
                    "Unique id, lowercase-kebab, e.g. `late-again`.",
                    True,
                    MAX_ID,
                    pattern=SCENARIO_ID_PATTERN,
                ),
                "title": _str("The title.", True, 120),
                "summary": _str("One or two sentences for the library.", True, 400),
                "authors": _list("Who wrote it.", item_len=80),
                "modes": _list("Kinds of play it supports.", enum=("solo", "hotseat"), max_len=2),
                "focus": _list(
                    "The pillars (or meters) it teaches.", pattern=ID_PATTERN, max_len=8
                ),
                "content_notes": _list("Shown before play, e.g. `infidelity`.", item_len=80),
                "minutes": Spec("int", "Rough length in minutes.", min=1, max=600, default=10),
                "start": _str("The id of the first scene.", True, MAX_ID),
                "order": _str(
                    "How scenes order their choices unless they say: `shuffle` (a seeded "
                    "order per playthrough) or `fixed` (the file's order).",
                    enum=ORDER,
                    default="shuffle",
                ),
            },
        ),
        "roles": Spec(
            "table",
            "The two roles: `a` (the solo player) and `b` (the partner).",
            keys={"a": ROLE, "b": ROLE},
        ),
        "start": Spec(
            "table",
            "Starting values (the rest start at 50), from role a's point of view.",
            keys={
                "their": attrs.evolve(STARTS, doc="The partner's trust in the player."),
                "your": attrs.evolve(STARTS, doc="The player's trust in the partner."),
            },
        ),
        "meters": Spec(
            "map", "Extra meters.", key_pattern=ID_PATTERN, max_len=MAX_METERS, item=METER
        ),
        "dynamics": DYNAMICS,
        "scenes": Spec(
            "map",
            "The scenes, by id.",
            True,
            key_pattern=ID_PATTERN,
            max_len=MAX_SCENES,
            item=SCENE,
        ),
        "endings": Spec(
            "map",
            "The endings, by id. Order matters.",
            True,
            key_pattern=ID_PATTERN,
            max_len=MAX_ENDINGS,
            item=ENDING,
        ),
        "debrief": Spec(
            "table",
            "Shown at the end; side by side in hot-seat.",
            keys={"prompts": _list("Questions to talk about.", item_len=400, max_len=20)},
        ),
    },
)


# --- JSON Schema -------------------------------------------------------------

SCHEMA_ID = "https://trustquest.invalid/schema/scenario.schema.json"


def to_schema() -> dict:
    """The JSON Schema (draft 2020-12) for format 1, generated from SCENARIO."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "TrustQuest scenario (format 1)",
    }
    schema.update(_schema(SCENARIO))
    return schema


def _schema(spec: Spec) -> dict:
    out: dict = {}
    if spec.doc:
        out["description"] = spec.doc
    if spec.kind == "str":
        out["type"] = "string"
        if spec.enum:
            out["enum"] = list(spec.enum)
        if spec.max_len is not None:
            out["maxLength"] = spec.max_len
        if spec.pattern:
            out["pattern"] = spec.pattern
    elif spec.kind in ("int", "num"):
        out["type"] = "integer" if spec.kind == "int" else "number"
        if spec.enum:
            out["enum"] = list(spec.enum)
        if spec.min is not None:
            out["minimum"] = spec.min
        if spec.max is not None:
            out["maximum"] = spec.max
    elif spec.kind == "bool":
        out["type"] = "boolean"
    elif spec.kind == "list":
        out["type"] = "array"
        out["items"] = _schema(spec.item)
        if spec.unique:
            out["uniqueItems"] = True
        if spec.max_len is not None:
            out["maxItems"] = spec.max_len
    elif spec.kind == "array":
        out["type"] = "array"
        out["items"] = _schema(spec.item)
        if spec.required:
            out["minItems"] = 1
        if spec.max_len is not None:
            out["maxItems"] = spec.max_len
    elif spec.kind == "table":
        out["type"] = "object"
        out["properties"] = {k: _schema(v) for k, v in spec.keys.items()}
        required = [k for k, v in spec.keys.items() if v.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
    elif spec.kind == "map":
        out["type"] = "object"
        out["propertyNames"] = {"pattern": spec.key_pattern}
        out["additionalProperties"] = _schema(spec.item)
        if spec.max_len is not None:
            out["maxProperties"] = spec.max_len
    if spec.default is not None and spec.kind != "table":
        out["default"] = spec.default
    return out
