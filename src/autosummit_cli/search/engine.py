"""Full-text search over the summit with SQLite FTS5: the search that asks the index.

The index (`search.index`) holds every kind of answer, each with who said it; its texts are
read back by `search.texts`. How a query is asked (`search.plan`, `search.rank`): every word
first; when no item has them all, the items with most of them, said so in a note. Words in
scripts without spaces (Chinese, Japanese, Korean, Thai) are matched as substrings through a
trigram index.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from autosummit_cli.domain.errors import AutosummitError, NotFound
from autosummit_cli.search.hints import no_match_message
from autosummit_cli.search.plan import plan
from autosummit_cli.search.query import Filters, parse
from autosummit_cli.search.rank import run
from autosummit_cli.search.texts import prepare


class SearchUnavailable(AutosummitError):
    pass


def connect(path: str = ":memory:") -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x, tokenize='trigram')")
        connection.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError as error:
        raise SearchUnavailable(
            f"search needs SQLite's FTS5 with the trigram tokenizer (SQLite >= 3.34), which this "
            f"Python's sqlite3 (SQLite {sqlite3.sqlite_version}) lacks ({error}); use a Python "
            f"built with a current SQLite (python.org, pyenv and most distributions are)"
        ) from None
    return connection


def several_events(connection: sqlite3.Connection) -> bool:
    return len(connection.execute("SELECT 1 FROM events LIMIT 2").fetchall()) > 1


def event_rows(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    cursor = connection.execute(
        "SELECT id, title, host, published, speakers, talks, recommendations FROM events"
        " ORDER BY position"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


@dataclass(frozen=True)
class Found:
    """The best results as records, how many matched in all, and whether they hold only some
    of the words (no item had them all)."""

    records: list[dict[str, Any]]
    total: int
    partial: bool = False


def search(
    connection: sqlite3.Connection, text: str, filters: Filters, limit: int | None = None
) -> Found:
    """Every word first, then the items with most of them; raises NotFound with hints that
    work when nothing matches."""
    terms = prepare(connection)
    try:
        return _search(connection, text, filters, limit)
    except sqlite3.OperationalError:
        if terms.damage is not None:  # a damaged block of texts, found by SQL reading it
            raise sqlite3.DatabaseError(terms.damage) from None
        raise


def _search(
    connection: sqlite3.Connection, text: str, filters: Filters, limit: int | None
) -> Found:
    query = parse(text)
    planned = plan(connection, query)
    records, total = run(connection, planned, filters, limit)
    if total:
        return Found(records, total)
    wider = planned.fallback()
    if wider is not None:
        records, total = run(connection, wider, filters, limit)
        if total:
            return Found(records, total, partial=True)
    raise NotFound(no_match_message(connection, text, query, planned, filters))
