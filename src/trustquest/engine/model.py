"""The scenario model: read-only once loaded (like ink's Story).

Everything that changes during play lives in `state.GameState` instead.
"""

from __future__ import annotations

from types import MappingProxyType

import attrs

from trustquest.engine.conditions import Condition
from trustquest.engine.dynamics import Dynamics
from trustquest.engine.turns import Turn, reader_of, scene_shape, scene_turns

#: An effect: (meter, delta) pairs, applied in order.
Deltas = tuple[tuple[str, int], ...]


def _frozen_map(value) -> MappingProxyType:
    return MappingProxyType(dict(value))


@attrs.frozen
class Effects:
    """Changes to both trust profiles, from the acting player's point of view."""

    their: Deltas = ()
    your: Deltas = ()

    def __bool__(self) -> bool:
        return bool(self.their or self.your)


@attrs.frozen
class Later:
    """A delayed consequence, scheduled by a choice."""

    after: int
    text: str
    effects: Effects
    unless: Condition | None = None
    breach: bool = False
    sets: tuple[str, ...] = ()
    clears: tuple[str, ...] = ()


@attrs.frozen
class Choice:
    index: int  # 0-based position in the scene
    text: str
    goto: str
    effects: Effects = Effects()
    condition: Condition | None = None
    locked: str = ""
    sets: tuple[str, ...] = ()
    clears: tuple[str, ...] = ()
    breach: bool = False
    later: Later | None = None
    #: A habit: the choice's own effects are applied `repeat` times, one step
    #: at a time through the dynamics; `span` labels the time it covers.
    repeat: int = 1
    span: str = ""


@attrs.frozen
class Event:
    """Something that happens on arrival at a scene, whatever the player chooses:
    usually what the partner does. Read from the scene actor's point of view."""

    index: int  # 0-based position in the scene's events
    text: str
    effects: Effects = Effects()
    condition: Condition | None = None
    breach: bool = False
    sets: tuple[str, ...] = ()
    clears: tuple[str, ...] = ()


@attrs.frozen
class Variant:
    condition: Condition
    text: str


@attrs.frozen
class Scene:
    id: str
    text: str
    choices: tuple[Choice, ...]
    actor: str = "a"  # a | b | both
    time: str = ""
    variants: tuple[Variant, ...] = ()
    predict: bool = False
    match: Effects = Effects()
    events: tuple[Event, ...] = ()
    #: "shuffle": a seeded order per visit; "fixed": the file's order.
    order: str = "shuffle"

    def turns(self, mode: str) -> tuple[Turn, ...]:
        """The answers this scene waits for in `mode` (solo | hotseat), in order."""
        return scene_turns(self.actor, self.predict, mode)

    def reader(self, mode: str) -> str:
        """Whose point of view the scene's text and events are read from."""
        return reader_of(self.actor, self.predict, mode)

    @property
    def shape(self) -> str:
        """alone | both | predict | both_ways (see `turns.py`)."""
        return scene_shape(self.actor, self.predict)


@attrs.frozen
class Ending:
    id: str
    title: str
    tone: str  # hopeful | bittersweet | broken
    text: str
    when: Condition | None = None


@attrs.frozen
class Role:
    name: str
    pronouns: str = "they"


@attrs.frozen
class MeterDef:
    id: str
    label: str
    start: int = 50
    description: str = ""
    pillar: bool = True


@attrs.frozen
class Scenario:
    id: str
    title: str
    summary: str
    start: str
    scenes: MappingProxyType = attrs.field(converter=_frozen_map)
    endings: MappingProxyType = attrs.field(converter=_frozen_map)  # ordered; last is fallback
    meters: tuple[MeterDef, ...] = ()
    roles: MappingProxyType = attrs.field(converter=_frozen_map, factory=dict)
    start_their: MappingProxyType = attrs.field(converter=_frozen_map, factory=dict)
    start_your: MappingProxyType = attrs.field(converter=_frozen_map, factory=dict)
    dynamics: Dynamics = Dynamics()
    authors: tuple[str, ...] = ()
    modes: tuple[str, ...] = ("solo",)
    focus: tuple[str, ...] = ()
    content_notes: tuple[str, ...] = ()
    minutes: int = 10
    debrief: tuple[str, ...] = ()
    #: The default for scenes that don't set their own `order`.
    order: str = "shuffle"
    #: Where it was loaded from ("built-in", a path...) and a digest of its
    #: source, so saves can tell when the scenario changed under them.
    origin: str = ""
    path: str = ""
    digest: str = ""

    @property
    def meter_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.meters)

    def meter(self, meter_id: str) -> MeterDef | None:
        for m in self.meters:
            if m.id == meter_id:
                return m
        return None

    def node(self, node_id: str) -> Scene | Ending | None:
        return self.scenes.get(node_id) or self.endings.get(node_id)

    @property
    def supports_hotseat(self) -> bool:
        return "hotseat" in self.modes
