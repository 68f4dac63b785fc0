"""The text the screens show, built from the game: each function returns
literal `Content` (through `tui.literal`) or plain strings, and knows nothing
of widgets or screens. Screens put it in place; faces other than the TUI
have their own wording (plain.py)."""
