"""`trustquest lsp` end to end: pytest-lsp starts the real server over stdio
and drives it as an editor would."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from trustquest.catalog import builtin_dir

SMALL = Path(__file__).parent / "fixtures_lsp" / "small.toml"
TEXT = SMALL.read_text(encoding="utf-8")
URI = "file:///stories/small.toml"


def _recording_client() -> LanguageClient:
    """The standard test client, also keeping every publishDiagnostics in order."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: T.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    register_lsp_features(
        client, {**DEFAULT_CLIENT_FEATURES, T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
    )
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "trustquest", "lsp"],
        client_factory=_recording_client,
    )
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        T.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


# --- helpers -------------------------------------------------------------------------


def at(text: str, needle: str, offset: int = 0, nth: int = 0) -> T.Position:
    """The position `offset` characters into the nth occurrence of `needle`."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    i += offset
    line = text.count("\n", 0, i)
    return T.Position(line=line, character=i - (text.rfind("\n", 0, i) + 1))


def span_text(text: str, rng: T.Range) -> str:
    lines = text.split("\n")
    assert rng.start.line == rng.end.line
    return lines[rng.start.line][rng.start.character : rng.end.character]


async def published(client: LanguageClient, uri: str, version: int, timeout: float = 20):
    """Wait until diagnostics for `version` arrive; return them."""

    async def wait():
        while True:
            for params in reversed(client.published):
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), timeout)


def open_doc(client: LanguageClient, text: str, uri: str = URI, version: int = 1) -> None:
    client.text_document_did_open(
        T.DidOpenTextDocumentParams(
            text_document=T.TextDocumentItem(
                uri=uri, language_id="toml", version=version, text=text
            )
        )
    )


def change(client: LanguageClient, text: str, version: int, uri: str = URI) -> None:
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def complete(client: LanguageClient, text: str, pos: T.Position) -> list[T.CompletionItem]:
    result = await client.text_document_completion_async(
        T.CompletionParams(text_document=T.TextDocumentIdentifier(uri=URI), position=pos)
    )
    items = result.items if isinstance(result, T.CompletionList) else result
    return items or []


def labels(items) -> list[str]:
    return [i.label for i in items]


DOC = T.TextDocumentIdentifier(uri=URI)


# --- diagnostics ---------------------------------------------------------------------


async def test_diagnostics_on_open_have_codes_places_and_hints(client: LanguageClient):
    broken = TEXT.replace('goto = "apart"', 'goto = "aprat"')
    open_doc(client, broken)
    diags = await published(client, URI, 1)
    assert [d.code for d in diags] == ["TQ201"]
    d = diags[0]
    assert d.severity == T.DiagnosticSeverity.Error
    assert d.source == "trustquest"
    assert span_text(broken, d.range) == '"aprat"'
    assert "hint:" in d.message and "apart" in d.message.split("hint:")[1]


async def test_diagnostics_follow_the_newest_version(client: LanguageClient):
    open_doc(client, TEXT)
    assert await published(client, URI, 1) == []
    # Three quick edits: the middle one breaks the file, the last one mends it.
    change(client, TEXT.replace('goto = "porch"', 'goto = "porhc"', 1), 2)
    change(client, TEXT.replace('tone = "hopeful"', 'tone = "sunny"'), 3)
    change(client, TEXT, 4)
    assert await published(client, URI, 4) == []
    versions = [p.version for p in client.published if p.uri == URI]
    assert versions == sorted(versions), "an older result was published over a newer one"
    # A later edit still gets its own diagnostics, on the changed text.
    change(client, TEXT.replace('tone = "hopeful"', 'tone = "sunny"'), 5)
    diags = await published(client, URI, 5)
    assert [d.code for d in diags] == ["TQ104"]
    assert client.published[-1].version == 5


async def test_warnings_are_faded_or_underlined_with_their_severity(client: LanguageClient):
    text = (
        TEXT
        + '\n[scenes.lonely]\ntext = "x"\n[[scenes.lonely.choices]]\ntext = "y"\ngoto = "end"\n'
    )
    open_doc(client, text)
    diags = await published(client, URI, 1)
    unreachable = [d for d in diags if d.code == "TQ401"]
    assert unreachable and unreachable[0].severity == T.DiagnosticSeverity.Warning
    assert T.DiagnosticTag.Unnecessary in unreachable[0].tags


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "TQ003"),
        ("\x00\x01\x02 binary \ud800 junk", "TQ002"),
        ("[scenes\nx = = 1 ]]]", "TQ001"),
        ('format = 1\ntext = """never closed\n', "TQ001"),
        ("a = 1\n" + "#" * 4_300_000, "TQ002"),
    ],
    ids=["empty", "binary", "broken", "unclosed", "huge"],
)
async def test_any_document_gets_diagnostics_and_the_server_keeps_answering(
    client: LanguageClient, text: str, code: str
):
    open_doc(client, text)
    diags = await published(client, URI, 1)
    assert code in [d.code for d in diags]
    # Every request still gets an answer, never an error.
    pos = T.Position(line=0, character=1)
    await client.text_document_hover_async(T.HoverParams(text_document=DOC, position=pos))
    await complete(client, text, pos)
    await client.text_document_document_symbol_async(T.DocumentSymbolParams(text_document=DOC))
    await client.text_document_definition_async(T.DefinitionParams(text_document=DOC, position=pos))
    assert not any(m.type == T.MessageType.Error for m in client.messages)


async def test_close_clears_the_diagnostics(client: LanguageClient):
    open_doc(client, TEXT.replace('goto = "apart"', 'goto = "nowhere"'))
    assert await published(client, URI, 1)
    client.text_document_did_close(T.DidCloseTextDocumentParams(text_document=DOC))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.published[-1].diagnostics) == []


# --- completion ----------------------------------------------------------------------


async def test_completion_of_goto_offers_scenes_endings_and_end(client: LanguageClient):
    text = TEXT.replace('goto = "apart"', 'goto = "')
    open_doc(client, text)
    items = await complete(client, text, at(text, 'goto = "\n', 8))
    assert labels(items) == ["kitchen", "porch", "together", "apart", "end"]
    porch = items[1]
    assert porch.text_edit.new_text == "porch"
    assert items[2].detail == "ending · hopeful · Together"
    # Without the opening quote, the quotes are inserted too.
    text = TEXT.replace('goto = "apart"', "goto = ")
    open_doc(client, text, version=2)
    items = await complete(client, text, at(text, "goto = \n", 7))
    assert items[0].text_edit.new_text == '"kitchen"'


async def test_completion_of_meters_in_effects(client: LanguageClient):
    text = TEXT.replace("their_trust = { communication = -3 }", "their_trust = { comm")
    open_doc(client, text)
    items = await complete(client, text, at(text, "{ comm", 6))
    names = labels(items)
    assert names[0] == "closeness"  # the scenario's own meter first
    assert set(names[1:]) == {
        "communication",
        "consistency",
        "vulnerability",
        "reliability",
        "forgiveness",
        "transparency",
        "respect",
        "boundaries",
    }
    assert "trust" not in names  # derived: never set
    comm = next(i for i in items if i.label == "communication")
    assert comm.text_edit.new_text == "communication = "
    assert span_text(text, comm.text_edit.range) == "comm"


async def test_completion_in_conditions(client: LanguageClient):
    base = 'if = "flags.promised and their.reliability >= 40"'
    for typed, expected, absent in [
        ('if = "their.', {"reliability", "closeness", "trust"}, {"promised"}),
        ('if = "flags.', {"promised"}, {"reliability"}),
        ('if = "visited.', {"kitchen", "porch"}, {"together"}),
        ('if = "turn > 2 and ', {"their.", "flags.", "not", "turn"}, {"kitchen"}),
    ]:
        text = TEXT.replace(base, typed)
        open_doc(client, text, version=len(typed))
        names = set(labels(await complete(client, text, at(text, typed, len(typed)))))
        assert expected <= names, typed
        assert not names & absent, typed


async def test_completion_of_flags_in_sets_and_clears(client: LanguageClient):
    text = TEXT.replace('goto = "kitchen"', 'goto = "kitchen"\nclears = ["')
    open_doc(client, text)
    items = await complete(client, text, at(text, 'clears = ["', 11))
    assert labels(items) == ["promised"]
    assert items[0].detail == "flag, set in kitchen"


async def test_completion_of_placeholders_in_text(client: LanguageClient):
    text = TEXT.replace("{partner} is at the sink.", "{part is at the sink.")
    open_doc(client, text)
    items = await complete(client, text, at(text, "{part", 5))
    partner = next(i for i in items if i.label == "{partner}")
    assert partner.text_edit.new_text == "{partner}"
    assert span_text(text, partner.text_edit.range) == "{part"
    they = next(i for i in items if i.label == "{they}")
    assert "she" in they.detail and "he" in they.detail
    # A doubled brace is a literal brace, not a placeholder.
    text = TEXT.replace("{partner} is at the sink.", "{{part is at the sink.")
    open_doc(client, text, version=2)
    assert await complete(client, text, at(text, "{{part", 6)) == []
    # Conditions and ids take no placeholders.
    assert await complete(client, text, at(text, 'goto = "porch"', 7)) != items


async def test_completion_of_keys_from_the_format(client: LanguageClient):
    text = TEXT.replace('goto = "apart"', 'goto = "apart"\nbr')
    open_doc(client, text)
    items = await complete(client, text, at(text, "\nbr", 3))
    names = labels(items)
    # A choice's keys, minus the ones it already has.
    assert "breach" in names and "later" in names and "their_trust" in names
    assert "text" not in names and "goto" not in names
    breach = next(i for i in items if i.label == "breach")
    assert "betrayal" in breach.documentation.value
    assert breach.text_edit.new_text.startswith("breach = ")
    # Headers: a scene's arrays of tables.
    text = TEXT + "\n[[scen"
    open_doc(client, text, version=2)
    items = await complete(client, text, T.Position(line=text.count("\n"), character=6))
    assert "scenes.porch.choices" in labels(items)
    assert "scenes.porch.variants" in labels(items)


# --- navigation ----------------------------------------------------------------------


async def test_definition_of_goto_flag_and_meters(client: LanguageClient):
    open_doc(client, TEXT)

    async def define(needle, offset, nth=0):
        return await client.text_document_definition_async(
            T.DefinitionParams(text_document=DOC, position=at(TEXT, needle, offset, nth))
        )

    [loc] = await define('goto = "porch"', 9)
    assert loc.range.start == at(TEXT, "[scenes.porch]", 8)
    assert span_text(TEXT, loc.range) == "porch"
    [loc] = await define("flags.promised", 8)
    assert loc.range.start == at(TEXT, 'sets = ["promised"]', 9)
    [loc] = await define("closeness = 2", 3)
    assert loc.range.start == at(TEXT, "[meters.closeness]", 8)
    [loc] = await define("reliability = 4", 3)
    assert loc.uri.endswith("engine/lessons.py")
    glossary = Path(loc.uri.removeprefix("file://")).read_text().split("\n")
    assert glossary[loc.range.start.line].strip().startswith('"reliability":')
    endings = await define('goto = "end"', 8)
    assert [span_text(TEXT, e.range) for e in endings] == ["together", "apart"]


async def test_references_of_a_scene(client: LanguageClient):
    open_doc(client, TEXT)
    refs = await client.text_document_references_async(
        T.ReferenceParams(
            text_document=DOC,
            position=at(TEXT, "[scenes.porch]", 9),
            context=T.ReferenceContext(include_declaration=False),
        )
    )
    lines = sorted(r.range.start.line for r in refs)
    assert lines == sorted(
        [at(TEXT, 'goto = "porch"', 8, n).line for n in (0, 1)] + [at(TEXT, "visited.porch").line]
    )
    # The editor highlights the same places, the headers marked as written.
    marks = await client.text_document_document_highlight_async(
        T.DocumentHighlightParams(text_document=DOC, position=at(TEXT, "visited.porch", 9))
    )
    writes = sorted(m.range.start.line for m in marks if m.kind == T.DocumentHighlightKind.Write)
    reads = sorted(m.range.start.line for m in marks if m.kind == T.DocumentHighlightKind.Read)
    assert reads == lines
    assert writes == [at(TEXT, "[scenes.porch]").line] + [
        at(TEXT, "[[scenes.porch.choices]]", 0, n).line for n in range(3)
    ]


async def test_rename_a_scene_everywhere(client: LanguageClient):
    open_doc(client, TEXT)
    pos = at(TEXT, 'goto = "kitchen"', 10)
    prepared = await client.text_document_prepare_rename_async(
        T.PrepareRenameParams(text_document=DOC, position=pos)
    )
    assert prepared.placeholder == "kitchen"
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=DOC, position=pos, new_name="sink")
    )
    [doc_edit] = edit.document_changes
    assert doc_edit.text_document.version == 1
    renamed = apply(TEXT, doc_edit.edits)
    assert not re.search(r"[\".]kitchen[\".\]]", renamed)
    assert 'start = "sink"' in renamed and "[scenes.sink]" in renamed
    assert "[[scenes.sink.choices]]" in renamed and 'goto = "sink"' in renamed
    # The renamed story still validates.
    change(client, renamed, 2)
    assert await published(client, URI, 2) == []


async def test_rename_of_visited_and_of_an_ending(client: LanguageClient):
    open_doc(client, TEXT)
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=DOC, position=at(TEXT, "visited.porch", 9), new_name="stoop")
    )
    renamed = apply(TEXT, edit.document_changes[0].edits)
    assert "visited.stoop" in renamed and "[scenes.stoop]" in renamed
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=DOC, position=at(TEXT, "[endings.apart]", 9), new_name="alone")
    )
    renamed = apply(TEXT, edit.document_changes[0].edits)
    assert 'goto = "alone"' in renamed and "[endings.alone]" in renamed


@pytest.mark.parametrize(
    "needle, offset, new_name, reason",
    [
        ("[scenes.porch]", 9, "Porch!", "not an id"),
        ("[scenes.porch]", 9, "kitchen", "already a scene `kitchen`"),
        ("[scenes.porch]", 9, "apart", "already a ending `apart`"),
        ("[scenes.porch]", 9, "end", "reserved"),
        ("reliability = 4", 3, "dependability", "built into the game"),
        ('goto = "end"', 8, "finish", "not an id"),
    ],
)
async def test_rename_refuses_with_a_clear_reason(
    client: LanguageClient, needle, offset, new_name, reason
):
    open_doc(client, TEXT)
    with pytest.raises(Exception) as caught:
        await client.text_document_rename_async(
            T.RenameParams(text_document=DOC, position=at(TEXT, needle, offset), new_name=new_name)
        )
    assert reason.split("`")[0] in str(caught.value)


def apply(text: str, edits: list[T.TextEdit]) -> str:
    lines = text.split("\n")
    for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        assert e.range.start.line == e.range.end.line
        line = lines[e.range.start.line]
        lines[e.range.start.line] = (
            line[: e.range.start.character] + e.new_text + line[e.range.end.character :]
        )
    return "\n".join(lines)


# --- hover and symbols ---------------------------------------------------------------


async def hover_text(client: LanguageClient, pos: T.Position) -> str:
    result = await client.text_document_hover_async(T.HoverParams(text_document=DOC, position=pos))
    return result.contents.value if result else ""


async def test_hover_on_pillars_knobs_and_conditions(client: LanguageClient):
    open_doc(client, TEXT)
    text = await hover_text(client, at(TEXT, "reliability = 4", 2))
    assert "Turning up when you said you would" in text and "building pillar" in text
    text = await hover_text(client, at(TEXT, "loss_multiplier", 3))
    assert "breach" in text and "default `1.5`" in text and "1 to 10" in text
    text = await hover_text(client, at(TEXT, "their.reliability >= 40", 1))
    assert "holds when flag `promised` is set and their reliability" in text
    assert "is at least 40" in text
    text = await hover_text(client, at(TEXT, "flags.promised", 8))
    assert "set in `kitchen`" in text
    text = await hover_text(client, at(TEXT, 'goto = "porch"', 9))
    assert "scene `porch`" in text and "Keep the promise." in text
    text = await hover_text(client, at(TEXT, "closeness = 2", 2))
    assert "How near you feel" in text


async def test_document_symbols(client: LanguageClient):
    open_doc(client, TEXT)
    symbols = await client.text_document_document_symbol_async(
        T.DocumentSymbolParams(text_document=DOC)
    )
    assert [(s.name, s.kind) for s in symbols] == [
        ("closeness", T.SymbolKind.Field),
        ("kitchen", T.SymbolKind.Class),
        ("porch", T.SymbolKind.Class),
        ("together", T.SymbolKind.EnumMember),
        ("apart", T.SymbolKind.EnumMember),
    ]
    kitchen = symbols[1]
    assert kitchen.detail == "Monday, 8 pm"
    assert [c.name for c in kitchen.children] == [
        "1. Say you will be home early tomorrow.",
        "2. Say nothing.",
    ]
    assert kitchen.children[0].detail == "→ porch"
    assert symbols[3].detail == "hopeful · Together"


async def test_every_feature_on_a_built_in_story(client: LanguageClient):
    """An author's tour of a real story: no errors, and every feature answers."""
    path = builtin_dir() / "late-again.toml"
    text = path.read_text(encoding="utf-8")
    uri = path.resolve().as_uri()
    doc = T.TextDocumentIdentifier(uri=uri)
    open_doc(client, text, uri=uri)
    assert await published(client, uri, 1) == []
    symbols = await client.text_document_document_symbol_async(
        T.DocumentSymbolParams(text_document=doc)
    )
    assert len([s for s in symbols if s.kind == T.SymbolKind.Class]) >= 20
    [loc] = await client.text_document_definition_async(
        T.DefinitionParams(text_document=doc, position=at(text, 'goto = "heads_up"', 9))
    )
    assert loc.range.start == at(text, "[scenes.heads_up]", 8)
    refs = await client.text_document_references_async(
        T.ReferenceParams(
            text_document=doc,
            position=at(text, 'sets = ["warned_early"]', 10),
            context=T.ReferenceContext(include_declaration=True),
        )
    )
    assert len(refs) >= 2


async def test_other_toml_files_are_left_alone(client: LanguageClient):
    text = '[project]\nname = "something-else"\nversion = "1.0"\n'
    open_doc(client, text)
    assert await published(client, URI, 1) == []
    assert await complete(client, text, T.Position(line=1, character=0)) == []


async def test_quick_fix_puts_the_suggested_name_in_place(client: LanguageClient):
    broken = TEXT.replace('goto = "apart"', 'goto = "aprat"').replace(
        "their.reliability >= 40", "their.relaibility >= 40"
    )
    open_doc(client, broken)
    diags = await published(client, URI, 1)
    assert {d.code for d in diags} == {"TQ201", "TQ302"}
    result = await client.text_document_code_action_async(
        T.CodeActionParams(
            text_document=DOC,
            range=diags[0].range,
            context=T.CodeActionContext(diagnostics=diags),
        )
    )
    assert sorted(a.title for a in result) == ["Change to 'apart'", "Change to 'reliability'"]
    fixed = apply(broken, [e for a in result for e in a.edit.changes[URI]])
    assert fixed == TEXT
