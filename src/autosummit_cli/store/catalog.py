"""The catalog: one SQLite database per set of data files, on disk or in memory alike.

For each data file it holds one entry: the file's identity (path, size, mtime, ctime, inode)
and content hash, its validated summit as JSON, its list rows and overview, its names, and its
rows of the search index (shared by all the files, as the ranking needs). Every stored JSON value
carries a CRC-32, checked before the value is used, and is then checked for shape; anything that
fails (SQLite errors included) raises `Damaged`, and the store rebuilds the catalog.

Imported on every run that reads data; what only a build needs (the entries' makers, the search
schema) is imported by the writing functions.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from typing import TYPE_CHECKING, Any, NamedTuple

from autosummit_cli import __version__
from autosummit_cli.domain.names import Candidate
from autosummit_cli.reading.sources import Identity

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit
    from autosummit_cli.search.index import Added
    from autosummit_cli.store.catalog_entry import Entry

FORMAT = f"15-{__version__}"  # a new release never reads an older release's catalog
UNSETTLED = -1  # the size of an entry whose file changed while read: never current
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE files (
    id INTEGER PRIMARY KEY, position INTEGER NOT NULL, path TEXT UNIQUE NOT NULL,
    size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER, digest TEXT NOT NULL,
    event TEXT NOT NULL, title TEXT NOT NULL
);
CREATE TABLE parts (
    name TEXT, file INTEGER, data BLOB NOT NULL, checksum INTEGER NOT NULL,
    PRIMARY KEY (name, file)
);
CREATE TABLE names (
    kind TEXT, file INTEGER, data BLOB NOT NULL, checksum INTEGER NOT NULL, keys TEXT NOT NULL,
    PRIMARY KEY (kind, file)
);
-- Not in the files table: every run reads all of its identities, which with the summits in its
-- rows meant reading the pages of every summit.
CREATE TABLE summits (file INTEGER PRIMARY KEY, data BLOB NOT NULL, checksum INTEGER NOT NULL);
"""
# What damage looks like when it is read: SQLite's errors, bad JSON or compression, wrong
# shapes (RecursionError and MemoryError included: a value must not crash the reader).
READ_ERRORS = (
    sqlite3.Error,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    zlib.error,
    RecursionError,
    MemoryError,
    OverflowError,
)


class Damaged(Exception):
    """The catalog cannot be read as it claims to be: rebuild it."""


class Stored(NamedTuple):
    """One data file's entry, as far as deciding whether it is current goes."""

    id: int
    path: str
    identity: Identity
    digest: str
    event: str


def crc(text: str | bytes) -> int:
    return zlib.crc32(text.encode() if isinstance(text, str) else text)


def _checked(data: Any, checksum: Any) -> Any:
    if not isinstance(data, (str, bytes)) or crc(data) != checksum:
        raise Damaged("a stored value does not match its checksum")
    return data


def _value(data: Any, checksum: Any) -> Any:
    """A stored value: compressed JSON, checked against its checksum."""
    return json.loads(zlib.decompress(_checked(data, checksum)))


def new(path: str) -> Catalog:
    """An empty catalog at `path` (a new file, or ":memory:")."""
    # seam: the search index code only when a catalog is built or searched
    from autosummit_cli.search.engine import SearchUnavailable, connect
    from autosummit_cli.search.index import create_index

    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA)
    searchable = True
    try:
        connect(":memory:").close()  # whether this SQLite has FTS5 with trigrams
        create_index(connection)
    except SearchUnavailable:
        searchable = False  # everything else still works; search says what is missing
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("search", str(int(searchable)))]
    )
    connection.commit()
    return Catalog(connection, searchable)


def opened(path: str) -> Catalog:
    """The catalog at `path`; Damaged if it is not one of this release."""
    connection = sqlite3.connect(path, timeout=10)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("search") not in ("0", "1"):
            raise Damaged("a catalog of another release")
    except (*READ_ERRORS, Damaged):
        connection.close()
        raise Damaged("not a catalog") from None
    return Catalog(connection, meta["search"] == "1")


class Catalog:
    """Reads and writes of one catalog. Every read raises Damaged for what it cannot trust."""

    def __init__(self, connection: sqlite3.Connection, searchable: bool) -> None:
        self.connection, self.searchable = connection, searchable
        self._added: Added | None = None  # entries not yet searchable (`finish_adding`)

    def close(self) -> None:
        self.connection.close()

    def _rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
        try:
            return self.connection.execute(sql, params).fetchall()
        except READ_ERRORS as error:
            raise Damaged(str(error)) from None

    def entries(self) -> list[Stored]:
        """Every data file's entry, in the order of the data files."""
        found = []
        for ident, path, size, mtime, ctime, inode, digest, event in self._rows(
            "SELECT id, path, size, mtime_ns, ctime_ns, inode, digest, event FROM files"
            " ORDER BY position"
        ):
            identity = Identity(size, mtime, ctime, inode)
            if not all(type(n) is int for n in (ident, *identity)) or not all(
                isinstance(s, str) for s in (path, digest, event)
            ):
                raise Damaged("an entry of the wrong types")
            found.append(Stored(ident, path, identity, digest, event))
        return found

    def identities(self) -> list[tuple[Any, ...]]:
        """(path, size, mtime, ctime, inode) of every entry, in order, as stored."""
        return self._rows(
            "SELECT path, size, mtime_ns, ctime_ns, inode FROM files ORDER BY position"
        )

    def events(self) -> list[tuple[str, str]]:
        found = self._rows("SELECT event, title FROM files ORDER BY position")
        if not all(isinstance(e, str) and isinstance(t, str) for e, t in found):
            raise Damaged("an event of the wrong types")
        return found

    def part(self, name: str, events: list[str] | None) -> list[tuple[str, Any]]:
        """(event, value) of one stored part (a view's rows, a record) for each event, or
        for these events, in order."""
        found = self._rows(
            "SELECT f.event, p.data, p.checksum FROM files f LEFT JOIN parts p"
            " ON p.file = f.id AND p.name = ? ORDER BY f.position",
            (name,),
        )
        chosen = set(events) if events is not None else None
        try:
            return [
                (event, _value(data, checksum))
                for event, data, checksum in found
                if chosen is None or event in chosen
            ]
        except READ_ERRORS as error:
            raise Damaged(str(error)) from None

    def summits(self, event: str | None = None) -> list[Summit]:
        """Every summit, or only `event`'s, from its JSON."""
        # seam: whole summits (the model) only for the commands that need them
        from autosummit_cli.store.summit_json import summit_from_plain

        sql = "SELECT f.event, s.data, s.checksum FROM files f LEFT JOIN summits s ON s.file = f.id"
        if event:
            found = self._rows(sql + " WHERE f.event = ?", (event,))
        else:
            found = self._rows(sql + " ORDER BY f.position")
        summits = []
        try:
            for name, blob, checksum in found:
                summit = summit_from_plain(_value(blob, checksum))
                if summit.event.id != name:
                    raise Damaged("a summit stored under another event")
                summits.append(summit)
        except READ_ERRORS as error:
            raise Damaged(str(error)) from None
        return summits

    def candidates(self, kind: str, events: list[str] | None) -> list[tuple[str, list[Candidate]]]:
        """What each event's (or these events') names of `kind` answer to, in order."""
        sql, params = (
            "SELECT f.event, n.data, n.checksum FROM files f LEFT JOIN names n"
            " ON n.file = f.id AND n.kind = ?",
            [kind],
        )
        if events is not None and len(events) <= 500:  # else reading them all is as quick
            sql += f" WHERE f.event IN ({', '.join('?' * len(events))})"
            params += events
        chosen = set(events) if events is not None else None
        try:
            return [
                (
                    event,
                    [
                        Candidate(str(i), str(label), tuple(map(str, keys)))
                        for i, label, keys in _value(data, checksum)
                    ],
                )
                for event, data, checksum in self._rows(sql + " ORDER BY f.position", params)
                if chosen is None or event in chosen
            ]
        except READ_ERRORS as error:
            raise Damaged(str(error)) from None

    def events_naming(self, kind: str, wanted: str) -> set[str]:
        """The events with a `kind` whose normalised name has a word starting with `wanted`."""
        found = self._rows(
            "SELECT f.event FROM names n JOIN files f ON f.id = n.file"
            " WHERE n.kind = ? AND instr(n.keys, ?) > 0",
            (kind, " " + wanted),
        )
        return {event for (event,) in found}

    # Writes: the caller holds the transaction, and commits.

    def add(self, path: str, identity: Identity, digest: str, entry: Entry) -> None:
        """A new entry (placed by `reorder`; searchable after `finish_adding`, or once enough
        entries have been added)."""
        # seam: the search index code only when a catalog is built or searched
        from autosummit_cli.search.index import Added, index_summit

        cursor = self.connection.execute(
            "INSERT INTO files (position, path, size, mtime_ns, ctime_ns, inode, digest, event,"
            " title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (-1, path, *identity, digest, entry.event, entry.title),
        )
        file = cursor.lastrowid
        self.connection.execute(
            "INSERT INTO summits VALUES (?, ?, ?)", (file, entry.summit, crc(entry.summit))
        )
        self.connection.executemany(
            "INSERT INTO parts VALUES (?, ?, ?, ?)",
            [(name, file, data, crc(data)) for name, data in entry.parts],
        )
        self.connection.executemany(
            "INSERT INTO names VALUES (?, ?, ?, ?, ?)",
            [(kind, file, data, crc(data), keys) for kind, data, keys in entry.names],
        )
        if self.searchable:
            self._added = self._added or Added()
            index_summit(self.connection, entry.search, self._added)
            if self._added.items >= Added.BATCH:
                self.finish_adding()

    def finish_adding(self) -> None:
        """Make the entries added since the last call searchable, all in one pass."""
        # seam: the search index code only when a catalog is built or searched
        from autosummit_cli.search.index import index_added

        if self._added is not None:
            index_added(self.connection, self._added)
            self._added = None

    def remove(self, stored: Stored) -> None:
        # seam: the search index code only when a catalog is built or searched
        from autosummit_cli.search.index import unindex_event

        for table in ("summits", "parts", "names"):
            self.connection.execute(f"DELETE FROM {table} WHERE file = ?", (stored.id,))
        self.connection.execute("DELETE FROM files WHERE id = ?", (stored.id,))
        if self.searchable:
            unindex_event(self.connection, stored.event)

    def settle(self, stored: Stored, identity: Identity) -> None:
        """The file was read again and holds what the entry was made from."""
        self.connection.execute(
            "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ? WHERE id = ?",
            (*identity, stored.id),
        )

    def reorder(self, paths: list[str]) -> None:
        # seam: the search index code only when a catalog is built or searched
        from autosummit_cli.search.index import order_events

        self.connection.executemany(
            "UPDATE files SET position = ? WHERE path = ?", list(enumerate(paths))
        )
        if self.searchable:
            order_events(self.connection, [event for event, _ in self.events()])

    def stamp(self, built: float) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('built', ?)", (repr(built),))


def describe(path: str) -> dict[str, Any]:
    """What a catalog file says it was built from, for `cache info`; empty if unreadable."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        built = float(meta["built"])
        if not 0 <= built < 2**40:
            raise ValueError("an absurd stamp")
        files = [p for (p,) in connection.execute("SELECT path FROM files ORDER BY position")]
        if not all(isinstance(p, str) for p in files):
            raise ValueError("paths of the wrong type")
        return {"format": meta.get("format"), "built": built, "files": files}
    except (*READ_ERRORS, KeyError):
        return {}
    finally:
        connection.close()
