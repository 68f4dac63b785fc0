"""Saves, the autosave and the player's profile (PRODUCT.md §7).

A save is a TOML file with a format version and a checksum. It is written to a
temporary file, flushed and fsynced, then moved into place with `os.replace`;
the previous save is kept as `NAME.bak.toml`. A save that fails to read or to
verify is never overwritten: it is moved aside first.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import attrs
import tomli_w

from trustquest.engine import toml_guard
from trustquest.engine.format import ID_PATTERN, MAX_CHOICES, MAX_SCENES, SCENARIO_ID_PATTERN
from trustquest.engine.game import Game
from trustquest.engine.model import Scenario
from trustquest.engine.sha256 import hexdigest
from trustquest.engine.state import CONTROLS, GameState, check_name
from trustquest.engine.text import clean_line, clean_name
from trustquest.engine.turns import waiting
from trustquest.errors import SaveError
from trustquest.files import FileTooLarge, atomic_write, read_limited

SAVE_VERSION = 1
ENV_SAVES = "TRUSTQUEST_SAVES"
AUTOSAVE = "autosave"
PROFILE = "profile.toml"
MAX_SAVE_BYTES = 8 * 1024 * 1024
MAX_PROFILE_BYTES = 1024 * 1024
#: Stories whose last playthrough's choices the profile keeps.
MAX_STORIES = 100
_SLOT = re.compile(r"[^a-z0-9_-]+")
_ID = re.compile(ID_PATTERN)
_SCENARIO_ID = re.compile(SCENARIO_ID_PATTERN)
#: The play screen's layouts a profile may remember.
LAYOUTS = ("meters", "quiet")


def checkout_root() -> Path | None:
    """The source checkout we run from, if any."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "src" / "trustquest").is_dir():
        return root
    return None


def saves_dir(option: str | os.PathLike | None = None) -> Path:
    """--saves DIR, then TRUSTQUEST_SAVES, then the checkout's saves/, then the
    platform's user data folder."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_SAVES, "").strip()
    if env:
        return Path(env).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("trustquest", appauthor=False)) / "saves"


def slot_name(name: str) -> str:
    """A slot name that is always a plain file name inside the saves folder."""
    clean = _SLOT.sub("-", name.strip().lower()).strip("-")[:40]
    if not clean:
        raise SaveError("a save name needs at least one letter or digit")
    return clean


def _checksum(meta: dict, state: dict) -> str:
    blob = json.dumps({"meta": meta, "state": state}, sort_keys=True, ensure_ascii=False)
    return hexdigest(blob.encode("utf-8"))


@attrs.frozen
class SaveInfo:
    name: str
    path: Path
    label: str = ""
    scenario_id: str = ""
    scenario_title: str = ""
    scene: str = ""
    turn: int = 0
    saved_at: str = ""
    ended: bool = False
    problem: str = ""  # why it cannot be loaded, if it cannot
    mode: str = "solo"  # solo | hotseat

    @property
    def ok(self) -> bool:
        return not self.problem


@attrs.frozen
class Loaded:
    info: SaveInfo
    state: GameState
    scenario_path: str
    scenario_digest: str


def _read_exactly(path: Path, expected: bytes) -> bytes | None:
    """The file's bytes if it is a regular file no longer than `expected`
    (anything else cannot be what was written); None when it cannot be read."""
    try:
        return read_limited(path, len(expected))
    except OSError:  # not a regular file, too long, or gone
        return None


class SaveStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        #: What a write did besides saving (a damaged save set aside), for the
        #: face to tell the player; see take_notices().
        self.notices: list[str] = []
        #: The bytes this store last wrote to each slot: a slot that still holds
        #: exactly them is known good, and needs no full read before it
        #: becomes the backup (the autosave after every choice stays quick).
        self._written: dict[str, bytes] = {}

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices

    def path(self, name: str, backup: bool = False) -> Path:
        return self.folder / f"{slot_name(name)}{'.bak' if backup else ''}.toml"

    # --- writing ------------------------------------------------------------

    def write(self, name: str, game: Game, label: str = "") -> Path:
        state = game.state.to_dict()
        scenario = game.scenario
        meta = {
            "label": _one_line(label or scenario.title),
            "scenario_id": scenario.id,
            "scenario_title": _one_line(scenario.title),
            "scenario_path": scenario.path,
            "scenario_digest": scenario.digest,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        doc = {
            "version": SAVE_VERSION,
            "checksum": _checksum(meta, state),
            "meta": meta,
            "state": state,
        }
        try:
            data = tomli_w.dumps(doc).encode("utf-8")
        except (TypeError, ValueError) as exc:  # pragma: no cover - a bug, not a user error
            raise SaveError(f"could not write the save: {exc}") from None
        if len(data) > MAX_SAVE_BYTES:  # it could not be read back: keep the last one
            raise SaveError(
                f"this game is too long to save ({len(data):,} bytes; a save holds "
                f"at most {MAX_SAVE_BYTES:,})"
            )
        target = self.path(name)
        try:
            if os.path.lexists(target):
                current = self._written.get(name)
                if current is None or _read_exactly(target, current) != current:
                    try:
                        self.read(name)
                    except SaveError:
                        self._keep_damaged(name)  # never overwrite a damaged save
                        current = None
                    else:
                        current = read_limited(target, MAX_SAVE_BYTES)
                if current is not None:
                    atomic_write(self.path(name, backup=True), current)
            self._written.pop(name, None)
            atomic_write(target, data)
            self._written[name] = data
        except OSError as exc:
            raise SaveError(
                f"could not write the save to {target}: {exc.strerror or exc}"
            ) from None
        return target

    def _keep_damaged(self, name: str) -> None:
        """Move a damaged save aside, and keep its backup, the last good copy
        of that game, where no later write can reach it: it becomes a save of
        its own, `NAME-recovered`."""
        aside = self._set_aside(self.path(name))
        notice = f"The save '{name}' could not be read; it is kept as {aside.name}."
        backup = self.path(name, backup=True)
        if os.path.lexists(backup):
            try:
                self.read(name, backup=True)
            except SaveError:
                notice += f" Its backup was damaged too: kept as {self._set_aside(backup).name}."
            else:
                slot = self._free_slot(f"{name}-recovered")
                os.replace(backup, self.path(slot))
                notice += f" Its last good version is now the save '{slot}'."
        self.notices.append(notice)

    def _free_slot(self, wanted: str) -> str:
        base = slot_name(wanted)
        slot, n = base, 1
        while os.path.lexists(self.path(slot)) or os.path.lexists(self.path(slot, backup=True)):
            n += 1
            slot = f"{base[:36]}-{n}"
        return slot

    def _set_aside(self, path: Path) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.stem}.damaged-{stamp}.toml")
        n = 1
        while os.path.lexists(aside):
            n += 1
            aside = path.with_name(f"{path.stem}.damaged-{stamp}-{n}.toml")
        os.replace(path, aside)
        return aside

    def delete(self, name: str) -> None:
        for backup in (False, True):
            p = self.path(name, backup)
            if p.exists():
                p.unlink()

    # --- reading ------------------------------------------------------------

    def exists(self, name: str, backup: bool = False) -> bool:
        return self.path(name, backup).is_file()

    def read(self, name: str, backup: bool = False) -> Loaded:
        path = self.path(name, backup)
        what = f"the save '{path.name}'"
        try:
            raw = read_limited(path, MAX_SAVE_BYTES)
        except FileNotFoundError:
            raise SaveError(f"there is no save called '{name}' in {self.folder}") from None
        except FileTooLarge:
            raise SaveError(f"{what} is too large to be a save") from None
        except OSError as exc:
            raise SaveError(f"cannot read {what}: {exc.strerror or exc}") from None
        try:
            doc = toml_guard.loads(raw.decode("utf-8"), toml_guard.SAVE)
        except toml_guard.ShapeError as exc:
            raise SaveError(f"{what} is damaged ({exc.refusal.message})") from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            raise SaveError(f"{what} is damaged (truncated or corrupted)") from None
        version = doc.get("version")
        if version is None:  # e.g. an empty file: not "version None", but damaged
            raise SaveError(f"{what} is damaged (it is empty or not a save)")
        if version != SAVE_VERSION:
            raise SaveError(
                f"{what} has format version {version!r}; this game reads version {SAVE_VERSION}"
            )
        meta, state = doc.get("meta"), doc.get("state")
        if not isinstance(meta, dict) or not isinstance(state, dict):
            raise SaveError(f"{what} is damaged (parts are missing)")
        if doc.get("checksum") != _checksum(meta, state):
            raise SaveError(f"{what} does not match its checksum: it was changed or damaged")
        # Checked even though the checksum matches: anyone can recompute it.
        try:
            game_state = GameState.from_dict(state)
            label = _meta_text(meta, "label", 200)
            title = _meta_text(meta, "scenario_title", 200)
            saved_at = _meta_text(meta, "saved_at", 40)
            scenario_path = _meta_text(meta, "scenario_path", 4096)
            digest = _meta_text(meta, "scenario_digest", 64)
        except SaveError as exc:
            raise SaveError(f"{what} is damaged: {exc}") from None
        info = SaveInfo(
            name=path.stem.removesuffix(".bak"),
            path=path,
            label=clean_line(label),
            scenario_id=game_state.scenario_id,
            scenario_title=clean_line(title),
            scene=game_state.scene,
            turn=game_state.turn,
            saved_at=saved_at,
            ended=bool(game_state.ending),
            mode=game_state.mode,
        )
        return Loaded(info, game_state, scenario_path, digest)

    def slots(self) -> list[SaveInfo]:
        """Every save in the folder, newest first; damaged ones say why."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in self.folder.glob("*.toml"):
            stem = path.stem
            if path.name == PROFILE or stem.endswith(".bak") or ".damaged-" in stem:
                continue
            try:
                out.append(self.read(stem).info)
            except SaveError as exc:
                out.append(SaveInfo(stem, path, problem=str(exc)))
        return sorted(out, key=lambda i: i.saved_at, reverse=True)


def _meta_text(meta: dict, key: str, limit: int) -> str:
    """A text from a save's meta table: no control characters (a path, no NUL)."""
    value = meta.get(key, "")
    bad = "\0" if key == "scenario_path" else CONTROLS
    if not isinstance(value, str) or len(value) > limit or _holds(value, bad):
        raise SaveError(f"its {key.replace('_', ' ')} is malformed or holds control characters")
    return value


def _holds(value: str, bad) -> bool:
    return bad in value if isinstance(bad, str) else bad.search(value) is not None


def _one_line(text: str, limit: int = 200) -> str:
    """A label or title as saved: no control characters, not too long."""
    return CONTROLS.sub(" ", text)[:limit]


def _picks_fit(scene, state) -> bool:
    """Whether a half-answered scene's answers are ones the scene asks for."""
    turns = scene.turns(state.mode)
    return waiting(turns, state.picks) and all(p.index < len(scene.choices) for p in state.picks)


def resume(scenario: Scenario, state: GameState) -> tuple[Game, str]:
    """Put a saved state back in play. Returns (game, notice); the notice is
    non-empty when the scenario changed since the save. Raises SaveError when
    the save cannot continue in this version of the scenario."""
    if state.scenario_id != scenario.id:
        raise SaveError(f"this save belongs to '{state.scenario_id}', not '{scenario.id}'")
    notice = ""
    if state.ending and state.ending not in scenario.endings:
        # Checked whether or not the digest changed: a finished game whose
        # ending was removed has nothing to show (game.ending would be None).
        raise SaveError(
            f"'{scenario.title}' changed since this save, and its ending '{state.ending}' no longer exists"
        )
    if state.scenario_digest != scenario.digest:
        if not state.ending and state.scene not in scenario.scenes:
            raise SaveError(
                f"'{scenario.title}' changed since this save, and its scene '{state.scene}' no longer exists"
            )
        notice = (
            f"'{scenario.title}' has changed since this game was saved; resuming at the same scene."
        )
        for role in ("a", "b"):
            meters = state.meters[role]
            for m in scenario.meters:
                meters.setdefault(m.id, float(m.start))
            for gone in [k for k in meters if scenario.meter(k) is None]:
                del meters[gone]
            for gone in [k for k in state.wounds[role] if k not in meters]:
                del state.wounds[role][gone]
        scene = scenario.scenes.get(state.scene)
        if state.picks and scene is not None and not _picks_fit(scene, state):
            state.picks = []  # half-answered scene whose choices or turns changed: ask again
        state.scenario_digest = scenario.digest
    if not state.ending and state.scene not in scenario.scenes:
        raise SaveError(
            f"the save points at a scene '{state.scene}' that '{scenario.title}' does not have"
        )
    scene = scenario.scenes.get(state.scene)
    if scene is not None and state.picks and not _picks_fit(scene, state):
        raise SaveError("the save holds an answer that this scene does not have")
    for role in ("a", "b"):
        missing = [m.id for m in scenario.meters if m.id not in state.meters[role]]
        if missing:
            raise SaveError(f"the save is missing meters: {', '.join(missing)}")
    return Game(scenario, state), notice


# --- profile ------------------------------------------------------------------


@attrs.define
class Profile:
    """Settings and the endings found, kept across playthroughs."""

    endings: dict[str, list[str]] = attrs.field(factory=dict)
    theme: str = ""
    last_names: dict[str, str] = attrs.field(factory=dict)
    #: Per story: scene id -> the choices taken there the last time it was
    #: played to an ending (solo), oldest story first.
    last_time: dict[str, dict[str, tuple[int, ...]]] = attrs.field(factory=dict)
    #: The play screen's layout: the meters beside the story, or "quiet" (text first).
    layout: str = "meters"
    problem: str = ""

    def found(self, scenario_id: str) -> list[str]:
        return list(self.endings.get(scenario_id, []))

    def chosen_last_time(self, scenario_id: str) -> dict[str, tuple[int, ...]]:
        return dict(self.last_time.get(scenario_id, {}))

    def remember_choices(self, scenario_id: str, taken: dict[str, tuple[int, ...]]) -> None:
        """Keep this playthrough's choices for the next one (the newest story
        last; the oldest are forgotten past MAX_STORIES)."""
        self.last_time.pop(scenario_id, None)
        self.last_time[scenario_id] = {scene: tuple(i) for scene, i in taken.items()}
        while len(self.last_time) > MAX_STORIES:
            del self.last_time[next(iter(self.last_time))]

    def record_ending(self, scenario_id: str, ending_id: str) -> bool:
        found = self.endings.setdefault(scenario_id, [])
        if ending_id in found:
            return False
        found.append(ending_id)
        return True


def load_profile(folder: Path) -> Profile:
    """The profile, or an empty one whose `problem` says why the file could
    not be used (such a profile is never written back)."""
    path = Path(folder) / PROFILE
    if not os.path.lexists(path):
        return Profile()
    try:
        raw = read_limited(path, MAX_PROFILE_BYTES).decode("utf-8")
        return _profile(toml_guard.loads(raw, toml_guard.PROFILE))
    except OSError as exc:
        why = exc.strerror or str(exc)
    except UnicodeDecodeError:
        why = "it is not UTF-8 text"
    except toml_guard.ShapeError as exc:
        why = exc.refusal.message
    except tomllib.TOMLDecodeError:
        why = "it is not valid TOML"
    except ValueError as exc:
        why = str(exc)
    return Profile(problem=f"the profile {path} is damaged ({why}); it will not be overwritten")


def _profile(doc: dict) -> Profile:
    """Check a parsed profile field by field; ValueError says what is wrong."""
    endings, settings, names = doc.get("endings", {}), doc.get("settings", {}), doc.get("names", {})
    if not (isinstance(endings, dict) and isinstance(settings, dict) and isinstance(names, dict)):
        raise ValueError("its endings, settings or names are not tables")
    found: dict[str, list[str]] = {}
    for scenario_id, ids in endings.items():
        if not _SCENARIO_ID.match(scenario_id) or not isinstance(ids, list):
            raise ValueError(f"the endings of {scenario_id[:40]!r} are malformed")
        if not all(isinstance(e, str) and _ID.match(e) for e in ids):
            raise ValueError(f"an ending of {scenario_id!r} has an impossible id")
        found[scenario_id] = list(ids)
    theme = settings.get("theme", "")
    if not isinstance(theme, str) or len(theme) > 64 or not theme.isprintable():
        raise ValueError("its theme is not a theme name")
    layout = settings.get("layout", "meters")
    if layout not in LAYOUTS:
        raise ValueError("its layout is neither 'meters' nor 'quiet'")
    last_names = {}
    for role, name in names.items():
        if role not in ("a", "b") or not isinstance(name, str):
            raise ValueError("its names are malformed")
        last_names[role] = clean_name(check_name(name, "a name in it"))
    return Profile(
        endings=found,
        theme=theme,
        last_names=last_names,
        last_time=_last_time(doc.get("last_time", {})),
        layout=layout,
    )


def _last_time(table) -> dict[str, dict[str, tuple[int, ...]]]:
    """The choices kept from each story's last playthrough, range-checked."""
    if not isinstance(table, dict) or len(table) > MAX_STORIES:
        raise ValueError("its choices from last time are not a table of stories")
    out = {}
    for scenario_id, scenes in table.items():
        if not _SCENARIO_ID.fullmatch(scenario_id) or not isinstance(scenes, dict):
            raise ValueError(f"the choices from last time in {scenario_id[:40]!r} are malformed")
        if len(scenes) > MAX_SCENES:
            raise ValueError(f"{scenario_id!r} holds more scenes than a story can")
        kept = {}
        for scene, indexes in scenes.items():
            if not _ID.fullmatch(scene) or not isinstance(indexes, list):
                raise ValueError(f"a scene of {scenario_id!r} is malformed")
            if len(indexes) > MAX_CHOICES or not all(
                type(i) is int and 0 <= i < MAX_CHOICES for i in indexes
            ):
                raise ValueError(f"a choice of {scenario_id!r} is out of range")
            kept[scene] = tuple(indexes)
        out[scenario_id] = kept
    return out


def save_profile(folder: Path, profile: Profile) -> None:
    if profile.problem:
        return  # never overwrite a damaged profile
    doc = {
        "version": 1,
        "settings": {"theme": profile.theme, "layout": profile.layout},
        "names": dict(profile.last_names),
        "endings": {k: list(v) for k, v in profile.endings.items()},
        "last_time": {
            k: {scene: list(i) for scene, i in v.items()} for k, v in profile.last_time.items()
        },
    }
    try:
        atomic_write(Path(folder) / PROFILE, tomli_w.dumps(doc).encode("utf-8"))
    except OSError as exc:
        raise SaveError(f"could not write the profile: {exc.strerror or exc}") from None
