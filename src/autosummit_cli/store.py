"""The summits of a set of data files, and the persistent cache that makes later runs fast.

Each set of data files (`sources.data_sources`) gets one cache file under
$XDG_CACHE_HOME/autosummit: the validated summits, the search index, the rows of the list views,
the overview and the names each summit answers to, in one SQLite database. It is keyed by the
files' paths, sizes, mtimes and a content hash, rebuilt when any of them changes, and replaced
atomically (temp file + rename) so a concurrent run never sees half of one. A cache that cannot
be read or written is ignored: the data is then built in memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from autosummit_cli import __version__
from autosummit_cli.render.rows import Rows, rows_from_text, rows_to_text
from autosummit_cli.sources import STDIN, combined_digest, file_digest, load_all

if TYPE_CHECKING:
    from autosummit_cli.model import Summit
    from autosummit_cli.names import Candidate

ENV_NO_CACHE = "AUTOSUMMIT_NO_CACHE"
T = TypeVar("T")
CACHE_FORMAT = f"8-{__version__}"  # a new release never trusts an older release's pickles
SUFFIX = ".sqlite"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "autosummit"


def _fingerprint(files: list[str]) -> list[list[Any]]:
    out = []
    for name in files:
        info = os.stat(name)
        out.append([os.path.abspath(name), info.st_size, info.st_mtime_ns])
    return out


class Store:
    """The summits of one set of sources, and their search index, loaded no sooner than needed."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self._summits: tuple[Summit, ...] | None = None
        self._index: sqlite3.Connection | None = None
        self._cached: sqlite3.Connection | None = None
        if STDIN not in files and not os.environ.get(ENV_NO_CACHE):
            self._cached = _open_cache(files)

    @property
    def summits(self) -> tuple[Summit, ...]:
        if self._summits is None:
            if self._cached is not None:
                self._summits = _read_summits(self._cached)
            if self._summits is None:
                self._build()
        assert self._summits is not None
        return self._summits

    def summit(self, event: str) -> Summit:
        """The summit of one event (an id from `events()`): from the cache, only that one is
        unpickled."""
        if self._summits is None and self._cached is not None:
            found = _read_summits(self._cached, event)
            if found:
                return found[0]
        return next(s for s in self.summits if s.event.id == event)

    def view(self, name: str, events: list[str] | None = None) -> list[tuple[str, Rows]] | None:
        """A list view's rows for each event (or these events), read straight from the cache
        file without unpickling any summit; None when there is no usable cache."""
        return self._stored("views", name, rows_from_text, events)

    def records(self, name: str) -> list[tuple[str, dict[str, Any]]] | None:
        """A stored detail record (the overview) for each event, as `view`."""
        return self._stored("records", name, _record_from_text)

    def candidates(
        self, kind: str, events: list[str] | None = None
    ) -> list[tuple[str, list[Candidate]]]:
        """What each event's (or these events') names of `kind` answer to; from the cache, no
        summit is loaded."""
        from autosummit_cli.names import CANDIDATES

        if not self._summits:
            stored = self._stored("names", kind, _candidates_from_text, events)
            if stored is not None:
                return stored
        chosen = set(events) if events is not None else None
        return [
            (s.event.id, CANDIDATES[kind](s))
            for s in self.summits
            if chosen is None or s.event.id in chosen
        ]

    def events_naming(self, kind: str, wanted: str) -> set[str] | None:
        """The events with a `kind` whose normalised name has a word starting with `wanted`
        (which every match of names.resolve has); None without a cache to ask."""
        if self._cached is None or self._summits:
            return None
        try:
            found = self._cached.execute(
                "SELECT DISTINCT event FROM name_keys WHERE kind = ? AND instr(' ' || key, ?) > 0",
                (kind, " " + wanted),
            )
            return {event for (event,) in found}
        except sqlite3.Error:
            return None

    def _stored(
        self, table: str, name: str, decode: Callable[[str], T], events: list[str] | None = None
    ) -> list[tuple[str, T]] | None:
        """What the cache keeps per summit in `table` under `name`, decoded, in event order;
        None when there is no cache or what it holds does not decode."""
        if self._cached is None:
            return None
        sql, params = f"SELECT event, data FROM {table} WHERE name = ?", [name]
        if events is not None and len(events) <= 500:  # else reading them all is as quick
            sql += f" AND event IN ({', '.join('?' * len(events))})"
            params += events
        try:
            found = self._cached.execute(sql + " ORDER BY position", params).fetchall()
            chosen = set(events) if events is not None else None
            parts = [(e, decode(data)) for e, data in found if chosen is None or e in chosen]
        except (sqlite3.Error, ValueError, TypeError):
            return None
        return parts or None

    def events(self) -> list[tuple[str, str]]:
        """(id, title) of each event loaded, in order."""
        if self._cached is not None and self._summits is None:
            with contextlib.suppress(sqlite3.Error):
                return list(self._cached.execute("SELECT id, title FROM events ORDER BY position"))
        return [(s.event.id, s.event.title) for s in self.summits]

    def index(self) -> sqlite3.Connection:
        """The search index: the cache file's, or one built in memory."""
        if self._cached is None and self._summits is None:
            self._build()  # reads the data, and writes the cache file when it can
        if self._cached is not None:
            return self._cached
        if self._index is None:
            from autosummit_cli.search import build_index, connect

            self._index = connect()
            build_index(self._index, self.summits)
        return self._index

    def _build(self) -> None:
        summits, digest = load_all(self.files)
        self._summits = summits
        if STDIN not in self.files and not os.environ.get(ENV_NO_CACHE):
            self._cached = _write_cache(self.files, summits, digest)


def _cache_path(files: list[str]) -> Path:
    # A cheap name is enough: the file's own metadata says which files it was built from, so a
    # collision only costs a rebuild.
    joined = "\0".join(map(os.path.abspath, files)).encode()
    return cache_dir() / f"{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}{SUFFIX}"


def _open_cache(files: list[str]) -> sqlite3.Connection | None:
    """The cache for these files if it is there, readable and still true to them."""
    path = _cache_path(files)
    try:
        if not path.is_file():
            return None
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") != CACHE_FORMAT:
            connection.close()
            return None
        # Touched or copied but maybe unchanged: then only the content decides.
        if json.loads(meta["files"]) != _fingerprint(files) and meta["digest"] != combined_digest(
            [file_digest(Path(f).read_bytes()) for f in files]
        ):
            connection.close()
            return None
        return connection
    except (OSError, sqlite3.Error, KeyError, ValueError):
        return None


def _read_summits(
    connection: sqlite3.Connection, event: str | None = None
) -> tuple[Summit, ...] | None:
    """Every summit in the cache file, or only `event`'s; None if any is missing or damaged."""
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


def _write_cache(
    files: list[str], summits: tuple[Summit, ...], digest: str
) -> sqlite3.Connection | None:
    """Build the cache beside its final name, then rename it into place."""
    import pickle

    from autosummit_cli.names import CANDIDATES
    from autosummit_cli.queries import LIST_VIEWS, STORED_RECORDS
    from autosummit_cli.search import SearchUnavailable, build_index, connect

    path = _cache_path(files)
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = connect(str(temporary))
        build_index(connection, summits)
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        # One pickle per summit, so that --event unpickles only its own.
        connection.execute(
            "CREATE TABLE summits (position INTEGER PRIMARY KEY, event TEXT UNIQUE, data BLOB)"
        )
        _store_per_summit(connection, "views", LIST_VIEWS, rows_to_text, summits)
        _store_per_summit(connection, "records", STORED_RECORDS, _record_to_text, summits)
        _store_per_summit(connection, "names", CANDIDATES, _candidates_to_text, summits)
        # Every key each name answers to, so that a lookup reads only the events that have it.
        connection.execute("CREATE TABLE name_keys (kind TEXT, event TEXT, key TEXT)")
        connection.executemany(
            "INSERT INTO name_keys VALUES (?, ?, ?)",
            (
                (kind, summit.event.id, key)
                for kind, build in CANDIDATES.items()
                for summit in summits
                for candidate in build(summit)
                for key in candidate.keys
            ),
        )
        meta = {
            "format": CACHE_FORMAT,
            "files": json.dumps(_fingerprint(files)),
            "digest": digest,
            "built": str(time.time()),
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.executemany(
            "INSERT INTO summits VALUES (?, ?, ?)",
            (
                (position, summit.event.id, pickle.dumps(summit, protocol=pickle.HIGHEST_PROTOCOL))
                for position, summit in enumerate(summits)
            ),
        )
        connection.commit()
        connection.close()
        os.replace(temporary, path)
        _prune(keep=path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error, SearchUnavailable):
        # Without FTS5 only search is lost, and it says so itself when asked.
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return None


def _store_per_summit(
    connection: sqlite3.Connection,
    table: str,
    builders: dict[str, Callable[[Summit], T]],
    encode: Callable[[T], str],
    summits: tuple[Summit, ...],
) -> None:
    """One text per summit for each of `builders`, under its name: what `Store._stored` reads."""
    connection.execute(
        f"CREATE TABLE {table} (name TEXT, position INTEGER, event TEXT, data TEXT,"
        " PRIMARY KEY (name, position)) WITHOUT ROWID"
    )
    connection.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?, ?)",
        (
            (name, position, summit.event.id, encode(build(summit)))
            for name, build in builders.items()
            for position, summit in enumerate(summits)
        ),
    )


def _record_to_text(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _record_from_text(text: str) -> dict[str, Any]:
    record = json.loads(text)
    if not isinstance(record, dict):
        raise ValueError("a stored record is not an object")
    return record


def _candidates_to_text(candidates: list[Candidate]) -> str:
    return json.dumps([[c.id, c.label, c.keys] for c in candidates], ensure_ascii=False)


def _candidates_from_text(text: str) -> list[Candidate]:
    from autosummit_cli.names import Candidate

    return [Candidate(i, label, tuple(keys)) for i, label, keys in json.loads(text)]


def _prune(keep: Path) -> None:
    """Drop cache files whose data files are gone, so the directory does not only ever grow."""
    for entry in cache_entries():
        if entry["path"] != str(keep) and (
            not entry["files"] or not all(os.path.exists(f) for f in entry["files"])
        ):
            with contextlib.suppress(OSError):
                os.unlink(entry["path"])


def cache_entries() -> list[dict[str, Any]]:
    """What the cache directory holds: one record per cache file."""
    entries = []
    directory = cache_dir()
    for path in sorted(directory.glob("*" + SUFFIX)) if directory.is_dir() else []:
        record: dict[str, Any] = {
            "path": str(path),
            "bytes": path.stat().st_size,
            "built": None,
            "files": [],
            "valid_format": False,
        }
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
                meta = dict(connection.execute("SELECT key, value FROM meta"))
            record["built"] = time.strftime(
                "%Y-%m-%d %H:%M:%S", time.localtime(float(meta["built"]))
            )
            record["files"] = [f[0] for f in json.loads(meta["files"])]
            record["valid_format"] = meta.get("format") == CACHE_FORMAT
        except (sqlite3.Error, KeyError, ValueError):
            pass
        entries.append(record)
    return entries


def clear_cache() -> int:
    directory = cache_dir()
    removed = 0
    for path in (
        [*directory.glob("*" + SUFFIX), *directory.glob("*.tmp")] if directory.is_dir() else []
    ):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
