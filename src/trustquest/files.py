"""Reading a file the game did not write itself (a scenario, a save, the
profile) without hanging or filling memory.

A path may name a FIFO or a device (opening a FIFO for reading waits for a
writer; /dev/zero never ends), a symbolic link to one, or a file that grows
while it is read. `read_limited` opens without blocking, reads only regular
files, and never reads more than its limit.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
#: The temporary files `atomic_write` makes: `.NAME.toml.PID.tmp`, where NAME
#: is a slot name (maybe with `.bak`), `profile` or `patterns`.
TEMPORARY = re.compile(r"^\.[a-z0-9_-]{1,40}(?:\.bak)?\.toml\.[0-9]{1,10}\.tmp$")
#: A temporary file younger than this may belong to a game still writing it.
STALE_AFTER = 60.0


class NotARegularFile(OSError):
    """The path names a folder, a FIFO, a device or a socket."""

    def __init__(self, path: str | Path):
        super().__init__(f"{Path(path).name or path} is not a regular file")
        self.strerror = "it is not a regular file"


class FileTooLarge(OSError):
    def __init__(self, size: int, limit: int):
        super().__init__(f"the file is {size:,} bytes; the limit is {limit:,} bytes")
        self.strerror = f"it is {size:,} bytes; the limit is {limit:,} bytes"
        self.size = size
        self.limit = limit


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed).
    Raises NotARegularFile, FileTooLarge (`size` is at least limit + 1 when
    the file grew while read), or the OSError of opening it."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(total, limit)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` holds its old bytes or all the new
    ones, never a mix, whatever fails or however the process ends: a temporary
    file beside it (created anew, never through a link), written in full and
    flushed to the disk, then moved into place; the folder is flushed last."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # left by a killed process that had this one's id
    try:
        fd = os.open(tmp, _WRITE_FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _flush_folder(path.parent)


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable; a folder that cannot be flushed
    (some file systems) still holds the new file."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Delete the temporary files that killed writes left in `folder`: only
    regular files named as `atomic_write` names them, and only those older
    than STALE_AFTER seconds. Returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not TEMPORARY.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= STALE_AFTER:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
