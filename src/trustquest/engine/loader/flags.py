"""Which flags are read and which are set, and the warnings about the two.

Flags named by parts that failed to load count as read or set, but are never
warned about themselves. When a failed part could have named flags we cannot
see (`later = 5`), the warnings that depend on it are skipped.
"""

from __future__ import annotations

import re

from trustquest.engine.loader.shape import CONDITION_KEYS
from trustquest.engine.loader.suggestions import did_you_mean

FLAG_READ = re.compile(r"\bflags\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
# Keys whose values hold choices, and so flags and gotos.
_HOLDERS = ("scenes", "endings", "choices", "variants", "later", "events")


class FlagUse:
    def __init__(self, reads_unknown: bool = False):
        self.reads: dict[str, tuple] = {}  # flag -> (path, sub) of first read
        self.sets: dict[str, tuple] = {}
        self.salvaged_reads: set[str] = set()
        self.salvaged_sets: set[str] = set()
        self.reads_unknown = reads_unknown
        self.sets_unknown = False

    def read(self, name: str, path: tuple, sub) -> None:
        self.reads.setdefault(name, (path, sub))

    def set_by(self, names, path: tuple) -> None:
        for i, name in enumerate(names):
            self.sets.setdefault(name, (path + ("sets", i), None))

    def salvage_source(self, source: str) -> None:
        """A condition that does not compile still reads its flags."""
        self.salvaged_reads.update(FLAG_READ.findall(source))

    def salvage(self, dropped) -> None:
        """Read the flags named in parts that failed the structural pass."""
        for path, raw, meant in dropped:
            if path and path[0] in ("scenes", "endings"):
                holder = meant in _HOLDERS or (
                    len(path) >= 2 and path[-2] in ("scenes", "endings", "choices", "variants")
                )
                self._salvage(raw, meant, holder)

    def _salvage(self, raw, key, holder: bool) -> None:
        if key in CONDITION_KEYS:
            if isinstance(raw, str):
                self.salvaged_reads.update(FLAG_READ.findall(raw))
            else:
                self.reads_unknown = True
        elif key == "sets":
            for item in raw if isinstance(raw, list) else [raw]:
                if isinstance(item, str):
                    self.salvaged_sets.add(item)
                else:
                    self.sets_unknown = True
        elif isinstance(raw, dict):
            for k, v in raw.items():
                self._salvage(v, k, k in _HOLDERS)
        elif isinstance(raw, list):
            for item in raw:
                self._salvage(item, key, holder)
        elif holder:  # e.g. `later = 5`: whatever it meant to set or read is unknown
            self.reads_unknown = self.sets_unknown = True

    def warn(self, report) -> None:
        """TQ402 (read, never set) and TQ403 (set, never read)."""
        for flag, (path, sub) in self.reads.items():
            if self.sets_unknown:
                break
            if flag not in self.sets and flag not in self.salvaged_sets:
                report(
                    "TQ402",
                    f"flag '{flag}' is read but never set, so it is always false",
                    path,
                    sub=sub,
                    hint=lambda flag=flag: did_you_mean(flag, sorted(self.sets)),
                )
        for flag, (path, _) in self.sets.items():
            if self.reads_unknown:
                break
            if flag not in self.reads and flag not in self.salvaged_reads:
                report(
                    "TQ403",
                    f"flag '{flag}' is set but never read",
                    path,
                    hint=lambda flag=flag: (
                        did_you_mean(flag, sorted(self.reads))
                        or "read it in an `if`, `when` or `unless`, or remove it"
                    ),
                )
