"""The author's toolchain: `simulate`, `graph`, `new` and `schema`.

Each command lives in its own module with a `main(args) -> int` that the CLI
dispatches to. The modules drive the engine like every other face of the game
and keep Rich out of their import path until they print.
"""
