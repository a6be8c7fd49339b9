"""The bounds on what one data file may hold, and cheap tests of whether a text could pass them
(only a text that could is scanned event by event before it is parsed)."""

from __future__ import annotations

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
# Values (items, keys and texts) in one file: PyYAML keeps a node of about 500 bytes for each,
# so a 16 MiB file of `[a, a, ...]` would take gigabytes and a minute to read.
MAX_VALUES = 250_000


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
