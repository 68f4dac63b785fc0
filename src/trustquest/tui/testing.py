"""Helpers for tests of the full-screen game (pilot, snapshots, benchmarks).

Kept in the package so every test file, and the benchmarks, build the app
the same way: a saves folder of their own, animations off, no user data.
"""

from __future__ import annotations

from pathlib import Path


def make_app(saves: Path, scenario: str | Path | None = None, **kwargs):
    """A TrustQuestApp with its own saves folder and animations off.

    `scenario` is a built-in id or a file, as for `trustquest play`."""
    from trustquest.tui.app import TrustQuestApp

    entry = None
    if scenario is not None:
        from trustquest.catalog import resolve

        entry = resolve(str(scenario))
    kwargs.setdefault("animations", False)
    kwargs.setdefault("seed", 0)  # the same order of choices in every test run
    # Tests press keys in bursts; the double-tap test sets its own settle and clock.
    kwargs.setdefault("choice_settle", 0.0)
    kwargs.setdefault("save_delay", 0.0)
    return TrustQuestApp(Path(saves), entry=entry, **kwargs)


def screen_text(app) -> str:
    """The text on the current screen, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def discover_builtins() -> list:
    """The built-in scenarios as the library lists them, so tests can count
    them instead of hard-coding how many there are."""
    from trustquest.catalog import Entry, builtin_dir, files_in
    from trustquest.engine.loader import check_file

    out = []
    for file in files_in(builtin_dir()):
        scenario, diags = check_file(file)
        out.append(Entry(file, "built-in", scenario, tuple(diags)))
    return out


async def press_as_in_file(pilot, *keys: str) -> None:
    """Press `keys`, where a digit on the play screen means that choice as
    numbered in the scenario file: it is sent as the number the screen shows
    for it (choices are shown in a seeded order). Tests written against a
    file's order keep meaning the same choices whatever the order."""
    for key in keys:
        await pilot.press(shown_key(pilot.app, key))


async def settle(pilot, most: int = 8) -> None:
    """Wait until the screen stops changing between two pauses. The play
    screen draws the scene first and its numbers and the fit of the choices
    a frame or two later: a snapshot taken in between, on a loaded machine,
    would catch it half-drawn."""
    last = None
    for _ in range(most):
        await pilot.pause()
        now = pilot.app.export_screenshot()
        if now == last:
            return
        last = now


def shown_key(app, key: str) -> str:
    """The key that picks the file's choice `key` (1-based) on the play screen now."""
    from trustquest.tui.screens.play import PlayScreen

    game = getattr(app, "game", None)
    if not (key.isdigit() and isinstance(app.screen, PlayScreen) and game is not None):
        return key
    prompt = game.prompt()
    if prompt is None or not 1 <= int(key) <= len(prompt.scene.choices):
        return key
    return str(game.number_of(int(key) - 1, prompt.scene))
