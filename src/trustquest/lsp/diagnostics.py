"""Diagnostics as the author types: the validator's own results (codes,
severities, hints, places), turned into LSP diagnostics and published for the
version they were computed from, never over a newer one.

Validation runs on one worker thread after a short pause in typing, so a
burst of keystrokes costs one validation, and requests keep being answered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types

from trustquest.engine.diagnostics import Diagnostic
from trustquest.engine.loader import check_bytes
from trustquest.lsp.documents import Documents, Lines, Snapshot

log = logging.getLogger(__name__)

SOURCE = "trustquest"
#: Codes whose span is dead text: editors fade it rather than underline it.
_UNNECESSARY = frozenset(("TQ401", "TQ403"))


def to_lsp(d: Diagnostic, lines: Lines, bom: bool = False) -> types.Diagnostic:
    """One validator diagnostic -> an LSP one. The hint goes into the message
    (every client shows it) and into `data` for tools."""

    def pos(line: int, col: int) -> types.Position:
        row = max(line, 1) - 1
        char = max(col, 1) - 1 + (1 if bom and row == 0 else 0)
        return lines.position(row, char)

    start = pos(d.line, d.col)
    end = pos(d.end_line or d.line, d.end_col or d.col + 1)
    if (end.line, end.character) <= (start.line, start.character):
        end = types.Position(line=start.line, character=start.character + 1)
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    return types.Diagnostic(
        range=types.Range(start=start, end=end),
        message=message,
        severity=(
            types.DiagnosticSeverity.Error if d.is_error else types.DiagnosticSeverity.Warning
        ),
        code=d.code,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if d.code in _UNNECESSARY else None,
        data={"hint": d.hint} if d.hint else None,
    )


def check(snap: Snapshot) -> list[types.Diagnostic]:
    """Validate one snapshot. Whatever the text holds (nothing, binary, broken
    or huge), the answer is diagnostics, never an exception."""
    try:
        if not snap.is_scenario:
            return []
        data = snap.text.encode("utf-8", "surrogatepass")
        _, diags = check_bytes(data, snap.path)
        bom = snap.text.startswith("\ufeff")
        return [to_lsp(d, snap.lines, bom) for d in diags]
    except Exception as exc:  # a bug in the validator must not take the editor down
        log.exception("validating %s failed", snap.uri)
        return [
            types.Diagnostic(
                range=types.Range(
                    start=types.Position(line=0, character=0),
                    end=types.Position(line=0, character=1),
                ),
                message=f"trustquest could not check this file ({exc.__class__.__name__}); "
                "please report it with the file attached",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        ]


class Publisher:
    """Validates documents after a pause and publishes the results, in order.

    `publish(uri, version, diagnostics)` is called only when `version` is still
    the document's newest: results for an older text are dropped, because a
    newer validation is already due.
    """

    def __init__(
        self,
        documents: Documents,
        publish: Callable[[str, int | None, list[types.Diagnostic]], None],
        delay: float = 0.1,
    ):
        self.documents = documents
        self.publish = publish
        self.delay = delay
        self._pending: dict[str, asyncio.Task] = {}
        self._published: dict[str, int] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trustquest-check")

    def schedule(self, uri: str, immediate: bool = False) -> None:
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self._pending[uri] = asyncio.ensure_future(self._run(uri, 0 if immediate else self.delay))

    async def _run(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            snap = self.documents.get(uri)
            if snap is None:
                return
            loop = asyncio.get_running_loop()
            diagnostics = await loop.run_in_executor(self._worker, check, snap)
            if self.documents.version(uri) != snap.version:
                return  # the text changed meanwhile: a newer run will publish
            if self._published.get(uri, -1) > snap.version:
                return
            self._published[uri] = snap.version
            self.publish(uri, snap.version, diagnostics)
        except asyncio.CancelledError:
            pass
        finally:
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]

    def closed(self, uri: str) -> None:
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self._published.pop(uri, None)
        self.publish(uri, None, [])

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
