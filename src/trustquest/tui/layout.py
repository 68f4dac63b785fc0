"""Every size the full-screen game lays itself out by, in one place."""

from __future__ import annotations

#: Below this the game shows "please enlarge the terminal" instead of the UI.
MIN_WIDTH, MIN_HEIGHT = 60, 20
#: From this width the play screen shows the meters beside the story.
WIDE = 78
#: The app's breakpoints: the classes a screen gets by width.
HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
#: The most the hot-seat top bar gives " Name's turn " (the stylesheet's
#: `max-width` of `#where` in hot-seat): a longer name is cut to fit, so the
#: trust line beside it keeps room for the partner's name at 60 columns.
WHOSE_TURN_WIDTH = 20
