"""Text safety and placeholder filling. Scenario text is untrusted input."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode
# bidi overrides/isolates that can make text display differently than it reads.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

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
    """Remove characters that could drive the terminal. Keeps newlines and tabs."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def clean_name(name: str, limit: int = 40) -> str:
    """A player or role name: one line, no controls, trimmed, bounded."""
    return _NAME_CONTROL.sub("", name).strip()[:limit]


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
