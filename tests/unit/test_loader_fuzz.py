"""Whatever the input, the loader raises only the project's own error type."""

from __future__ import annotations

import contextlib
import math
import os
import subprocess
import sys

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustquest.engine import format as fmt
from trustquest.engine.dynamics import Dynamics
from trustquest.engine.loader import check_bytes, check_file, load_bytes
from trustquest.errors import ScenarioError

KEYS = st.sampled_from(
    [
        "format",
        "scenario",
        "scenes",
        "endings",
        "id",
        "title",
        "text",
        "goto",
        "choices",
        "if",
        "when",
        "their_trust",
        "your_trust",
        "later",
        "after",
        "unless",
        "start",
        "tone",
        "actor",
        "sets",
        "x",
        "end",
        "dynamics",
        "loss_multiplier",
        "gain_damping",
        "consistency_every",
        "meters",
        "label",
        "their",
    ]
)
SCALARS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.text(max_size=30),
    st.floats(),  # nan and inf too
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.sampled_from(
        ["end", "intro", "their.trust > 3", "flags.x and", "{me}", "{nope}", "hopeful"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)
DOCS = st.dictionaries(KEYS, VALUES, max_size=6)

GOOD_SCENARIO = b"""format = 1
[scenario]
id = "fuzz"
title = "F"
summary = "s"
start = "intro"
[scenes.intro]
text = "t"
[[scenes.intro.choices]]
text = "c"
goto = "end"
[endings.last]
title = "L"
tone = "hopeful"
text = "l"
"""

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _loads_cleanly(data: bytes) -> None:
    scenario, diags = check_bytes(data, "junk.toml")
    assert scenario is not None or any(d.is_error for d in diags)
    for d in diags:
        assert d.line >= 1 and d.col >= 1
    with contextlib.suppress(ScenarioError):
        load_bytes(data, "junk.toml")


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _loads_cleanly(data)


@SETTINGS
@given(st.text(alphabet="[]{}=\".,#\n abc123_-'\\ufor", max_size=300))
def test_random_toml_like_text(text):
    _loads_cleanly(text.encode())


@SETTINGS
@given(DOCS)
def test_random_valid_toml_structures(doc):
    _loads_cleanly(tomli_w.dumps(doc).encode())


@SETTINGS
@given(st.dictionaries(KEYS, VALUES, max_size=4), st.dictionaries(KEYS, VALUES, max_size=4))
def test_mutated_real_shape(scene, ending):
    doc = {
        "format": 1,
        "scenario": {"id": "fuzz", "title": "F", "summary": "s", "start": "intro"},
        "scenes": {"intro": scene},
        "endings": {"last": ending},
    }
    _loads_cleanly(tomli_w.dumps(doc).encode())


@SETTINGS
@given(
    st.dictionaries(st.sampled_from(sorted(Dynamics.knobs())), SCALARS, max_size=8),
    st.dictionaries(st.sampled_from(["respect", "reliability", "x"]), SCALARS, max_size=3),
)
def test_dynamics_and_starts_whatever_their_values(knobs, starts):
    doc = {
        "format": 1,
        "scenario": {"id": "fuzz", "title": "F", "summary": "s", "start": "intro"},
        "dynamics": knobs,
        "start": {"their": starts},
        "scenes": {"intro": {"text": "t", "choices": [{"text": "c", "goto": "end"}]}},
        "endings": {"last": {"title": "L", "tone": "hopeful", "text": "l"}},
    }
    data = tomli_w.dumps(doc).encode()
    _loads_cleanly(data)
    scenario, diags = check_bytes(data, "junk.toml")
    if scenario is not None:
        assert all(math.isfinite(getattr(scenario.dynamics, k)) for k in Dynamics.knobs())


NESTERS = st.sampled_from(["[", "{a = ", "{a.b = ", "a."])


@SETTINGS
@given(st.lists(NESTERS, min_size=0, max_size=3000), st.sampled_from(["1", "[]", "{}", ""]))
def test_any_nesting_is_read_or_refused_never_a_recursion_error(openers, leaf):
    closers = {"[": "]", "{a = ": "}", "{a.b = ": "}", "a.": ""}
    keys = "".join(o for o in openers if o == "a.")
    values = [o for o in openers if o != "a."]
    text = f"{keys}k = " + "".join(values) + leaf + "".join(closers[o] for o in reversed(values))
    _loads_cleanly(text.encode())
    _loads_cleanly(("[" + keys + "t]\nk = " + "".join(values)).encode())  # never closed


def test_check_file_refuses_a_file_too_large_without_reading_it(tmp_path):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as fh:
        fh.truncate(fmt.MAX_FILE_BYTES * 1000)  # sparse: 4 GB that cost nothing
    scenario, diags = check_file(path)
    assert scenario is None and [d.code for d in diags] == ["TQ002"]
    assert "the limit is 4,194,304 bytes" in diags[0].message


def test_check_file_follows_a_symlink_to_a_scenario_but_not_to_a_device(tmp_path):
    good = tmp_path / "good.toml"
    good.write_bytes(GOOD_SCENARIO)
    (tmp_path / "link.toml").symlink_to(good)
    scenario, diags = check_file(tmp_path / "link.toml")
    assert scenario is not None and not diags
    for name, target in [("zero.toml", "/dev/zero"), ("tty.toml", "/dev/null")]:
        (tmp_path / name).symlink_to(target)
        scenario, diags = check_file(tmp_path / name)
        assert scenario is None and [d.code for d in diags] == ["TQ002"]
        assert "not a regular file" in diags[0].message
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    scenario, diags = check_file(tmp_path / "loop.toml")
    assert scenario is None and "cannot read the file" in diags[0].message


def test_check_file_never_waits_on_a_fifo(tmp_path):
    """Opening a FIFO for reading waits for a writer that never comes: the
    check runs in a child process, so that a regression fails instead of
    hanging the suite."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    script = (
        "import sys\n"
        "from trustquest.engine.loader import check_file\n"
        "s, d = check_file(sys.argv[1])\n"
        "print(s, [x.code for x in d], d[0].message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(fifo)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "None ['TQ002'] cannot read the file: it is not a regular file"
