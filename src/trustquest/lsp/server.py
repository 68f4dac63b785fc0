"""`trustquest lsp`: the language server, over stdio.

This module only wires LSP messages to the modules that answer them
(documents, diagnostics, completion, navigation, hover, actions). Every request is
answered without a traceback reaching the author: a refused rename is an
error message, anything unexpected is logged and answered with nothing.
"""

from __future__ import annotations

import functools
import logging
import sys

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer

from trustquest import __version__
from trustquest.lsp import actions, completion, hover, navigation
from trustquest.lsp.diagnostics import Publisher
from trustquest.lsp.documents import Documents

log = logging.getLogger("trustquest.lsp")

#: Characters after which editors should ask for completions by themselves.
TRIGGERS = ['"', ".", "{", "["]


class TrustQuestServer(LanguageServer):
    def __init__(self, delay: float = 0.1):
        super().__init__("trustquest", __version__)
        self.documents = Documents()
        self.publisher = Publisher(self.documents, self._publish, delay)

    def _publish(self, uri: str, version: int | None, diagnostics: list) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def refresh(self, uri: str, immediate: bool) -> None:
        doc = self.workspace.get_text_document(uri)
        self.documents.update(uri, doc.version if doc.version is not None else 0, doc.source)
        self.publisher.schedule(uri, immediate=immediate)

    def capability(self, *path, default=False):
        node = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                return default
        return node


def _answer(default):
    """Run a request handler; a bug answers `default` and is logged, never shown."""

    def wrap(handler):
        @functools.wraps(handler)
        def run(params):
            try:
                return handler(params)
            except navigation.Refused as exc:
                raise JsonRpcInvalidRequest(str(exc)) from None
            except Exception:
                log.exception("%s failed", handler.__name__)
                return default

        return run

    return wrap


def create_server(delay: float = 0.1) -> TrustQuestServer:
    server = TrustQuestServer(delay)
    docs = server.documents

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        docs.encoding = server.workspace.position_encoding or types.PositionEncodingKind.Utf16

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.refresh(params.text_document.uri, immediate=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.refresh(params.text_document.uri, immediate=False)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        docs.close(params.text_document.uri)
        server.publisher.closed(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS)
    )
    @_answer([])
    def complete(params: types.CompletionParams):
        snap = docs.get(params.text_document.uri)
        if snap is None or not snap.is_scenario:
            return []
        index = docs.names_index(params.text_document.uri, params.position.line)
        snippets = bool(
            server.capability("text_document", "completion", "completion_item", "snippet_support")
        )
        return completion.complete(snap.lines, index, params.position, snippets)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_answer([])
    def definition(params: types.DefinitionParams):
        snap = docs.indexed(params.text_document.uri)
        return navigation.definition(snap, params.position) if snap else []

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @_answer([])
    def references(params: types.ReferenceParams):
        snap = docs.indexed(params.text_document.uri)
        if snap is None:
            return []
        return navigation.references(snap, params.position, params.context.include_declaration)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    @_answer([])
    def highlight(params: types.DocumentHighlightParams):
        snap = docs.indexed(params.text_document.uri)
        return navigation.highlights(snap, params.position) if snap else []

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @_answer(None)
    def prepare_rename(params: types.PrepareRenameParams):
        snap = docs.indexed(params.text_document.uri)
        return navigation.prepare_rename(snap, params.position) if snap else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    @_answer(None)
    def rename(params: types.RenameParams):
        snap = docs.indexed(params.text_document.uri)
        if snap is None:
            return None
        versioned = bool(server.capability("workspace", "workspace_edit", "document_changes"))
        return navigation.rename(snap, params.position, params.new_name, versioned)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_answer(None)
    def on_hover(params: types.HoverParams):
        snap = docs.get(params.text_document.uri)
        if snap is None or not snap.is_scenario:
            return None
        return hover.hover(docs.indexed(snap.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @_answer([])
    def document_symbols(params: types.DocumentSymbolParams):
        snap = docs.indexed(params.text_document.uri)
        return navigation.symbols(snap) if snap else []

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @_answer([])
    def code_actions(params: types.CodeActionParams):
        snap = docs.get(params.text_document.uri)
        if snap is None:
            return []
        return actions.quick_fixes(snap.uri, snap.lines, list(params.context.diagnostics))

    @server.feature(types.SHUTDOWN)
    def shutdown(params) -> None:
        server.publisher.shutdown()

    return server


class _NoTracebackForRefusals(logging.Filter):
    """pygls logs every error answer with its traceback; a refused rename is the
    author's mistake, not a bug, so it is logged as one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, JsonRpcInvalidRequest):
            record.exc_info, record.exc_text = None, None
            record.msg, record.args = "refused: %s", (exc.message,)
        return True


def main(argv: list[str] | None = None) -> int:
    """Serve one client over stdin/stdout until it exits."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_NoTracebackForRefusals())
    create_server().start_io()
    return 0
