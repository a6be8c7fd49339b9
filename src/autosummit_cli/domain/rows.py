"""One row shape for every list view (the writers over it are in `render/writers.py`).

A list view is a `Rows`: a fixed column order and records keyed by those columns. Values are
text, numbers, or lists of ids (joined with '; ' in CSV, TSV, Markdown and tables).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from autosummit_cli.domain.errors import UsageError

LIST_JOIN = "; "


class Rows(NamedTuple):
    columns: tuple[str, ...]
    records: list[dict[str, Any]]
    total: int | None = None  # before filters, for the "N of M" note
    name: str = "rows"
    table_columns: tuple[str, ...] = ()  # the compact default for a terminal table

    def select(self, fields: Sequence[str] | None) -> Rows:
        if not fields:
            return self
        unknown = [f for f in fields if f not in self.columns]
        if unknown:
            raise UsageError(
                f"unknown field {', '.join(map(repr, unknown))} for --fields; "
                f"valid fields: {','.join(self.columns)}"
            )
        return Rows(tuple(fields), self.records, self.total, self.name)


def join_rows(parts: Sequence[tuple[str, Rows]], several: bool) -> Rows:
    """One list across events: with several loaded, each row starts with its event id."""
    if not several:
        return parts[0][1]
    first = parts[0][1]
    records = [{"event": event, **r} for event, rows in parts for r in rows.records]
    totals = [rows.total for _, rows in parts]
    total = sum(t for t in totals if t is not None) if None not in totals else None
    table = ("event", *first.table_columns) if first.table_columns else ()
    return Rows(("event", *first.columns), records, total, first.name, table)


def rows_to_json(rows: Rows) -> list[Any]:
    """A `Rows` as plain JSON data, to keep in the cache."""
    return [rows.columns, rows.records, rows.total, rows.name, rows.table_columns]


def rows_from_json(value: Any) -> Rows:
    """The `Rows` that `rows_to_json` made; ValueError (or TypeError) if it is not one."""
    columns, records, total, name, table_columns = value
    if not all(isinstance(r, dict) for r in records):
        raise ValueError("records are not all objects")
    return Rows(tuple(columns), records, total, name, tuple(table_columns))


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, (list, tuple)) for v in value):  # spans: start-end
            return LIST_JOIN.join("-".join(map(str, v)) for v in value)
        return LIST_JOIN.join(cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
