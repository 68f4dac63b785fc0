"""`trustquest schema`: the JSON Schema of the scenario format.

The schema is generated from the one declaration of the format
(`engine/format.py`), the same one the loader checks files against, so it
cannot drift from the code. `schema/scenario.schema.json` is a committed copy
for editors (Taplo, Even Better TOML); a test keeps it identical to this
output. Regenerate it with:

    trustquest schema > schema/scenario.schema.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from trustquest.engine.format import to_schema

SCHEMA_FILE = "scenario.schema.json"
REGENERATE = "trustquest schema > schema/scenario.schema.json"


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of scenario format 1."""
    return to_schema()


def schema_text() -> str:
    """The schema exactly as `trustquest schema` prints it and as it is committed."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def schema_path() -> Path | None:
    """Where the committed schema file is: inside the installed package
    (`trustquest/schema/`), or in a source checkout's top-level `schema/`."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (
        package / "schema" / SCHEMA_FILE,
        package.parents[1] / "schema" / SCHEMA_FILE,
    ):
        if candidate.is_file():
            return candidate
    return None


def main(args) -> int:
    sys.stdout.write(schema_text())
    return 0
