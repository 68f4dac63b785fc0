"""`trustquest simulate`: random playthroughs and what they show.

Like ChoiceScript's randomtest, but aware of the trust meters. Every run
starts a fresh game and picks uniformly among the choices that are unlocked
for the player who must answer, until an ending, a dead end (nothing can be
chosen) or the turn cap (a loop that never ends). Hot-seat scenarios are also
played in hot-seat mode, with both roles answering (`both` scenes, `predict`
guesses), and reported separately.

The inner loop does no I/O and no formatting: it calls the engine's compiled
rules (`engine/rules.py`, the same ones `Game.choose` uses: the rules live in
the engine and nowhere else) and adds to counters. The report is
built afterwards as plain data (`simulate()`), which is what `--json` prints
and what the Rich tables are drawn from, so both say the same thing. The same
scenario, seed and number of runs always give a byte-identical report; the
speed footer goes to stderr for that reason.

The rebuild ratio (PRODUCT.md §1, D5): for every breach seen in a run (a
loss on a meter from a choice marked `breach`, or from a delayed consequence
marked `breach`), count the gains on that same meter of that same profile it
takes to bring it back to its value before the breach. A breach that is not
made good before the run ends counts as "never".

One module per job: `loops` (the hot loops), `statistics` (the counters they
fill), `report` (plain data built from them, and the `--check` verdict),
`render` (Rich tables) and `cli` (the command).
"""

from trustquest.tools.simulate.cli import main, speed_line
from trustquest.tools.simulate.loops import TURN_CAP, fresh_state
from trustquest.tools.simulate.render import render_text
from trustquest.tools.simulate.report import (
    REPORT_VERSION,
    check_failures,
    gating,
    simulate,
    to_json,
)

__all__ = [
    "REPORT_VERSION",
    "TURN_CAP",
    "check_failures",
    "fresh_state",
    "gating",
    "main",
    "render_text",
    "simulate",
    "speed_line",
    "to_json",
]
