"""The report drawn as Rich tables, and the progress bar. Rich is imported
only when something is drawn."""

from __future__ import annotations

import sys

from trustquest.engine.meters import ROLES, other
from trustquest.tools.arc import Arc
from trustquest.tools.arc import pct as _pct
from trustquest.tools.simulate.report import gating

#: Width of the text report when it is not printed to a terminal.
WIDTH = 120


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    def __init__(self):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from trustquest.output import raw

        self.progress = Progress(
            TextColumn("simulating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            # The bar is the game's own terminal control: past the output cleaning.
            console=Console(file=raw(sys.stderr)),
            transient=True,
        )
        self.task = None
        self.progress.start()

    def update(self, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.progress.add_task("runs", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        self.progress.stop()


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _rng(r: dict | None) -> str:
    return "-" if r is None else f"{_num(r['min'])} / {_num(r['avg'])} / {_num(r['max'])}"


def render_text(report: dict, out) -> None:
    """Draw the report as Rich tables. Without a terminal the width is fixed
    and there is no colour, so the same report prints the same bytes."""
    import io

    from rich.console import Console

    tty = isatty(out)
    target = out if tty else io.StringIO()
    console = Console(
        file=target,
        width=None if tty else WIDTH,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=not tty,
        force_terminal=tty,
        soft_wrap=False,
    )
    sc = report["scenario"]
    console.print(
        f"Simulation of '{sc['id']}' ({sc['title']}): {report['runs']:,} runs per mode, "
        f"seed {report['seed']}, turn cap {report['turn_cap']}"
    )
    for mode, data in report["modes"].items():
        _render_mode(console, report, mode, data)
    if not tty:  # a file or a pipe: no trailing padding
        out.write("".join(line.rstrip() + "\n" for line in target.getvalue().splitlines()))


def _profiles(report: dict, mode: str) -> list[tuple[str, str]]:
    names = report["roles"]
    if mode == "solo":
        return [
            ("b", f"their: {names['b']} → {names['a']}"),
            ("a", f"your: {names['a']} → {names['b']}"),
        ]
    return [(r, f"{names[r]} ({r}) → {names[other(r)]}") for r in ROLES]


def _render_arc(console, arc: Arc, mode: str) -> None:
    """The trust arc: breaches, rebuilding, the player's own trust, and the
    scripted players, with a warning when one reaches a hopeful ending."""
    from rich.text import Text

    lines = []
    share = f"{_pct(arc.breached_runs, arc.runs):.1f}%"
    lines.append(f"runs with a breach: {arc.breached_runs:,} of {arc.runs:,} ({share})")
    if mode == "solo":
        lines.append(f"runs in which the partner breached your trust: {arc.lapsed_runs:,}")
    ratio = arc.rebuild_ratio
    lines.append(
        "rebuild ratio (gains of +10 to undo one -20 breach at 70): "
        f"{_count(ratio.scenario)} with this scenario's [dynamics], "
        f"{_count(ratio.default)} with the defaults"
    )
    rec = arc.recovery
    lines.append(
        f"breached meters that climbed back to their value before the breach: "
        f"{rec.recovered:,} of {rec.breaches:,} ({rec.percent:.1f}%)"
    )
    t = arc.your_trust
    who = "your" if mode == "solo" else "role a's"
    if t.min is not None:
        lines.append(
            f"{who} trust at the endings: {t.min:.1f} to {t.max:.1f} "
            f"(start {t.start:.1f}: down {t.down:.1f}, up {t.up:.1f}; spread {t.spread:.1f})"
        )
    for player, label in ((arc.first_open, "first open choice"), (arc.greedy, "greedy")):
        if player is None:
            continue
        reached = ", ".join(f"{e} {n:,}" for e, n in player.endings.items() if n)
        stuck = f", stuck {player.stuck:,}" if player.stuck else ""
        lines.append(f"{label} player over {player.seeds:,} seeds: {reached or 'none'}{stuck}")
    console.print(Text("The trust arc", style="bold"))
    for line in lines:
        console.print(Text(f"  {line}"))
    for warning in arc.warnings:
        console.print(Text(f"  warning: {warning}", style="bold"))
    console.print()


def _count(n: int | None) -> str:
    return "never" if n is None else str(n)


def _render_mode(console, report: dict, mode: str, data: dict) -> None:
    """One mode: endings and the trust arc, problems first among the details
    (they are what an author acts on), then scenes, locks, meters and rebuilding."""
    from rich.text import Text

    console.print()
    console.rule(Text(f"{mode}: {data['runs']:,} runs, {data['choices']:,} choices"), style="bold")
    profiles = _profiles(report, mode)
    arc = Arc.from_dict(data["arc"])
    console.print(_endings_table(data, arc, profiles))
    _render_arc(console, arc, mode)
    _render_problems(console, report, data)
    console.print(_scenes_table(data))
    if data["locked"]:
        console.print(_locked_table(data))
    for e in data["endings"]:
        if e["runs"]:
            console.print(_meters_table(e, profiles))
    _render_rebuild(console, data)


def _endings_table(data: dict, arc: Arc, profiles: list[tuple[str, str]]):
    """Endings, with overall trust at each, and the runs that ended otherwise."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    runs = data["runs"]
    t = Table(title="Endings", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("ending", no_wrap=True)
    t.add_column("tone", no_wrap=True)
    t.add_column("runs", justify="right")
    t.add_column("%", justify="right")
    t.add_column("after\nbreach", justify="right", no_wrap=True)
    t.add_column("avg turns\nclean / breach", justify="right", no_wrap=True)
    for _, label in profiles:
        t.add_column(f"trust\n{label}\nmin / avg / max", justify="right", no_wrap=True)
    for e in data["endings"]:
        turns = arc.ending(e["id"])
        t.add_row(
            Text(e["id"]),
            e["tone"],
            f"{e['runs']:,}",
            f"{e['percent']:.1f}",
            f"{e['after_breach']:,}",
            f"{_num(turns.turns_clean)} / {_num(turns.turns_after_breach)}",
            *(_rng(e["trust"][r]) for r, _ in profiles),
        )
    for label, key in (("(dead end)", "dead_ends"), ("(turn cap)", "endless")):
        if data[key]["runs"]:
            t.add_row(
                Text(label),
                "",
                f"{data[key]['runs']:,}",
                f"{100.0 * data[key]['runs'] / runs:.1f}",
                *("" for _ in range(2 + len(profiles))),
            )
    return t


def _render_problems(console, report: dict, data: dict) -> None:
    from rich.text import Text

    problems = gating(report, data)
    never = data["never_reached"]
    if never["choices"]:
        problems.append(
            "choices never picked: "
            + ", ".join(f"{c['scene']} #{c['choice']}" for c in never["choices"])
        )
    console.print(Text("Problems", style="bold"))
    if problems:
        for line in problems:
            console.print(Text(f"  • {line}"))
    else:
        console.print(
            Text(
                "  none: every scene, choice and ending was reached; no dead ends or endless loops"
            )
        )
    console.print()


def _scene_notes(s: dict) -> str:
    notes = [] if s["actor"] == "a" else [f"[{s['actor']}]"]
    if s["predict"]:
        notes.append("[predict]")
    if s["visits"] != s["runs"]:
        notes.append(f"{s['visits']:,} visits")
    if "matches" in s:
        notes.append(f"{s['matches']['percent']:.1f}% matched")
    return " ".join(notes)


def _choice_notes(c: dict) -> str:
    notes = []
    if c["condition"] is not None:
        notes.append(f"locked {c['locked']:,}/{c['shown']:,}")
    if c["breach"]:
        notes.append("breach")
    if c["later"]:
        notes.append("later")
    if "guessed" in c:
        notes.append(f"guessed {c['guessed']:,}")
    return ", ".join(notes)


def _scenes_table(data: dict):
    """Scenes (runs that reached each) and their choices (share of the answers)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title="Scenes (runs that reached each) and choices (share of the scene's answers)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    t.add_column("scene / choice", no_wrap=True, overflow="ellipsis", max_width=40)
    t.add_column("runs", justify="right", no_wrap=True)
    t.add_column("%", justify="right", no_wrap=True)
    t.add_column("picked", justify="right", no_wrap=True)
    t.add_column("%", justify="right", no_wrap=True)
    t.add_column("goto", no_wrap=True, overflow="ellipsis", max_width=15)
    t.add_column("notes", min_width=24)
    for s in data["scenes"]:
        t.add_row(
            Text(s["id"], style="bold"),
            f"{s['runs']:,}",
            f"{s['percent']:.1f}",
            "",
            "",
            "",
            Text(_scene_notes(s)),
        )
        for c in s["choices"]:
            t.add_row(
                Text(f"  {c['choice']}. {_short(c['text'], 36)}"),
                "",
                "",
                f"{c['picked']:,}",
                f"{c['percent']:.1f}",
                Text(c["goto"]),
                Text(_choice_notes(c)),
            )
    return t


def _locked_table(data: dict):
    """Locked choices, per time the scene was shown."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title="Locked choices (per time the scene was shown)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    t.add_column("choice")
    t.add_column("if")
    t.add_column("locked", justify="right")
    t.add_column("shown", justify="right")
    t.add_column("% locked", justify="right")
    for row in data["locked"]:
        t.add_row(
            Text(f"{row['scene']} #{row['choice']}"),
            Text(row["condition"]),
            f"{row['locked']:,}",
            f"{row['shown']:,}",
            f"{row['percent']:.1f}",
        )
    return t


def _meters_table(e: dict, profiles: list[tuple[str, str]]):
    """Every meter at one ending, min / avg / max per profile."""
    from rich import box
    from rich.table import Table

    t = Table(
        title=f"Meters at ending '{e['id']}' ({e['runs']:,} runs), min / avg / max",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    t.add_column("meter")
    for _, label in profiles:
        t.add_column(label, justify="right")
    t.add_row("trust (overall)", *(_rng(e["trust"][r]) for r, _ in profiles))
    for meter in e["meters"]["a"]:
        t.add_row(meter, *(_rng(e["meters"][r][meter]) for r, _ in profiles))
    return t


def _render_rebuild(console, data: dict) -> None:
    """The rebuild ratio: gains on a meter needed to undo one breach."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text("Rebuild ratio: gains on a meter needed to undo one breach", style="bold"))
    if not data["rebuild"]:
        console.print(Text("  no breach happened in any run"))
    else:
        t = Table(box=box.SIMPLE_HEAD)
        t.add_column("meter")
        t.add_column("breaches", justify="right")
        t.add_column("recovered", justify="right")
        t.add_column("gains to recover min/avg/max", justify="right")
        t.add_column("never recovered", justify="right")
        for meter, r in data["rebuild"].items():
            t.add_row(
                meter,
                f"{r['breaches']:,}",
                f"{r['recovered']:,}",
                _rng(r["gains"]),
                f"{r['never']:,} ({r['never_percent']:.1f}%)",
            )
        console.print(t)
