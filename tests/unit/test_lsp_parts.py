"""The language server's parts, without a client: positions, the cursor's
context, the index and the scenario gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as T

from trustquest.engine.loader import check_bytes
from trustquest.lsp import context as ctx
from trustquest.lsp import index as idx
from trustquest.lsp.diagnostics import to_lsp
from trustquest.lsp.documents import Lines, is_scenario

SMALL = (Path(__file__).parents[1] / "functional" / "fixtures_lsp" / "small.toml").read_text()


def test_columns_are_utf16_units_for_editors_and_bytes_for_the_parse():
    lines = Lines('text = "🙂 é"\ngoto = "x"')
    # 🙂 is one character, two UTF-16 units and four UTF-8 bytes.
    assert lines.position(0, 10) == T.Position(line=0, character=11)
    assert lines.to_chars(T.Position(line=0, character=11)) == (0, 10)
    assert lines.to_point(T.Position(line=0, character=11)) == (0, 13)
    assert lines.range(idx.Span(0, 8, 0, 12)) == T.Range(
        start=T.Position(line=0, character=8), end=T.Position(line=0, character=10)
    )
    utf32 = Lines('text = "🙂 é"', T.PositionEncodingKind.Utf32)
    assert utf32.position(0, 10) == T.Position(line=0, character=10)
    # Positions past the end are clamped, never an error.
    assert lines.to_chars(T.Position(line=99, character=99)) == (1, 10)


def test_a_diagnostic_lands_on_its_text_after_a_bom_and_an_emoji():
    text = "\ufeff" + SMALL.replace(
        'goto = "apart"',
        'goto = "apart"\nlater = { text = "🙂🙂", after = 1, unless = "flags.x or" }',
    )
    _, diags = check_bytes(text.encode("utf-8"), "x.toml")
    [d] = [d for d in diags if d.code == "TQ301"]
    lsp = to_lsp(d, Lines(text), bom=True)
    line = text.split("\n")[lsp.range.start.line]
    # The editor's UTF-16 range covers the characters the validator points at.
    units = line.encode("utf-16-le")
    shown = units[lsp.range.start.character * 2 : lsp.range.end.character * 2].decode("utf-16-le")
    assert shown == line[d.col - 1 : d.end_col - 1]
    assert shown.strip()
    # On the BOM's own line, columns move past the BOM.
    _, diags = check_bytes(("\ufeff" + "format = 2\n").encode(), "x.toml")
    lsp = to_lsp(diags[0], Lines("\ufeffformat = 2\n"), bom=True)
    assert lsp.range.start.character >= 1


@pytest.mark.parametrize(
    "before, kind, path, word",
    [
        ('[scenario]\nstart = "de', ctx.STRING, ("scenario", "start"), "de"),
        ('[scenes.a]\ntext = """\nHello {par', ctx.STRING, ("scenes", "a", "text"), "par"),
        ('[[scenes.a.choices]]\ngoto = "he', ctx.STRING, ("scenes", "a", "choices", "goto"), "he"),
        (
            "[[scenes.a.choices]]\ntheir_trust = { reliability = 2, com",
            ctx.KEY,
            ("scenes", "a", "choices", "their_trust"),
            "com",
        ),
        (
            '[[scenes.a.choices]]\nlater = { after = 2, sets = ["fo',
            ctx.STRING,
            ("scenes", "a", "choices", "later", "sets"),
            "fo",
        ),
        ("[[scenes.a.choices]]\ntext = 'x'\nbre", ctx.KEY, ("scenes", "a", "choices"), "bre"),
        ("[scenes.a]\n[[sce", ctx.HEADER, ("scenes", "a"), "sce"),
        ("[[scenes.a.choices]]\ngoto = ", ctx.VALUE, ("scenes", "a", "choices", "goto"), ""),
    ],
)
def test_the_cursor_context(before, kind, path, word):
    lines = before.split("\n")
    where = ctx.at(lines, len(lines) - 1, len(lines[-1]))
    assert (where.kind, where.path, where.word) == (kind, path, word)


def test_no_context_after_a_finished_value_or_in_a_comment():
    for before in ('[scenes.a]\ntext = "done" ', "[scenes.a]\ntext = 1 # a note"):
        lines = before.split("\n")
        assert ctx.at(lines, 1, len(lines[1])) is None
    lines = ['text = """', "a", '"""', "x = 1"]
    assert ctx.at(lines, 2, 3) is None  # after the closing delimiter


def test_the_index_names_everything_a_story_names():
    index = idx.build(SMALL)
    assert list(index.scenes) == ["kitchen", "porch"]
    assert list(index.endings) == ["together", "apart"]
    assert list(index.meters) == ["closeness"]
    roles = {(m.kind, m.name, m.role) for m in index.mentions}
    assert (idx.NODE, "kitchen", idx.START) in roles
    assert (idx.NODE, "porch", idx.VISITED) in roles
    assert (idx.NODE, "end", idx.GOTO) in roles
    assert (idx.FLAG, "promised", idx.SET) in roles
    assert (idx.FLAG, "promised", idx.READ) in roles
    assert (idx.METER, "closeness", idx.EFFECT) in roles
    assert (idx.METER, "closeness", idx.FOCUS) in roles
    assert (idx.METER, "reliability", idx.READ) in roles
    kitchen = index.scenes["kitchen"]
    assert [(c.text, c.goto) for c in kitchen.choices] == [
        ("Say you will be home early tomorrow.", "porch"),
        ("Say nothing.", "porch"),
    ]
    assert kitchen.fields["time"] == "Monday, 8 pm"


def test_inline_tables_and_dotted_keys_are_indexed_too():
    text = (
        'format = 1\n[scenes]\nhall.text = "x"\n'
        'hall.choices = [{ text = "go", goto = "yard", sets = ["left"] }]\n'
        '[scenes."yard"]\ntext = "y"\n'
    )
    index = idx.build(text)
    assert list(index.scenes) == ["hall", "yard"]
    assert index.scenes["hall"].choices[0].goto == "yard"
    assert ("left", idx.SET) in {(m.name, m.role) for m in index.mentions if m.kind == idx.FLAG}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("[]{}\"'=.,#\n abc_1\\\x00🙂"), max_size=200))
def test_the_index_never_fails_on_any_text(text):
    index = idx.build(text)
    for m in index.mentions:
        assert m.span.row <= m.span.end_row


def test_other_toml_files_are_not_scenarios():
    assert is_scenario("")
    assert is_scenario("\x00\x01 binary")
    assert is_scenario("[scenes\n broken")
    assert is_scenario(SMALL)
    assert is_scenario('[scenes.a]\ntext = "x"\n')
    assert not is_scenario('[project]\nname = "x"\n')
    assert not is_scenario('[package]\nname = "x"\nedition = "2021"\n')


def test_the_outline_shows_each_scene_table_in_file_order():
    from trustquest.lsp.documents import Snapshot
    from trustquest.lsp.navigation import symbols

    text = SMALL.replace(
        '[[scenes.kitchen.choices]]\ntext = "Say you will',
        '[[scenes.kitchen.variants]]\nif = "visited.porch"\ntext = "Again."\n\n'
        '[[scenes.kitchen.choices]]\ntext = "Say you will',
    )
    kitchen = next(s for s in symbols(Snapshot("file:///x.toml", 1, text)) if s.name == "kitchen")
    assert [(c.name, c.detail) for c in kitchen.children] == [
        ("variant 1", "if visited.porch"),
        ("1. Say you will be home early tomorrow.", "→ porch"),
        ("2. Say nothing.", "→ porch"),
    ]
    for child in kitchen.children:  # every child lies inside its scene
        assert kitchen.range.start.line <= child.range.start.line <= kitchen.range.end.line


def test_keys_below_the_cursor_count_as_present_too():
    lines = ["[[scenes.a.choices]]", "re", 'text = """', "goto = not a key", '"""', 'goto = "b"']
    where = ctx.at(lines, 1, 2)
    assert where.kind == ctx.KEY and set(where.present) == {"text", "goto"}
    lines = ["[scenes.a]", 'text = """', "x", "", '"""', "[[scenes.a.choices]]", "text = 'y'"]
    assert ctx.at(lines, 3, 0).kind == ctx.STRING
    assert ctx.at(lines, 6, 0).present == ()
