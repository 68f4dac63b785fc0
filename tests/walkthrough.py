"""Walkthroughs written in the file's numbering, for `run --choices`.

`run --choices` takes the numbers as displayed, and the display order is
seeded (engine/order.py). A test that means "the file's second choice" says
so here, and gets the number the game shows for it under the same seed.
"""

from __future__ import annotations

from pathlib import Path

from trustquest.engine.game import Game
from trustquest.engine.loader import load_file
from trustquest.errors import ChoiceError


def as_shown(path: str | Path, file_answers: list[int], seed: int = 1, mode: str = "solo") -> str:
    """The `--choices` value that gives `file_answers` (1-based, as in the
    file) in `run --seed seed`. An answer the game refuses (locked) is still
    translated, and the walkthrough stops there."""
    game = Game.new(load_file(path), mode, seed=seed)
    numbers = []
    for answer in file_answers:
        numbers.append(game.number_of(answer - 1, game.prompt().scene))
        try:
            game.choose(answer - 1)
        except ChoiceError:
            break
    return ",".join(map(str, numbers))
