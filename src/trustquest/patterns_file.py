"""Where the player's patterns live: `patterns.toml` in the saves folder, beside
the profile. Private to this computer; `trustquest profile --clear` (or Clear
on the "Your patterns" screen) deletes it, and nothing else.

Kept apart from the profile so clearing it leaves the settings and the endings
gallery alone. Written like every save (temporary file, fsync, os.replace);
a damaged file is reported and never overwritten.
"""

from __future__ import annotations

import math
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import attrs
import tomli_w

from trustquest.engine import toml_guard
from trustquest.engine.meters import PILLARS
from trustquest.engine.patterns import ANSWER_KINDS, KEEP, Playthrough, remember, summarize
from trustquest.engine.text import clean_name
from trustquest.errors import SaveError
from trustquest.files import atomic_write, read_limited

FILE = "patterns.toml"
VERSION = 1
#: Far more than KEEP summaries need; anything bigger is not ours.
MAX_BYTES = 512 * 1024


@attrs.frozen
class Kept:
    playthroughs: tuple[Playthrough, ...] = ()
    problem: str = ""  # why the file could not be read (it is then never written)


def path_in(folder: Path) -> Path:
    return Path(folder) / FILE


def load(folder: Path) -> Kept:
    path = path_in(folder)
    if not os.path.lexists(path):
        return Kept()
    damaged = f"{path} is damaged; it is left as it is (trustquest profile --clear removes it)"
    try:
        # Read without blocking or recursing, whatever the file holds.
        doc = toml_guard.loads(read_limited(path, MAX_BYTES).decode("utf-8"), toml_guard.PROFILE)
        if doc.get("version") != VERSION:
            return Kept(problem=damaged)
        rows = doc.get("playthrough", [])
        if not isinstance(rows, list):
            return Kept(problem=damaged)
        return Kept(tuple(_read(row) for row in rows[-KEEP:]))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Kept(problem=damaged)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return Kept(problem=damaged)


def add(folder: Path, playthrough: Playthrough) -> bool:
    """Keep one more summary. False (and nothing written) when the file is
    damaged; SaveError when it cannot be written."""
    kept = load(folder)
    if kept.problem:
        return False
    rows = remember(list(kept.playthroughs), playthrough)
    doc = {"version": VERSION, "playthrough": [_row(p) for p in rows]}
    try:
        atomic_write(path_in(folder), tomli_w.dumps(doc).encode("utf-8"))
    except OSError as exc:
        raise SaveError(f"could not keep your patterns: {exc.strerror or exc}") from None
    return True


def record(folder: Path, game) -> str:
    """Keep the summary of a finished solo game (hot-seat games are two people's
    and are not kept). Returns a problem to tell the player, or ""."""
    if game.state.mode != "solo" or not game.over or not game.state.history:
        return ""
    day = datetime.now(UTC).date().isoformat()
    try:
        if not add(folder, summarize(game, day)):
            return load(folder).problem
    except SaveError as exc:
        return str(exc)
    return ""


def clear(folder: Path) -> bool:
    """Delete the patterns file. True if there was one."""
    path = path_in(folder)
    if not os.path.lexists(path):
        return False
    try:
        path.unlink()
    except OSError as exc:
        raise SaveError(f"could not clear your patterns: {exc.strerror or exc}") from None
    return True


def _row(p: Playthrough) -> dict:
    return attrs.asdict(p)


def _read(row: dict) -> Playthrough:
    def text(key: str, limit: int = 120) -> str:
        value = row[key]
        if not isinstance(value, str):
            raise TypeError(key)
        return clean_name(value, limit)

    def count(key: str) -> int:
        return whole(row[key])

    def number(value) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("number")
        x = float(value)
        if not (math.isfinite(x) and -1000.0 <= x <= 100_000.0):
            raise ValueError("number")
        return x

    def table(key: str, keys, convert) -> dict:
        value = row[key]
        if not isinstance(value, dict):
            raise TypeError(key)
        return {k: convert(value[k]) if k in value else convert(0) for k in keys}

    def whole(value) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
            raise ValueError("count")
        return value

    return Playthrough(
        scenario=text("scenario"),
        title=text("title"),
        ending=text("ending"),
        ending_title=text("ending_title"),
        tone=text("tone", 20),
        day=text("day", 10),
        choices=count("choices"),
        breaks=count("breaks"),
        rebuilt=count("rebuilt"),
        rebuild_choices=count("rebuild_choices"),
        lapses=count("lapses"),
        answers=table("answers", ANSWER_KINDS, whole),
        gains=table("gains", PILLARS, number),
        losses=table("losses", PILLARS, number),
        their_start=number(row["their_start"]),
        their_end=number(row["their_end"]),
        your_start=number(row["your_start"]),
        your_end=number(row["your_end"]),
        key=text("key", 32),
    )
