"""The rules: what a player may choose now, and what a choice does.

`Game` pairs a read-only `Scenario` with a mutable `GameState`. Every face of
the game (TUI, plain mode, `run`, `simulate`) drives play through `prompt()`,
`options()` and `choose()`, so the rules live here and nowhere else.

Point of view: scenario files speak as the acting player (`their_*` is the
partner's trust in you, `your_*` your trust in the partner). State holds one
profile per role: `meters["a"]` is how much a trusts b. So for an actor `r`,
"their" is `meters[other(r)]` and "your" is `meters[r]`.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import attrs

from trustquest.engine.conditions import EvalContext
from trustquest.engine.history import ChoiceEntry, ConsequenceEntry, EventEntry
from trustquest.engine.meters import ROLES, other
from trustquest.engine.model import Ending, Scenario, Scene
from trustquest.engine.rules import rules_for
from trustquest.engine.state import GameState
from trustquest.engine.text import clean_name, fill
from trustquest.engine.turns import CHOOSE, Pick, Turn
from trustquest.errors import ChoiceError


class Change(NamedTuple):
    """One meter moving. `role` owns the profile: it is role's trust in the other.

    A NamedTuple, not attrs: the simulator makes millions of these.
    """

    role: str
    meter: str
    before: float
    after: float
    asked: float
    cause: str  # choice | breach | consequence | consistency | match
    wound_opened: bool = False
    wound_closed: bool = False

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 2)

    def had(self, cause: str) -> bool:
        return cause == self.cause


@attrs.frozen
class Fired:
    """A delayed consequence that came due: it fired, or its `unless` held."""

    role: str  # the player whose earlier choice scheduled it
    text: str
    averted: bool
    changes: tuple[Change, ...] = ()
    breach: bool = False
    #: The choice that set it up: its scene, 0-based file index and turn.
    scene: str = ""
    choice: int = -1
    set_turn: int = 0


@attrs.frozen
class Happened:
    """A story event that happened on arrival at a scene."""

    scene: str
    index: int  # 0-based, in the scene's events
    text: str  # filled for `reader`
    changes: tuple[Change, ...] = ()
    breach: bool = False  # a breach that cost something
    source: str = ""  # the text before placeholders are filled (for faces that render Markdown)
    reader: str = "a"  # whose point of view it is read from


@attrs.frozen
class Option:
    index: int  # 0-based position in the file: what `choose` takes
    text: str
    available: bool
    locked: str = ""
    number: int = 0  # 1-based, as shown: choices are listed in `shown_order`
    repeat: int = 1  # a habit kept up over `span`
    span: str = ""


class Prompt(NamedTuple):
    """What the game is waiting for: `role` must choose, or guess `actor`'s
    choice. `actor` is whose choice the answer names, so whose words the
    choices are read in (see `turns.Turn`)."""

    kind: str  # choose | guess
    role: str
    scene: Scene
    actor: str
    turn: Turn


@attrs.frozen
class Words:
    """A choice's text as its chooser saw it."""

    source: str  # before placeholders are filled (for faces that render Markdown)
    reader: str  # the chooser: whose words these are
    text: str  # filled for the chooser; "?" if the scenario no longer has the choice


class Outcome(NamedTuple):
    """What one answer did. Cheap to build (NamedTuple) for the simulator:
    changes are kept as plain tuples and become `Change`s only when read."""

    scene_id: str
    resolved: bool  # False while the scene still waits for another answer
    picks: tuple[Pick, ...] = ()
    raw_changes: tuple = ()  # (role, meter, before, after, asked, cause, opened, closed)
    fired: tuple[Fired, ...] = ()
    matched: bool | None = None  # both: same answer; predict: right guess
    next_scene: str = ""
    ending: str = ""
    #: What happened on arrival at `next_scene`, whatever was chosen.
    events: tuple[Happened, ...] = ()
    #: The order the choices were shown in (file indexes; display number n is order[n - 1]).
    order: tuple[int, ...] = ()

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(map(Change._make, self.raw_changes))


class Game:
    """Rules over one scenario and one state."""

    __slots__ = ("scenario", "state", "record", "rules", "opening")

    def __init__(self, scenario: Scenario, state: GameState, record: bool = True):
        self.scenario = scenario
        self.state = state
        #: Keep history and timeline for the ending screens and rewinds.
        self.record = record
        self.rules = rules_for(scenario)
        #: The events that happened at the start scene of a new game.
        self.opening: tuple[Happened, ...] = ()

    # --- starting -----------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        mode: str = "solo",
        names: dict[str, str] | None = None,
        pronouns: dict[str, str] | None = None,
        seed: int = 0,
        record: bool = True,
    ) -> Game:
        if mode not in ("solo", "hotseat"):
            raise ChoiceError(f"unknown mode {mode!r}")
        if mode not in scenario.modes:
            raise ChoiceError(f"'{scenario.id}' does not support {mode} play")
        names = names or {}
        pronouns = pronouns or {}
        role_names, role_pronouns = {}, {}
        for r in ROLES:
            role = scenario.roles[r]
            role_names[r] = clean_name(names.get(r) or "") or role.name
            p = pronouns.get(r) or role.pronouns
            role_pronouns[r] = p if p in ("they", "she", "he") else "they"
        # Starting values speak from role a's point of view: `their` is b's
        # trust in a, `your` is a's trust in b.
        meters = {}
        for r, overrides in (("a", scenario.start_your), ("b", scenario.start_their)):
            meters[r] = {m.id: float(overrides.get(m.id, m.start)) for m in scenario.meters}
        state = GameState(
            scenario_id=scenario.id,
            scenario_digest=scenario.digest,
            mode=mode,
            names=role_names,
            pronouns=role_pronouns,
            seed=seed,
            scene=scenario.start,
            meters=meters,
            visited=[scenario.start],
        )
        game = cls(scenario, state, record)
        if record:
            state.timeline.append(game._snapshot(-1))
        # The story arrives at the start scene: its events happen too.
        if scenario.scenes[scenario.start].events:
            recorder = _Recorder(game)
            game.rules.arrive(state, scenario.start, [], recorder.mark)
            game.opening = recorder.events()
        return game

    # --- reading ------------------------------------------------------------

    @property
    def over(self) -> bool:
        return bool(self.state.ending)

    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self.state.scene]

    @property
    def ending(self) -> Ending | None:
        return self.scenario.endings.get(self.state.ending) if self.state.ending else None

    def trust(self, role: str) -> float:
        """Overall trust that `role` has in the other."""
        return self.rules.trust(self.state, role)

    def context(self, role: str) -> EvalContext:
        """What a condition sees from `role`'s point of view."""
        return self.rules.context(self.state, role)

    def fill(self, text: str, role: str) -> str:
        """Fill placeholders for `role` as the reader: {me} is role, {partner} the other."""
        s, partner = self.state, other(role)
        return fill(text, s.names[role], s.names[partner], s.pronouns[partner])

    def time_of(self, scene: Scene | None = None, role: str = "a") -> str:
        """The scene's time label for `role` as the reader, placeholders filled."""
        scene = scene or self.scene
        return self.fill(scene.time, role) if scene.time else ""

    def title_of(self, ending: Ending | None = None, role: str = "a") -> str:
        """The ending's title (this game's ending by default) for `role`, filled."""
        ending = ending or self.ending
        return self.fill(ending.title, role) if ending is not None else ""

    def scene_source(self, role: str = "a", scene: Scene | None = None) -> str:
        """The scene's text for `role` before placeholders are filled: the first
        variant whose `if` holds, or the scene's own text."""
        scene = scene or self.scene
        if scene.variants:
            ctx = self.context(role)
            for variant in scene.variants:
                if variant.condition.test(ctx):
                    return variant.text
        return scene.text

    def scene_text(self, role: str = "a", scene: Scene | None = None) -> str:
        """The scene's text for `role`, variants applied and placeholders filled."""
        return self.fill(self.scene_source(role, scene), role)

    def turns(self, scene: Scene | None = None) -> tuple[Turn, ...]:
        """The answers `scene` (default: the current one) waits for in this game's mode."""
        return (scene or self.scene).turns(self.state.mode)

    def prompt(self) -> Prompt | None:
        """What the game waits for now, or None once an ending is reached."""
        if self.state.ending:
            return None
        scene = self.scene
        turn = self.turns(scene)[len(self.state.picks)]
        return Prompt(turn.kind, turn.role, scene, turn.chooser, turn)

    def words(self, scene: Scene | None, pick: Pick) -> Words:
        """The text of the choice `pick` names, as its chooser saw it: for a
        guess, in the words of the partner whose choice was guessed. Every face
        shows answers through this."""
        chooser = pick.chooser
        if scene is None or not 0 <= pick.index < len(scene.choices):
            return Words("", chooser, "?")
        source = scene.choices[pick.index].text
        return Words(source, chooser, self.fill(source, chooser))

    def options(self, prompt: Prompt | None = None, reader: str | None = None) -> list[Option]:
        """The choices on offer for a prompt, locked ones included (greyed out).

        Text is filled for `reader`: by default the prompt's chooser
        (`Prompt.actor`), so a guess, which is about the partner's choice,
        reads as the partner sees it ("Message {partner}" names the guesser)."""
        prompt = prompt or self.prompt()
        if prompt is None:
            return []
        ctx = self.context(prompt.actor)
        reader = reader or prompt.actor
        out = []
        choices = prompt.scene.choices
        for number, index in enumerate(self.shown_order(prompt.scene), start=1):
            choice = choices[index]
            ok = choice.condition is None or bool(choice.condition.test(ctx))
            locked = "" if ok else self.fill(choice.locked or "Not available yet.", reader)
            out.append(
                Option(
                    choice.index,
                    self.fill(choice.text, reader),
                    ok,
                    locked,
                    number,
                    choice.repeat,
                    self.fill(choice.span, reader),
                )
            )
        return out

    def shown_order(self, scene: Scene | None = None) -> tuple[int, ...]:
        """The file indexes of `scene`'s choices (default: the current scene) in
        the order they are shown now: display number n is `order[n - 1]`.
        Every face numbers choices by this, and so does `run --choices`."""
        scene_id = scene.id if scene is not None else self.state.scene
        return self.rules.shown_order(self.state, scene_id)

    def index_of(self, number: int, scene: Scene | None = None) -> int:
        """The file index of the choice shown as `number` (1-based)."""
        order = self.shown_order(scene)
        if type(number) is not int or not 1 <= number <= len(order):
            scene_id = scene.id if scene is not None else self.state.scene
            raise ChoiceError(
                f"choice {number} is out of range: '{scene_id}' has choices 1 to {len(order)}"
            )
        return order[number - 1]

    def number_of(self, index: int, scene: Scene | None = None) -> int:
        """The number (1-based, as shown) of the choice at file index `index`."""
        return self.shown_order(scene).index(index) + 1

    def choose_number(self, number: int) -> Outcome:
        """Answer the current prompt with the choice shown as `number` (1-based)."""
        if self.state.ending:
            raise ChoiceError("the story has ended; there is nothing left to choose")
        return self.choose(self.index_of(number))

    def available(self, role: str, scene: Scene | None = None) -> list[int]:
        """Indexes of the choices `role` may take in `scene` (cheap: no text)."""
        scene_id = scene.id if scene is not None else self.state.scene
        return list(self.rules.available(self.state, role, scene_id))

    # --- acting -------------------------------------------------------------

    def choose(self, index: int) -> Outcome:
        """Answer the current prompt with the 0-based choice `index`."""
        s = self.state
        if s.ending:
            raise ChoiceError("the story has ended; there is nothing left to choose")
        if s.mode == "solo":  # the common case: no Prompt object
            scene = self.scenario.scenes[s.scene]
            role = actor = "a"
        else:
            prompt = self.prompt()
            scene, role, actor = prompt.scene, prompt.role, prompt.actor
        n = len(scene.choices)
        if type(index) is not int or not 0 <= index < n:
            shown = index + 1 if isinstance(index, int) else index
            raise ChoiceError(f"choice {shown} is out of range: '{scene.id}' has choices 1 to {n}")
        choice = scene.choices[index]
        if choice.condition is not None and not choice.condition.test(self.context(actor)):
            reason = self.fill(choice.locked, role) if choice.locked else "it is locked"
            number = self.number_of(index, scene)
            raise ChoiceError(f"choice {number} in '{scene.id}' is locked: {reason}")
        return self.advance(index)

    def advance(self, index: int) -> Outcome:
        """Answer the current prompt with `index`, which the caller got from
        `available()` for the prompt's actor: the same rules as `choose`
        without checking the answer again."""
        s = self.state
        if s.mode == "solo":
            return self._resolve(self.scene, [Pick("a", CHOOSE, index)])
        prompt = self.prompt()
        scene = prompt.scene
        s.picks.append(Pick(prompt.role, prompt.kind, index))
        if self.prompt_after_pick(scene) is not None:
            return Outcome(scene.id, False, tuple(s.picks))
        picks = s.picks
        s.picks = []
        return self._resolve(scene, picks)

    def prompt_after_pick(self, scene: Scene) -> str | None:
        """The role still to answer in `scene` after the picks so far, or None."""
        turns = self.turns(scene)
        given = len(self.state.picks)
        return turns[given].role if given < len(turns) else None

    def _resolve(self, scene: Scene, picks: list[Pick]) -> Outcome:
        s = self.state
        order = self.shown_order(scene)
        recorder = _Recorder(self, scene, picks, order)
        changes, raw_fired, matched, next_scene, ending = self.rules.resolve(
            s, scene.id, [(p.role, p.kind, p.index) for p in picks], recorder.mark
        )
        fired = tuple(
            Fired(
                role,
                self.fill(later.text, role),
                averted,
                tuple(map(Change._make, own)),
                later.breach and not averted,
                item["scene"],
                item["choice"],
                item.get("turn", 0),
            )
            for role, later, averted, own, item in raw_fired
        )
        events = recorder.events()
        own = len(changes) - sum(len(e.changes) for e in events)
        return Outcome(
            scene.id,
            True,
            tuple(picks),
            tuple(changes[:own]),
            fired,
            matched,
            next_scene,
            ending,
            events,
            order,
        )

    def arrived(self) -> tuple[Happened, ...]:
        """The events that happened on arrival at the current scene, read from
        the history (so they are there again after a save and a resume)."""
        s = self.state
        out = []
        for entry in reversed(s.history):
            if entry.kind != "event" or entry.turn != s.turn or entry.scene != s.scene:
                break
            happened = self.happened(entry)
            if happened is not None:
                out.append(happened)
        return tuple(reversed(out))

    def happened(self, entry: EventEntry) -> Happened | None:
        """The event a history entry records, or None if the scenario no longer has it."""
        scene = self.scenario.scenes.get(entry.scene)
        if scene is None or entry.event >= len(scene.events):
            return None
        return self.happened_now(scene, entry.event, [_raw(c) for c in entry.changes])

    def happened_now(self, scene: Scene, index: int, raw_changes) -> Happened:
        """Event `index` of `scene`, with the raw changes it made."""
        event = scene.events[index]
        role = self.event_role(scene)
        return Happened(
            scene.id,
            index,
            self.fill(event.text, role),
            tuple(map(Change._make, raw_changes)),
            event.breach and any(c[3] < c[2] for c in raw_changes),
            event.text,
            role,
        )

    def consequence(self, entry: ConsequenceEntry) -> tuple[str, str]:
        """For a consequence entry: the texts (placeholders not yet filled:
        fill them for `entry.role`) of what happened and of the choice that
        set it up; "" if the scenario no longer has them."""
        scene = self.scenario.scenes.get(entry.scene)
        if scene is None or entry.choice >= len(scene.choices):
            return "", ""
        choice = scene.choices[entry.choice]
        later = choice.later.text if choice.later is not None else ""
        return later, choice.text

    def event_role(self, scene: Scene) -> str:
        """Whose point of view a scene's events are read from."""
        return scene.reader(self.state.mode)

    def _snapshot(self, entry: int, label: str = "") -> dict:
        s = self.state
        return {
            "turn": s.turn,
            "entry": entry,  # the history entry this point belongs to; -1: the start
            "label": label,
            "trust": {r: self.trust(r) for r in ROLES},
            "meters": {r: dict(s.meters[r]) for r in ROLES},
            "wounds": {r: dict(s.wounds[r]) for r in ROLES},
        }

    # --- replay -------------------------------------------------------------

    def answers(self) -> list[int]:
        """Every answer given so far (file indexes), in the order the game asked for them."""
        out = [p.index for h in self.state.history if h.kind == "choice" for p in h.picks]
        out.extend(p.index for p in self.state.picks)
        return out

    def rewind(self, turns: int) -> Game:
        """A new game replayed from the start through the first `turns` answered
        scenes of this one: "replay from a turning point" (D7 makes it exact)."""
        choices = [h for h in self.state.history if h.kind == "choice"]
        return replay(self.scenario, self, [p.index for h in choices[:turns] for p in h.picks])


def replay(scenario: Scenario, like: Game, answers: list[int]) -> Game:
    """Start a game with `like`'s players and seed, then give `answers` in order.
    Stops early (without error) if an answer no longer fits, e.g. after the
    scenario was edited; the caller can compare `len(game.answers())`."""
    s = like.state
    game = Game.new(scenario, s.mode, dict(s.names), dict(s.pronouns), s.seed)
    for index in answers:
        if game.over:
            break
        try:
            game.choose(index)
        except ChoiceError:
            break
    return game


class _Recorder:
    """Follows one resolution as the rules report each part of it (see
    `Rules.resolve`), at the moment it happens. A recorded game gets one
    history entry per answered scene ("choice"), per consequence that fired
    ("consequence", credited to the choice that set it up) and per event
    ("event"), and one timeline point per entry plus one per earlier step of
    a habit. Every game gets the events that happened, for its faces."""

    def __init__(self, game: Game, scene: Scene | None = None, picks=(), order=()):
        self.game = game
        self.scene = scene
        self.picks = tuple(picks)
        self.order = tuple(order)
        self.start = 0  # where the current entry's changes begin
        self.first_point = len(game.state.timeline)  # the current entry's first point
        self.happened: list[Happened] = []

    def _point(self, label: str = "") -> None:
        s = self.game.state
        s.timeline.append(self.game._snapshot(len(s.history), label))

    def _entry(self, make, changes: list, end: int, label: str = "") -> None:
        """Record one entry: `make(changes, points)` builds it."""
        s = self.game.state
        saved = [_saved(c) for c in changes[self.start : end]]
        points = (self.first_point, len(s.timeline))
        self._point(label)
        s.history.append(make(saved, points))
        self.start = end
        self.first_point = len(s.timeline)

    def mark(self, kind: str, ref, changes: list) -> None:
        game, s = self.game, self.game.state
        record = game.record
        end = len(changes)
        turn = s.turn
        if kind == "event":
            scene = game.scenario.scenes[s.scene]
            self.happened.append(game.happened_now(scene, ref, changes[self.start : end]))
            if record:
                self._entry(partial(EventEntry, turn, scene.id, ref), changes, end)
            else:
                self.start = end
        elif not record:
            self.start = end
        elif kind == "step":
            choice = self._habit()
            self._point(step_label(ref, choice.repeat, choice.span))
        elif kind == "choice":
            choice = self._habit()
            label = step_label(choice.repeat, choice.repeat, choice.span) if choice else ""
            make = partial(ChoiceEntry, turn, self.scene.id, self.picks, self.order)
            self._entry(make, changes, end, label)
        elif kind == "fired":
            role, later, _, _, item = ref
            make = partial(
                ConsequenceEntry,
                turn,
                item["scene"],
                item["choice"],
                item.get("turn", 0),
                role,
                later.breach,
            )
            self._entry(make, changes, end)
        elif kind == "settled" and end > self.start and s.history:
            # D6's reward belongs to the entry just written: fold it in.
            last = s.history[-1]
            more = tuple(_saved(c) for c in changes[self.start : end])
            s.history[-1] = attrs.evolve(last, changes=last.changes + more)
            point = s.timeline[-1]
            s.timeline[-1] = game._snapshot(point["entry"], point["label"])
            self.start = end

    def _habit(self):
        """The habit being answered, if any (the first chooser's choice with `repeat`)."""
        if self.scene is None:
            return None
        for p in self.picks:
            if p.kind == CHOOSE:
                choice = self.scene.choices[p.index]
                if choice.repeat > 1:
                    return choice
        return None

    def events(self) -> tuple[Happened, ...]:
        return tuple(self.happened)


def _saved(c: tuple) -> tuple:
    """A change as the history keeps it: (owner, meter, before, after, cause,
    asked, wound opened, wound closed) (saves before version 2 kept the first five)."""
    return (c[0], c[1], c[2], c[3], c[5], c[4], c[6], c[7])


def saved_change(saved) -> Change:
    """A change as the history keeps it, back as a `Change`."""
    return Change._make(_raw(saved))


def _raw(saved) -> tuple:
    """A saved change back as the rules' raw tuple."""
    owner, meter, before, after, cause = saved[:5]
    asked, opened, closed = saved[5:8] if len(saved) >= 8 else (after - before, False, False)
    return (owner, meter, before, after, asked, cause, opened, closed)


def step_label(step: int, repeat: int, span: str) -> str:
    """How a habit's step is labelled on the chart: "week 2 of 4" when the span
    names weeks (or days, months...), else "2 of 4"."""
    unit = _span_unit(span)
    return f"{unit} {step} of {repeat}" if unit else f"{step} of {repeat}"


_UNITS = ("day", "evening", "night", "morning", "week", "weekend", "sunday", "month", "time")


def _span_unit(span: str) -> str:
    for word in span.lower().replace(",", " ").split():
        singular = word[:-1] if word.endswith("s") else word
        if singular in _UNITS:
            return singular
    return ""
