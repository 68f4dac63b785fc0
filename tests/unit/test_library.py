"""The built-in library meets PRODUCT.md §6: every story is complete and
reachable, and together they cover every pillar and both kinds of play."""

from __future__ import annotations

import pytest

from trustquest.catalog import builtin_dir, resolve
from trustquest.engine.loader import check_file
from trustquest.engine.meters import PILLARS
from trustquest.tools.simulate import simulate

BUILTINS = sorted(builtin_dir().glob("*.toml"))


def load(path):
    scenario, diags = check_file(path)
    assert scenario is not None and diags == [], [str(d) for d in diags]
    return scenario


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_each_story_is_complete_and_named_after_its_id(path):
    scenario = load(path)
    assert scenario.id == path.stem  # `play ID` looks for the file by name first
    assert path.read_text("utf-8").startswith("#:schema ../schema/scenario.schema.json\n")
    assert len(scenario.scenes) >= 12
    assert len(scenario.endings) >= 3
    assert len({e.tone for e in scenario.endings.values()}) >= 2
    assert scenario.content_notes and scenario.focus


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_every_scene_and_ending_is_reached_in_every_mode(path):
    report = simulate(load(path), runs=1500, seed=3)
    for mode, data in report["modes"].items():
        never = data["never_reached"]
        assert never["scenes"] == [] and never["endings"] == [], (mode, never)
        assert data["dead_ends"]["runs"] == 0 and data["endless"]["runs"] == 0, mode


def test_the_library_covers_every_pillar_and_both_kinds_of_play():
    scenarios = [load(path) for path in BUILTINS]
    focused = {pillar for s in scenarios for pillar in s.focus}
    assert set(PILLARS) <= focused
    together = [s for s in scenarios if "hotseat" in s.modes]
    assert together
    scenes = [scene for s in together for scene in s.scenes.values()]
    assert any(scene.actor == "both" for scene in scenes)
    assert any(scene.predict for scene in scenes)


def test_a_builtin_is_found_by_id_without_loading_the_others(monkeypatch):
    import trustquest.catalog as catalog

    loaded = []
    real = catalog.check_file
    monkeypatch.setattr(catalog, "check_file", lambda p: loaded.append(p) or real(p))
    entry = resolve(BUILTINS[0].stem)
    assert entry.scenario.id == BUILTINS[0].stem and entry.origin == "built-in"
    assert loaded == [BUILTINS[0]]
