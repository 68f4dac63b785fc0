"""What the title screen needs before the engine is loaded.

The title must come up as fast as a bare Textual app (PRODUCT.md §9), so it
peeks at the autosave and the profile with `tomllib` alone; the full,
checked read happens only when the player picks Continue.
"""

from __future__ import annotations

from pathlib import Path

AUTOSAVE_FILE = "autosave.toml"
PROFILE_FILE = "profile.toml"
MAX_PEEK_BYTES = 8 * 1024 * 1024


def _read(path: Path) -> dict | None:
    import tomllib

    try:
        if path.stat().st_size > MAX_PEEK_BYTES:
            return None
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):  # TOMLDecodeError is a ValueError
        return None


def peek_autosave(saves: Path) -> tuple[bool, str]:
    """(exists, a short description) of the autosave, without verifying it."""
    path = Path(saves) / AUTOSAVE_FILE
    if not path.is_file():
        return False, ""
    doc = _read(path)
    try:
        meta, state = doc["meta"], doc["state"]
        title = str(meta.get("scenario_title") or state.get("scenario_id") or "")
        if state.get("mode") == "hotseat":
            title += ", together"
        if state.get("ending"):
            return True, f"{title}, finished"
        return True, f"{title}, choice {int(state.get('turn', 0)) + 1}"
    except (TypeError, KeyError, ValueError, AttributeError):
        return True, "the autosave looks damaged"


def peek_theme(saves: Path) -> str:
    path = Path(saves) / PROFILE_FILE
    if not path.is_file():
        return ""
    doc = _read(path)
    try:
        return str(doc["settings"]["theme"])
    except (TypeError, KeyError):
        return ""
