"""Validation and simulation speed."""

from __future__ import annotations

import statistics
import time
import tomllib

from benchmarks.generate import big_scenario

ROUNDS = 5


def validation() -> tuple[bool, str]:
    """Full validation (structure, meaning, warnings) of a generated 2,000-scene
    file against tomllib merely parsing it, interleaved round by round: once
    clean, and once with 75 problems spread through it (positions are then
    mapped for the tables that hold them, not for every key)."""
    from trustquest.engine.loader import check_bytes

    text = big_scenario(2000)
    scenario, diags = check_bytes(text.encode("utf-8"), "generated.toml")
    assert scenario is not None and not diags, diags[:3]
    broken = with_problems(text, 75)
    _, diags = check_bytes(broken.encode("utf-8"), "generated.toml")
    assert len(diags) == 75, len(diags)
    clean, faulty = _ratio(text), _ratio(broken)
    size = len(text.encode("utf-8")) / 1e6
    return (
        clean <= 3.0 and faulty <= 3.0,
        f"{clean:.2f}x tomllib clean, {faulty:.2f}x with 75 problems "
        f"({size:.1f} MB, 2,000 scenes; target <= 3.00x)",
    )


def with_problems(text: str, count: int) -> str:
    """`text` with `count` unknown meters, spread evenly through the file."""
    lines = text.split("\n")
    sites = [
        i for i, line in enumerate(lines) if line.startswith("their_trust = { transparency = 4")
    ]
    step = len(sites) // count
    for i in sites[::step][:count]:
        lines[i] = lines[i].replace("transparency = 4", "transparncy = 4")
    return "\n".join(lines)


def _ratio(text: str) -> float:
    from trustquest.engine.loader import check_bytes

    data = text.encode("utf-8")
    ratios = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        tomllib.loads(text)
        t1 = time.perf_counter()
        check_bytes(data, "generated.toml")
        t2 = time.perf_counter()
        ratios.append((t2 - t1) / (t1 - t0))
    return statistics.median(ratios)


def simulation() -> tuple[bool, str]:
    """Choices per second of `trustquest simulate` on the built-in scenarios."""
    from trustquest.catalog import builtin_dir
    from trustquest.engine.loader import load_file
    from trustquest.tools.simulate import simulate

    rates = []
    for path in sorted(builtin_dir().glob("*.toml")):
        scenario = load_file(path)
        best = 0.0
        for _ in range(3):
            t0 = time.perf_counter()
            report = simulate(scenario, runs=2000, seed=1)
            elapsed = time.perf_counter() - t0
            best = max(best, report["choices"] / elapsed)
        rates.append((path.stem, best))
    slowest = min(rate for _, rate in rates)
    detail = ", ".join(f"{name} {rate:,.0f}/s" for name, rate in rates)
    return slowest >= 100_000, f"{slowest:,.0f} choices/s at worst ({detail}; target >= 100,000)"


def paths() -> tuple[bool, str]:
    """Seconds `trustquest paths` takes on each built-in story and mode, with
    nothing left unproven (its default bounds allow 10 s)."""
    from trustquest.catalog import builtin_dir
    from trustquest.engine.explore import explore
    from trustquest.engine.loader import load_file

    rows = []
    settled = True
    for path in sorted(builtin_dir().glob("*.toml")):
        scenario = load_file(path)
        for mode in scenario.modes:
            t0 = time.perf_counter()
            found = explore(scenario, mode)
            rows.append((f"{path.stem} {mode}", time.perf_counter() - t0, found.states))
            settled = settled and not found.unproven and not found.unreachable
    slowest = max(seconds for _, seconds, _ in rows)
    detail = ", ".join(f"{name} {seconds:.1f} s" for name, seconds, _ in rows)
    verdict = "" if settled else "; something was left unproven"
    return (
        settled and slowest <= 10.0,
        f"{slowest:.1f} s at worst ({detail}; target <= 10 s, all proven){verdict}",
    )
