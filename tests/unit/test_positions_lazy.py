"""The position pass maps only the tables that hold something to report
(`SourceMap(text, only=paths)`); it must place every diagnostic exactly where
the full map would."""

from __future__ import annotations

from benchmarks.generate import big_scenario
from benchmarks.throughput import with_problems
from trustquest.catalog import builtin_dir
from trustquest.engine.loader import check_bytes
from trustquest.engine.positions import SourceMap


def spans(text: str, diags, only) -> list:
    smap = SourceMap(text, only=only)
    return [smap.span(d.path, d.target, d.sub) for d in diags]


def broken_story() -> str:
    text = (builtin_dir() / "late-again.toml").read_text(encoding="utf-8")
    text = text.replace('goto = "heads_up"', 'goto = "heads_upp"', 1)
    text = text.replace("reliability", "reliabilty", 3)
    text = text.replace('tone = "hopeful"', 'tone = "glad"', 1)
    return text.replace("[scenes.week2]", '[scenes.week2]\nactr = "b"', 1)


def test_the_lazy_map_places_every_diagnostic_as_the_full_map_does():
    for text in (broken_story(), with_problems(big_scenario(300), 12)):
        _, diags = check_bytes(text.encode("utf-8"), "x.toml")
        assert len(diags) >= 6
        paths = [d.path for d in diags]
        lazy = spans(text, diags, paths)
        assert lazy == spans(text, diags, None)
        # ... which is where the validator put them.
        assert [((d.line, d.col), (d.end_line, d.end_col)) for d in diags] == lazy


def test_the_lazy_map_skips_tables_with_nothing_to_report():
    text = big_scenario(50)
    lazy = SourceMap(text, only=[("scenes", "s7", "choices", 1, "goto")])
    full = SourceMap(text)
    assert len(lazy.entries) < len(full.entries) // 10
    path = ("scenes", "s7", "choices", 1, "goto")
    assert lazy.span(path, "value", None) == full.span(path, "value", None)
