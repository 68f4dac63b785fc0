"""Text safety and placeholder filling. Scenario text is untrusted input."""

from __future__ import annotations

import re

# Characters that must never reach a terminal or a widget as typed.
# C0 controls (tab and newline are handled per field), DEL, C1 controls, and
# lone surrogates (they cannot even be encoded for output).
_CC = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
# Unicode format characters (category Cf): invisible, and the bidi embeddings,
# overrides, isolates and marks (U+202A..U+202E, U+2066..U+2069, U+200E/F,
# U+061C) make text display differently than it reads. Tag characters
# (U+E0000..U+E007F) hide text. A test checks this covers every Cf character.
_CF_NO_JOINERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b"
    "\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
# Zero-width non-joiner and joiner shape Persian, Indic scripts and emoji
# sequences inside prose; in a name or a one-line field they only hide things.
_JOINERS = "\u200c\u200d"
# Fillers that show as nothing (Hangul fillers, the combining grapheme joiner):
# a name made of them looks empty.
_BLANK_LOOKALIKES = "\u034f\u115f\u1160\u3164\uffa0"

_LINE_BREAKS = re.compile("\r\n|[\r\n\t\x0b\x0c\x85\u2028\u2029]")
_LINE_JUNK = re.compile(f"[{_CC}{_CF_NO_JOINERS}{_JOINERS}{_BLANK_LOOKALIKES}]")
_TEXT_JUNK = re.compile(f"[{_CC}{_CF_NO_JOINERS}]")

#: A placeholder, or a doubled brace: `{{` shows `{` and `}}` shows `}` (the
#: placeholder group is None for those).
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_]*)\}")

PRONOUNS = {
    "they": {"they": "they", "them": "them", "their": "their", "theirs": "theirs"},
    "she": {"they": "she", "them": "her", "their": "her", "theirs": "hers"},
    "he": {"they": "he", "them": "him", "their": "his", "theirs": "his"},
}
PRONOUN_KEYS = ("they", "them", "their", "theirs")
PLACEHOLDERS = frozenset(
    ("me", "partner", "Me", "Partner") + PRONOUN_KEYS + tuple(k.capitalize() for k in PRONOUN_KEYS)
)


def strip_controls(text: str) -> str:
    """Multi-line text made safe to show: no control, format or bidi-control
    characters. Keeps newlines and tabs; U+2028/U+2029 become newlines."""
    text = text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _TEXT_JUNK.sub("", text)


def clean_line(text: str) -> str:
    """A one-line field made safe to show (a title, a file name, a label):
    line breaks and tabs become spaces, and every control, format, bidi-control
    and invisible character is removed."""
    return _LINE_JUNK.sub("", _LINE_BREAKS.sub(" ", text))


#: The longest name a player can give (longer ones are cut, or refused on the command line).
NAME_LIMIT = 40


def clean_name(name: str, limit: int = NAME_LIMIT) -> str:
    """A player or role name: one clean line, trimmed, bounded. Cleaning a
    clean name changes nothing, so names read back from a save stay equal."""
    return clean_line(name).strip()[:limit].rstrip()


def fill(text: str, me: str, partner: str, pronouns: str) -> str:
    """Replace {me}, {partner} and pronoun placeholders, and `{{` / `}}` by
    single braces. Unknown placeholders stay literal."""
    if "{" not in text and "}" not in text:
        return text
    forms = PRONOUNS.get(pronouns, PRONOUNS["they"])

    def sub(match: re.Match) -> str:
        key = match.group(1)
        if key is None:
            return match.group(0)[0]  # {{ or }}
        low = key.lower()
        if low == "me":
            value = me
        elif low == "partner":
            value = partner
        elif low in forms:
            value = forms[low]
        else:
            return match.group(0)
        return value[:1].upper() + value[1:] if key[:1].isupper() else value

    return PLACEHOLDER.sub(sub, text)
