"""SHA-256 for digests and checksums, without loading OpenSSL.

`hashlib` loads OpenSSL's bindings when it is imported, and that costs over
half a megabyte of the game's memory (PRODUCT.md §9 keeps it within 1.3x a
bare Textual app) for one hash that CPython also builds in. The built-in
module's name changed in 3.12; when neither is there, hashlib's is used.
The digests are identical either way (a test compares them).
"""

from __future__ import annotations

try:
    from _sha2 import sha256  # Python 3.12+
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # a Python built without its own SHA-2
        from hashlib import sha256


def hexdigest(data: bytes) -> str:
    """The SHA-256 of `data`, as 64 hex digits."""
    return sha256(data).hexdigest()
