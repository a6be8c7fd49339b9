"""The SQLite half of the cache: the validated summits, the search index, and the names.

One database per set of data files (`store.cache_path(..., DB)`): the search index
(`search.build_index`), one pickle per summit (so that --event unpickles only its own), the
names each summit's speakers, sessions and themes answer to, and every normalised key of them
(so that a name lookup reads only the events that have it). Imported only by a run that needs
one of these: a warm list or overview reads the rows file alone and never loads SQLite.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from typing import TYPE_CHECKING

from autosummit_cli.store import CACHE_FORMAT, Meta, true_to

if TYPE_CHECKING:
    from pathlib import Path

    from autosummit_cli.model import Summit
    from autosummit_cli.names import Candidate


def open_db(path: Path, files: list[str]) -> sqlite3.Connection | None:
    """The database if it is there, readable and still true to these files."""
    try:
        if not path.is_file():
            return None
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") == CACHE_FORMAT and true_to(
            json.loads(meta["files"]), meta["digest"], files
        ):
            return connection
        connection.close()
    except (OSError, sqlite3.Error, KeyError, ValueError):
        pass
    return None


def read_meta(path: Path) -> Meta:
    """What a database says it was built from (for `cache info`); empty if unreadable."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            meta: Meta = dict(connection.execute("SELECT key, value FROM meta"))
        meta["files"] = json.loads(meta["files"])
        return meta
    except (sqlite3.Error, KeyError, ValueError):
        return {}


def read_summits(
    connection: sqlite3.Connection, event: str | None = None
) -> tuple[Summit, ...] | None:
    """Every summit in the database, or only `event`'s; None if any is missing or damaged."""
    import pickle

    from autosummit_cli.model import Summit

    sql = "SELECT event, data FROM summits"
    sql += " WHERE event = ?" if event else " ORDER BY position"
    try:
        found = connection.execute(sql, (event,) if event else ()).fetchall()
        # Our own file in the user's own cache directory; a damaged one is rebuilt.
        summits = tuple(pickle.loads(blob) for _, blob in found)  # noqa: S301
    except Exception:
        return None
    if summits and all(
        isinstance(s, Summit) and s.event.id == e for s, (e, _) in zip(summits, found, strict=True)
    ):
        return summits
    return None


def events(connection: sqlite3.Connection) -> list[tuple[str, str]] | None:
    with contextlib.suppress(sqlite3.Error):
        return list(connection.execute("SELECT id, title FROM events ORDER BY position"))
    return None


def candidates(
    connection: sqlite3.Connection, kind: str, events: list[str] | None
) -> list[tuple[str, list[Candidate]]] | None:
    """What each event's (or these events') names of `kind` answer to, in event order; None
    when the database cannot say."""
    from autosummit_cli.names import Candidate

    sql, params = "SELECT event, data FROM names WHERE name = ?", [kind]
    if events is not None and len(events) <= 500:  # else reading them all is as quick
        sql += f" AND event IN ({', '.join('?' * len(events))})"
        params += events
    try:
        found = connection.execute(sql + " ORDER BY position", params).fetchall()
        chosen = set(events) if events is not None else None
        parts = [
            (event, [Candidate(i, label, tuple(keys)) for i, label, keys in json.loads(data)])
            for event, data in found
            if chosen is None or event in chosen
        ]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    return parts or None


def events_naming(connection: sqlite3.Connection, kind: str, wanted: str) -> set[str] | None:
    """The events with a `kind` whose normalised name has a word starting with `wanted`."""
    try:
        found = connection.execute(
            "SELECT DISTINCT event FROM name_keys WHERE kind = ? AND instr(' ' || key, ?) > 0",
            (kind, " " + wanted),
        )
        return {event for (event,) in found}
    except sqlite3.Error:
        return None


def write_db(path: Path, summits: tuple[Summit, ...], meta: Meta) -> sqlite3.Connection | None:
    """Build the database beside its final name, then rename it into place; None when it
    cannot be written (or SQLite lacks FTS5: then only search is lost, and it says so itself
    when asked)."""
    import pickle

    from autosummit_cli.names import CANDIDATES
    from autosummit_cli.search import SearchUnavailable, build_index, connect

    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        connection = connect(str(temporary))
        build_index(connection, summits)
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [(key, json.dumps(value) if key == "files" else value) for key, value in meta.items()],
        )
        connection.execute(
            "CREATE TABLE summits (position INTEGER PRIMARY KEY, event TEXT UNIQUE, data BLOB)"
        )
        connection.executemany(
            "INSERT INTO summits VALUES (?, ?, ?)",
            (
                (position, summit.event.id, pickle.dumps(summit, protocol=pickle.HIGHEST_PROTOCOL))
                for position, summit in enumerate(summits)
            ),
        )
        connection.execute(
            "CREATE TABLE names (name TEXT, position INTEGER, event TEXT, data TEXT,"
            " PRIMARY KEY (name, position)) WITHOUT ROWID"
        )
        connection.execute("CREATE TABLE name_keys (kind TEXT, event TEXT, key TEXT)")
        for kind, build in CANDIDATES.items():
            for position, summit in enumerate(summits):
                pool = build(summit)
                connection.execute(
                    "INSERT INTO names VALUES (?, ?, ?, ?)",
                    (
                        kind,
                        position,
                        summit.event.id,
                        json.dumps([[c.id, c.label, c.keys] for c in pool], ensure_ascii=False),
                    ),
                )
                connection.executemany(
                    "INSERT INTO name_keys VALUES (?, ?, ?)",
                    ((kind, summit.event.id, key) for c in pool for key in c.keys),
                )
        connection.commit()
        connection.close()
        os.replace(temporary, path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error, SearchUnavailable):
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return None
