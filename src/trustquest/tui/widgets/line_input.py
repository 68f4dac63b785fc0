"""A one-line text field whose value is always clean: a paste that carries
escape sequences, line breaks or invisible characters keeps only the text."""

from __future__ import annotations

from textual.widgets import Input

from trustquest.engine.text import clean_line


class LineInput(Input):
    def validate_value(self, value: str) -> str:
        return clean_line(value)
