"""The scene and its choices as the player reads them."""

from __future__ import annotations

from textual.content import Content

from trustquest.engine.game import Game
from trustquest.tui.literal import assemble
from trustquest.tui.widgets.prose import filled


def scene_prose(game: Game, role: str = "a") -> Content:
    """The scene text as `role` reads it, variants applied (see `filled`)."""
    return filled(game, game.scene_source(role), role)


def option_prompt(
    number: int,
    text: Content,
    available: bool,
    locked: str,
    habit: str = "",
    last_time: bool = False,
) -> Content:
    parts: list = [(f"{number}. ", "bold"), text]
    if habit:
        parts += ["\n   ", ("↻ ", "bold"), (habit, "italic")]
    if last_time:
        parts += ["\n   ", ("↩ ", "bold"), ("you chose this last time", "italic")]
    if not available:
        parts += ["\n   ", ("⊘ locked: ", "bold"), (locked, "italic")]
    return assemble(*parts)


def more_of_scene(above: bool, below: bool) -> str:
    """Where the rest of a scene too long for the screen is, and the key that
    reads it; nothing when all of it is in view."""
    if above and below:
        return "▲▼ More of the scene above and below: PgUp, PgDn"
    if below:
        return "▼ More of the scene below: PgDn"
    if above:
        return "▲ The scene starts above: PgUp"
    return ""
