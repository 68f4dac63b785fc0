"""An OptionList whose options wrap to the width they are drawn at.

Textual's OptionList counts each option's wrapped lines once, at the width it
has when the options arrive, and recounts only on a resize. When the list
then grows a scrollbar its text is one cell narrower, an option can wrap to
one more line, and the stale count drops that last line from the screen (a
long choice lost its last words at 80x24). TextArea re-wraps on the same
change; this does the same for options.
"""

from __future__ import annotations

from textual.widgets import OptionList


class WrappedOptionList(OptionList):
    def _watch_show_vertical_scrollbar(self) -> None:
        self._clear_caches()
        self.call_after_refresh(self.scroll_to_highlight)
