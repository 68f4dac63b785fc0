"""`trustquest graph`: Mermaid and Graphviz dot, on a scenario with every feature."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from trustquest.catalog import builtin_dir
from trustquest.cli import main
from trustquest.engine.loader import load_file
from trustquest.tools.graph import dot_quote, mermaid_escape, to_dot, to_mermaid

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ALL = load_file(FIXTURES / "graph_all.toml")

NODE = re.compile(r'^    (n\d+)(\["|\(\["|\{\{")(.*?)("\]|"\]\)|"\}\})$')
EDGE = re.compile(r'^    (n\d+) (-->|-\.->|==>)\|"(.*?)"\| (n\d+)$')


def mermaid_parts(text: str):
    nodes, edges, other = {}, [], []
    for line in text.splitlines():
        if m := NODE.match(line):
            nodes[m.group(1)] = (m.group(2), m.group(3))
        elif m := EDGE.match(line):
            edges.append((m.group(1), m.group(2), m.group(3), m.group(4)))
        else:
            other.append(line)
    return nodes, edges, other


def by_label(nodes: dict) -> dict:
    return {label: (nid, shape) for nid, (shape, label) in nodes.items()}


def test_mermaid_nodes_have_synthetic_ids_quoted_labels_and_shapes():
    nodes, _, other = mermaid_parts(to_mermaid(ALL))
    labels = by_label(nodes)
    assert labels["opening (start)"][1] == '["'
    assert labels["together [both]"][1] == '["'
    assert labels["their_turn [b]"][1] == '["'
    assert labels["guessing [predict]"][1] == '["'
    # Endings are stadiums; their labels escape what Mermaid would read as syntax.
    happy = next(label for label in labels if label.startswith("happy: "))
    assert labels[happy][1] == '(["'
    assert (
        happy
        == "happy: Say #quot;Yes#quot; #amp; #lt;mean#gt; it #124; #35;1 #96;now#96; (hopeful)"
    )
    assert labels["quiet: Quiet (bittersweet)"][1] == '(["'
    assert labels["broken_off: Broken Off (broken)"][1] == '(["'
    assert labels["end: the first ending whose when holds"][1] == '{{"'
    assert sorted(nodes) == sorted(f"n{i}" for i in range(len(nodes)))
    assert other[:4] == [
        "---",
        'title: "The \\"Quoted\\" Title & <More> #1 | `tick`"',
        "---",
        "flowchart TD",
    ]


def test_mermaid_edges_mark_locks_breaches_later_and_the_end_fan_out():
    nodes, edges, _ = mermaid_parts(to_mermaid(ALL))
    ids = {label.split(" ")[0].rstrip(":"): nid for label, (nid, _) in by_label(nodes).items()}
    end = ids["end"]
    edge = {(a, label, b): arrow for a, arrow, label, b in edges}
    locked = "1 · if your.vulnerability #gt;= 50 and not flags.closed"
    assert edge[(ids["opening"], locked, ids["together"])] == "-.->"  # dashed, with its condition
    assert edge[(ids["opening"], "2 · breach", ids["together"])] == "==>"  # thick
    assert edge[(ids["opening"], "3 · later (breach)", ids["their_turn"])] == "-->"
    assert edge[(ids["together"], "1", ids["their_turn"])] == "-->"
    assert edge[(ids["guessing"], "1", ids["quiet"])] == "-->"  # straight to an ending
    assert edge[(ids["guessing"], "2", end)] == "-->"  # goto = "end"
    when = "when their.trust #gt;= 60 and not flags.closed"
    assert edge[(end, when, ids["happy"])] == "-.->"
    assert edge[(end, "when their.trust #lt; 60 or flags.closed", ids["quiet"])] == "-.->"
    assert edge[(end, "otherwise", ids["broken_off"])] == "-->"
    assert len(edges) == sum(len(s.choices) for s in ALL.scenes.values()) + len(ALL.endings)


def test_mermaid_never_uses_a_bare_end_or_a_scene_id_as_node_id():
    for scenario in (ALL, load_file(builtin_dir() / "late-again.toml")):
        text = to_mermaid(scenario)
        for line in text.splitlines()[4:]:
            if line.strip().startswith("%%"):
                continue
            tokens = re.sub(r'"[^"]*"', '""', line).split()  # ignore quoted labels
            assert "end" not in tokens, line
            for sid in scenario.scenes:
                assert sid not in tokens, line


def test_mermaid_class_lines():
    text = to_mermaid(ALL)
    nodes, _, _ = mermaid_parts(text)
    ids = by_label(nodes)
    assert f"    class {ids['opening (start)'][0]} start" in text
    assert f"    class {ids['quiet: Quiet (bittersweet)'][0]} bittersweet" in text
    assert "    classDef broken fill:#f8e1e1,stroke:#a33a3a" in text


def test_mermaid_escape():
    assert mermaid_escape('a "b"') == "a #quot;b#quot;"
    assert mermaid_escape("x < y > z & #1 | `c`") == "x #lt; y #gt; z #amp; #35;1 #124; #96;c#96;"
    assert mermaid_escape("two\nlines") == "two lines"


def test_dot_output():
    text = to_dot(ALL)
    lines = text.splitlines()
    assert lines[0] == 'digraph "graph-all" {'
    assert lines[-1] == "}"
    assert '    "opening" [label="opening (start)", penwidth=2];' in lines
    assert '    "together" [label="together [both]"];' in lines
    assert '    "their_turn" [label="their_turn [b]"];' in lines
    assert '    "guessing" [label="guessing [predict]"];' in lines
    happy = next(line for line in lines if line.startswith('    "happy" ['))
    assert 'label="happy: Say \\"Yes\\" & <mean> it | #1 `now` (hopeful)"' in happy
    assert "peripheries=2" in happy and '"rounded,filled"' in happy
    assert '    "(end)" [label="end", shape=diamond];' in lines
    assert (
        '    "opening" -> "together" [label="1 · if your.vulnerability >= 50 and not flags.closed", '
        'style="dashed"];'
    ) in lines
    assert '    "opening" -> "together" [label="2 · breach", color="red", style="bold"];' in lines
    assert '    "guessing" -> "(end)" [label="2"];' in lines
    assert '    "(end)" -> "broken_off" [label="otherwise"];' in lines
    assert (
        '    "(end)" -> "happy" [label="when their.trust >= 60 and not flags.closed", style=dashed];'
        in lines
    )
    # every id is quoted
    for line in lines[1:-1]:
        if "->" in line:
            assert re.match(r'^    "[^"]+" -> "[^"]+" \[', line), line


def test_dot_quote():
    assert dot_quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("path", [FIXTURES / "graph_all.toml", builtin_dir() / "late-again.toml"])
def test_graphviz_accepts_the_dot(path):
    out = subprocess.run(
        ["dot", "-Tsvg"], input=to_dot(load_file(path)), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "<svg" in out.stdout


def test_cli_graph(capsys):
    assert main(["graph", str(FIXTURES / "graph_all.toml")]) == 0
    assert capsys.readouterr().out == to_mermaid(ALL)
    assert main(["graph", str(FIXTURES / "graph_all.toml"), "--format", "dot"]) == 0
    assert capsys.readouterr().out == to_dot(ALL)
    assert main(["graph", "late-again"]) == 0
    assert "flowchart TD" in capsys.readouterr().out
    assert main(["graph", "late-again", "--format", "svg"]) == 2
