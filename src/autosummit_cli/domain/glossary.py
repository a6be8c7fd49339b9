"""The glossary view: each summit's terms and what else people call them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autosummit_cli.domain.rows import Rows, join_rows

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit

COLUMNS = ("term", "means")


def glossary_rows(summits: tuple[Summit, ...]) -> Rows:
    """One row per glossary entry, in the data's order; with several events each names its
    event."""
    parts = [
        (
            summit.event.id,
            Rows(
                COLUMNS,
                [{"term": e.term, "means": list(e.means)} for e in summit.glossary],
                name="glossary entries",
            ),
        )
        for summit in summits
    ]
    return join_rows(parts, len(parts) > 1)
