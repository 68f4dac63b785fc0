"""Pass 3: build the read-only `Scenario` from the cleaned data.

The builder turns each part into its record and checks how the parts fit
together through its helpers: `crossrefs` (names that must exist), `flags`
(read and set) and `graph` (reachability). A part that fails is left out of
the scenario, which is then not built, but is still checked as far as it can be.
"""

from __future__ import annotations

import re

from trustquest.engine import conditions as cond
from trustquest.engine import format as fmt
from trustquest.engine import reasoning
from trustquest.engine.diagnostics import Diagnostic
from trustquest.engine.dynamics import Dynamics
from trustquest.engine.loader.crossrefs import Names
from trustquest.engine.loader.flags import FlagUse
from trustquest.engine.loader.graph import SceneGraph
from trustquest.engine.loader.shape import BAD, Structure, required_hint
from trustquest.engine.meters import PILLARS, TRUST
from trustquest.engine.model import (
    Choice,
    Effects,
    Ending,
    Event,
    Later,
    MeterDef,
    Role,
    Scenario,
    Scene,
    Variant,
)
from trustquest.engine.text import clean_name, strip_controls

DEFAULT_ROLES = {"a": ("Alex", "they"), "b": ("Sam", "they")}

# Verbs whose present tense differs between they and she/he: "{they} says"
# reads "they says" for some players, "{they} say" reads "she say" for others.
_VERB_PAIRS = {
    "is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
    "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "goes": "go",
    "says": "say", "wants": "want", "knows": "know", "looks": "look", "seems": "seem",
    "feels": "feel", "thinks": "think", "needs": "need", "comes": "come", "takes": "take",
    "makes": "make", "gets": "get", "keeps": "keep", "tells": "tell", "asks": "ask",
    "tries": "try", "leaves": "leave", "likes": "like", "loves": "love", "means": "mean",
    "works": "work", "calls": "call", "texts": "text", "smiles": "smile", "laughs": "laugh",
    "sighs": "sigh", "nods": "nod", "shrugs": "shrug", "waits": "wait", "sounds": "sound",
    "holds": "hold", "writes": "write", "finds": "find", "gives": "give", "hears": "hear",
    "remembers": "remember", "forgets": "forget", "answers": "answer", "replies": "reply",
    "stops": "stop", "starts": "start", "notices": "notice", "sees": "see",
    "watches": "watch", "helps": "help", "hopes": "hope", "misses": "miss", "wishes": "wish",
    "sits": "sit", "stands": "stand", "turns": "turn", "puts": "put", "picks": "pick",
    "reads": "read", "walks": "walk", "lets": "let", "shakes": "shake", "pulls": "pull",
    "doesn’t": "don’t", "isn’t": "aren’t", "wasn’t": "weren’t",
    "hasn’t": "haven’t",
}  # fmt: skip
_AGREES = {**_VERB_PAIRS, **{v: k for k, v in _VERB_PAIRS.items()}}
_PLURAL_FORMS = frozenset(_VERB_PAIRS.values())
# {they}/{They}, maybe one adverb, then a word.
#: "{they}'s" reads "they's", "{they}'re" reads "she're": contractions of is,
#: has, are and have fit only some pronouns ("{they}'d" and "{they}'ll" fit all).
_THEY_CONTRACTION = re.compile(r"(\{[Tt]hey\})(['’](?:s|re|ve))\b")
_THEY_VERB = re.compile(
    r"(\{[Tt]hey\}) (?:(?:always|never|often|just|still|only|really|also|already|"
    r"sometimes|usually|even|finally|suddenly|quietly|simply) )?([A-Za-z’']+)"
)


class Builder:
    def __init__(self, data: dict, diags: list[Diagnostic], structure: Structure | None = None):
        self.d = data
        self.diags = diags
        self.structure = structure or Structure(diags)
        self.dropped = self.structure.dropped
        self.bad_ids = self.structure.bad_ids
        self.ending_order = self.structure.ending_order
        # Scenes whose `choices`, or some of them, were dropped whole.
        self.choices_dropped = {
            p[1]
            for p, _, _ in self.dropped
            if len(p) in (3, 4) and p[0] == "scenes" and p[2] == "choices"
        }
        self.meters: list[MeterDef] = [MeterDef(p, p.capitalize()) for p in PILLARS]
        self.names = Names(self.report)
        self.scene_ids: list[str] = []
        self.ending_ids: list[str] = []
        self.flag_use = FlagUse(reads_unknown=bool(structure and structure.condition_missing))
        self.modes: tuple[str, ...] = ("solo",)
        self.order = "shuffle"  # scenario.order: the default for every scene
        self.broken_scenes: list[str] = []  # ids of scenes that failed to load
        self.broken_endings: list[str] = []
        self.graph = SceneGraph()

    def report(self, code, message, path, target="value", sub=None, hint=None):
        self.structure.report(code, message, path, target, hint, sub)

    def get(self, table, key, default=None):
        if not isinstance(table, dict):
            return default
        value = table.get(key, default)
        return default if value is BAD else value

    # --- building blocks -----------------------------------------------------

    def text(self, value: str, path: tuple) -> str:
        for m in _THEY_VERB.finditer(value):
            verb = m.group(2).lower()
            other_form = _AGREES.get(verb)
            if other_form is None:
                continue
            singular = verb not in _PLURAL_FORMS
            self._pronoun_agreement(
                m,
                ("she " if not singular else "they ") + verb,
                path,
                f"'{{Partner}} {verb if singular else other_form}'",
            )
        for m in _THEY_CONTRACTION.finditer(value):
            shown = ("they" if m.group(2)[1:] == "s" else "she") + m.group(2)
            self._pronoun_agreement(m, shown, path, '"{partner}\'s"')
        self.names.placeholders(value, path)
        return value

    def _pronoun_agreement(self, m: re.Match, shown: str, path: tuple, subject: str) -> None:
        """TQ410: `m` (a {they}/{They} and what follows) reads as `shown` for some players."""
        if m.group(1) == "{They}":
            shown = shown.capitalize()
        self.report(
            "TQ410",
            f"'{m.group(0)}' reads \"{shown}\" for some players: "
            f"{m.group(1)} can be they, she or he",
            path,
            sub=(m.start(), m.end() - m.start()),
            hint="use a form that fits every pronoun, such as the past tense "
            f"or 'can', or make {{partner}} the subject ({subject})",
        )

    def condition(self, source: str | None, path: tuple) -> cond.Condition | None:
        if source is None:
            return None
        try:
            compiled = cond.compile_condition(source)
        except cond.ConditionSyntaxError as exc:
            self.report(
                "TQ301",
                f"condition error: {exc.message}",
                path,
                sub=(exc.offset, exc.length),
                hint=exc.hint,
            )
            self.flag_use.salvage_source(source)
            return None
        fine = self.names.condition(compiled, path, self.flag_use)
        impossible = cond.never_true(compiled.tree)
        if impossible is not None:
            self.report(
                "TQ405",
                "this comparison can never be true: meters run from 0 to 100",
                path,
                sub=(impossible.offset, impossible.length),
            )
        elif not reasoning.can_hold(compiled.tree):
            self.report(
                "TQ405",
                "this condition can never be true: its parts contradict each other",
                path,
                sub=(0, len(source)),
                hint="meters and trust run from 0 to 100, and `turn` counts from 0",
            )
        elif not reasoning.can_fail(compiled.tree):
            self.report(
                "TQ409",
                "this condition is always true",
                path,
                sub=(0, len(source)),
                hint="meters and trust run from 0 to 100, and `turn` counts from 0; "
                "remove the condition, or fix the comparison",
            )
        return compiled if fine else None

    def deltas(self, table, key: str, path: tuple) -> tuple:
        values = self.get(table, key) or {}
        out = []
        known = self.names.meter_ids  # `trust` is never one of them
        for meter, delta in values.items():
            if delta is BAD:
                continue
            if meter in known or self.names.meter(meter, path + (key, meter)):
                out.append((meter, delta))
        return tuple(out)

    def effects(self, table, path: tuple) -> Effects:
        return Effects(
            self.deltas(table, "their_trust", path), self.deltas(table, "your_trust", path)
        )

    def flags(self, table, key: str, path: tuple) -> tuple[str, ...]:
        names = self.get(table, key) or []
        if key == "sets":
            self.flag_use.set_by(names, path)
        return tuple(names)

    # --- the whole scenario --------------------------------------------------

    def build(self) -> Scenario | None:
        """Every part, in file order of concern; the scenario, or None when
        there is an error (every part is checked all the same)."""
        d = self.d
        info = self.get(d, "scenario") or {}
        self._read_modes(info)
        self._read_meters(self.get(d, "meters") or {})
        scenes_raw = self.get(d, "scenes") or {}
        endings_raw = self.get(d, "endings") or {}
        self._read_ids(scenes_raw, endings_raw)
        focus = self.get(info, "focus") or []
        self.names.focus(focus)
        start_raw = self.get(d, "start") or {}
        starts = {
            side: dict(self.deltas(start_raw, side, ("start",))) for side in ("their", "your")
        }
        roles = self._roles(self.get(d, "roles") or {})
        dyn_raw = {k: v for k, v in (self.get(d, "dynamics") or {}).items() if v is not BAD}
        dynamics = Dynamics(**dyn_raw)
        scenes = self._scenes(scenes_raw)
        endings = self._endings(endings_raw)
        start = self.get(info, "start")
        self.names.start(start, scenes_raw, self.broken_scenes, self.scene_ids)
        debrief = tuple(
            self.text(p, ("debrief", "prompts", i))
            for i, p in enumerate(self.get(self.get(d, "debrief") or {}, "prompts") or [])
        )
        self._warn_story(start)
        if any(x.is_error for x in self.diags) or self.structure.left_out_error:
            return None
        return Scenario(
            id=info["id"],
            title=strip_controls(info["title"]).replace("\n", " "),
            summary=info["summary"],
            start=start,
            scenes=scenes,
            endings=endings,
            meters=tuple(self.meters),
            roles=roles,
            start_their=starts["their"],
            start_your=starts["your"],
            dynamics=dynamics,
            authors=tuple(self.get(info, "authors") or ()),
            modes=self.modes,
            focus=tuple(focus),
            content_notes=tuple(self.get(info, "content_notes") or ()),
            minutes=self.get(info, "minutes", 10),
            debrief=debrief,
            order=self.order,
        )

    def _read_modes(self, info: dict) -> None:
        modes = self.get(info, "modes")
        if modes is not None and not modes:
            self.report(
                "TQ104",
                "'scenario.modes' must name at least one of 'solo', 'hotseat'",
                ("scenario", "modes"),
            )
        self.modes = tuple(modes) if modes else ("solo",)
        self.order = self.get(info, "order") or "shuffle"

    def _read_meters(self, meters_raw: dict) -> None:
        """The meters declared under [meters], after the eight pillars."""
        for meter_id, spec in meters_raw.items():
            if not isinstance(spec, dict):
                continue
            if meter_id in PILLARS or meter_id == TRUST:
                self.report(
                    "TQ104",
                    f"'{meter_id}' is already a meter; extra meters need new names",
                    ("meters", meter_id),
                    target="key",
                )
                continue
            self.meters.append(
                MeterDef(
                    meter_id,
                    self.get(spec, "label") or meter_id.capitalize(),
                    self.get(spec, "start", 50),
                    self.get(spec, "description", ""),
                    False,
                )
            )
            self.names.meter_ids.add(meter_id)

    def _read_ids(self, scenes_raw: dict, endings_raw: dict) -> None:
        """The scene and ending ids, those that failed to load included, and
        the checks on them as a whole (one namespace, at least one of each)."""
        d = self.d
        self.scene_ids = [k for k, v in scenes_raw.items() if isinstance(v, dict)]
        self.ending_ids = [k for k, v in endings_raw.items() if isinstance(v, dict)]
        # Scenes and endings that exist but failed to load (a malformed id, or
        # not a table): gotos may still name them without an error.
        broken = {"scenes": [], "endings": []}
        for p in self.bad_ids:
            if len(p) == 2 and p[0] in broken:
                broken[p[0]].append(p[1])
        for kind, raw_nodes in (("scenes", scenes_raw), ("endings", endings_raw)):
            broken[kind] += [k for k, v in raw_nodes.items() if v is BAD]
        self.broken_scenes = broken["scenes"]
        self.broken_endings = broken["endings"]
        self.names.node_ids = (
            set(self.scene_ids)
            | set(self.ending_ids)
            | set(broken["scenes"])
            | set(broken["endings"])
        )
        self.names.shared_ids(self.ending_ids, scenes_raw)
        if "scenes" in d and d["scenes"] is not BAD and not scenes_raw and not broken["scenes"]:
            self.report(
                "TQ103", "the scenario needs at least one scene", ("scenes",), target="table"
            )
        if "endings" in d and d["endings"] is not BAD and not endings_raw and not broken["endings"]:
            self.report(
                "TQ103",
                "the scenario needs at least one ending",
                ("endings",),
                target="table",
                hint=required_hint("endings", fmt.SCENARIO),
            )

    def _roles(self, roles_raw: dict) -> dict[str, Role]:
        roles = {}
        for r, (name, pronouns) in DEFAULT_ROLES.items():
            spec = self.get(roles_raw, r) or {}
            roles[r] = Role(
                clean_name(self.get(spec, "name") or "") or name,
                self.get(spec, "pronouns") or pronouns,
            )
        return roles

    def _scenes(self, scenes_raw: dict) -> dict[str, Scene]:
        scenes = {}
        for sid in self.scene_ids:
            scene = self.scene(sid, scenes_raw[sid])
            if scene is not None:
                scenes[sid] = scene
        return scenes

    def _endings(self, endings_raw: dict) -> dict[str, Ending]:
        endings = {}
        # The fallback is the last ending in the file, even one that failed
        # to load ([endings.end]): its own error is enough.
        order = self.ending_order or self.ending_ids
        for eid in self.ending_ids:
            ending = self.ending(eid, endings_raw[eid], last=eid == order[-1])
            if ending is not None:
                endings[eid] = ending
        return endings

    def _warn_story(self, start: str | None) -> None:
        """The warnings that need the whole story: flags, then reachability."""
        self.flag_use.salvage(self.dropped)
        self.flag_use.warn(self.report)
        if start in self.scene_ids:
            self.graph.warn(
                start,
                self.scene_ids,
                self.broken_scenes,
                self.ending_ids,
                self.broken_endings,
                self.report,
            )

    def scene(self, sid: str, raw: dict) -> Scene | None:
        path = ("scenes", sid)
        actor = self.get(raw, "actor", "a")
        predict = self.get(raw, "predict", False)
        self._check_play_mode(raw, actor, predict, path)
        match = self._match(raw, actor, predict, path)
        text = self.text(self.get(raw, "text", ""), path + ("text",))
        variants = self._variants(raw, path)
        raw_choices = self.get(raw, "choices")
        choices = self._choices(sid, raw_choices, actor, path)
        raw_events = self.get(raw, "events") or []
        events = self._events(raw_events, path)
        if not raw_choices or len(choices) != len(raw_choices) or len(events) != len(raw_events):
            return None
        return Scene(
            sid,
            text,
            tuple(choices),
            actor,
            self.text(self.get(raw, "time", ""), path + ("time",)),
            tuple(variants),
            bool(predict),
            match,
            tuple(events),
            self.get(raw, "order") or self.order,
        )

    def _check_play_mode(self, raw: dict, actor: str, predict: bool, path: tuple) -> None:
        """`actor` and `predict` need hot-seat play."""
        if "hotseat" not in self.modes:
            if actor != "a" and "actor" in raw:
                self.report(
                    "TQ208",
                    f"actor = '{actor}' needs hot-seat play, but modes has no 'hotseat'",
                    path + ("actor",),
                    hint='add "hotseat" to scenario.modes, or use actor = "a"',
                )
            if predict:
                self.report(
                    "TQ208",
                    "predict scenes need hot-seat play, but modes has no 'hotseat'",
                    path + ("predict",),
                    hint='add "hotseat" to scenario.modes',
                )

    def _match(self, raw: dict, actor: str, predict: bool, path: tuple) -> Effects:
        match_raw = self.get(raw, "match")
        match = self.effects(match_raw, path + ("match",)) if match_raw else Effects()
        if match_raw is not None and actor != "both" and not predict:
            self.report(
                "TQ408",
                "`match` only applies to `both` or `predict` scenes",
                path + ("match",),
                target="key",
            )
        return match

    def _variants(self, raw: dict, path: tuple) -> list[Variant]:
        variants = []
        for i, v in enumerate(self.get(raw, "variants") or []):
            if not isinstance(v, dict):
                continue
            vpath = path + ("variants", i)
            c = self.condition(self.get(v, "if"), vpath + ("if",))
            vtext = self.get(v, "text")
            if vtext is not None:
                self.text(vtext, vpath + ("text",))
            if c is not None and vtext is not None:
                variants.append(Variant(c, vtext))
        return variants

    def _choices(self, sid: str, raw_choices, actor: str, path: tuple) -> list[Choice]:
        """The choices that loaded whole; the scene's edges in the graph, from
        every choice whose goto is sound."""
        if raw_choices is not None and not raw_choices:
            self.report(
                "TQ207",
                f"scene '{sid}' is a dead end: it has no choices",
                path + ("choices",),
                hint='give it a choice, e.g. one with goto = "end"',
            )
        choices = []
        first_goto = None
        targets: set[str] = set()
        self.graph.edges[sid] = targets
        if not raw_choices or sid in self.choices_dropped:
            self.graph.open_edges.add(sid)  # missing, broken or cut-off choices
        for i, c in enumerate(raw_choices or []):
            if not isinstance(c, dict):
                self.graph.open_edges.add(sid)
                continue
            choice, goto_ok, ok = self.choice(c, path + ("choices", i), i)
            if not goto_ok:
                self.graph.open_edges.add(sid)
            else:
                targets.add(choice.goto)
                if actor == "both":
                    first_goto = self._shared_goto(first_goto, choice.goto, path + ("choices", i))
            if ok:
                choices.append(choice)
        if (
            raw_choices
            and len(choices) == len(raw_choices)
            and all(c.condition for c in choices)
            and reasoning.can_all_fail([c.condition.tree for c in choices])
        ):
            self.report(
                "TQ404",
                f"every choice in '{sid}' has an `if`, and all of them can be locked at once",
                path,
                target="table",
                hint="leave at least one choice without `if`",
            )
        return choices

    def _shared_goto(self, first: str | None, goto: str, path: tuple) -> str:
        """In a `both` scene every choice goes to the first one's goto."""
        if first is None:
            return goto
        if goto != first:
            self.report(
                "TQ209",
                f"choices of a `both` scene must share one goto ('{first}')",
                path + ("goto",),
                hint="both players answer, then the story moves on together",
            )
        return first

    def _events(self, raw_events: list, path: tuple) -> list[Event]:
        events = []
        for i, e in enumerate(raw_events):
            if isinstance(e, dict):
                event = self.event(e, path + ("events", i), i)
                if event is not None:
                    events.append(event)
        return events

    def event(self, raw: dict, path: tuple, index: int) -> Event | None:
        condition = self.condition(self.get(raw, "if"), path + ("if",))
        event = Event(
            index=index,
            text=self.text(self.get(raw, "text", ""), path + ("text",)),
            effects=self.effects(raw, path),
            condition=condition,
            breach=self.get(raw, "breach", False),
            sets=self.flags(raw, "sets", path),
            clears=self.flags(raw, "clears", path),
        )
        if "if" in raw and condition is None:
            return None
        return event

    def choice(self, raw: dict, path: tuple, index: int) -> tuple[Choice, bool, bool]:
        """The choice, whether its goto is sound, and whether all of it is."""
        goto_ok = self.names.goto(self.get(raw, "goto"), path + ("goto",))
        text = self.text(self.get(raw, "text", ""), path + ("text",))
        condition = self.condition(self.get(raw, "if"), path + ("if",))
        locked = self.get(raw, "locked", "")
        if locked:
            self.text(locked, path + ("locked",))
            if "if" not in raw:
                self.report(
                    "TQ407",
                    "`locked` says why a choice is locked, but this choice has no `if`",
                    path + ("locked",),
                    target="key",
                    hint="add an `if`, or remove `locked`",
                )
        later = None
        later_raw = self.get(raw, "later")
        if later_raw:
            lpath = path + ("later",)
            unless = self.condition(self.get(later_raw, "unless"), lpath + ("unless",))
            later = Later(
                after=self.get(later_raw, "after", 1),
                text=self.text(self.get(later_raw, "text", ""), lpath + ("text",)),
                effects=self.effects(later_raw, lpath),
                unless=unless,
                breach=self.get(later_raw, "breach", False),
                sets=self.flags(later_raw, "sets", lpath),
                clears=self.flags(later_raw, "clears", lpath),
            )
        repeat = self.get(raw, "repeat", 1)
        span = self.get(raw, "span", "")
        if repeat > 1 and self.get(raw, "breach", False):
            self.report(
                "TQ212",
                "a habit (`repeat`) cannot be a breach",
                path + ("repeat",),
                target="key",
                hint="a breach happens once: remove `repeat`, or `breach = true`",
            )
        if span and "repeat" not in raw:
            self.report(
                "TQ411",
                "`span` labels the time a habit covers, but this choice has no `repeat`",
                path + ("span",),
                target="key",
                hint="add `repeat = 2` (or more), or remove `span`",
            )
        if span:
            self.text(span, path + ("span",))
        choice = Choice(
            index=index,
            text=text,
            goto=self.get(raw, "goto", ""),
            effects=self.effects(raw, path),
            condition=condition,
            locked=locked,
            sets=self.flags(raw, "sets", path),
            clears=self.flags(raw, "clears", path),
            breach=self.get(raw, "breach", False),
            later=later,
            repeat=repeat,
            span=span,
        )
        ok = goto_ok and ("if" not in raw or condition is not None)
        ok = ok and not (repeat > 1 and choice.breach)
        return choice, goto_ok, ok

    def ending(self, eid: str, raw: dict, last: bool) -> Ending | None:
        path = ("endings", eid)
        when = self.get(raw, "when")
        if last and "when" in raw:
            self.report(
                "TQ205",
                f"the last ending, '{eid}', must have no `when`: it is the fallback",
                path + ("when",),
                target="key",
                hint="remove this `when`, or add a final ending without one",
            )
        if not last and "when" not in raw:
            self.report(
                "TQ206",
                f"ending '{eid}' has no `when`, so the endings after it can never be picked",
                path,
                target="table",
                hint="only the last ending may omit `when`; move this one last",
            )
        compiled = self.condition(when, path + ("when",))
        if compiled is not None and not reasoning.can_hold(compiled.tree):
            self.graph.closed_endings.add(eid)
        text = self.text(self.get(raw, "text", ""), path + ("text",))
        if self.get(raw, "title") is not None:
            self.text(self.get(raw, "title"), path + ("title",))
        if any(self.get(raw, k) is None for k in ("title", "tone", "text")):
            return None
        return Ending(
            eid, self.get(raw, "title").replace("\n", " "), self.get(raw, "tone"), text, compiled
        )
