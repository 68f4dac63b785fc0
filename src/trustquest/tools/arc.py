"""What `simulate` tells an author about the trust arc (issue 10).

Beside the random runs, two scripted players walk the story over many game
seeds (the seed sets the order the choices are shown in):

- *first open*: always takes the first choice that is open, as displayed;
- *greedy*: always takes the choice with the largest immediate gain in the
  partner's overall trust (then in the player's own, then the first shown).

Neither should coast to the best ending. The figures are typed records, kept
in the report as plain data (`to_dict`) and read back with `Arc.from_dict`,
so the gates (`tools/gates.py`) and `--json` say the same thing.
"""

from __future__ import annotations

from typing import Any

import attr
import attrs

from trustquest.engine.dynamics import DEFAULT, rebuild_ratio
from trustquest.engine.game import Game
from trustquest.engine.meters import other
from trustquest.engine.model import Scenario

#: Endings a player hopes for: what "the best ending" means in the gates.
GOOD_TONES = ("hopeful",)
#: Game seeds the scripted players walk by default (seeds 1..N).
PLAYER_SEEDS = 100
#: Seeds quoted as examples in a warning, so the author can replay them.
EXAMPLES = 3


@attrs.frozen
class EndingArc:
    """How runs reached one ending, with and without a breach before it."""

    id: str
    tone: str
    runs: int
    after_breach: int
    #: Average answered scenes to get there, in runs without and with a breach.
    turns_clean: float | None
    turns_after_breach: float | None

    @property
    def clean(self) -> int:
        return self.runs - self.after_breach


@attrs.frozen
class PlayerResult:
    """Where one scripted player ended up, over `seeds` game seeds."""

    strategy: str  # first_open | greedy
    seeds: int
    endings: dict[str, int]  # ending id -> seeds that reached it
    best: int  # seeds that reached a hopeful ending
    examples: tuple[int, ...]  # a few of those seeds, to replay with `run --seed`
    stuck: int  # seeds that hit a dead end or the turn cap

    @property
    def best_percent(self) -> float:
        return pct(self.best, self.seeds)


@attrs.frozen
class RebuildRatio:
    """D5 for the scenario's own [dynamics] and for the defaults: gains of +10
    needed to bring a meter at 70 back after one breach of -20 (None: never)."""

    scenario: int | None
    default: int | None


@attrs.frozen
class Recovery:
    """Breached meters that climbed back to their value before the breach,
    before their run ended (every breach in every random run)."""

    breaches: int
    recovered: int

    @property
    def percent(self) -> float:
        return pct(self.recovered, self.breaches)


@attrs.frozen
class TrustRange:
    """The player's own ("your") overall trust in the partner at the endings
    of the random runs, against its value at the start."""

    start: float
    min: float | None
    max: float | None

    @property
    def spread(self) -> float:
        return 0.0 if self.min is None else round(self.max - self.min, 2)

    @property
    def down(self) -> float:
        """How far below the start it ends, at worst (0 if never below)."""
        return 0.0 if self.min is None else round(max(0.0, self.start - self.min), 2)

    @property
    def up(self) -> float:
        return 0.0 if self.max is None else round(max(0.0, self.max - self.start), 2)


@attrs.frozen
class Arc:
    """The arc figures of one mode of a simulation."""

    runs: int
    breached_runs: int  # runs with at least one breach of the partner's trust
    lapsed_runs: int  # solo: runs in which the player's own trust was breached
    endings: tuple[EndingArc, ...]
    rebuild_ratio: RebuildRatio
    recovery: Recovery
    your_trust: TrustRange
    first_open: PlayerResult | None
    greedy: PlayerResult | None

    def ending(self, eid: str) -> EndingArc | None:
        return next((e for e in self.endings if e.id == eid), None)

    @property
    def good(self) -> tuple[EndingArc, ...]:
        return tuple(e for e in self.endings if e.tone in GOOD_TONES)

    @property
    def warnings(self) -> tuple[str, ...]:
        out = []
        for player, who in (
            (self.first_open, "always takes the first open choice"),
            (self.greedy, "always takes the biggest immediate trust gain"),
        ):
            if player is not None and player.best:
                seeds = ", ".join(str(s) for s in player.examples)
                out.append(
                    f"a player who {who} reaches a hopeful ending in {player.best} of "
                    f"{player.seeds} seeds ({player.best_percent:.1f}%; e.g. run --seed {seeds})"
                )
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        data = attr.asdict(self, retain_collection_types=False)
        data["recovery"]["percent"] = self.recovery.percent
        t = self.your_trust
        data["your_trust"].update(spread=t.spread, down=t.down, up=t.up)
        for key in ("first_open", "greedy"):
            player = getattr(self, key)
            if player is not None:
                data[key]["best_percent"] = player.best_percent
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Arc:
        """Read the figures back from a report (as `to_dict` wrote them)."""

        def player(d):
            if d is None:
                return None
            return PlayerResult(
                d["strategy"],
                d["seeds"],
                dict(d["endings"]),
                d["best"],
                tuple(d["examples"]),
                d["stuck"],
            )

        t = data["your_trust"]
        return cls(
            data["runs"],
            data["breached_runs"],
            data["lapsed_runs"],
            tuple(EndingArc(**e) for e in data["endings"]),
            RebuildRatio(**data["rebuild_ratio"]),
            Recovery(data["recovery"]["breaches"], data["recovery"]["recovered"]),
            TrustRange(t["start"], t["min"], t["max"]),
            player(data["first_open"]),
            player(data["greedy"]),
        )


def rebuild_ratios(scenario: Scenario) -> RebuildRatio:
    return RebuildRatio(rebuild_ratio(scenario.dynamics), rebuild_ratio(DEFAULT))


# --- the scripted players ----------------------------------------------------------------


def play_scripted(
    scenario: Scenario, mode: str, strategy: str, seeds: int, turn_cap: int
) -> PlayerResult:
    """Walk the story once per game seed 1..`seeds` as `strategy` would."""
    # The same answers always lead to the same state (D7) whatever the seed,
    # which only orders the choices: so the greedy player's trials are kept
    # by the answers given so far, and most seeds reuse them.
    tried: dict = {}
    greedy = strategy == "greedy"
    endings = dict.fromkeys(scenario.endings, 0)
    best, examples, stuck = 0, [], 0
    for seed in range(1, seeds + 1):
        game = Game.new(scenario, mode, seed=seed, record=False)
        answers: list[int] = []
        while not game.over and game.state.turn < turn_cap:
            prompt = game.prompt()
            # The open choices as shown (Game.options without filling any text).
            allowed = game.available(prompt.actor, prompt.scene)
            open_ = [i for i in game.shown_order(prompt.scene) if i in allowed]
            if not open_:
                break
            if greedy:
                keys = tried.setdefault(tuple(answers), {})
                answer = _greedy(game, prompt, open_, keys)
            else:
                answer = open_[0]
            answers.append(answer)
            game.advance(answer)
        ending = game.state.ending
        if not ending:
            stuck += 1
            continue
        endings[ending] += 1
        if scenario.endings[ending].tone in GOOD_TONES:
            best += 1
            if len(examples) < EXAMPLES:
                examples.append(seed)
    return PlayerResult(strategy, seeds, endings, best, tuple(examples), stuck)


def _greedy(game: Game, prompt, open_: list[int], keys: dict) -> int:
    """The open choice whose answer raises the partner's overall trust in the
    chooser the most (ties: the chooser's own trust, then display order).
    Each answer is tried on a copy of the state through the engine's rules.
    A guess, or an answer that does not resolve its scene by itself (the first
    of two in a hot-seat `both` or `predict` scene), changes nothing to
    compare, so it is the first open one."""
    state, rules = game.state, game.rules
    scene = prompt.scene
    waits = len(state.picks) + 1 < len(game.turns(scene))
    if len(open_) == 1 or prompt.kind == "guess" or waits:
        return open_[0]
    sid, role = prompt.scene.id, prompt.role
    partner = other(role)
    earlier = [(p.role, p.kind, p.index) for p in state.picks]
    best, best_key = open_[0], None
    for index in open_:
        key = keys.get(index)  # this answer, tried from this state for an earlier seed
        if key is None:
            trial = _copy_state(state)
            rules.resolve(trial, sid, [*earlier, (role, prompt.kind, index)])
            key = keys[index] = (rules.trust(trial, partner), rules.trust(trial, role))
        if best_key is None or key > best_key:
            best, best_key = index, key
    return best


def _copy_state(state):
    """An independent copy of a game state, so a trial answer cannot touch the
    real game. State is plain data at most two containers deep (meters[role][meter],
    pending[i]["due"]...), and each container is copied."""
    cls = type(state)
    twin = cls.__new__(cls)
    for name in _FIELDS.get(cls) or _fields(cls):
        value = getattr(state, name)
        kind = type(value)
        if kind is dict:
            value = {k: v.copy() if type(v) in _CONTAINERS else v for k, v in value.items()}
        elif kind is list:
            value = [v.copy() if type(v) in _CONTAINERS else v for v in value]
        elif kind is set:
            value = value.copy()
        object.__setattr__(twin, name, value)
    return twin


_CONTAINERS = (dict, list, set)
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls) -> tuple[str, ...]:
    names = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0
