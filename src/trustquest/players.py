"""Who plays, as the command line gives it: each player's name and pronouns.

`play` and `run` take `--names Ana,Ben --pronouns she,they` (and the older
`--name`, `--partner` and a single `--pronouns`, which map onto the same
record). Role `a` is you, or player one in hot-seat; role `b` your partner,
or player two. A role left out keeps the scenario's default (in the full-screen
game: what the setup screen offers).

Names go through the one cleaning function (`clean_name`): whatever a shell
can pass (markup, escape sequences, bidi controls) is text, and a name with
nothing left after cleaning is an error, not a blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from trustquest.engine.meters import ROLES
from trustquest.engine.text import NAME_LIMIT, PRONOUNS, clean_line, clean_name
from trustquest.errors import UsageError

_PLAYER = {"a": "player one", "b": "player two"}
_SOLO = {"a": "your", "b": "your partner's"}


def _frozen(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Players:
    """Names and pronouns by role; a role that is missing keeps its default."""

    names: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    pronouns: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)


def players_from_options(
    names: str | None = None,
    pronouns: str | None = None,
    name: str | None = None,
    partner: str | None = None,
    hotseat: bool = False,
) -> Players:
    """The players the options describe. Raises UsageError, with the option
    and the value in words, for anything that cannot stand as given."""
    if names is not None and (name is not None or partner is not None):
        raise UsageError("give the names once: either --names A,B or --name and --partner")
    by_role: dict[str, str] = {}
    if names is not None:
        parts = names.split(",")
        if hotseat and len(parts) != 2:
            raise UsageError(
                "--names: hot-seat needs both players' names, separated by a comma "
                "(like --names Ana,Ben)"
            )
        if len(parts) > 2:
            raise UsageError(
                f"--names: at most two names (yours, then your partner's), not {len(parts)}"
            )
        for role, raw in zip(ROLES, parts, strict=False):
            by_role[role] = _name(raw, "--names", _who(role, hotseat))
    else:
        for role, option, raw in (("a", "--name", name), ("b", "--partner", partner)):
            if raw is not None:
                by_role[role] = _name(raw, option, _who(role, hotseat))
    if "a" in by_role and by_role.get("a") == by_role.get("b"):
        raise UsageError(
            f"both players are called '{by_role['a']}'; give them different names, "
            "so it is clear whose turn it is"
        )
    return Players(by_role, _pronouns(pronouns) if pronouns is not None else {})


def _who(role: str, hotseat: bool) -> str:
    return f"{_PLAYER[role]}'s name" if hotseat else f"{_SOLO[role]} name"


def _name(raw: str, option: str, who: str) -> str:
    cleaned = clean_name(raw)
    if not cleaned:
        raise UsageError(f"{option}: {who} is empty; give a name with at least one letter")
    if len(clean_line(raw).strip()) > NAME_LIMIT:
        raise UsageError(
            f"{option}: {who} '{cleaned}...' is too long; a name is at most {NAME_LIMIT} characters"
        )
    return cleaned


def _pronouns(text: str) -> dict[str, str]:
    """One value: the partner's (player two's). Two: player one's, then player two's."""
    parts = [p.strip().lower() for p in text.split(",")]
    if len(parts) > 2:
        raise UsageError(
            f"--pronouns: at most two, one for each player (like --pronouns she,they), "
            f"not {len(parts)}"
        )
    for part in parts:
        if part not in PRONOUNS:
            shown = clean_line(part)[:20] or "nothing"
            raise UsageError(
                f"--pronouns: each is they, she or he (like --pronouns she,they), not '{shown}'"
            )
    if len(parts) == 1:
        return {"b": parts[0]}
    return dict(zip(ROLES, parts, strict=True))
