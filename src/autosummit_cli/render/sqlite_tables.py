"""What the SQLite export holds: one table per kind of record, and where its rows come from.

Every row has a single-column text primary key, `key` (`EVENT/ID`, or `EVENT/TALK#point-2` for
what has no id of its own) and an `event_id`, so a corpus of many summits fits in one file:
datasette links only single-column foreign keys, and a key made of ids stays the same when the
file is exported again, so shared links hold.

A table's columns come from its dataclass: every plain field becomes a column (a nested record
such as `source` becomes `source_*` columns, anything else a JSON text column), so a field added
to the model is exported without a change here. Only records that become rows of their own
(roles, points, ...) and relations are declared below; another top-level list of records in the
model (a glossary) gets a table of its own.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

from autosummit_cli.domain import model
from autosummit_cli.domain.model import Summit, Talk

Row = dict[str, Any]


Rows = Callable[[Summit], Iterator[tuple[Row, Any]]]  # each row's own columns, and its record


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    description: str
    rows: Rows
    head: tuple[str, ...]  # the columns `rows` fills (the first is the key), then the record's
    record: type | None = None  # the dataclass whose fields become the other columns
    refs: tuple[tuple[str, str], ...] = ()  # (column, table): holds a key of that table
    pk: tuple[str, ...] = ("key",)
    search: tuple[str, ...] = ()  # the columns of its full-text index
    label: str | None = None  # what datasette shows for a link to one of its rows


def _key(summit: Summit, *parts: str) -> str:
    return "/".join((summit.event.id, *parts))


def _events(summit: Summit) -> Iterator[tuple[Row, Any]]:
    yield {"event_id": summit.event.id, "format": summit.format}, summit.event


def _listed(name: str, id_column: str) -> Rows:
    """A top-level list of records with ids (sessions, speakers, themes)."""

    def rows(summit: Summit) -> Iterator[tuple[Row, Any]]:
        for position, record in enumerate(getattr(summit, name), 1):
            yield (
                {
                    "key": _key(summit, record.id),
                    id_column: record.id,
                    "position": position,
                },
                record,
            )

    return rows


def _roles(summit: Summit) -> Iterator[tuple[Row, Any]]:
    for speaker in summit.speakers:
        for position, role in enumerate(speaker.roles, 1):
            key = _key(summit, f"{speaker.id}#role-{position}")
            yield {"key": key, "speaker": _key(summit, speaker.id), "position": position}, role


def _talks(summit: Summit) -> Iterator[tuple[Row, Any]]:
    for position, talk in enumerate(summit.talks, 1):
        yield (
            {
                "key": _key(summit, talk.id),
                "talk_id": talk.id,
                "speaker": _key(summit, talk.speaker),
                "session": _key(summit, talk.session),
                "position": position,
            },
            talk,
        )


def _in_talks(field: str, kind: str) -> Rows:
    """What each talk lists (points, quotes, figures), keyed `EVENT/TALK#kind-N` as
    `autosummit search` names them."""

    def rows(summit: Summit) -> Iterator[tuple[Row, Any]]:
        for talk in summit.talks:
            for position, item in enumerate(getattr(talk, field), 1):
                row = {
                    "key": _key(summit, f"{talk.id}#{kind}-{position}"),
                    **_said(summit, talk),
                    "position": position,
                }
                if isinstance(item, str):  # a quote is only its text
                    row["text"] = item
                yield row, item

    return rows


def _said(summit: Summit, talk: Talk) -> Row:
    return {"talk": _key(summit, talk.id), "speaker": _key(summit, talk.speaker)}


def _recommendations(summit: Summit) -> Iterator[tuple[Row, Any]]:
    for talk in summit.talks:
        for position, rec in enumerate(talk.recommendations, 1):
            yield (
                {
                    "key": _key(summit, rec.id),
                    "recommendation_id": rec.id,
                    **_said(summit, talk),
                    "position": position,
                },
                rec,
            )


def _tagged(items: Rows, column: str) -> Rows:
    """Which themes each item of a kind touches, one row per (item, theme)."""

    def rows(summit: Summit) -> Iterator[tuple[Row, Any]]:
        for row, item in items(summit):
            for theme in dict.fromkeys(item.themes):
                yield {column: row["key"], "theme": _key(summit, theme)}, None

    return rows


_points = _in_talks("points", "point")
SAID = ("talk", "speaker")
TALK_REFS = (("talk", "talks"), ("speaker", "speakers"))
TABLES: tuple[Table, ...] = (
    Table("events", "One row per summit: the event and the source it is built from.",
          _events, ("event_id", "format"), model.Event, pk=("event_id",), label="title"),
    Table("sessions", "The sessions of each event, in programme order.",
          _listed("sessions", "session_id"), ("key", "session_id", "position"), model.Session,
          label="title"),
    Table("speakers", "Everyone who speaks, in the order the source presents them.",
          _listed("speakers", "speaker_id"), ("key", "speaker_id", "position"), model.Speaker,
          search=("name",), label="name"),
    Table("roles", "The positions each speaker holds.", _roles,
          ("key", "speaker", "position"), model.Role, refs=(("speaker", "speakers"),),
          label="title"),
    Table("themes", "The themes that points and recommendations are tagged with.",
          _listed("themes", "theme_id"), ("key", "theme_id", "position"), model.Theme,
          search=("title", "summary"), label="title"),
    Table("talks", "One row per talk: who spoke, in which session, and a summary.", _talks,
          ("key", "talk_id", "speaker", "session", "position"), model.Talk,
          refs=(("speaker", "speakers"), ("session", "sessions")), search=("title", "summary"),
          label="title"),
    Table("points", "What each speaker observes or argues (paraphrased).", _points,
          ("key", *SAID, "position"), model.Point, TALK_REFS, search=("text", "parts"),
          label="text"),
    Table("recommendations", "What each speaker recommends (paraphrased).", _recommendations,
          ("key", "recommendation_id", *SAID, "position"), model.Recommendation, TALK_REFS,
          search=("text", "parts"), label="text"),
    Table("quotes", "Phrases the source itself puts in quotation marks, verbatim.",
          _in_talks("quotes", "quote"), ("key", *SAID, "position", "text"), None, TALK_REFS,
          search=("text",), label="text"),
    Table("figures", "Numbers the speakers cite.", _in_talks("figures", "figure"),
          ("key", *SAID, "position"), model.Figure, TALK_REFS, label="label"),
    Table("point_themes", "Which themes each point touches.", _tagged(_points, "point"),
          ("point", "theme"), None, (("point", "points"), ("theme", "themes")),
          pk=("point", "theme")),
    Table("recommendation_themes", "Which themes each recommendation touches.",
          _tagged(_recommendations, "recommendation"), ("recommendation", "theme"), None,
          (("recommendation", "recommendations"), ("theme", "themes")),
          pk=("recommendation", "theme")),
)  # fmt: skip
# Fields that are rows of other tables, or are the relation columns above.
SPLIT = {"id", "roles", "points", "recommendations", "quotes", "figures", "themes"}
INTEGER_HEADS = {"position", "format"}
KNOWN_PARTS = {"format", "event", "sessions", "speakers", "themes", "talks"}


def _extra_tables() -> tuple[Table, ...]:
    """A table for each other top-level list of records in the model (a glossary, say), so a
    new part of the format is exported before anyone declares it above."""
    hints = typing.get_type_hints(Summit)
    tables = []
    for field in dataclasses.fields(Summit):
        args = typing.get_args(hints[field.name])
        record = args[0] if args else None
        if field.name in KNOWN_PARTS or not isinstance(record, type):
            continue
        if dataclasses.is_dataclass(record):
            described = f"The summit's {field.name}."
            rows = _listed_any(field.name)
            tables.append(Table(field.name, described, rows, ("key", "position"), record))
    return tuple(tables)


def _listed_any(name: str) -> Rows:
    def rows(summit: Summit) -> Iterator[tuple[Row, Any]]:
        for position, record in enumerate(getattr(summit, name), 1):
            ident = getattr(record, "id", None) or f"{name}-{position}"
            yield {"key": _key(summit, str(ident)), "position": position}, record

    return rows


Column = tuple[str, str, tuple[str, ...]]  # name, SQL type, attribute path in the record


def columns(table: Table) -> list[Column]:
    """The table's columns: its key, `event_id`, the relation columns, then the record's."""
    head = [table.head[0], "event_id", *table.head[1:]]
    found: list[Column] = [
        (n, "INTEGER" if n in INTEGER_HEADS else "TEXT", ()) for n in dict.fromkeys(head)
    ]
    if table.record is not None:
        taken = {name for name, _, _ in found} | SPLIT
        found += [c for c in _fields(table.record) if c[2][0] not in taken]
    return found


def _fields(record: type, prefix: str = "") -> Iterator[Column]:
    """Each field of a dataclass as a column: plain values as they are, a nested record as
    `field_*` columns, anything else (lists) as JSON text."""
    hints = typing.get_type_hints(record)
    for field in dataclasses.fields(record):
        hint = hints[field.name]
        plain = [a for a in typing.get_args(hint) if a is not type(None)]
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            hint = plain[0] if len(plain) == 1 else hint
        if hint in SQL_TYPES:
            yield prefix + field.name, SQL_TYPES[hint], (field.name,)
        elif isinstance(hint, type) and dataclasses.is_dataclass(hint):
            for name, kind, path in _fields(hint, f"{prefix}{field.name}_"):
                yield name, kind, (field.name, *path)
        else:
            yield prefix + field.name, "TEXT", (field.name,)


SQL_TYPES: dict[Any, str] = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}


def cell(record: Any, path: tuple[str, ...]) -> Any:
    value = record
    for step in path:
        value = getattr(value, step, None)
    if value is None or isinstance(value, (str, int, float)):
        return value
    if value == ():
        return None
    return json.dumps(_plain(value), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def all_tables() -> tuple[Table, ...]:
    return (*TABLES, *_extra_tables())
