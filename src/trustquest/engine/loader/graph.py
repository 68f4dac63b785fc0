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
        scenes = scene_ids + broken_scenes
        endings = ending_ids + broken_endings
        open_endings = [e for e in endings if e not in self.closed_endings]
        edges: dict[str, set[str]] = {}
        for sid in scenes:
            targets = set(self.edges.get(sid, ()))
            if "end" in targets:
                targets.discard("end")
                targets.update(open_endings)
            edges[sid] = targets
        unknown = self.open_edges | set(broken_scenes)
        seen, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        anywhere = bool(seen & unknown)
        for sid in scene_ids:
            if sid not in seen and not anywhere:
                report(
                    "TQ401",
                    f"scene '{sid}' can never be reached",
                    ("scenes", sid),
                    target="table",
                    hint="no choice leads here; add a goto to it, or remove it",
                )
        for eid in ending_ids:
            if eid not in seen and not anywhere:
                report(
                    "TQ401",
                    f"ending '{eid}' can never be reached",
                    ("endings", eid),
                    target="table",
                    hint='no goto names it; `goto = "end"` reaches endings whose `when` can hold',
                )
        # Scenes from which no ending can be reached: a loop that never ends.
        # Walk the graph backwards from the endings.
        incoming: dict[str, list[str]] = {}
        for sid, targets in edges.items():
            for t in targets:
                incoming.setdefault(t, []).append(sid)
        finishing = set(endings) | unknown
        todo = list(finishing)
        while todo:
            for prev in incoming.get(todo.pop(), ()):
                if prev not in finishing:
                    finishing.add(prev)
                    todo.append(prev)
        for sid in scene_ids:
            if sid in seen and sid not in finishing:
                report(
                    "TQ406",
                    f"no ending can be reached from scene '{sid}': the story loops forever",
                    ("scenes", sid),
                    target="table",
                    hint='give some choice on the way a goto to "end"',
                )
