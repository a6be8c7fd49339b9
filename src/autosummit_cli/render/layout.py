"""Column widths for a terminal table, worked out before rich draws it: every column gets at
least its longest word, so no word is ever split; when even that does not fit, the caller shows
one record per block instead."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

GAP = 3  # between two columns: a space either side of an invisible rule


def _natural(cells: list[Text]) -> tuple[int, int]:
    """(longest word, longest line) over a column's cells, in terminal cells."""
    shortest = longest = 1
    for text in cells:
        for line in text.plain.splitlines() or [""]:
            longest = max(longest, cell_len(line))
            shortest = max(shortest, max((cell_len(w) for w in line.split()), default=0))
    return shortest, longest


def column_widths(columns: list[list[Text]], unbroken: list[bool], width: int) -> list[int] | None:
    """Widths that fit `width`, or None when the columns' minimums cannot. A column that must
    not wrap (`unbroken`: ids, numbers) keeps its longest line; the others start at their
    longest word, and the spare room goes to the ones with the most left to show."""
    natural = [_natural(cells) for cells in columns]
    minimum = [hi if keep else lo for (lo, hi), keep in zip(natural, unbroken, strict=True)]
    maximum = [hi for _, hi in natural]
    room = width - GAP * (len(columns) - 1)
    if sum(maximum) <= room:
        return maximum
    if sum(minimum) > room:
        return None
    widths = list(minimum)
    spare = room - sum(widths)
    while spare > 0:
        wanting = [i for i, w in enumerate(widths) if w < maximum[i]]
        if not wanting:
            break
        share = max(1, spare // len(wanting))
        for i in sorted(wanting, key=lambda i: widths[i] - maximum[i]):
            give = min(share, maximum[i] - widths[i], spare)
            widths[i] += give
            spare -= give
    return widths
