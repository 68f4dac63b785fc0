"""The language server (`trustquest lsp`): live diagnostics, completion,
navigation, rename, hover and outline for scenario files, built on the
validator's own results and the format description in `engine/format.py`."""
