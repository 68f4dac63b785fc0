"""`trustquest graph`: the scene graph as Mermaid (default) or Graphviz dot.

What is drawn:

* every scene, labelled with its id and, for hot-seat, who answers:
  `[b]`, `[both]`, `[predict]`; the start scene says `(start)`;
* every ending, in a distinct shape (a stadium in Mermaid, a double-bordered
  rounded box in dot), labelled with its id, title and tone;
* one edge per choice, labelled with its number. A choice with an `if` is a
  dashed edge labelled with the condition; a `breach` is marked (a thick edge
  in Mermaid, a bold red one in dot) and says "breach"; a delayed
  consequence says "later";
* `goto = "end"` leads to one "end" node that fans out to the endings, each
  edge labelled with the ending's `when` (dashed) or "otherwise" (the
  fallback).

Mermaid ids are synthetic (`n0`, `n1`...), so no scene id can clash with
Mermaid's keywords (`end` above all); labels are quoted and escaped with
Mermaid's entity codes. Dot ids are the scene ids, quoted.
"""

from __future__ import annotations

import json
import sys

from trustquest.engine.model import Choice, Scenario, Scene

END_NODE = "(end)"  # the dot id of the `goto = "end"` node: no scene id can look like this


def _scene_label(scenario: Scenario, scene: Scene) -> str:
    label = scene.id
    if scene.actor != "a":
        label += f" [{scene.actor}]"
    if scene.predict:
        label += " [predict]"
    if scene.id == scenario.start:
        label += " (start)"
    return label


def _ending_label(ending) -> str:
    return f"{ending.id}: {ending.title} ({ending.tone})"


def _edge_label(choice: Choice) -> str:
    parts = [str(choice.index + 1)]
    if choice.breach:
        parts.append("breach")
    if choice.later is not None:
        parts.append("later (breach)" if choice.later.breach else "later")
    if choice.condition is not None:
        parts.append(f"if {choice.condition.source}")
    return " · ".join(parts)


def _edges(scenario: Scenario):
    """(source id, target id or END_NODE, choice) for every choice."""
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            yield scene.id, END_NODE if choice.goto == "end" else choice.goto, choice


def _uses_end(scenario: Scenario) -> bool:
    return any(c.goto == "end" for s in scenario.scenes.values() for c in s.choices)


# --- Mermaid ---------------------------------------------------------------------------

_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
}


def mermaid_escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label: entity codes for the
    characters Mermaid (or the HTML it renders to) would read as syntax."""
    text = " ".join(text.split())
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in text)


def to_mermaid(scenario: Scenario) -> str:
    ids: dict[str, str] = {}
    for node in (*scenario.scenes, *scenario.endings):
        ids[node] = f"n{len(ids)}"
    end_id = f"n{len(ids)}"
    ids[END_NODE] = end_id
    q = mermaid_escape
    lines = [
        "---",
        f"title: {json.dumps(' '.join(scenario.title.split()), ensure_ascii=False)}",
        "---",
        "flowchart TD",
        f"    %% {q(scenario.id)}: scenes are boxes, endings are stadiums, `end` is the hexagon.",
        "    %% Dashed edges have an `if`; thick edges are breaches.",
    ]
    for scene in scenario.scenes.values():
        lines.append(f'    {ids[scene.id]}["{q(_scene_label(scenario, scene))}"]')
    for ending in scenario.endings.values():
        lines.append(f'    {ids[ending.id]}(["{q(_ending_label(ending))}"])')
    uses_end = _uses_end(scenario)
    if uses_end:
        lines.append(f'    {end_id}{{{{"end: the first ending whose when holds"}}}}')
    for source, target, choice in _edges(scenario):
        if choice.condition is not None:
            arrow = "-.->"
        elif choice.breach:
            arrow = "==>"
        else:
            arrow = "-->"
        lines.append(f'    {ids[source]} {arrow}|"{q(_edge_label(choice))}"| {ids[target]}')
    if uses_end:
        for ending in scenario.endings.values():
            if ending.when is None:
                lines.append(f'    {end_id} -->|"otherwise"| {ids[ending.id]}')
            else:
                lines.append(
                    f'    {end_id} -.->|"{q("when " + ending.when.source)}"| {ids[ending.id]}'
                )
    lines += [
        "    classDef start stroke-width:3px",
        "    classDef hopeful fill:#e3f4e1,stroke:#3a7d35",
        "    classDef bittersweet fill:#fbf0d9,stroke:#a07a1f",
        "    classDef broken fill:#f8e1e1,stroke:#a33a3a",
        "    classDef endnode fill:#eeeeee,stroke:#666666",
    ]
    if scenario.start in ids:
        lines.append(f"    class {ids[scenario.start]} start")
    for tone in ("hopeful", "bittersweet", "broken"):
        members = [ids[e.id] for e in scenario.endings.values() if e.tone == tone]
        if members:
            lines.append(f"    class {','.join(members)} {tone}")
    if uses_end:
        lines.append(f"    class {end_id} endnode")
    return "\n".join(lines) + "\n"


# --- Graphviz dot ---------------------------------------------------------------------------


def dot_quote(text: str) -> str:
    """A double-quoted dot string (ids and labels)."""
    text = " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_TONE_COLOURS = {"hopeful": "#e3f4e1", "bittersweet": "#fbf0d9", "broken": "#f8e1e1"}


def to_dot(scenario: Scenario) -> str:
    q = dot_quote
    lines = [
        f"digraph {q(scenario.id)} {{",
        f"    graph [label={q(scenario.title)}, labelloc=t, rankdir=TB, "
        'fontname="Helvetica", nodesep=0.6, ranksep=0.75];',
        '    node [shape=box, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        "    // Scenes are boxes, endings double-bordered rounded boxes; dashed edges have an `if`,",
        "    // bold red edges are breaches.",
    ]
    for scene in scenario.scenes.values():
        extra = ", penwidth=2" if scene.id == scenario.start else ""
        lines.append(f"    {q(scene.id)} [label={q(_scene_label(scenario, scene))}{extra}];")
    for ending in scenario.endings.values():
        colour = _TONE_COLOURS.get(ending.tone, "#eeeeee")
        lines.append(
            f"    {q(ending.id)} [label={q(_ending_label(ending))}, shape=box, "
            f'style="rounded,filled", fillcolor={q(colour)}, peripheries=2];'
        )
    uses_end = _uses_end(scenario)
    if uses_end:
        lines.append(f'    {q(END_NODE)} [label="end", shape=diamond];')
    for source, target, choice in _edges(scenario):
        attrs = [f"label={q(_edge_label(choice))}"]
        styles = []
        if choice.condition is not None:
            styles.append("dashed")
        if choice.breach:
            styles.append("bold")
            attrs.append('color="red"')
        if styles:
            attrs.append(f"style={q(','.join(styles))}")
        lines.append(f"    {q(source)} -> {q(target)} [{', '.join(attrs)}];")
    if uses_end:
        for ending in scenario.endings.values():
            if ending.when is None:
                lines.append(f'    {q(END_NODE)} -> {q(ending.id)} [label="otherwise"];')
            else:
                label = q("when " + ending.when.source)
                lines.append(f"    {q(END_NODE)} -> {q(ending.id)} [label={label}, style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: Scenario, form: str = "mermaid") -> str:
    if form == "dot":
        return to_dot(scenario)
    return to_mermaid(scenario)


def main(args) -> int:
    from trustquest.catalog import resolve

    entry = resolve(args.scenario)
    sys.stdout.write(render(entry.scenario, getattr(args, "format", "mermaid") or "mermaid"))
    return 0
