"""TrustQuest: a terminal game about trust between partners."""

__version__ = "0.1.0"
