"""Reading a file the game did not write itself (a scenario, a save, the
profile) without hanging or filling memory.

A path may name a FIFO or a device (opening a FIFO for reading waits for a
writer; /dev/zero never ends), a symbolic link to one, or a file that grows
while it is read. `read_limited` opens without blocking, reads only regular
files, and never reads more than its limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


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
