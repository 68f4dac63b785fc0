"""Did-you-mean: the known name a misspelt one most likely meant."""

from __future__ import annotations

import difflib
import os


def closest(word: str, options) -> str | None:
    """The option `word` is most likely a misspelling of, or None.

    difflib decides what is close enough; among those, the fewest edits win
    (a swap of two neighbours counts as one, so 'thme' is 'them', not 'they'),
    then difflib's similarity, the longest shared start, the nearest length,
    and finally the order of `options`."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=len(options) or 1, cutoff=0.6)
    if not close:
        return None

    def rank(option: str):
        ratio = difflib.SequenceMatcher(None, word, option).ratio()
        prefix = len(os.path.commonprefix([word, option]))
        return (_edits(word, option), -ratio, -prefix, abs(len(option) - len(word)))

    return min(close, key=lambda option: (rank(option), options.index(option)))


def did_you_mean(word: str, options) -> str | None:
    close = closest(word, options)
    return f"did you mean '{close}'?" if close else None


def _edits(a: str, b: str) -> int:
    """Edit distance counting insertions, deletions, substitutions and swaps
    of two neighbouring characters (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]
