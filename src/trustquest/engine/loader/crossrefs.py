"""Cross-references: names in one part of a scenario that must exist in another.

Gotos and `scenario.start` name scenes and endings (which share one
namespace); effects, conditions, `focus` and `[start]` name meters;
`visited.X` names scenes; text names placeholders. Each unknown name is
reported with the known name it most likely meant.
"""

from __future__ import annotations

from trustquest.engine import conditions as cond
from trustquest.engine.loader.suggestions import did_you_mean
from trustquest.engine.meters import PILLARS, TRUST
from trustquest.engine.text import PLACEHOLDER, PLACEHOLDERS


class Names:
    """The meters, scenes and endings a scenario declares, and the checks
    of every name that should be one of them."""

    def __init__(self, report):
        self.report = report
        self.meter_ids = set(PILLARS)
        # Scene and ending ids, those that failed to load included.
        self.node_ids: set[str] = set()

    def placeholders(self, value: str, path: tuple) -> None:
        for m in PLACEHOLDER.finditer(value):
            if m.group(1) is not None and m.group(1) not in PLACEHOLDERS:
                known = sorted(PLACEHOLDERS, key=str.lower)
                self.report(
                    "TQ210",
                    f"unknown placeholder '{m.group(0)}'",
                    path,
                    sub=(m.start(), m.end() - m.start()),
                    hint=lambda m=m, known=known: (
                        did_you_mean(m.group(1), known)
                        or "placeholders are {me}, {partner}, {they}, "
                        "{them}, {their}, {theirs} and capitalised forms like {They}"
                    ),
                )

    def condition(self, compiled: cond.Condition, path: tuple, flags) -> bool:
        """Check the meters and scenes a condition names, and note the flags
        it reads in `flags`; whether every name is known."""
        fine = True
        told: set[str] = set()  # one error per unknown name in a condition, not per use
        for ref in compiled.refs:
            sub = (ref.offset, ref.length)
            if ref.namespace in ("their", "your", "visited") and ref.name in told:
                fine = False
                continue
            if ref.namespace in ("their", "your"):
                if ref.name != TRUST and ref.name not in self.meter_ids:
                    told.add(ref.name)
                    fine = False
                    self.report(
                        "TQ302",
                        f"unknown meter '{ref.name}' in condition",
                        path,
                        sub=sub,
                        hint=lambda ref=ref: (
                            did_you_mean(ref.name, sorted(self.meter_ids | {TRUST}))
                            or "meters are the eight pillars, `trust`, and those in [meters]"
                        ),
                    )
            elif ref.namespace == "visited":
                if ref.name not in self.node_ids:
                    told.add(ref.name)
                    fine = False
                    self.report(
                        "TQ302",
                        f"unknown scene '{ref.name}' in condition",
                        path,
                        sub=sub,
                        hint=lambda ref=ref: did_you_mean(ref.name, sorted(self.node_ids)),
                    )
            elif ref.namespace == "flags":
                flags.read(ref.name, path, sub)
        return fine

    def meter(self, meter: str, path: tuple) -> bool:
        """Whether an effect may change `meter` (at `path`, its key)."""
        if meter == TRUST:
            self.report(
                "TQ211",
                "`trust` is worked out from the pillars and cannot be changed directly",
                path,
                target="key",
                hint="change one of the eight pillars instead",
            )
            return False
        if meter not in self.meter_ids:
            self.report(
                "TQ202",
                f"unknown meter '{meter}'",
                path,
                target="key",
                hint=lambda meter=meter: (
                    did_you_mean(meter, sorted(self.meter_ids)) or "declare it under [meters]"
                ),
            )
            return False
        return True

    def focus(self, focus) -> None:
        for i, meter in enumerate(focus):
            if meter not in self.meter_ids:
                self.report(
                    "TQ202",
                    f"focus names an unknown meter '{meter}'",
                    ("scenario", "focus", i),
                    hint=lambda meter=meter: did_you_mean(meter, sorted(self.meter_ids)),
                )

    def shared_ids(self, ending_ids: list[str], scenes: dict) -> None:
        for eid in ending_ids:
            if eid in scenes:
                self.report(
                    "TQ204",
                    f"'{eid}' is both a scene and an ending; ids share one namespace",
                    ("endings", eid),
                    target="table",
                    hint="rename the scene or the ending",
                )

    def start(self, start: str | None, scenes: dict, broken_scenes, scene_ids) -> None:
        """The start scene exists, even if it failed to load."""
        if start is not None and start not in scenes and start not in broken_scenes:
            self.report(
                "TQ203",
                f"the start scene '{start}' does not exist",
                ("scenario", "start"),
                hint=lambda: did_you_mean(start, scene_ids),
            )

    def goto(self, target: str | None, path: tuple) -> bool:
        if target is None:
            return False
        if target == "end" or target in self.node_ids:
            return True
        self.report(
            "TQ201",
            f"goto '{target}' names no scene or ending",
            path,
            hint=lambda: (
                did_you_mean(target, sorted(self.node_ids) + ["end"])
                or 'use a scene id, an ending id, or "end"'
            ),
        )
        return False
