"""Load and validate scenario files.

One module per job:

* `pipeline`: the entry points (bytes or a file in, a scenario and
  diagnostics out) and the order of the passes;
* `shape`: pass 2, the parsed data against the declared format;
* `build`: pass 3, the read-only `Scenario` from the cleaned data;
* `crossrefs`: names that must exist elsewhere (gotos, meters, scenes, placeholders);
* `flags`: flags read and set, and the warnings about them;
* `graph`: reachability of scenes and endings;
* `suggestions`: "did you mean" for misspelt names.
"""

from trustquest.engine.loader.build import DEFAULT_ROLES
from trustquest.engine.loader.pipeline import (
    check_bytes,
    check_file,
    digest_of,
    load_bytes,
    load_file,
    load_text,
)
from trustquest.engine.loader.shape import MAX_REPORTED
from trustquest.engine.loader.suggestions import closest, did_you_mean

__all__ = [
    "DEFAULT_ROLES",
    "MAX_REPORTED",
    "check_bytes",
    "check_file",
    "closest",
    "did_you_mean",
    "digest_of",
    "load_bytes",
    "load_file",
    "load_text",
]
