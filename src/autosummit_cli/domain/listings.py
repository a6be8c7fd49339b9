"""The rows of the lists that come from the search index and the cache rather than a summit:
search results, events, cache files; named in the vocabulary every view shares."""

from __future__ import annotations

from typing import Any

from autosummit_cli.domain.rows import Rows

SEARCH_COLUMNS = (
    "rank",
    "score",
    "kind",
    "id",
    "talk_id",
    "speaker_id",
    "speaker_name",
    "session_id",
    "text",
    "themes",
    "matches",
)
# The search index's names for a result's fields, in the vocabulary every view shares.
SEARCH_KEYS = {"talk": "talk_id", "speaker": "speaker_name", "session": "session_id"}


def search_rows(records: list[dict[str, Any]], several_events: bool = False) -> Rows:
    """Search results; with several events each names its event. No `total`: how many were
    left out is the search command's own note, which says how to see them."""
    event = ("event",) if several_events else ()
    columns = ("rank", "score", "kind", *event, *SEARCH_COLUMNS[3:])
    table = ("rank", *event, "id", "speaker_name", "text")
    renamed = [{SEARCH_KEYS.get(k, k): v for k, v in r.items()} for r in records]
    return Rows(columns, renamed, name="matches", table_columns=table)


EVENT_KEYS = {
    "speakers": "speaker_count",
    "talks": "talk_count",
    "recommendations": "recommendation_count",
}


def event_list(events: list[dict[str, Any]]) -> Rows:
    columns = (
        "id",
        "title",
        "host",
        "published",
        "speaker_count",
        "talk_count",
        "recommendation_count",
    )
    renamed = [{EVENT_KEYS.get(k, k): v for k, v in e.items()} for e in events]
    return Rows(columns, renamed, name="events")


def cache_list(entries: list[dict[str, Any]]) -> Rows:
    columns = ("path", "bytes", "built", "valid_format", "files")
    return Rows(columns, entries, name="cache files", table_columns=("path", "bytes", "built"))
