"""What the title screen needs before the engine is loaded.

The title must come up as fast as a bare Textual app (PRODUCT.md §9), so it
peeks at the autosave and the profile with `tomllib` (after the shape guard,
which imports nothing heavy); the full,
checked read happens only when the player picks Continue.
"""

from __future__ import annotations

from pathlib import Path

AUTOSAVE_FILE = "autosave.toml"
PROFILE_FILE = "profile.toml"
MAX_PEEK_BYTES = 8 * 1024 * 1024
MAX_TURN = 10_000  # as the engine's state.MAX_TURNS, without importing the engine


def _read(path: Path, limits) -> dict | None:
    from trustquest.engine import toml_guard
    from trustquest.files import read_limited

    try:
        return toml_guard.loads(read_limited(path, MAX_PEEK_BYTES).decode("utf-8"), limits)
    except (OSError, UnicodeDecodeError, ValueError):  # tomllib's and the guard's errors too
        return None


def peek_autosave(saves: Path) -> tuple[bool, str]:
    """(exists, a short description) of the autosave, without verifying it.
    Whatever the file holds, this never fails: the full check comes on Continue."""
    path = Path(saves) / AUTOSAVE_FILE
    if not path.is_file():
        return False, ""
    from trustquest.engine import toml_guard

    doc = _read(path, toml_guard.SAVE)
    try:
        meta, state = doc["meta"], doc["state"]
        title = meta.get("scenario_title") or state.get("scenario_id") or ""
        turn = state.get("turn", 0)
        if not isinstance(title, str) or isinstance(turn, bool) or not isinstance(turn, int):
            raise ValueError
        if not 0 <= turn <= MAX_TURN or not title.isprintable():
            raise ValueError
        title = title[:80]
        if state.get("mode") == "hotseat":
            title += ", together"
        if state.get("ending"):
            return True, f"{title}, finished"
        return True, f"{title}, choice {turn + 1}"
    except (TypeError, KeyError, ValueError, AttributeError):
        return True, "the autosave looks damaged"


def peek_theme(saves: Path) -> str:
    path = Path(saves) / PROFILE_FILE
    if not path.is_file():
        return ""
    from trustquest.engine import toml_guard

    doc = _read(path, toml_guard.PROFILE)
    try:
        theme = doc["settings"]["theme"]
    except (TypeError, KeyError):
        return ""
    return theme if isinstance(theme, str) and theme.isprintable() else ""
