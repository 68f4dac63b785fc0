"""Exhaustive exploration of a scenario: every answer, in every state.

`trustquest paths` is built on this. Where `simulate` samples random runs,
this module walks the whole tree of answers breadth first, by the engine's own
rules (`Game.advance` on copies of the state), so flags, visits, turns,
conditions, delayed consequences and anything else the rules do are handled
exactly as in play. Two states that behave the same from now on are merged
(`future_key`), which turns the tree into a finite graph for most stories.
Breadth first means the first time a scene or an ending is met, it is met by
a shortest list of answers: that list is its walkthrough.

The search bounds its own work (states and seconds). When it stops early,
what it has not reached is *unproven*, not unreachable; when it finishes, what
it has not reached is proven *unreachable*, and it can also prove where the
story gets stuck: states from which no ending can be reached.
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from collections.abc import Callable
from random import Random

import attrs

from trustquest.engine.conditions import (
    Compare,
    Condition,
    Literal,
    Name,
    iter_refs,
    walk_nodes,
)
from trustquest.engine.game import Game
from trustquest.engine.model import Scenario
from trustquest.engine.state import GameState

#: Default bounds: enough for every built-in story many times over.
MAX_STATES = 200_000
MAX_SECONDS = 10.0
#: Random playthroughs tried, at the very end, for anything still unproven.
PLAYOUTS = 2000
PLAYOUT_ANSWERS = 500
#: The share of the bounds the first, breadth-first search may use.
BFS_SHARE = 0.2
#: ... and the share by which the aimed searches must be done (the rest is
#: for the random playthroughs).
AIM_SHARE = 0.85
#: How much more the aimed search values getting closer to its target than
#: keeping the walkthrough short (weighted A*): 1 would prove the first
#: walkthrough found a shortest one, but costs as much as breadth first on a
#: story that only moves forward.
GREED = 4

#: State fields that never change what can happen next: who is playing and
#: the record of what already happened.
_PAST_ONLY = frozenset(
    {"scenario_id", "scenario_digest", "mode", "names", "pronouns", "seed", "history", "timeline"}
)


@attrs.frozen
class Walkthrough:
    """Answers, numbered as the game shows them, in the order it asks for them."""

    choices: tuple[int, ...]
    turns: int  # scenes answered on the way


@attrs.frozen
class Exploration:
    mode: str
    seed: int
    #: id -> shortest walkthrough, in file order of the scenario.
    scenes: dict[str, Walkthrough]
    endings: dict[str, Walkthrough]
    #: Scene id -> a shortest walkthrough to a state there with every choice locked.
    dead_ends: dict[str, Walkthrough]
    #: Scene id -> a shortest walkthrough to a state there from which no ending
    #: can be reached and no dead end either: a loop that never ends. Only
    #: known when the search is complete.
    endless: dict[str, Walkthrough]
    #: Proven never reached (the search was complete).
    unreachable: tuple[str, ...]
    #: Not reached before a bound stopped the search: neither proven nor refuted.
    unproven: tuple[str, ...]
    #: Every state reachable in this many answers was explored exactly: what is
    #: unproven needs more answers than this, if it can be reached at all.
    depth: int
    states: int
    #: Every reachable state was explored: what is missing is unreachable,
    #: and every walkthrough is a shortest one.
    exhaustive: bool
    max_states: int
    max_seconds: float


def explore(
    scenario: Scenario,
    mode: str = "solo",
    seed: int = 1,
    max_states: int = MAX_STATES,
    max_seconds: float = MAX_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> Exploration:
    """Explore every answer from the start of `scenario` in `mode`.

    First breadth first, over everything, with a share of the bounds: if that
    finishes, everything is settled. Otherwise each scene or ending still
    missing gets its own best-first (A*) search, guided by how many scenes
    away it is in the scene graph. That distance never overestimates, so
    the first walkthrough an A* search finds is still a shortest one, and an
    A* search that runs out of states to try proves its target unreachable."""
    start = Game.new(scenario, mode, seed=seed, record=False)
    keyer = _Keyer(scenario)
    began = clock()
    wide = _Search(scenario, start, keyer, int(max_states * BFS_SHARE), clock)
    wide.run(began + max_seconds * BFS_SHARE)
    scenes = {s: wide.walk(n) for s, n in wide.first_scene.items()}
    endings = {e: wide.walk(n) for e, n in wide.first_ending.items()}
    dead_ends = wide.first_dead()
    unreachable: list[str] = []
    unproven: list[str] = []
    states = wide.size
    if wide.complete:
        endless = wide.endless()
        unreachable = [t for t in _targets(scenario) if t not in scenes and t not in endings]
    else:
        endless = {}
        distances = _distances(scenario)
        missing = [t for t in _targets(scenario) if t not in scenes and t not in endings]
        for n, target in enumerate(missing):
            if target in scenes or target in endings:
                continue  # met on the way to an earlier target
            if start.state.scene not in distances[target]:
                unreachable.append(target)  # no path in the scene graph at all
                continue
            left = len(missing) - n
            budget = (max_states - states) // left
            seconds = (began + max_seconds * AIM_SHARE - clock()) / left
            if budget < 1 or seconds <= 0:
                unproven.append(target)
                continue
            aim = _Search(scenario, start, keyer, budget, clock, goal=target, h=distances[target])
            aim.run(clock() + seconds)
            states += aim.size
            # Whatever it met on the way is reached too (the walkthrough is real).
            for sid, node in aim.first_scene.items():
                scenes.setdefault(sid, aim.walk(node))
            for eid, node in aim.first_ending.items():
                endings.setdefault(eid, aim.walk(node))
            for sid, w in aim.first_dead().items():
                dead_ends.setdefault(sid, w)
            if target not in scenes and target not in endings:
                (unreachable if aim.complete else unproven).append(target)
        if unproven:
            # Last, random playthroughs (seeded, so the report is stable) for
            # what the searches missed: a find is still a real walkthrough.
            found, tried = _playouts(
                scenario, start, set(unproven), max_states - states, began + max_seconds, clock
            )
            states += tried
            for target, walk in found.items():
                (scenes if target in scenario.scenes else endings)[target] = walk
            unproven = [t for t in unproven if t not in found]
    return Exploration(
        mode=mode,
        seed=seed,
        scenes={s: scenes[s] for s in scenario.scenes if s in scenes},
        endings={e: endings[e] for e in scenario.endings if e in endings},
        dead_ends=dead_ends,
        endless=endless,
        unreachable=tuple(unreachable),
        unproven=tuple(unproven),
        depth=wide.depth_done,
        states=states,
        exhaustive=wide.complete,
        max_states=max_states,
        max_seconds=max_seconds,
    )


def _playouts(scenario, start: Game, wanted: set[str], budget: int, deadline, clock) -> tuple:
    """The shortest walkthrough to each of `wanted` seen in up to `PLAYOUTS`
    random playthroughs that pick evenly among the open choices, and the
    number of states they went through (each answer counts as one, against
    `budget`)."""
    rng = Random(0)
    found: dict[str, Walkthrough] = {}
    tried = 0
    for _ in range(PLAYOUTS):
        if clock() > deadline or tried >= budget:
            break
        game = Game(scenario, copy_state(start.state), record=False)
        shown: list[int] = []
        while len(shown) < PLAYOUT_ANSWERS and tried < budget:
            prompt = game.prompt()
            if prompt is None:
                break
            options = game.available(prompt.actor, prompt.scene)
            if not options:
                break
            index = options[int(rng.random() * len(options))]
            tried += 1
            shown.append(shown_number(game, prompt, index))
            game.advance(index)
            here = game.state.ending or game.state.scene
            if here in wanted and (here not in found or len(found[here].choices) > len(shown)):
                found[here] = Walkthrough(tuple(shown), game.state.turn)
    return found, tried


def _targets(scenario: Scenario) -> list[str]:
    return [*scenario.scenes, *scenario.endings]


def _distances(scenario: Scenario) -> dict[str, dict[str, int]]:
    """target -> scene -> the fewest scenes from that scene to the target in
    the scene graph, conditions ignored (so it never overestimates)."""
    into: dict[str, set[str]] = {t: set() for t in _targets(scenario)}
    for sid, scene in scenario.scenes.items():
        for choice in scene.choices:
            for to in scenario.endings if choice.goto == "end" else (choice.goto,):
                if to in into:
                    into[to].add(sid)
    out = {}
    for target in into:
        dist = {target: 0}
        todo = deque([target])
        while todo:
            here = todo.popleft()
            for before in into.get(here, ()):
                if before not in dist:
                    dist[before] = dist[here] + 1
                    todo.append(before)
        out[target] = dist
    return out


class _Search:
    """One search over states merged by `key`: breadth first over everything,
    or, with a `goal` and a distance table `h`, best first (A*) towards it."""

    def __init__(self, scenario, start: Game, key, max_states, clock, goal="", h=None):
        self.scenario = scenario
        self.start = start
        self.key = key
        self.max_states = max(1, max_states)
        self.clock = clock
        self.goal = goal
        self.h = h
        # Node n: its parent, the answer (as shown) that led to it, its turn,
        # its depth (answers), the scene it waits in ("" at an ending), the
        # nodes its answers lead to.
        self.parent: list[int] = [-1]
        self.answer: list[int] = [0]
        self.turns: list[int] = [0]
        self.depth: list[int] = [0]
        self.where: list[str] = [start.state.scene]
        self.children: list[list[int]] = [[]]
        self.first_scene: dict[str, int] = {start.state.scene: 0}
        self.first_ending: dict[str, int] = {}
        self.dead: list[int] = []  # everything locked
        self.ended: list[int] = []
        self.stopped_by = ""
        self.complete = False
        #: Breadth first: every state reachable in this many answers was found.
        self.depth_done = 0

    @property
    def size(self) -> int:
        return len(self.parent)

    def run(self, deadline: float) -> None:
        scenario, key, clock, goal, h = self.scenario, self.key, self.clock, self.goal, self.h
        parent, answer, turns, depth = self.parent, self.answer, self.turns, self.depth
        where, children = self.where, self.children
        first_scene, first_ending = self.first_scene, self.first_ending
        seen = {key(self.start.state): 0}
        expanded = bytearray(1)
        if h is None:
            queue: deque = deque([(0, self.start.state)])
            take = queue.popleft
        else:
            heap = [(h[self.start.state.scene], 0, 0, self.start.state)]

            def take():
                return heapq.heappop(heap)[2:]

            queue = heap
        pushed = 0
        checked = 0
        while queue:
            checked += 1
            if checked % 128 == 0 and clock() > deadline:
                self.stopped_by = "time"
                return
            node, state = take()
            if expanded[node]:
                continue  # A*: a copy queued before a shorter way to it was found
            expanded[node] = 1
            self.depth_done = depth[node]
            if goal and (where[node] == goal or state.ending == goal):
                self.complete = True
                return
            game = Game(scenario, state, record=False)
            prompt = game.prompt()
            if prompt is None:
                self.ended.append(node)
                continue
            options = game.available(prompt.actor, prompt.scene)
            if not options:
                self.dead.append(node)
                continue
            for index in _in_shown_order(game, prompt, options):
                child = Game(scenario, copy_state(state), record=False)
                child.advance(index)
                s = child.state
                here = s.ending or s.scene
                if h is not None and here not in h:
                    continue  # the goal cannot be reached from there
                k = key(s)
                known = seen.get(k)
                g = depth[node] + 1
                if known is not None:
                    children[node].append(known)
                    if h is not None and g < depth[known] and not expanded[known]:
                        parent[known], answer[known], depth[known] = (
                            node,
                            shown_number(game, prompt, index),
                            g,
                        )
                        pushed += 1
                        heapq.heappush(heap, (g + GREED * h[here], pushed, known, s))
                    continue
                if len(parent) >= self.max_states:
                    self.stopped_by = "states"
                    return
                new = len(parent)
                seen[k] = new
                expanded.append(0)
                parent.append(node)
                answer.append(shown_number(game, prompt, index))
                turns.append(s.turn)
                depth.append(g)
                children.append([])
                children[node].append(new)
                if s.ending:
                    where.append("")
                    first_ending.setdefault(s.ending, new)
                else:
                    where.append(s.scene)
                    first_scene.setdefault(s.scene, new)
                if h is None:
                    queue.append((new, s))
                else:
                    pushed += 1
                    heapq.heappush(heap, (g + GREED * h[here], pushed, new, s))
        # Nothing left to try: everything is explored, or the goal is unreachable.
        self.complete = True
        self.depth_done = max(depth)

    def walk(self, node: int) -> Walkthrough:
        out = []
        n = node
        while n > 0:
            out.append(self.answer[n])
            n = self.parent[n]
        return Walkthrough(tuple(reversed(out)), self.turns[node])

    def first_dead(self) -> dict[str, Walkthrough]:
        out: dict[str, Walkthrough] = {}
        for node in self.dead:
            if self.where[node] not in out:
                out[self.where[node]] = self.walk(node)
        return out

    def endless(self) -> dict[str, Walkthrough]:
        out: dict[str, Walkthrough] = {}
        for node in _stuck(self.children, self.ended + self.dead):
            if self.where[node] not in out:
                out[self.where[node]] = self.walk(node)
        return out


def _stuck(children: list[list[int]], exits: list[int]) -> list[int]:
    """Nodes, in breadth-first order, from which no exit (an ending or a dead
    end) can be reached: they loop for ever."""
    parents: list[list[int]] = [[] for _ in children]
    for node, kids in enumerate(children):
        for kid in kids:
            parents[kid].append(node)
    can_exit = bytearray(len(children))
    todo = list(exits)
    for node in todo:
        can_exit[node] = 1
    while todo:
        node = todo.pop()
        for up in parents[node]:
            if not can_exit[up]:
                can_exit[up] = 1
                todo.append(up)
    return [n for n in range(len(children)) if not can_exit[n]]


# --- the engine's view of a state ------------------------------------------------------


def copy_state(state: GameState) -> GameState:
    """An independent copy of `state`, with its containers copied (the rules
    change them in place). The fields every state has are copied by hand,
    for speed; any other field is deep-copied, so a field the engine adds
    later is copied too."""
    copy = GameState(
        state.scenario_id,
        state.scenario_digest,
        state.mode,
        state.names,  # never changed by the rules
        state.pronouns,
        state.seed,
        state.scene,
        {r: m.copy() for r, m in state.meters.items()},
        {r: w.copy() for r, w in state.wounds.items()},
        state.streak.copy(),
        state.turn,
        state.ending,
        set(state.flags),
        list(state.visited),
        [p.copy() for p in state.pending],
        list(state.picks),
        [],  # history and timeline: nothing is recorded while exploring
        [],
    )
    for name in _OTHER_FIELDS:
        setattr(copy, name, _copy(getattr(state, name)))
    return copy


_KNOWN_FIELDS = frozenset(
    [
        "scenario_id",
        "scenario_digest",
        "mode",
        "names",
        "pronouns",
        "seed",
        "scene",
        "meters",
        "wounds",
        "streak",
        "turn",
        "ending",
        "flags",
        "visited",
        "pending",
        "picks",
        "history",
        "timeline",
    ]
)
_OTHER_FIELDS = tuple(f.name for f in attrs.fields(GameState) if f.name not in _KNOWN_FIELDS)


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, set):
        return set(value)
    return value


class _Keyer:
    """Turns a state into a key that is equal for two states exactly when the
    same answers would do the same things from them on.

    Every field of the state counts, except the ones that only record the
    past (`_PAST_ONLY`), so a field the engine adds later counts too. Some
    are narrowed, because the rules read them in a narrower way:
    - `flags` and `visited` are read only by conditions (`flags.x`,
      `visited.x`), so only the names some condition reads count;
    - `streak` only matters modulo `consistency_every` (D6), and not at all
      when there is no bonus;
    - `turn` matters to conditions that read it, and a scheduled consequence
      only by how many turns it still has to wait. When no condition reads
      `turn`, it is left out; when every condition compares it with a number,
      turns past the largest number are all alike.
    """

    def __init__(self, scenario: Scenario):
        dyn = scenario.dynamics
        # Flags and visits matter only to the conditions that read them.
        refs = [r for c in _conditions(scenario) for r in iter_refs(c.tree)]
        self.flags_read = frozenset(r.name for r in refs if r.namespace == "flags")
        self.visits_read = frozenset(r.name for r in refs if r.namespace == "visited")
        self.every = dyn.consistency_every if dyn.consistency_bonus > 0 else 0
        self.turn_cap = _turn_cap(scenario)
        self.fields = tuple(name for name in _OTHER_FIELDS if name not in _PAST_ONLY)

    def __call__(self, state: GameState) -> tuple:
        turn = state.turn
        every = self.every
        cap = self.turn_cap
        meters, wounds, streak = state.meters, state.wounds, state.streak
        return (
            state.scene,
            state.ending,
            tuple(meters["a"].values()),  # dicts keep the order the game built them in
            tuple(meters["b"].values()),
            tuple(wounds["a"].items()),
            tuple(wounds["b"].items()),
            self.flags_read.intersection(state.flags),
            self.visits_read.intersection(state.visited),
            (streak["a"] % every, streak["b"] % every) if every else None,
            turn if cap is None else min(turn, cap),
            tuple(
                sorted((p["due"] - turn, p["role"], p["scene"], p["choice"]) for p in state.pending)
            )
            if state.pending
            else (),
            tuple((p.role, p.kind, p.index) for p in state.picks) if state.picks else (),
            *(_freeze(getattr(state, name)) for name in self.fields),
        )


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def _turn_cap(scenario: Scenario) -> int | None:
    """Turns from this one on are all alike to every condition: 0 when no
    condition reads `turn`, the largest number it is compared with plus one
    when every reading compares it with a number (a bare `turn` does not
    type-check), None when the exact turn may matter."""
    cap = -1
    for cond in _conditions(scenario):
        for node in walk_nodes(cond.tree):
            if not isinstance(node, Compare):
                continue
            sides = (node.left, node.right)
            for this, that in (sides, sides[::-1]):
                if isinstance(this, Name) and this.ref.namespace == "turn":
                    if not isinstance(that, Literal) or isinstance(that.value, bool):
                        return None
                    cap = max(cap, that.value + 1)
    return max(cap, 0)


def _conditions(value, depth: int = 0):
    """Every condition anywhere in the scenario model (choices, endings,
    consequences, and whatever else the format grows)."""
    if isinstance(value, Condition):
        yield value
    elif depth > 8:
        return
    elif attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            yield from _conditions(getattr(value, f.name), depth + 1)
    elif isinstance(value, tuple | list):
        for v in value:
            yield from _conditions(v, depth + 1)
    elif hasattr(value, "values") and callable(value.values):
        for v in value.values():
            yield from _conditions(v, depth + 1)


# --- numbering as shown -----------------------------------------------------------------


def _in_shown_order(game: Game, prompt, indexes: list[int]) -> list[int]:
    """The open choices in the order the game shows them, so that among
    walkthroughs of the same length the one with the lower numbers wins."""
    order = game.shown_order(prompt.scene)
    return sorted(indexes, key=order.index)


def shown_number(game: Game, prompt, index: int) -> int:
    """The number the game shows for the choice with file index `index`."""
    return game.number_of(index, prompt.scene)
