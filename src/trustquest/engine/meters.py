"""The eight trust pillars and the derived overall trust."""

BUILDING = ("communication", "consistency", "vulnerability", "reliability")
MAINTAINING = ("forgiveness", "transparency", "respect", "boundaries")
PILLARS = BUILDING + MAINTAINING

#: The derived meter, readable in conditions but never set directly.
TRUST = "trust"

ROLES = ("a", "b")


def other(role: str) -> str:
    return "b" if role == "a" else "a"


def label(meter: str) -> str:
    return meter.replace("_", " ").capitalize()
