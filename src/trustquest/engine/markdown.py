"""Scenario text: the small Markdown the format allows, read once for every face.

The format promises emphasis, lists and paragraphs, and that anything else
that looks like markup is shown literally (PRODUCT.md §2). `parse` reads that
subset into blocks of lines of styled runs; the full-screen game renders them
as Textual `Content` (`tui/widgets/prose.py`), plain mode and the headless
commands as plain words (`plain_paragraphs`).

- Paragraphs are separated by blank lines; single line breaks inside a
  paragraph are spaces, as in Markdown.
- `*em*` / `_em_` are italic, `**strong**` / `__strong__` bold, `***both***`. `_` inside a
  word (`snake_case`) is a letter, not emphasis. Unclosed marks stay as typed.
- Lines starting with `- `, `* `, `+ ` or `1. ` form a list.
- A backslash before punctuation shows the punctuation (`\\*` is a star).
- Everything else, headings and links and tags included, is text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from trustquest.engine.meters import other
from trustquest.engine.text import fill

_BULLET = re.compile(r"^\s{0,3}([-*+])\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,9})[.)]\s+(.*)$")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")

#: The mark a bulleted list item is shown with.
BULLET = "•"


class Run(NamedTuple):
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


class Line(NamedTuple):
    """A paragraph, or one list item (`mark` is "•" or "3." for those, else "")."""

    mark: str
    runs: tuple[Run, ...]

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


def escape(text: str) -> str:
    """Backslash-escape punctuation, so a player's typed name stays literal
    when it is put into scenario text."""
    return _SPECIAL.sub(r"\\\1", text)


def fill_literal(game, text: str, reader: str) -> str:
    """Scenario text as `reader` reads it, still Markdown: placeholders filled
    in, with the players' names escaped so they show exactly as typed."""
    s = game.state
    partner = other(reader)
    return fill(text, escape(s.names[reader]), escape(s.names[partner]), s.pronouns[partner])


def parse(text: str) -> list[list[Line]]:
    """Scenario text (already filled in) as blocks: a block is one paragraph,
    or the items of one list."""
    out: list[list[Line]] = []
    for block in _blocks(text):
        items = [_item(line) for line in block]
        if all(item is not None for item in items):
            out.append([Line(mark, _inline(body)) for mark, body in items])
        else:
            out.append([Line("", _inline(" ".join(line.strip() for line in block)))])
    return out


def plain_paragraphs(text: str) -> list[str]:
    """Scenario text as plain words, one string per paragraph or list item:
    emphasis marks dropped (a screen reader reads them out as "star"),
    escapes resolved, soft line breaks joined."""
    return [
        f"{line.mark} {line.plain}" if line.mark else line.plain
        for block in parse(text)
        for line in block
    ]


def plain_text(text: str) -> str:
    """Scenario text as one plain line (a choice, a quote): see `plain_paragraphs`."""
    return " ".join(plain_paragraphs(text))


def sentence(text: str) -> str:
    """A label, reason or quoted choice as a sentence: a full stop added
    unless it ends in one (or in ! ? …)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.strip().splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _item(line: str) -> tuple[str, str] | None:
    m = _BULLET.match(line)
    if m:
        return BULLET, m.group(2)
    m = _NUMBERED.match(line)
    if m:
        return f"{m.group(1)}.", m.group(2)
    return None


def _inline(text: str) -> tuple[Run, ...]:
    """Emphasis and escapes in one paragraph or list item."""
    tokens = _tokens(text)
    _pair(tokens)
    runs: list[Run] = []
    bold = italic = 0
    for kind, value in tokens:
        if kind in ("open", "close"):
            step = 1 if kind == "open" else -1
            if len(value) == 2:
                bold += step
            else:
                italic += step
            continue
        runs.append(Run(value, bold > 0, italic > 0))
    return tuple(runs)


def _tokens(text: str) -> list[list[str]]:
    """[kind, value] with kind "text" or "delim" (a run of * or _ that may
    open or close emphasis; `_pair` decides)."""
    tokens: list[list[str]] = []
    buffer: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _PUNCT:
            buffer.append(text[i + 1])
            i += 2
            continue
        if ch in "*_":
            j = i
            while j < n and text[j] == ch:
                j += 1
            run = text[i:j]
            before = text[i - 1] if i > 0 else " "
            after = text[j] if j < n else " "
            can_open = not after.isspace()
            can_close = not before.isspace()
            if ch == "_":  # inside a word, an underscore is just a letter
                can_open = can_open and not before.isalnum()
                can_close = can_close and not after.isalnum()
            if len(run) <= 3 and (can_open or can_close):
                if buffer:
                    tokens.append(["text", "".join(buffer)])
                    buffer = []
                # *** is both: opened as ** then *, closed as * then **.
                runs = [run] if len(run) < 3 else ([ch, ch * 2] if can_close else [ch * 2, ch])
                for part in runs:
                    tokens.append(["delim", part, can_open, can_close])
            else:
                buffer.append(run)
            i = j
            continue
        buffer.append(ch)
        i += 1
    if buffer:
        tokens.append(["text", "".join(buffer)])
    return tokens


def _pair(tokens: list[list]) -> None:
    """Turn matching delimiter runs into open/close marks; the rest is text."""
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token[0] != "delim":
            continue
        _, run, can_open, can_close = token
        match = None
        if can_close:
            for depth in range(len(stack) - 1, -1, -1):
                if tokens[stack[depth]][1] == run:
                    match = depth
                    break
        if match is not None:
            opener = stack[match]
            # Marks opened inside this pair and never closed are text.
            for inner in stack[match + 1 :]:
                tokens[inner][:] = ["text", tokens[inner][1]]
            del stack[match:]
            tokens[opener][:] = ["open", run]
            token[:] = ["close", run]
        elif can_open:
            stack.append(index)
        else:
            token[:] = ["text", run]
    for index in stack:
        tokens[index][:] = ["text", tokens[index][1]]
