"""Where scenarios are found (PRODUCT.md §7).

In order: the built-in library, the user data folder's `scenarios/`, the
folders and files in `TRUSTQUEST_SCENARIOS`, and any file given by path.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from trustquest.engine.diagnostics import Diagnostic
from trustquest.engine.loader import check_file
from trustquest.engine.model import Scenario
from trustquest.errors import ScenarioError, UsageError

ENV_SCENARIOS = "TRUSTQUEST_SCENARIOS"


@attrs.frozen
class Entry:
    """One scenario file found, loaded or not."""

    path: Path
    origin: str  # built-in | user | TRUSTQUEST_SCENARIOS | file
    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario else self.path.stem

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def builtin_dir() -> Path:
    """The built-in library: inside the installed package, or the checkout's
    top-level `scenarios/` when running from source."""
    packaged = Path(__file__).parent / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "scenarios"


def guide_path() -> Path:
    """The authoring guide: shipped inside the package, or the checkout's
    `docs/authoring.md` when running from source."""
    packaged = Path(__file__).parent / "docs" / "authoring.md"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


def user_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("trustquest", appauthor=False)) / "scenarios"


def sources() -> list[tuple[Path, str]]:
    out = [(builtin_dir(), "built-in"), (user_dir(), "user")]
    for part in os.environ.get(ENV_SCENARIOS, "").split(os.pathsep):
        if part.strip():
            out.append((Path(part.strip()).expanduser(), ENV_SCENARIOS))
    return out


def files_in(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*.toml") if p.is_file())
    return []


def discover() -> list[Entry]:
    """Every scenario found, in search order. Broken files are included, with
    their diagnostics, so `list` and the library can say what is wrong."""
    entries: list[Entry] = []
    seen: set[Path] = set()
    for folder, origin in sources():
        for file in files_in(folder):
            real = file.resolve()
            if real in seen:
                continue
            seen.add(real)
            scenario, diags = check_file(file)
            entries.append(Entry(file, origin, scenario, tuple(diags)))
    return entries


def looks_like_path(ref: str) -> bool:
    return ref.endswith(".toml") or os.sep in ref or "/" in ref or Path(ref).is_file()


def resolve(ref: str) -> Entry:
    """A scenario by built-in id or by file path. Raises ScenarioError if the
    file is broken, UsageError if nothing matches."""
    if looks_like_path(ref):
        path = Path(ref).expanduser()
        if not path.is_file():
            raise UsageError(f"no scenario file at '{ref}'")
        scenario, diags = check_file(path)
        if scenario is None:
            raise ScenarioError(diags, f"'{ref}' has errors")
        return Entry(path, "file", scenario, tuple(diags))
    # Built-ins come first in the search order and are named after their ids
    # (a test checks it): playing one needs only its own file loaded and checked.
    builtin = builtin_dir() / f"{ref}.toml"
    if builtin.is_file():
        scenario, diags = check_file(builtin)
        if scenario is not None and scenario.id == ref:
            return Entry(builtin, "built-in", scenario, tuple(diags))
    entries = discover()
    for entry in entries:
        if entry.ok and entry.scenario.id == ref:
            return entry
    for entry in entries:
        if not entry.ok and entry.path.stem == ref:
            raise ScenarioError(entry.diagnostics, f"scenario '{ref}' ({entry.path}) has errors")
    known = sorted(e.scenario.id for e in entries if e.ok)
    import difflib

    close = difflib.get_close_matches(ref, known, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise UsageError(f"no scenario called '{ref}'.{hint} Known: {', '.join(known) or 'none'}")


def for_save(scenario_id: str, path: str = "") -> Entry:
    """The scenario a save belongs to: the file it was played from if that
    still holds the same scenario, else the scenario with that id."""
    from trustquest.errors import TrustQuestError

    if path and Path(path).is_file():
        try:
            entry = resolve(path)
            if entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry
        except TrustQuestError:
            pass
    return resolve(scenario_id)
