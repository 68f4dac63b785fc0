"""State serialisation, save files, resuming and the profile (PRODUCT.md §7, §8)."""

from __future__ import annotations

import math
import re
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustquest import saves
from trustquest.engine.game import Game
from trustquest.engine.loader import load_file, load_text
from trustquest.engine.state import GameState
from trustquest.engine.turns import Pick
from trustquest.errors import SaveError
from trustquest.saves import (
    AUTOSAVE,
    PROFILE,
    Profile,
    SaveStore,
    load_profile,
    resume,
    save_profile,
    slot_name,
)

FIXTURES = Path(__file__).parent / "fixtures"
EXTREME = load_file(FIXTURES / "extreme.toml")
PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = st.text(max_size=45)
PRONOUNS = st.sampled_from(["they", "she", "he"])


@st.composite
def played_games(draw):
    """A game of EXTREME played at random for a while, maybe to its end, maybe
    stopped between the two answers of a hot-seat scene."""
    mode = draw(st.sampled_from(["solo", "hotseat"]))
    game = Game.new(
        EXTREME,
        mode=mode,
        names={"a": draw(NAMES), "b": draw(NAMES)},
        pronouns={"a": draw(PRONOUNS), "b": draw(PRONOUNS)},
        seed=draw(st.integers(0, 2**63 - 1)),
    )
    for _ in range(draw(st.integers(0, 30))):
        prompt = game.prompt()
        if prompt is None:
            break
        game.choose(draw(st.sampled_from(game.available(prompt.actor))))
    return game


def play(scenario, answers, mode="solo"):
    game = Game.new(scenario, mode=mode)
    for index in answers:
        game.choose(index)
    return game


def next_answer(game):
    prompt = game.prompt()
    return None if prompt is None else game.available(prompt.actor)[0]


# --- state round trips -------------------------------------------------------------------------------


@PROPS
@given(played_games())
def test_state_round_trips_through_plain_data(game):
    data = game.state.to_dict()
    again = GameState.from_dict(data)
    assert again == game.state
    assert again.to_dict() == data
    assert repr(again.to_dict()) == repr(data)


@PROPS
@given(played_games())
def test_a_saved_game_reads_back_identical_and_plays_on_the_same(game):
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        store.write("slot", game)
        loaded = store.read("slot")
    assert loaded.state == game.state
    assert loaded.state.to_dict() == game.state.to_dict()
    assert loaded.info.turn == game.state.turn and loaded.info.ended == game.over
    assert loaded.scenario_digest == EXTREME.digest
    resumed, notice = resume(EXTREME, loaded.state)
    assert notice == ""
    answer = next_answer(game)
    if answer is not None:
        game.choose(answer)
        resumed.choose(answer)
    assert resumed.state.to_dict() == game.state.to_dict()


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),  # nan and inf included
    st.text(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.sampled_from(["a", "b", "solo", "hotseat", "she", "inf", "nan"]),
)


@PROPS
@given(played_games(), st.data())
def test_from_dict_rejects_anything_malformed_with_a_save_error(game, data):
    doc = game.state.to_dict()
    for _ in range(data.draw(st.integers(1, 3))):
        # Replace a top-level value, or one inside a nested table.
        key = data.draw(st.sampled_from(sorted(doc)))
        if isinstance(doc[key], dict) and doc[key] and data.draw(st.booleans()):
            inner = data.draw(st.sampled_from(sorted(doc[key])))
            doc[key] = {**doc[key], inner: data.draw(JUNK)}
        elif data.draw(st.booleans()):
            del doc[key]
        else:
            doc[key] = data.draw(JUNK)
    try:
        state = GameState.from_dict(doc)
    except SaveError as exc:
        assert str(exc)
        return
    # Whatever is accepted is a state whose numbers are real numbers.
    for role in ("a", "b"):
        assert all(math.isfinite(v) for v in state.meters[role].values())


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("version", 99, "version"),
        ("mode", "online", "unexpected value"),
        ("pronouns", {"a": "it", "b": "they"}, "unexpected value"),
        ("meters", {"a": {}}, "incomplete or malformed"),
        ("turn", "three", "turn is impossible"),
        ("turn", float("inf"), r"turn is impossible \(inf\)"),
        ("turn", -1, "turn is impossible"),
        ("turn", 10**9, "turn is impossible"),
        ("turn", True, "turn is impossible"),
        ("seed", float("nan"), "seed is impossible"),
        ("flags", 3, "flags are malformed"),
        ("flags", ["ok", "../x"], "impossible flag"),
        ("names", {"a": "Kim\x1b]52;c;aGk=\x07", "b": "Sam"}, "control characters"),
        ("names", {"a": "Kim\x9b2J", "b": "Sam"}, "control characters"),
        ("names", {"a": "x" * 41, "b": "Sam"}, "not a name"),
        ("names", {"a": "   ", "b": "Sam"}, "is empty"),
        ("scene", "../../etc", "impossible scene"),
        ("scene", "Intro", "impossible scene"),
        ("ending", "x" * 65, "impossible ending"),
        ("scenario_id", "Late_Again", "impossible scenario id"),
        ("visited", ["intro", 7], "impossible scene"),
        ("streak", {"a": -3, "b": 0}, "streak is impossible"),
        ("pending", [{"due": float("inf"), "role": "a", "scene": "x", "choice": 0}], "impossible"),
        ("history", [{"turn": 0, "scene": "x", "picks": [], "changes": [[]]}], "malformed"),
        (
            "history",
            [
                {
                    "kind": "event",
                    "turn": 0,
                    "scene": "x",
                    "event": 0,
                    "points": [0, 1],
                    "changes": [],
                    "note": "\x1b[2J",
                }
            ],
            "impossible value",
        ),
        ("timeline", [{"turn": 0, "trust": {"a": float("nan"), "b": 1}}], "impossible value"),
        ("timeline", [{"turn": 0}], "malformed"),
    ],
)
def test_from_dict_says_what_is_wrong(key, value, words):
    doc = Game.new(EXTREME).state.to_dict()
    doc[key] = value
    with pytest.raises(SaveError, match=words):
        GameState.from_dict(doc)


def test_from_dict_rejects_meters_that_are_not_numbers_in_range():
    doc = Game.new(EXTREME).state.to_dict()
    doc["meters"]["a"]["respect"] = float("nan")
    with pytest.raises(SaveError):
        GameState.from_dict(doc)
    doc["meters"]["a"]["respect"] = 250.0
    with pytest.raises(SaveError):
        GameState.from_dict(doc)


# --- damaged saves -------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def game():
    return play(EXTREME, [2, 0, 1, 0, 1])


def test_a_save_is_versioned_and_checksummed_toml(store, game):
    path = store.write(AUTOSAVE, game, label="mine")
    assert path == store.folder / "autosave.toml"
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["version"] == saves.SAVE_VERSION
    assert re.fullmatch(r"[0-9a-f]{64}", doc["checksum"])
    assert doc["meta"]["label"] == "mine" and doc["meta"]["scenario_id"] == "extreme"
    assert not list(store.folder.glob(".*.tmp"))  # the temporary file is gone


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "garbage":
        path.write_bytes(b"\x00\xff\xfe garbage \x81" * 10)
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "not toml":
        path.write_text("this is = = not toml\n", "utf-8")
    elif how == "wrong version":
        doc = tomllib.loads(raw.decode())
        doc["version"] = 7
        path.write_text(tomli_w.dumps(doc), "utf-8")
    elif how == "tampered":
        text = raw.decode()
        text, n = re.subn(r"(?m)^respect = [0-9.]+$", "respect = 99.0", text, count=1)
        assert n == 1
        path.write_text(text, "utf-8")
    elif how == "parts missing":
        doc = tomllib.loads(raw.decode())
        del doc["state"]
        path.write_text(tomli_w.dumps(doc), "utf-8")
    else:
        raise AssertionError(how)


DAMAGE = {
    "truncated": "damaged",
    "garbage": "damaged",
    "not toml": "damaged",
    "empty": "damaged",
    "wrong version": "format version 7",
    "tampered": "checksum",
    "parts missing": "parts are missing",
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_save_gives_a_clear_message(store, game, how):
    path = store.write(AUTOSAVE, game)
    _damage(path, how)
    with pytest.raises(SaveError, match=DAMAGE[how]) as info:
        store.read(AUTOSAVE)
    assert "autosave.toml" in str(info.value)


SAVED = {}


def _saved_bytes() -> bytes:
    if "bytes" not in SAVED:
        with tempfile.TemporaryDirectory() as folder:
            game = play(EXTREME, [2, 0, 1, 0, 1], mode="hotseat")
            SAVED["bytes"] = SaveStore(Path(folder)).write("slot", game).read_bytes()
            SAVED["state"] = game.state.to_dict()
    return SAVED["bytes"]


@PROPS
@given(st.data())
def test_a_truncated_or_corrupted_save_never_loads_as_something_else(data):
    raw = bytearray(_saved_bytes())
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    else:
        for _ in range(data.draw(st.integers(1, 4))):
            i = data.draw(st.integers(0, len(raw) - 1))
            raw[i] = data.draw(st.integers(0, 255))
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        store.path("slot").write_bytes(bytes(raw))
        try:
            loaded = store.read("slot")
        except SaveError as exc:
            assert "slot.toml" in str(exc)
        else:
            assert loaded.state.to_dict() == SAVED["state"]


def test_a_save_with_a_valid_checksum_but_a_broken_state_is_refused(store, game):
    path = store.write(AUTOSAVE, game)
    doc = tomllib.loads(path.read_text("utf-8"))
    del doc["state"]["meters"]
    doc["checksum"] = saves._checksum(doc["meta"], doc["state"])
    path.write_text(tomli_w.dumps(doc), "utf-8")
    with pytest.raises(SaveError, match="incomplete or malformed"):
        store.read(AUTOSAVE)


def test_a_file_too_large_to_be_a_save(store, game, monkeypatch):
    store.write(AUTOSAVE, game)
    monkeypatch.setattr(saves, "MAX_SAVE_BYTES", 100)
    with pytest.raises(SaveError, match="too large"):
        store.read(AUTOSAVE)


def test_a_missing_save(store):
    with pytest.raises(SaveError, match="no save called 'nothing'"):
        store.read("nothing")


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_save_is_moved_aside_never_overwritten(store, game, how):
    path = store.write(AUTOSAVE, game)
    _damage(path, how)
    damaged = path.read_bytes()
    game.choose(next_answer(game))
    store.write(AUTOSAVE, game)
    aside = list(store.folder.glob("autosave.damaged-*.toml"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == damaged
    assert store.read(AUTOSAVE).state == game.state
    assert not store.exists(AUTOSAVE, backup=True)  # a damaged save is not a backup
    # A second damaged save is kept too, beside the first.
    _damage(path, how)
    store.write(AUTOSAVE, game)
    assert len(list(store.folder.glob("autosave.damaged-*.toml"))) == 2


def test_the_backup_holds_the_previous_save(store):
    game = Game.new(EXTREME)
    store.write(AUTOSAVE, game)
    assert not store.exists(AUTOSAVE, backup=True)
    states = [game.state.to_dict()]
    for _ in range(3):
        game.choose(next_answer(game))
        store.write(AUTOSAVE, game)
        states.append(game.state.to_dict())
        assert store.read(AUTOSAVE, backup=True).state.to_dict() == states[-2]
        assert store.read(AUTOSAVE).state.to_dict() == states[-1]
    assert store.read(AUTOSAVE, backup=True).info.name == AUTOSAVE


def test_slots_list_saves_newest_first_and_say_why_a_save_is_damaged(store, game):
    store.write("one", game)
    store.write("two", game)
    store.write("two", game)  # makes two.bak.toml
    _damage(store.path("one"), "tampered")
    save_profile(store.folder, Profile())
    slots = {s.name: s for s in store.slots()}
    assert set(slots) == {"one", "two"}  # no backups, no profile
    assert slots["two"].ok and slots["two"].scenario_id == "extreme"
    assert not slots["one"].ok and "checksum" in slots["one"].problem


def test_delete_removes_the_save_and_its_backup(store, game):
    store.write("slot", game)
    store.write("slot", game)
    store.delete("slot")
    assert not store.exists("slot") and not store.exists("slot", backup=True)


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("My Save!", "my-save"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        ("x" * 99, "x" * 40),
    ],
)
def test_slot_names_stay_inside_the_saves_folder(store, name, clean):
    assert slot_name(name) == clean
    assert store.path(name).parent == store.folder


@pytest.mark.parametrize("name", ["", "   ", "../..", "***"])
def test_a_slot_name_needs_a_letter_or_digit(name):
    with pytest.raises(SaveError):
        slot_name(name)


# --- resuming after the scenario changed -----------------------------------------------------------------


def version(
    middle_text="Two.", keep_middle=True, meter="closeness", keep_good=True, middle_choices=3
) -> object:
    middle = ""
    if keep_middle:
        middle = f'[scenes.middle]\nactor = "both"\ntext = "{middle_text}"\n' + "".join(
            f'[[scenes.middle.choices]]\ntext = "M{i}"\ngoto = "end"\n'
            for i in range(middle_choices)
        )
    good = '[endings.good]\ntitle = "Good"\ntone = "hopeful"\nwhen = "turn > 50"\ntext = "Good."\n'
    return load_text(
        f"""\
format = 1

[scenario]
id = "versions"
title = "Versions"
summary = "A scenario that changes between saves."
modes = ["solo", "hotseat"]
start = "start"

[meters.{meter}]
label = "{meter}"
start = 40

[scenes.start]
text = "One."
[[scenes.start.choices]]
text = "On."
goto = "{"middle" if keep_middle else "end"}"
breach = true
their_trust = {{ {meter} = -10, respect = -10 }}
later = {{ after = 2, text = "Later.", their_trust = {{ respect = -5 }} }}
[[scenes.start.choices]]
text = "Straight to good."
goto = "{"good" if keep_good else "end"}"

{middle}
{good if keep_good else ""}
[endings.fallback]
title = "Fallback"
tone = "bittersweet"
text = "Fallback."
"""
    )


V1 = version()


def saved(game, tmp_path):
    store = SaveStore(tmp_path)
    store.write(AUTOSAVE, game)
    return store.read(AUTOSAVE).state


def test_resume_the_same_scenario_without_a_notice(tmp_path):
    game = play(V1, [0])
    resumed, notice = resume(V1, saved(game, tmp_path))
    assert notice == ""
    assert resumed.state == game.state


def test_resume_a_changed_scenario_with_a_notice(tmp_path):
    game = play(V1, [0])
    v2 = version(middle_text="Two, rewritten.")
    assert v2.digest != V1.digest
    resumed, notice = resume(v2, saved(game, tmp_path))
    assert "changed" in notice and "Versions" in notice
    assert resumed.state.scene == "middle"
    assert resumed.state.scenario_digest == v2.digest
    assert resumed.scene_text() == "Two, rewritten."
    assert resumed.choose(0).ending == "fallback"


def test_resume_fails_clearly_when_the_scene_is_gone(tmp_path):
    state = saved(play(V1, [0]), tmp_path)
    with pytest.raises(SaveError, match="'middle' no longer exists"):
        resume(version(keep_middle=False), state)


def test_resume_refuses_another_scenarios_save(tmp_path):
    state = saved(play(V1, [0]), tmp_path)
    state.scenario_id = "someone-else"
    with pytest.raises(SaveError, match="belongs to 'someone-else'"):
        resume(V1, state)


def test_resume_fails_clearly_when_a_finished_games_ending_is_gone(tmp_path):
    game = play(V1, [1])
    assert game.state.ending == "good"
    state = saved(game, tmp_path)
    with pytest.raises(SaveError, match="ending"):
        resume(version(keep_good=False), state)


def test_resume_a_finished_game_in_a_changed_scenario(tmp_path):
    game = play(V1, [1])
    resumed, notice = resume(version(middle_text="New."), saved(game, tmp_path))
    assert notice and resumed.over and resumed.ending.id == "good"


def test_resume_fits_meters_to_the_new_scenario(tmp_path):
    game = play(V1, [0])
    assert game.state.wounds["b"]["closeness"] > 0
    resumed, notice = resume(version(meter="warmth"), saved(game, tmp_path))
    assert notice
    for role in ("a", "b"):
        assert "closeness" not in resumed.state.meters[role]
        assert "closeness" not in resumed.state.wounds[role]
        assert resumed.state.meters[role]["warmth"] == 40.0
    assert resumed.state.wounds["b"]["respect"] > 0  # other wounds stay open
    resumed.choose(0)  # and play goes on


def test_resume_drops_pending_answers_that_no_longer_fit(tmp_path):
    game = play(V1, [0], mode="hotseat")
    game.choose(2)  # a answers the `both` scene; b has not yet
    resumed, _ = resume(version(middle_choices=2), saved(game, tmp_path))
    assert resumed.state.picks == []
    assert resumed.prompt().role == "a"


def test_resume_drops_pending_answers_when_the_scene_now_asks_other_turns(tmp_path):
    game = play(V1, [0], mode="hotseat")
    game.choose(2)  # a answers the `both` scene...
    state = saved(game, tmp_path)
    state.picks = [Pick("b", "choose", 2)]  # ...but the save says b did: not a turn it asks
    with pytest.raises(SaveError, match="answer that this scene does not have"):
        resume(V1, state)
    state.picks = [Pick("a", "choose", 2)] * 2  # and two answers would leave nothing to ask
    with pytest.raises(SaveError, match="answer that this scene does not have"):
        resume(V1, state)
    # After the scenario changed, the half-answered scene is asked again.
    resumed, notice = resume(version(middle_text="Changed."), state)
    assert notice and resumed.state.picks == [] and resumed.prompt().role == "a"


def test_a_consequence_from_a_vanished_choice_never_fires(tmp_path):
    game = play(V1, [0])
    assert game.state.pending
    state = saved(game, tmp_path)
    v2 = load_text(V1_NO_LATER)
    resumed, _ = resume(v2, state)
    assert resumed.state.pending  # still scheduled...
    for _ in range(3):
        assert resumed.choose(0).fired == ()  # ...but it has nothing left to fire
    assert resumed.state.pending == []


V1_NO_LATER = """\
format = 1

[scenario]
id = "versions"
title = "Versions"
summary = "The scene that scheduled the consequence is gone."
modes = ["solo", "hotseat"]
start = "middle"

[meters.closeness]
label = "closeness"
start = 40

[scenes.middle]
text = "Two."
[[scenes.middle.choices]]
text = "M0"
goto = "middle"
[[scenes.middle.choices]]
text = "Out"
goto = "end"

[endings.fallback]
title = "Fallback"
tone = "bittersweet"
text = "Fallback."
"""


# --- profile ------------------------------------------------------------------------------------------


def test_profile_round_trip(tmp_path):
    assert load_profile(tmp_path) == Profile()
    profile = Profile(theme="dark", last_names={"a": "Ada", "b": "Bo"}, layout="quiet")
    assert profile.record_ending("late-again", "rebuilt") is True
    assert profile.record_ending("late-again", "rebuilt") is False
    assert profile.record_ending("late-again", "fallback") is True
    save_profile(tmp_path, profile)
    again = load_profile(tmp_path)
    assert again == profile
    assert again.found("late-again") == ["rebuilt", "fallback"]
    assert again.found("other") == []


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not toml",
        b"endings = [",
        b'names = "Ada"',
        b"settings = 3\nnames = [1, 2]",
        b'[settings]\nlayout = "sideways"',
    ],
)
def test_a_damaged_profile_is_reported_and_never_overwritten(tmp_path, content):
    path = tmp_path / PROFILE
    path.write_bytes(content)
    profile = load_profile(tmp_path)
    assert profile.problem and "damaged" in profile.problem
    profile.record_ending("x", "y")
    save_profile(tmp_path, profile)
    assert path.read_bytes() == content


def test_changes_saved_with_more_facts_read_back_the_same():
    """Later versions may keep more after [owner, meter, before, after, cause]."""
    game = play(EXTREME, [2, 0, 1])
    doc = game.state.to_dict()
    for step in doc["history"]:
        step["changes"] = [[*c, -10, 0.5, True, "x"] for c in step["changes"]]
    assert GameState.from_dict(doc).to_dict() == doc
    doc["history"][0]["changes"][0].append(float("nan"))
    with pytest.raises(SaveError, match="impossible value"):
        GameState.from_dict(doc)


def test_the_built_in_sha256_gives_hashlibs_digests():
    import hashlib

    from trustquest.engine.sha256 import hexdigest

    for data in (b"", b"abc", "Ré ✚ 🕯".encode(), bytes(range(256)) * 300):
        assert hexdigest(data) == hashlib.sha256(data).hexdigest()
