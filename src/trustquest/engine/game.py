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

from typing import NamedTuple

import attrs

from trustquest.engine.conditions import EvalContext
from trustquest.engine.meters import ROLES, other
from trustquest.engine.model import Ending, Scenario, Scene
from trustquest.engine.rules import rules_for
from trustquest.engine.state import GameState
from trustquest.engine.text import clean_name, fill
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


@attrs.frozen
class Fired:
    """A delayed consequence that came due: it fired, or its `unless` held."""

    role: str  # the player whose earlier choice scheduled it
    text: str
    averted: bool
    changes: tuple[Change, ...] = ()
    breach: bool = False


@attrs.frozen
class Option:
    index: int  # 0-based
    text: str
    available: bool
    locked: str = ""


class Prompt(NamedTuple):
    """What the game is waiting for: `role` must choose, or guess `actor`'s choice."""

    kind: str  # choose | guess
    role: str
    scene: Scene
    actor: str


class Outcome(NamedTuple):
    """What one answer did. Cheap to build (NamedTuple) for the simulator:
    changes are kept as plain tuples and become `Change`s only when read."""

    scene_id: str
    resolved: bool  # False while the scene still waits for another answer
    picks: tuple = ()
    raw_changes: tuple = ()  # (role, meter, before, after, asked, cause, opened, closed)
    fired: tuple[Fired, ...] = ()
    matched: bool | None = None  # both: same answer; predict: right guess
    next_scene: str = ""
    ending: str = ""

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(map(Change._make, self.raw_changes))


class Game:
    """Rules over one scenario and one state."""

    __slots__ = ("scenario", "state", "record", "rules")

    def __init__(self, scenario: Scenario, state: GameState, record: bool = True):
        self.scenario = scenario
        self.state = state
        #: Keep history and timeline for the ending screens and rewinds.
        self.record = record
        self.rules = rules_for(scenario)

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
            state.timeline.append(game._snapshot())
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

    def actor_of(self, scene: Scene) -> str:
        """Who answers first in `scene`. In solo play the player is always role a."""
        if self.state.mode == "solo" or scene.actor == "both":
            return "a"
        return scene.actor

    def prompt(self) -> Prompt | None:
        """What the game waits for now, or None once an ending is reached."""
        if self.state.ending:
            return None
        scene = self.scene
        picks = self.state.picks
        if self.state.mode == "solo":
            return Prompt("choose", "a", scene, "a")
        if scene.actor == "both":
            role = "a" if not picks else "b"
            return Prompt("choose", role, scene, role)
        actor = scene.actor
        if scene.predict and picks:
            return Prompt("guess", other(actor), scene, actor)
        return Prompt("choose", actor, scene, actor)

    def options(self, prompt: Prompt | None = None, reader: str | None = None) -> list[Option]:
        """The choices on offer for a prompt, locked ones included (greyed out).

        Text is filled for `reader`: by default the role answering, except
        for a guess, which is about the actor's choices and so reads as the
        actor saw them ("Message {partner}" names the guesser, not the actor)."""
        prompt = prompt or self.prompt()
        if prompt is None:
            return []
        ctx = self.context(prompt.actor)
        reader = reader or prompt.actor
        out = []
        for choice in prompt.scene.choices:
            ok = choice.condition is None or bool(choice.condition.test(ctx))
            locked = "" if ok else self.fill(choice.locked or "Not available yet.", reader)
            out.append(Option(choice.index, self.fill(choice.text, reader), ok, locked))
        return out

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
            raise ChoiceError(f"choice {index + 1} in '{scene.id}' is locked: {reason}")
        return self.advance(index)

    def advance(self, index: int) -> Outcome:
        """Answer the current prompt with `index`, which the caller got from
        `available()` for the prompt's actor: the same rules as `choose`
        without checking the answer again."""
        s = self.state
        if s.mode == "solo":
            return self._resolve(self.scene, [{"role": "a", "kind": "choose", "index": index}])
        prompt = self.prompt()
        scene = prompt.scene
        s.picks.append({"role": prompt.role, "kind": prompt.kind, "index": index})
        if self.prompt_after_pick(scene) is not None:
            return Outcome(scene.id, False, tuple(dict(p) for p in s.picks))
        picks = s.picks
        s.picks = []
        return self._resolve(scene, picks)

    def prompt_after_pick(self, scene: Scene) -> str | None:
        """The role still to answer in `scene` after the picks so far, or None."""
        s = self.state
        if s.mode == "solo":
            return None
        if scene.actor == "both":
            return "b" if len(s.picks) < 2 else None
        if scene.predict:
            return other(scene.actor) if len(s.picks) < 2 else None
        return None

    def _resolve(self, scene: Scene, picks: list[dict]) -> Outcome:
        s = self.state
        changes, raw_fired, matched, next_scene, ending = self.rules.resolve(
            s, scene.id, [(p["role"], p["kind"], p["index"]) for p in picks]
        )
        fired = tuple(
            Fired(
                role,
                self.fill(later.text, role),
                averted,
                tuple(map(Change._make, own)),
                later.breach and not averted,
            )
            for role, later, averted, own in raw_fired
        )
        if self.record:
            s.history.append(
                {
                    "turn": s.turn,
                    "scene": scene.id,
                    "picks": [dict(p) for p in picks],
                    "changes": [[c[0], c[1], c[2], c[3], c[5]] for c in changes],
                    "fired": [f.text for f in fired if not f.averted],
                }
            )
            s.timeline.append(self._snapshot())
        return Outcome(
            scene.id,
            True,
            tuple(picks),
            tuple(changes),
            fired,
            matched,
            next_scene,
            ending,
        )

    def _snapshot(self) -> dict:
        s = self.state
        return {
            "turn": s.turn,
            "trust": {r: self.trust(r) for r in ROLES},
            "meters": {r: dict(s.meters[r]) for r in ROLES},
            "wounds": {r: dict(s.wounds[r]) for r in ROLES},
        }

    # --- replay -------------------------------------------------------------

    def answers(self) -> list[int]:
        """Every answer given so far, in the order the game asked for them."""
        out = [p["index"] for h in self.state.history for p in h["picks"]]
        out.extend(p["index"] for p in self.state.picks)
        return out

    def rewind(self, steps: int) -> Game:
        """A new game replayed from the start through the first `steps` resolved
        scenes of this one: "replay from a turning point" (D7 makes it exact)."""
        return replay(
            self.scenario,
            self,
            [p["index"] for h in self.state.history[:steps] for p in h["picks"]],
        )


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
