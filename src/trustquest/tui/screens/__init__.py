"""The game's screens. Each module is imported only when its screen opens."""
