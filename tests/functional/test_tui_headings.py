"""Hot-seat headings fit (a playtester saw "Carmen→y…"): the top bar's
"Name's turn" and trust line, the meters' headings and the change line keep
their numbers and words whole at 80×24 and 60×20, in both layouts, and a
long or odd name is cut (with an ellipsis) but always shown literally."""

from __future__ import annotations

import re

import pytest

from trustquest.catalog import resolve
from trustquest.engine.describe import shown
from trustquest.engine.game import Game
from trustquest.saves import AUTOSAVE, SaveStore
from trustquest.tui.literal import named
from trustquest.tui.testing import make_app, press_as_in_file, screen_text
from trustquest.tui.widgets.meters import meters_content, trust_line

LONG = "Bartholomew-Featherstone"  # 24 characters
MARKUP = "[b]markup[/b] Dev"
TRUST = re.compile(r"→you (\d+) · you→.*? (\d+)")


def hot_seat(names: dict[str, str], wounded: bool = False) -> Game:
    game = Game.new(resolve("ten-candles").scenario, "hotseat", names=names, seed=1)
    game.choose(0)  # the first scene: player one alone, then a shared answer
    if wounded:  # open wounds make the trust line longest
        game.state.wounds["a"]["respect"] = 10.0
        game.state.wounds["b"]["transparency"] = 10.0
    return game


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.parametrize("quiet", [False, True])
@pytest.mark.parametrize(
    "names", [{"a": "Carmen", "b": "Dev"}, {"a": LONG, "b": MARKUP}, {"a": MARKUP, "b": LONG}]
)
async def test_the_top_bar_keeps_whose_turn_and_both_numbers(tmp_path, size, quiet, names):
    saves = tmp_path / "saves"
    game = hot_seat(names, wounded=True)
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves, resume=True)
    async with app.run_test(size=size) as pilot:
        await press_as_in_file(pilot, "enter")  # the hand-over
        if quiet:
            await pilot.press("v")
        await pilot.pause()
        play = app.screen
        reader = play.reader
        top = screen_text(app).splitlines()[0]
        assert "Choice 2" in top
        turn = names[reader] if len(names[reader]) <= 11 else names[reader][:10] + "…"
        assert f"{turn}'s turn" in top
        if size[0] < 78 or quiet:
            found = TRUST.search(top)
            assert found, top
            shown_numbers = {int(found.group(1)), int(found.group(2))}
            partner = "b" if reader == "a" else "a"
            assert shown_numbers == {shown(game.trust(partner)), shown(game.trust(reader))}


@pytest.mark.parametrize("names", [{"a": "Carmen", "b": "Dev"}, {"a": MARKUP, "b": LONG}])
async def test_the_meters_headings_keep_their_words_whole(tmp_path, names):
    saves = tmp_path / "saves"
    SaveStore(saves).write(AUTOSAVE, hot_seat(names))
    app = make_app(saves, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_as_in_file(pilot, "enter")
        text = screen_text(app)
        partner = names["b" if app.screen.reader == "a" else "a"]
        # The name whole, or cut with an ellipsis; the words after it whole.
        start = re.escape(partner[:10])
        assert re.search(rf"{start}[^\n]*'s trust in you\n", text + "\n"), text
        assert re.search(rf"Your trust in {start}", text), text


def test_a_name_is_cut_never_the_words_around_it():
    assert named("{}'s trust in you", LONG, 34).plain == LONG[:18] + "…'s trust in you"
    assert named("{}'s trust in you", "Dev", 34).plain == "Dev's trust in you"
    assert named("{}'s trust in you", MARKUP, 34).plain == "[b]markup[/b] Dev's trust in you"
    # No room for a name at all: the fallback.
    assert named("{}'s trust in you", LONG, 18, "Trust in you").plain == "Trust in you"
    # A wide name is measured in cells.
    assert named("{}'s turn", "東京東京東京東京", 12).cell_length <= 12


@pytest.mark.parametrize("width", range(14, 60))
def test_the_trust_line_fits_any_width_and_keeps_both_numbers(width):
    game = hot_seat({"a": LONG, "b": MARKUP}, wounded=True)
    line = trust_line(game, "b", width).plain
    assert len(line) <= max(width, 17), line  # 17: the line with no name, the least it is
    found = TRUST.search(line)
    assert found and found.group(1) == found.group(2) == str(shown(game.trust("a"))), line


def test_the_trust_line_gives_way_in_order():
    game = hot_seat({"a": "Carmen", "b": "Dev"}, wounded=True)
    a, b = shown(game.trust("a")), shown(game.trust("b"))
    assert trust_line(game, "b", 80).plain == f"Carmen→you {a} · you→Carmen {b} · ✚2 wounds"
    assert trust_line(game, "b", 34).plain == f"Carmen→you {a} · you→Carmen {b} · ✚2"
    assert trust_line(game, "b", 30).plain == f"Car…→you {a} · you→Car… {b} · ✚2"
    assert trust_line(game, "b", 21).plain == f"C…→you {a} · you→C… {b}"
    assert trust_line(game, "b", 17).plain == f"→you {a} · you→ {b}"


def test_the_meters_name_the_partner_literally_at_every_width():
    game = hot_seat({"a": MARKUP, "b": LONG})
    for width in (20, 34, 60):
        first, *_ = meters_content(game, "a", width).plain.splitlines()
        assert len(first) <= width and first.endswith("'s trust in you"), first


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_question_over_the_choices_keeps_its_words(tmp_path, size):
    saves = tmp_path / "saves"
    game = hot_seat({"a": LONG, "b": MARKUP})
    while game.prompt().kind != "guess":  # until Dev guesses what Bartholomew chose
        game.choose(game.available(game.prompt().actor)[0])
    SaveStore(saves).write(AUTOSAVE, game)
    app = make_app(saves, resume=True)
    async with app.run_test(size=size) as pilot:
        await press_as_in_file(pilot, "enter")
        choices = app.screen.query_one("#choices")
        title = choices._border_title.plain
        assert title.startswith("Which did Bartho") and "choose?" in title, title
        assert len(title) <= choices.size.width - 4, title
