"""Reachability: scenes and endings no path reaches, and loops with no way out.

The graph is kept apart from the built scenes so that a scene that failed to
load still leads where its gotos say.
"""

from __future__ import annotations


class SceneGraph:
    def __init__(self):
        self.edges: dict[str, set[str]] = {}  # scene -> scene and ending ids, or "end"
        self.open_edges: set[str] = set()  # scenes that may lead somewhere unknown
        self.closed_endings: set[str] = set()  # endings whose `when` can never hold

    def warn(
        self,
        start: str,
        scene_ids: list[str],
        broken_scenes: list[str],
        ending_ids: list[str],
        broken_endings: list[str],
        report,
    ) -> None:
        """Reachability warnings, from every scene's gotos, whether or not the
        scene loaded. A scene whose gotos are not all known (a goto or the
        choices failed) may lead anywhere: once it is reachable, nothing is
        reported unreachable, and it counts as able to reach an ending."""
        endings = ending_ids + broken_endings
        edges = self._resolved_edges(scene_ids + broken_scenes, endings)
        unknown = self.open_edges | set(broken_scenes)
        seen = _reachable(edges, {start})
        if not seen & unknown:
            _warn_unreached(seen, scene_ids, ending_ids, report)
        # Scenes from which no ending can be reached: a loop that never ends.
        finishing = _reachable(_reversed(edges), set(endings) | unknown)
        for sid in scene_ids:
            if sid in seen and sid not in finishing:
                report(
                    "TQ406",
                    f"no ending can be reached from scene '{sid}': the story loops forever",
                    ("scenes", sid),
                    target="table",
                    hint='give some choice on the way a goto to "end"',
                )

    def _resolved_edges(self, scenes: list[str], endings: list[str]) -> dict[str, set[str]]:
        """Every scene's targets, with "end" standing for each ending whose
        `when` can hold."""
        open_endings = [e for e in endings if e not in self.closed_endings]
        edges: dict[str, set[str]] = {}
        for sid in scenes:
            targets = set(self.edges.get(sid, ()))
            if "end" in targets:
                targets.discard("end")
                targets.update(open_endings)
            edges[sid] = targets
        return edges


def _reachable(edges, starts: set[str]) -> set[str]:
    """`starts` and every node reached from them along `edges`."""
    seen, todo = set(starts), list(starts)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _reversed(edges: dict[str, set[str]]) -> dict[str, list[str]]:
    incoming: dict[str, list[str]] = {}
    for sid, targets in edges.items():
        for t in targets:
            incoming.setdefault(t, []).append(sid)
    return incoming


def _warn_unreached(seen: set[str], scene_ids: list[str], ending_ids: list[str], report) -> None:
    for sid in scene_ids:
        if sid not in seen:
            report(
                "TQ401",
                f"scene '{sid}' can never be reached",
                ("scenes", sid),
                target="table",
                hint="no choice leads here; add a goto to it, or remove it",
            )
    for eid in ending_ids:
        if eid not in seen:
            report(
                "TQ401",
                f"ending '{eid}' can never be reached",
                ("endings", eid),
                target="table",
                hint='no goto names it; `goto = "end"` reaches endings whose `when` can hold',
            )
