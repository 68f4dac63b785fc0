"""The trust-arc gates of issue 10 over the whole built-in library, read from
simulate's own report: every story gate, and the library lines (the first-open
player across all stories, and partner lapses in at least half of them)."""

from __future__ import annotations

from trustquest.catalog import builtin_dir
from trustquest.engine.loader import load_file
from trustquest.tools.gates import check, failures, measure


def test_every_builtin_story_and_the_library_meet_the_trust_arc_gates():
    stories = [measure(load_file(path)) for path in sorted(builtin_dir().glob("*.toml"))]
    assert len(stories) >= 4
    gates = check(stories)
    assert [f"{g.name}: {g.figure}" for g in failures(gates)] == []
    library = {g.name for g in gates if g.binding and g.name in ("first_open", "lapses")}
    assert library == {"first_open", "lapses"}  # the library lines were checked too
