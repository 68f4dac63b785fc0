"""Whatever the input, the loader raises only the project's own error type."""

from __future__ import annotations

import contextlib

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustquest.engine.loader import check_bytes, load_bytes
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
    ]
)
SCALARS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.text(max_size=30),
    st.floats(allow_nan=False),
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
