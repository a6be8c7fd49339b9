"""Summits as one SQLite database shaped for datasette and sqlite-utils.

The tables (`sqlite_tables`) get their declared primary and foreign keys; full-text search is
set up the way sqlite-utils' `enable_fts(..., create_triggers=True)` does it (a `{table}_fts`
FTS5 table with `content="{table}"`, kept in step by triggers), so `sqlite-utils search` and
datasette's search box find it. The database is built beside its target and renamed into place;
datasette's metadata (titles, descriptions, the source) is written next to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.model import Summit
from autosummit_cli.render.files import write_atomically
from autosummit_cli.render.sqlite_tables import Column, Table, all_tables, cell, columns

# The tokenizer `autosummit search` uses (search.py): Porter stems over Unicode words.
TOKENIZE = "porter unicode61 remove_diacritics 2"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_sql(table: Table, tables: dict[str, Table]) -> str:
    refs = dict(table.refs)
    if table.name != "events":
        refs["event_id"] = "events"
    lines = []
    for name, kind, _ in columns(table):
        line = f"{quote(name)} {kind}"
        if name in table.pk or name == "event_id":
            line += " NOT NULL"
        if name in refs:
            target = tables[refs[name]]
            line += f" REFERENCES {quote(target.name)}({quote(target.pk[0])})"
        lines.append(line)
    lines.append(f"PRIMARY KEY ({', '.join(map(quote, table.pk))})")
    return f"CREATE TABLE {quote(table.name)} (\n    " + ",\n    ".join(lines) + "\n)"


def fts_sql(table: Table) -> str:
    """Full-text search as sqlite-utils' `enable_fts(..., create_triggers=True)` sets it up."""
    name, fts = quote(table.name), quote(table.name + "_fts")
    listed = ", ".join(map(quote, table.search))
    old = ", ".join(f"old.{quote(c)}" for c in table.search)
    new = ", ".join(f"new.{quote(c)}" for c in table.search)
    ai, ad, au = (quote(table.name + suffix) for suffix in ("_ai", "_ad", "_au"))
    return f"""
CREATE VIRTUAL TABLE {fts} USING FTS5 (
    {listed},
    tokenize='{TOKENIZE}',
    content={name}
);
INSERT INTO {fts} (rowid, {listed}) SELECT rowid, {listed} FROM {name};
CREATE TRIGGER {ai} AFTER INSERT ON {name} BEGIN
  INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new});
END;
CREATE TRIGGER {ad} AFTER DELETE ON {name} BEGIN
  INSERT INTO {fts} ({fts}, rowid, {listed}) VALUES('delete', old.rowid, {old});
END;
CREATE TRIGGER {au} AFTER UPDATE ON {name} BEGIN
  INSERT INTO {fts} ({fts}, rowid, {listed}) VALUES('delete', old.rowid, {old});
  INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new});
END;
"""


def fill(connection: sqlite3.Connection, summits: tuple[Summit, ...]) -> None:
    """Create every table in `connection` and fill it from `summits`, in one transaction."""
    tables = all_tables()
    by_name = {t.name: t for t in tables}
    with connection:
        for table in tables:
            connection.execute(create_sql(table, by_name))
            chosen = columns(table)
            insert = (
                f"INSERT INTO {quote(table.name)} ({', '.join(quote(c[0]) for c in chosen)})"
                f" VALUES ({', '.join('?' * len(chosen))})"
            )
            connection.executemany(insert, _values(table, chosen, summits))
    # Triggers hold semicolons, so the indexes go in as one script (which commits first).
    indexes = "".join(fts_sql(table) for table in tables if table.search)
    connection.executescript(f"BEGIN;\n{indexes}\nCOMMIT;")


def _values(
    table: Table, chosen: list[Column], summits: tuple[Summit, ...]
) -> Iterator[tuple[Any, ...]]:
    for summit in summits:
        for row, record in table.rows(summit):
            row["event_id"] = summit.event.id
            yield tuple(row[n] if n in row else cell(record, p) for n, _, p in chosen)


def write_database(target: str, summits: tuple[Summit, ...]) -> None:
    """Build the database beside `target` and rename it into place: an existing file is only
    ever replaced by a complete new database (as `write_atomically` does for text)."""
    path = Path(target)
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent)
        )
        os.close(descriptor)
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror or error}; choose a writable path for the file"
        ) from None
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp's 0600 would hide it from a datasette user
        connection = sqlite3.connect(temporary)
        try:
            # Nobody sees the file before the rename, so no journal and no syncing on the way;
            # one fsync at the end makes the rename safe.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            fill(connection, summits)
        finally:
            connection.close()
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, (OSError, sqlite3.Error)):
            raise UsageError(f"cannot write {target}: {error}") from None
        raise


def metadata(database: str, summits: tuple[Summit, ...]) -> dict[str, Any]:
    """datasette's metadata.json for the database file `database`: titles, descriptions and the
    source, taken from the data alone."""
    tables: dict[str, Any] = {}
    for table in all_tables():
        entry: dict[str, Any] = {"description": table.description}
        if table.label:
            entry["label_column"] = table.label
        if table.search:
            entry["fts_table"] = f"{table.name}_fts"
        tables[table.name] = entry
    described: dict[str, Any] = {}
    if len(summits) == 1:
        event = summits[0].event
        source = event.source
        described["title"] = event.title
        if event.summary:
            described["description"] = event.summary
        described["source"] = f"{source.publisher}, “{source.title}” (published {source.published})"
        if source.url:
            described["source_url"] = source.url
    else:
        described["title"] = f"{len(summits)} summits"
        described["description"] = "Summits exported by autosummit; each event's source is in "
        described["description"] += "the events table."
    return {**described, "databases": {Path(database).stem: {"tables": tables}}}


def metadata_text(database: str, summits: tuple[Summit, ...]) -> str:
    return json.dumps(metadata(database, summits), indent=2, ensure_ascii=False) + "\n"


def metadata_path(database: str) -> str:
    """Where the metadata goes by default: beside the database, named after it."""
    path = Path(database)
    return str(path.with_name(path.stem + ".metadata.json"))


def export(summits: tuple[Summit, ...], output: str | None, metadata_to: str | None) -> list[str]:
    """Write the database to `output` and datasette's metadata beside it (or to `metadata_to`);
    the files written."""
    if not output or output == "-":
        raise UsageError(
            "export -f sqlite writes a binary database, not text: give it a file with -o "
            "(autosummit export -f sqlite -o summit.db)"
        )
    write_database(output, summits)
    metadata_to = metadata_to or metadata_path(output)
    write_atomically(metadata_to, metadata_text(output, summits))
    return [output, metadata_to]
