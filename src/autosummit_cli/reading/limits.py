"""The bounds on what one data file may hold, and cheap tests of whether a text could pass them
(only a text that could is scanned event by event before it is parsed)."""

from __future__ import annotations

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
# Values (items, keys and texts) in one file: PyYAML keeps a node of about 500 bytes for each,
# so a 16 MiB file of `[a, a, ...]` would take gigabytes and a minute to read.
MAX_VALUES = 250_000
# What the search index is given of one file (`search.index.index_rows`): its different words,
# each a term of the word index and the vocabulary, and the characters of its texts in scripts
# written without spaces, each the start of a term of the trigram index. Random words or
# characters filling a file under the size cap cost 20 to 50 s and 600 MiB; a whole book is
# about 50,000 different words, or 500,000 characters of Chinese.
MAX_WORDS = 200_000
MAX_UNSPACED_CHARACTERS = 2_000_000


def could_be_deep(text: str) -> bool:
    """Whether the text could nest deep enough to overflow libyaml's recursive composer.

    Block nesting needs indentation or `- ` per level, so it is bounded by the line length;
    flow nesting by the number of brackets. Only files past that bound pay for an event scan.
    """
    longest = max(map(len, text.split("\n")), default=0)
    return 2 * longest + text.count("[") + text.count("{") > 5_000


def could_be_many(text: str) -> bool:
    """Whether the text could hold more than MAX_VALUES values: each value but the first
    needs a separator of its own (at most two values per separator)."""
    separators = sum(text.count(mark) for mark in ",:-?\n[{")
    return 2 * (separators + 1) > MAX_VALUES
