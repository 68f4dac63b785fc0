"""The counters of one simulated mode, kept while the loops run.

Everything here is counted per run (`Stats.finish`) or per breach; the hot
loops only add to the per-choice lists (`picked`, `locked`, `guessed`).
"""

from __future__ import annotations

import attrs

from trustquest.engine.meters import ROLES
from trustquest.engine.model import Scenario
from trustquest.engine.rules import Rules
from trustquest.engine.state import GameState

#: Values at an ending are kept in rows and folded into min/max/sum this often.
FOLD_EVERY = 4096
#: Bits the loops' breach tracking returns: a breach landed on role a's / role b's trust.
BREACH_A, BREACH_B = 1, 2


@attrs.define
class Rebuild:
    """Breaches of one meter, and the gains that made them good."""

    breaches: int = 0
    recovered: int = 0
    gains: int = 0  # summed over recoveries
    fewest: int | None = None
    most: int | None = None


@attrs.define
class EndingTurns:
    """Runs that reached one ending, split by whether a breach came first."""

    after_breach: int = 0
    turns_clean: int = 0  # summed over runs without a breach
    turns_after_breach: int = 0  # summed over runs with one


@attrs.define
class Span:
    """One column of values at an ending, folded."""

    min: float
    max: float
    sum: float


class Stats:
    """Counters for one mode, indexed by scene id and choice index."""

    def __init__(self, scenario: Scenario, mode: str):
        self.scenario = scenario
        self.mode = mode
        self.turns = 0  # resolved scenes, summed over runs
        sids = list(scenario.scenes)
        self.reached = dict.fromkeys(sids, 0)  # runs that reached the scene
        self.visits = dict.fromkeys(sids, 0)  # hot-seat only; solo works it out from the picks
        self.picked = {s: [0] * len(sc.choices) for s, sc in scenario.scenes.items()}
        self.guessed = {s: [0] * len(sc.choices) for s, sc in scenario.scenes.items()}
        self.locked = {s: [0] * len(sc.choices) for s, sc in scenario.scenes.items()}
        self.resolved = dict.fromkeys(sids, 0)  # both/predict scenes resolved with two answers
        self.matched = dict.fromkeys(sids, 0)
        self.dead_ends = dict.fromkeys(sids, 0)
        self.capped = dict.fromkeys(sids, 0)
        self.endings = dict.fromkeys(scenario.endings, 0)
        #: The values kept at each ending: overall trust, then every meter, per role.
        self.columns = [(r, "trust") for r in ROLES] + [
            (r, m) for r in ROLES for m in scenario.meter_ids
        ]
        #: ending -> rows not yet folded; ending -> one Span per column
        self.rows: dict[str, list] = {e: [] for e in scenario.endings}
        self.acc: dict[str, list[Span] | None] = dict.fromkeys(scenario.endings)
        self.rebuild: dict[str, Rebuild] = {}
        self.arc = {e: EndingTurns() for e in scenario.endings}
        self.breached_runs = 0
        self.lapsed_runs = 0
        #: The player's own overall trust at the start (set by use_meter_order).
        self.your_start = 0.0

    # --- after each run ----------------------------------------------------------------

    def finish(self, rules: Rules, state: GameState, breached: int) -> None:
        """Count a finished run. `breached` holds the BREACH_ bits the loops found."""
        reached = self.reached
        for sid in state.visited:
            reached[sid] += 1
        # Solo: a breach of the partner's trust (b) is the player's; one of the
        # player's own trust (a) is the partner's lapse. Hot-seat: both are players.
        broke = breached & BREACH_B if self.mode == "solo" else breached
        if broke:
            self.breached_runs += 1
        if self.mode == "solo" and breached & BREACH_A:
            self.lapsed_runs += 1
        ending = state.ending
        if ending:
            self.endings[ending] += 1
            arc = self.arc[ending]
            if broke:
                arc.after_breach += 1
                arc.turns_after_breach += state.turn
            else:
                arc.turns_clean += state.turn
            m = state.meters
            rows = self.rows[ending]
            # Meter dicts keep the order they were built in, which is the order
            # of self.columns (see use_meter_order).
            rows.append(
                (
                    rules.trust(state, "a"),
                    rules.trust(state, "b"),
                    *m["a"].values(),
                    *m["b"].values(),
                )
            )
            if len(rows) >= FOLD_EVERY:
                self.fold(ending)
        self.turns += state.turn

    def use_meter_order(self, rules: Rules, state: GameState) -> None:
        """Columns in the order of the meter dicts of `state`, so a run's values
        can be copied with `dict.values()`; and the player's trust at the start."""
        self.your_start = rules.trust(state, "a")
        self.columns = [(r, "trust") for r in ROLES] + [
            (r, m) for r in ROLES for m in state.meters[r]
        ]

    def fold(self, ending: str) -> None:
        """Fold the rows kept for `ending` into a Span per column."""
        rows = self.rows[ending]
        if not rows:
            return
        acc = self.acc[ending]
        columns = list(zip(*rows, strict=True))
        if acc is None:
            self.acc[ending] = [Span(min(c), max(c), sum(c)) for c in columns]
        else:
            for a, c in zip(acc, columns, strict=True):
                lo, hi = min(c), max(c)
                if lo < a.min:
                    a.min = lo
                if hi > a.max:
                    a.max = hi
                a.sum += sum(c)
        rows.clear()

    def at_end(self, ending: str, count: int) -> dict:
        """{role: {"trust" or meter: {min, avg, max}}} at `ending`."""
        self.fold(ending)
        acc = self.acc[ending]
        out: dict = {r: {} for r in ROLES}
        for i, (role, name) in enumerate(self.columns):
            out[role][name] = None if acc is None else _range(acc[i], count)
        return out

    def breach(self, meter: str) -> None:
        row = self.rebuild.get(meter)
        if row is None:
            row = self.rebuild[meter] = Rebuild()
        row.breaches += 1

    def recovered(self, meter: str, gains: int) -> None:
        row = self.rebuild[meter]
        row.recovered += 1
        row.gains += gains
        if row.fewest is None or gains < row.fewest:
            row.fewest = gains
        if row.most is None or gains > row.most:
            row.most = gains

    @property
    def choices(self) -> int:
        """Every answer given: choices and guesses."""
        return sum(map(sum, self.picked.values())) + sum(map(sum, self.guessed.values()))


def _range(span: Span, count: int) -> dict | None:
    if not count:
        return None
    return {"min": span.min, "avg": round(span.sum / count, 2), "max": span.max}
