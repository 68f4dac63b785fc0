"""Writing saves when things go wrong: a write that fails at any step, a
full or read-only disk, temporary files left by killed writes, and the last
good backup of a damaged save (PRODUCT.md §7, §8)."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from trustquest import files
from trustquest.cli import main
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.errors import SaveError
from trustquest.saves import AUTOSAVE, SaveStore

EXTREME = load_file(Path(__file__).parent / "fixtures" / "extreme.toml")


def advanced(game: Game) -> Game:
    prompt = game.prompt()
    game.choose(game.available(prompt.actor)[0])
    return game


@pytest.fixture
def store(tmp_path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


# --- a write that fails at any step ---------------------------------------------------------


STEPS = ("open", "write", "fsync", "replace", "unlink", "close")


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("nth", range(1, 7))
@pytest.mark.parametrize("had_backup", [False, True])
def test_a_write_failing_at_any_step_leaves_the_old_save_or_the_new_one(
    store, monkeypatch, step, nth, had_backup
):
    game = Game.new(EXTREME)
    store.write("slot", game)
    if had_backup:
        store.write("slot", advanced(game))
    old = store.read("slot").state.to_dict()
    new_game = advanced(game)
    new = new_game.state.to_dict()
    real = getattr(os, step)
    calls = []

    def failing(*args, **kwargs):
        calls.append(step)
        if len(calls) == nth:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, step, failing)
    try:
        store.write("slot", new_game)
        wrote = True
    except SaveError as exc:
        wrote = False
        assert "No space left on device" in str(exc)
    monkeypatch.undo()
    if wrote:
        assert store.read("slot").state.to_dict() == new
    else:
        assert store.read("slot").state.to_dict() in (old, new)  # never neither
    assert not list(store.folder.glob(".*.tmp"))


def test_a_full_disk_is_reported_and_the_old_save_kept(store, monkeypatch):
    game = Game.new(EXTREME)
    store.write(AUTOSAVE, game)
    before = store.path(AUTOSAVE).read_bytes()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(SaveError, match="No space left on device"):
        store.write(AUTOSAVE, advanced(game))
    monkeypatch.undo()
    assert store.path(AUTOSAVE).read_bytes() == before


def test_a_temporary_name_taken_by_a_link_is_never_written_through(store, tmp_path):
    """A planted link where the temporary file goes cannot send the save
    outside the saves folder."""
    store.folder.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("mine", "utf-8")
    tmp = store.folder / f".autosave.toml.{os.getpid()}.tmp"
    tmp.symlink_to(outside)
    store.write(AUTOSAVE, Game.new(EXTREME))
    assert outside.read_text("utf-8") == "mine"
    assert store.read(AUTOSAVE).state.turn == 0


# --- plain mode says "Saved." only when it saved ---------------------------------------------


def test_plain_mode_reports_a_read_only_saves_folder_with_exit_code_1(
    tmp_path, monkeypatch, capsys
):
    saves = tmp_path / "saves"
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\nq\n"))
    code = main(["play", "late-again", "--plain", "--saves", str(saves)])
    out = " ".join(capsys.readouterr().out.split())  # plain mode wraps its lines
    assert code == 1
    assert "Could not autosave" in out and "only file system" in out  # wrapped at "Read-"
    assert "Saved." not in out
    assert "Not saved" in out


def test_plain_mode_reports_a_saves_folder_it_cannot_create(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    code = main(["play", "late-again", "--plain", "--saves", str(blocker / "saves")])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 1 and "Saved." not in out and "Not saved" in out


def test_plain_mode_says_saved_when_it_saved(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\nq\n"))
    assert main(["play", "late-again", "--plain", "--saves", str(tmp_path)]) == 0
    assert "Saved. To resume, type: trustquest continue --plain" in capsys.readouterr().out
    assert SaveStore(tmp_path).read(AUTOSAVE).state.turn == 1


# --- temporary files left by killed writes --------------------------------------------------


def test_stale_temporary_files_are_removed_at_start_up_and_only_those(tmp_path, monkeypatch):
    saves = tmp_path / "saves"
    saves.mkdir()
    old = [".autosave.toml.123.tmp", ".slot-2.bak.toml.99.tmp", ".profile.toml.7.tmp"]
    young = ".autosave.toml.124.tmp"
    others = ["autosave.toml", ".notes.txt.1.tmp", ".Autosave.toml.1.tmp", "x.tmp", ".a.toml.tmp"]
    for name in [*old, young, *others]:
        (saves / name).write_text("x", "utf-8")
    (saves / ".linked.toml.5.tmp").symlink_to(tmp_path / "elsewhere")
    hour_ago = (saves / young).stat().st_mtime - 3600
    for name in [*old, *others]:
        os.utime(saves / name, (hour_ago, hour_ago))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    main(["continue", "--plain", "--saves", str(saves)])  # no autosave: that is fine
    left = sorted(p.name for p in saves.iterdir())
    assert left == sorted([young, *others, ".linked.toml.5.tmp"])


def test_a_temporary_file_of_a_write_under_way_is_kept(tmp_path):
    (tmp_path / ".autosave.toml.5.tmp").write_text("x", "utf-8")
    now = (tmp_path / ".autosave.toml.5.tmp").stat().st_mtime
    assert files.remove_stale_temporaries(tmp_path, now=now + 59) == []
    assert files.remove_stale_temporaries(tmp_path, now=now + 61) == [
        tmp_path / ".autosave.toml.5.tmp"
    ]


# --- the last good backup of a damaged save ---------------------------------------------------


def damage(path: Path) -> bytes:
    path.write_bytes(path.read_bytes()[:50])
    return path.read_bytes()


def test_the_good_backup_of_a_damaged_autosave_survives_whatever_is_played_next(store):
    game = Game.new(EXTREME)
    store.write(AUTOSAVE, game)
    store.write(AUTOSAVE, advanced(game))  # the .bak now holds turn 0
    good = store.read(AUTOSAVE, backup=True).state.to_dict()
    damaged = damage(store.path(AUTOSAVE))
    other = Game.new(EXTREME, seed=7)  # another story starts...
    for _ in range(4):  # ...and autosaves again and again
        store.write(AUTOSAVE, advanced(other))
    notices = store.take_notices()
    assert len(notices) == 1 and "autosave-recovered" in notices[0]
    assert store.read("autosave-recovered").state.to_dict() == good
    aside = list(store.folder.glob("autosave.damaged-*.toml"))
    assert [p.read_bytes() for p in aside] == [damaged]
    assert {s.name for s in store.slots()} == {AUTOSAVE, "autosave-recovered"}


def test_a_damaged_backup_is_kept_aside_too(store):
    game = Game.new(EXTREME)
    store.write("slot", game)
    store.write("slot", advanced(game))
    damage(store.path("slot"))
    damage(store.path("slot", backup=True))
    store.write("slot", advanced(game))
    assert len(list(store.folder.glob("slot.damaged-*.toml"))) == 1
    assert len(list(store.folder.glob("slot.bak.damaged-*.toml"))) == 1
    assert "damaged too" in store.take_notices()[0]


def test_recovered_slots_never_replace_one_another(store):
    for _ in range(2):
        game = Game.new(EXTREME)
        store.write(AUTOSAVE, game)
        store.write(AUTOSAVE, advanced(game))
        damage(store.path(AUTOSAVE))
        store.write(AUTOSAVE, game)
        store.delete(AUTOSAVE)
    assert store.exists("autosave-recovered") and store.exists("autosave-recovered-2")


# --- plain mode resumes a backup and a named slot ---------------------------------------------


def test_continue_backup_and_slot_in_plain_mode(tmp_path, monkeypatch, capsys):
    store = SaveStore(tmp_path)
    game = Game.new(EXTREME)
    store.write(AUTOSAVE, game)
    store.write(AUTOSAVE, advanced(game))
    store.write("mine", advanced(game))
    damage(store.path(AUTOSAVE))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["continue", "--plain", "--saves", str(tmp_path)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "trustquest continue --backup --plain" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["continue", "--plain", "--backup", "--saves", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "from the backup of 'autosave' (turn 0)" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["continue", "--plain", "--slot", "Mine", "--saves", str(tmp_path)]) == 0
    assert "from 'mine' (turn 2)" in " ".join(capsys.readouterr().out.split())
    assert main(["continue", "--plain", "--slot", "nope", "--saves", str(tmp_path)]) == 1
    assert "no save called 'nope'" in capsys.readouterr().err
    assert main(["continue", "--plain", "--slot", "***", "--saves", str(tmp_path)]) == 2


def test_continue_is_documented_in_help(capsys):
    assert main(["continue", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--slot NAME" in out and "--backup" in out


def test_a_slot_this_store_wrote_becomes_the_backup_without_a_full_read(store, monkeypatch):
    """The autosave after every choice: the slot still holds exactly what this
    store wrote, so it is known good and is not parsed again."""
    game = Game.new(EXTREME)
    store.write(AUTOSAVE, game)
    first = store.path(AUTOSAVE).read_bytes()

    def no_read(*_args, **_kwargs):
        raise AssertionError("a slot this store wrote was read again")

    monkeypatch.setattr(SaveStore, "read", no_read)
    store.write(AUTOSAVE, advanced(game))
    assert store.path(AUTOSAVE, backup=True).read_bytes() == first


def test_a_slot_changed_behind_the_stores_back_is_checked_again(store):
    """Edited (or damaged) since this store wrote it: it is read in full, and a
    damaged one is set aside, never made the backup."""
    game = Game.new(EXTREME)
    store.write(AUTOSAVE, game)
    store.write(AUTOSAVE, advanced(game))
    good_backup = store.path(AUTOSAVE, backup=True).read_bytes()
    path = store.path(AUTOSAVE)
    path.write_bytes(path.read_bytes().replace(b"checksum", b"chucksum", 1))
    store.write(AUTOSAVE, advanced(game))
    assert "could not be read" in " ".join(store.take_notices())
    assert any(p.name.startswith("autosave.damaged-") for p in store.folder.iterdir())
    # The last good version is a save of its own; the new autosave is whole.
    assert store.path("autosave-recovered").read_bytes() == good_backup
    store.read(AUTOSAVE)
