"""The full-screen game (Textual). Import `trustquest.tui.app` to run it.

Only this package imports Textual; the engine never does.
"""
