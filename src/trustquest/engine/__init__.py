"""The headless engine: model, rules, loader and validator.

Nothing in this package may import Textual or Rich (a test enforces it), so
that `run`, `simulate` and plain mode stay light and the rules live in one place.
"""
