"""A radio button whose state shows in its glyph, not only in its colour:
"● she" when chosen and "○ he" when not, so it reads the same under NO_COLOR."""

from __future__ import annotations

from textual.widgets import RadioButton


class MarkedRadioButton(RadioButton):
    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual reads this class constant
        return "●" if self.value else "○"
