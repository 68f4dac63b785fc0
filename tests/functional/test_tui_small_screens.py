"""The player's screens at 80x24 and at 60x20: nothing cut off.

Every choice can be read whole, however long it wraps; every footer label
that shows is whole; and a scene longer than the screen says plainly where
the rest of it is and which key reads it.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest

from trustquest.catalog import resolve
from trustquest.engine.game import Game
from trustquest.saves import AUTOSAVE, SaveStore
from trustquest.tui.testing import make_app, press_as_in_file, screen_text

SIZES = [(80, 24), (60, 20)]

#: Scenes whose long choices wrap to one more line once the choice list
#: grows a scrollbar (the list once kept counting the lines at its old width
#: and dropped the last one).
LONG_CHOICES = [
    ("up-the-valley", "seven_days"),
    ("what-went-unsaid", "old_alarm"),
    ("the-shared-account", "the_invitation"),
    ("the-tide-table", "december"),
    ("the-tide-table", "dark_months"),
]


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


def answers_to(story: str, scene: str) -> list[int]:
    """The fewest answers (file indexes) that bring a new solo game to `scene`."""
    scenario = resolve(story).scenario
    queue: deque[list[int]] = deque([[]])
    seen = set()
    while queue:
        answers = queue.popleft()
        game = Game.new(scenario)
        for index in answers:
            game.choose(index)
        if game.scene.id == scene:
            return answers
        if game.over or game.scene.id in seen:
            continue
        seen.add(game.scene.id)
        prompt = game.prompt()
        queue.extend(answers + [o.index] for o in game.options(prompt) if o.available)
    raise AssertionError(f"{story}: no way to {scene}")


def autosaved_before(saves: Path, story: str, scene: str) -> str:
    """Autosave a game one answer short of `scene`; return that answer's key
    (as numbered in the file), so the test arrives there as a player does."""
    answers = answers_to(story, scene)
    game = Game.new(resolve(story).scenario)
    for index in answers[:-1]:
        game.choose(index)
    SaveStore(saves).write(AUTOSAVE, game)
    return str(answers[-1] + 1)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def rows_inside(app, widget) -> list[str]:
    """The terminal rows of `widget`'s text area (no border, no scrollbar)."""
    region = widget.scrollable_content_region
    rows = screen_text(app).splitlines()
    rows += [""] * (region.bottom - len(rows))
    return [rows[y][region.x : region.right] for y in range(region.y, region.bottom)]


async def every_line_of(pilot, listing) -> str:
    """The list's text as a player reads it by scrolling: one row per offset,
    then the whole last page."""
    last = int(listing.max_scroll_y)
    read = []
    for y in range(last + 1):
        listing.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        rows = rows_inside(pilot.app, listing)
        read.extend(rows if y == last else rows[:1])
    return flat(" ".join(read))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("story", "scene"), LONG_CHOICES)
async def test_every_choice_is_whole_on_screen_or_by_scrolling(saves, size, story, scene):
    last = autosaved_before(saves, story, scene)
    app = make_app(saves, resume=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press_as_in_file(pilot, last)
        await pilot.pause()
        assert app.game.scene.id == scene
        choices = app.screen.query_one("#choices")
        texts = [flat(str(option.prompt)) for option in choices.options]
        # Arrowing onto a choice brings all of it into view...
        for position, option in enumerate(choices.options):
            if option.disabled:
                continue
            choices.highlighted = position
            await pilot.pause()
            shown = flat(" ".join(rows_inside(app, choices)))
            assert texts[position] in shown, (position, rows_inside(app, choices))
        # ...and scrolling the list reads every choice whole, locked ones too.
        read = await every_line_of(pilot, choices)
        for text in texts:
            assert text in read, (text, read)


# --- the footer ----------------------------------------------------------------------

HOSTILE = Path(__file__).parent / "fixtures_tui" / "hostile.toml"


def top(app) -> str:
    return type(app.screen).__name__


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()


async def on_until(pilot, screen: str) -> None:
    """Take the first open choice and confirm every hand-over until `screen`."""
    app = pilot.app
    for _ in range(40):
        if top(app) == screen:
            return
        if top(app) == "PlayScreen":
            options = app.game.options(app.game.prompt())
            await press(pilot, str(next(o.number for o in options if o.available)))
        else:
            await press(pilot, "enter")
    raise AssertionError(f"{screen} not reached; on {top(app)}")


def footer_row(app) -> tuple[str, list[tuple[str, int]]]:
    """The key bar's row as the terminal shows it, and each label with its right edge."""
    from trustquest.tui.widgets.keybar import KeyBar

    bar = app.screen.query_one(KeyBar)
    row = screen_text(app).splitlines()[bar.region.y]
    labels = [(f"{p.key.display} {p.key.description}", bar.region.x + p.end) for p in bar.placed]
    return row, labels


#: (story, hot-seat, keys before, the screen that shows): every player-facing
#: screen that has a footer.
FOOTED = {
    "library": (None, False, ["p"], "LibraryScreen"),
    "setup": ("late-again", False, [], "SetupScreen"),
    "setup, two players": ("late-again", True, [], "SetupScreen"),
    "content notes": ("between-windows", False, [], "SetupScreen"),
    "play": ("late-again", False, ["enter", "1"], "PlayScreen"),
    "journal": ("late-again", False, ["enter", "1", "j"], "JournalScreen"),
    "backlog": ("late-again", False, ["enter", "1", "b"], "BacklogScreen"),
    "details": ("late-again", False, ["enter", "1", "d"], "DetailsScreen"),
    "meters": ("late-again", False, ["enter", "m"], "MetersScreen"),
    "help": ("late-again", False, ["enter", "question_mark"], "HelpScreen"),
    "gallery": (None, False, ["e"], "GalleryScreen"),
    "patterns": (None, False, ["y"], "PatternsScreen"),
    "ending": (HOSTILE, False, ["enter", "EndingScreen"], "EndingScreen"),
    "hand-over": ("late-again", True, ["ctrl+s"], "HandOverScreen"),
    "play, two players": ("late-again", True, ["ctrl+s", "enter"], "PlayScreen"),
    "reveal": (HOSTILE, True, ["ctrl+s", "RevealScreen"], "RevealScreen"),
    "ending, two players": (HOSTILE, True, ["ctrl+s", "EndingScreen"], "EndingScreen"),
}


@pytest.mark.parametrize("name", sorted(FOOTED))
async def test_every_footer_label_that_shows_is_whole_at_60_columns(saves, name):
    story, hotseat, keys, screen = FOOTED[name]
    app = make_app(saves, story, hotseat=hotseat)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        for key in keys:
            await (on_until(pilot, key) if key.endswith("Screen") else press(pilot, key))
        assert top(app) == screen, screen_text(app)
        row, labels = footer_row(app)
        assert labels, row
        for label, right in labels:
            assert right <= 60 and label in row, (label, row)
        if screen in ("PlayScreen", "EndingScreen"):  # the rest of the keys are one key away
            assert "? Help" in row, row


@pytest.mark.parametrize("screen", ["PlayScreen", "EndingScreen"])
def test_a_key_kept_out_of_the_footer_is_in_the_help(screen):
    from trustquest.tui.screens.ending import EndingScreen
    from trustquest.tui.screens.help import KEYS
    from trustquest.tui.screens.play import PlayScreen

    listed = {word.lower() for keys, _what in KEYS for word in keys.replace(",", " ").split()}
    names = {"escape": "esc", "question_mark": "?", "pageup": "pgup", "pagedown": "pgdn"}
    cls = {"PlayScreen": PlayScreen, "EndingScreen": EndingScreen}[screen]
    hidden = [b for b in cls.BINDINGS if not b.show and b.description]
    assert hidden  # the footer leaves some out...
    for binding in hidden:  # ...and the help names each of them
        key = names.get(binding.key, binding.key)
        assert key in listed or (key.isdigit() and any("–" in w for w in listed)), key


# --- a scene longer than the screen ---------------------------------------------------


def hint(app) -> str:
    more = app.screen.query_one("#story-more")
    return str(more.render()) if more.display else ""


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_scene_says_where_the_rest_is_and_which_key_reads_it(saves, size):
    app = make_app(saves, "between-windows")  # its first scene is a long voice note
    async with app.run_test(size=size) as pilot:
        await press(pilot, "enter")
        story = app.screen.query_one("#story")
        assert story.max_scroll_y > 0  # the scene does not fit...
        assert story.scroll_y == 0  # ...its first lines are in view...
        assert hint(app) == "▼ More of the scene below: PgDn"  # ...and the rest is below
        assert hint(app) in screen_text(app)
        # The line sits between the story and the choices, the choices still in view.
        more = app.screen.query_one("#story-more").region
        choices = app.screen.query_one("#choices").region
        assert story.region.bottom <= more.y < choices.y < app.screen.region.bottom - 1
        assert "PgDn" not in (app.screen.query_one("#choices").border_title or "")
        await press(pilot, "pagedown")
        if story.scroll_y < story.max_scroll_y:
            assert hint(app) == "▲▼ More of the scene above and below: PgUp, PgDn"
        while story.scroll_y < story.max_scroll_y:
            await press(pilot, "pagedown")
        assert hint(app) == "▲ The scene starts above: PgUp"
        await press(pilot, "pageup")
        while story.scroll_y > 0:
            await press(pilot, "pageup")
        assert hint(app) == "▼ More of the scene below: PgDn"


async def test_a_scene_that_fits_says_nothing_more(saves):
    app = make_app(saves, "late-again")
    async with app.run_test(size=(100, 40)) as pilot:
        await press(pilot, "enter")
        assert app.screen.query_one("#story").max_scroll_y == 0
        assert hint(app) == "" and "PgDn" not in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_after_a_choice_from_the_bottom_of_a_long_scene_the_next_starts_at_the_top(
    saves, size
):
    app = make_app(saves, "between-windows")
    async with app.run_test(size=size) as pilot:
        await press(pilot, "enter", "pagedown", "pagedown", "pagedown")
        assert hint(app).startswith("▲")
        await press(pilot, "1")
        story = app.screen.query_one("#story")
        assert app.game.state.turn == 1 and story.scroll_y == 0
        first = app.screen.query_one("#time-label")
        assert story.region.y <= first.region.y < story.region.bottom
        assert not hint(app).startswith("▲")
        # The story keeps its half of the column (the choices once took more
        # when the last scene had been read to the bottom).
        assert story.region.height >= story.parent.size.height // 2, screen_text(app)
