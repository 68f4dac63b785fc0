"""simulate's trust-arc figures (issue 10): runs after a breach, the rebuild
ratio for the scenario's own dynamics, breached meters that climb back, the
player's own trust at the endings, and the scripted players."""

from __future__ import annotations

import json
from pathlib import Path

from trustquest.cli import main
from trustquest.engine.dynamics import DEFAULT, Dynamics, rebuild_ratio
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.tools.arc import Arc, play_scripted
from trustquest.tools.simulate import simulate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture(name: str):
    return load_file(FIXTURES / f"{name}.toml")


def arc_of(report: dict, mode: str = "solo") -> Arc:
    return Arc.from_dict(report["modes"][mode]["arc"])


def test_every_run_after_the_breach_counts_and_its_meter_climbs_back():
    # sim_rebuild: one breach of reliability and of respect in every run; nine
    # gains bring reliability back, nothing brings respect back.
    report = simulate(fixture("sim_rebuild"), runs=40, seed=1)
    solo = report["modes"]["solo"]
    assert [(e["id"], e["runs"], e["after_breach"]) for e in solo["endings"]] == [("after", 40, 40)]
    arc = arc_of(report)
    assert arc.breached_runs == 40 and arc.lapsed_runs == 0
    assert (arc.recovery.breaches, arc.recovery.recovered, arc.recovery.percent) == (80, 40, 50.0)
    # The recovery figure is the rebuild table summed: one source for both.
    assert arc.recovery.recovered == sum(r["recovered"] for r in solo["rebuild"].values())
    after = arc.ending("after")
    assert after.turns_after_breach == 13.0 and after.turns_clean is None and after.clean == 0


def test_after_breach_splits_each_ending_and_the_rebuild_ratio_reads_the_scenario():
    scenario = fixture("sim_arc")
    report = simulate(scenario, runs=300, seed=4)
    solo = report["modes"]["solo"]
    ask = next(s for s in solo["scenes"] if s["id"] == "ask")
    never, kept, broke, bought = (c["picked"] for c in ask["choices"])
    assert never == 0 and kept and broke and bought
    assert {e["id"]: (e["runs"], e["after_breach"]) for e in solo["endings"]} == {
        "kept": (kept, 0),
        "gift": (bought, 0),
        "apart": (broke, broke),
    }
    arc = arc_of(report)
    assert arc.breached_runs == broke
    # Gentle knobs: two gains undo the breach; the defaults need nine.
    assert (arc.rebuild_ratio.scenario, arc.rebuild_ratio.default) == (2, 9)
    assert arc.rebuild_ratio.scenario == rebuild_ratio(scenario.dynamics)
    assert arc.rebuild_ratio.default == rebuild_ratio(DEFAULT)


def test_your_trust_range_against_its_start():
    scenario = fixture("sim_arc")
    arc = arc_of(simulate(scenario, runs=300, seed=4))
    at = {}
    for index in (1, 2, 3):
        game = Game.new(scenario, record=False)
        game.choose(index)
        at[index] = game.trust("a")
    start = Game.new(scenario, record=False).trust("a")
    t = arc.your_trust
    assert (t.start, t.min, t.max) == (start, at[3], at[1]) == (50.0, 48.75, 51.25)
    assert (t.down, t.up, t.spread) == (1.25, 1.25, 2.5)


def test_first_open_and_greedy_players_and_the_warning():
    scenario = fixture("sim_arc")
    arc = arc_of(simulate(scenario, runs=300, seed=4, players=20))
    # Choice 1 is never open, so the first open one is "Promise, and keep it".
    assert arc.first_open.endings == {"kept": 20, "gift": 0, "apart": 0}
    assert arc.first_open.best == 20 and arc.first_open.examples == (1, 2, 3)
    # The biggest immediate gain in the partner's trust is the bribe (+20).
    assert arc.greedy.endings == {"kept": 0, "gift": 20, "apart": 0} and arc.greedy.best == 0
    assert len(arc.warnings) == 1
    assert "first open choice reaches a hopeful ending in 20 of 20 seeds" in arc.warnings[0]


def test_the_scripted_players_walk_the_seeds_they_are_given():
    result = play_scripted(fixture("sim_arc"), "solo", "greedy", 7, 50)
    assert result.seeds == 7 and sum(result.endings.values()) == 7 and result.stuck == 0


def test_scripted_players_walk_only_the_first_mode():
    report = simulate(fixture("sim_hotseat"), runs=50, seed=2, players=5)
    assert arc_of(report, "solo").first_open.seeds == 5
    hot = arc_of(report, "hotseat")
    assert hot.first_open is None and hot.greedy is None and hot.warnings == ()


def test_arc_figures_round_trip_through_the_report():
    report = simulate(fixture("sim_arc"), runs=100, seed=9, players=10)
    data = json.loads(json.dumps(report["modes"]["solo"]["arc"]))
    arc = Arc.from_dict(data)
    assert arc.to_dict() == data
    assert data["recovery"]["percent"] == arc.recovery.percent
    assert data["your_trust"]["spread"] == arc.your_trust.spread


def test_a_wound_that_blocks_gains_reports_never(tmp_path):
    text = (
        (FIXTURES / "sim_arc.toml")
        .read_text()
        .replace("wound_gain_factor = 1.0", "wound_gain_factor = 0.0")
    )
    path = tmp_path / "blocked.toml"
    path.write_text(text)
    arc = arc_of(simulate(load_file(path), runs=10, seed=1, players=1))
    assert arc.rebuild_ratio.scenario is None
    assert rebuild_ratio(Dynamics(wound_gain_factor=0.0)) is None


def test_the_text_report_shows_the_arc(capsys):
    path = str(FIXTURES / "sim_arc.toml")
    assert main(["simulate", path, "--runs", "200", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "after" in out and "breach" in out and "clean / breach" in out
    assert "The trust arc" in out
    assert "2 with this scenario's [dynamics], 9 with the defaults" in out
    assert "your trust at the endings: 48.8 to 51.2 (start 50.0" in out
    assert "first open choice player over 100 seeds: kept 100" in out
    assert "greedy player over 100 seeds: gift 100" in out
    assert "warning: a player who always takes the first open choice" in out
    assert "warning: a player who always takes the biggest" not in out
