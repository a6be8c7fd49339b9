"""The summits of a set of data files, and the persistent cache that makes later runs fast.

Each set of data files (`sources.data_sources`) gets two cache files under
$XDG_CACHE_HOME/autosummit, named alike:

- `KEY.rows` (`RowsFile`): what the lists and the overview show, ready to print: the events,
  and each summit's rows of every list view and its overview record, as JSON lines with an
  index at the end. A warm list reads this file alone: no SQLite, no unpickling, only `json`.
- `KEY.sqlite` (`cache_db`): the validated summits, the search index and the names.

Each file says which files (paths, sizes, mtimes) and which content (a hash) it was built from,
and is trusted only while that still holds. Each is written beside its final name and renamed
into place, so a concurrent run never sees half of one, and between the two renames it sees one
old and one new file, each of which answers for itself. A cache that cannot be read or written
is ignored: the data is then built in memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from autosummit_cli import __version__
from autosummit_cli.render.rows import Rows, rows_from_json, rows_to_json
from autosummit_cli.sources import STDIN, combined_digest, file_digest, load_all

if TYPE_CHECKING:
    from sqlite3 import Connection

    from autosummit_cli.model import Summit
    from autosummit_cli.names import Candidate

ENV_NO_CACHE = "AUTOSUMMIT_NO_CACHE"
T = TypeVar("T")
CACHE_FORMAT = f"10-{__version__}"  # a new release never trusts an older release's pickles
ROWS, DB = ".rows", ".sqlite"
VIEW, RECORD = "view:", "record:"  # the parts of a rows file
# What each file was built from: format, files (path, size, mtime), digest, built.
Meta = dict[str, Any]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "autosummit"


def cache_path(absolute: list[str], suffix: str) -> Path:
    """The cache file of a set of data files (absolute paths); each file itself says which
    files it was built from, so a cheap name is enough: a collision only costs a rebuild."""
    joined = "\0".join(absolute).encode()
    return cache_dir() / f"{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}{suffix}"


def fingerprint(absolute: list[str]) -> list[list[Any]]:
    out = []
    for name in absolute:
        info = os.stat(name)
        out.append([name, info.st_size, info.st_mtime_ns])
    return out


def true_to(built_from: Any, digest: Any, files: list[str]) -> bool:
    """Whether a cache file built from these fingerprints and content still answers for
    `files` (absolute paths): the same paths, sizes and mtimes, or (touched or copied) the
    same content."""
    if built_from == fingerprint(files):
        return True
    return bool(digest == combined_digest([file_digest(Path(f).read_bytes()) for f in files]))


class Store:
    """The summits of one set of sources, and what the cache keeps of them, each loaded no
    sooner than needed."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self._cacheable = STDIN not in files and not os.environ.get(ENV_NO_CACHE)
        # What the cache files are keyed and checked by (abspath is not free on 1,000 files).
        self._absolute = [os.path.abspath(f) for f in files] if self._cacheable else []
        self._rows = (
            RowsFile(cache_path(self._absolute, ROWS), self._absolute) if self._cacheable else None
        )
        self._summits: tuple[Summit, ...] | None = None
        self._db: Connection | None = None
        self._db_asked = False
        self._index: Connection | None = None  # built in memory when there is no database

    def _database(self) -> Connection | None:
        """The cache's database, opened on first need (a warm list never needs it)."""
        if not self._db_asked:
            self._db_asked = True
            if self._cacheable:
                from autosummit_cli import cache_db

                self._db = cache_db.open_db(cache_path(self._absolute, DB), self._absolute)
        return self._db

    @property
    def summits(self) -> tuple[Summit, ...]:
        if self._summits is None:
            database = self._database()
            if database is not None:
                from autosummit_cli.cache_db import read_summits

                self._summits = read_summits(database)
            if self._summits is None:
                self._build()
        assert self._summits is not None
        return self._summits

    def summit(self, event: str) -> Summit:
        """The summit of one event (an id from `events()`): from the cache, only that one is
        unpickled."""
        if self._summits is None and (database := self._database()) is not None:
            from autosummit_cli.cache_db import read_summits

            found = read_summits(database, event)
            if found:
                return found[0]
        return next(s for s in self.summits if s.event.id == event)

    def view(self, name: str, events: list[str] | None = None) -> list[tuple[str, Rows]] | None:
        """A list view's rows for each event (or these events), read from the rows file without
        unpickling any summit; None when there is no usable cache."""
        return self._stored(VIEW + name, rows_from_json, events)

    def records(self, name: str) -> list[tuple[str, dict[str, Any]]] | None:
        """A stored detail record (the overview) for each event, as `view`."""
        return self._stored(RECORD + name, _record_from_json)

    def _stored(
        self, part: str, decode: Callable[[Any], T], events: list[str] | None = None
    ) -> list[tuple[str, T]] | None:
        if self._rows is None:
            return None
        found = self._rows.part(part, events)
        if found is not None:
            with contextlib.suppress(ValueError, TypeError):
                return [(event, decode(value)) for event, value in found]
        if self._summits is None:
            self._build()  # the rows file is missing, stale or damaged: rebuild the cache
        return None

    def events(self) -> list[tuple[str, str]]:
        """(id, title) of each event loaded, in order."""
        if self._summits is None:
            if self._rows is not None and (found := self._rows.events()) is not None:
                return found
            if (database := self._database()) is not None:
                from autosummit_cli.cache_db import events

                if (found := events(database)) is not None:
                    return found
        return [(s.event.id, s.event.title) for s in self.summits]

    def candidates(
        self, kind: str, events: list[str] | None = None
    ) -> list[tuple[str, list[Candidate]]]:
        """What each event's (or these events') names of `kind` answer to; from the cache, no
        summit is loaded."""
        from autosummit_cli.names import CANDIDATES

        if not self._summits and (database := self._database()) is not None:
            from autosummit_cli.cache_db import candidates

            stored = candidates(database, kind, events)
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
        if self._summits or (database := self._database()) is None:
            return None
        from autosummit_cli.cache_db import events_naming

        return events_naming(database, kind, wanted)

    def index(self) -> Connection:
        """The search index: the cache's database, or one built in memory."""
        if self._summits is None and self._database() is None:
            self._build()  # reads the data, and writes the cache when it can
        if self._db is not None:
            return self._db
        if self._index is None:
            from autosummit_cli.search import build_index, connect

            self._index = connect()
            build_index(self._index, self.summits)
        return self._index

    def _build(self) -> None:
        summits, digest = load_all(self.files)
        self._summits = summits
        if self._cacheable:
            self._write_cache(summits, digest)

    def _write_cache(self, summits: tuple[Summit, ...], digest: str) -> None:
        """The database, then the rows file; the rows only once the database is in place, so
        that a usable rows file always has its database beside it."""
        from autosummit_cli.cache_db import write_db

        meta: Meta = {
            "format": CACHE_FORMAT,
            "files": fingerprint(self._absolute),
            "digest": digest,
            "built": str(time.time()),
        }
        try:
            cache_dir().mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        database = cache_path(self._absolute, DB)
        self._db, self._db_asked = write_db(database, summits, meta), True
        if self._db is not None:
            write_rows(cache_path(self._absolute, ROWS), summits, meta)
            _prune(keep=database.stem)


class RowsFile:
    """The rows file of one set of data files: one line per summit and part (the event id and
    the value, as JSON, separated by a tab, which JSON text never holds raw), then the index
    line (the meta, the events, where each part starts and ends), then where the index starts.

    The index comes last so that the parts can be written as they are made, without holding a
    large corpus' rows in memory. Every read opens the file anew and reads the index and the
    part through that one handle, so a file replaced meanwhile is never read half old, half
    new; an index already found true to the data files is not parsed or checked again.
    """

    TAIL = 21  # "%020d\n": where the index line starts

    @classmethod
    def index_line(cls, handle: BinaryIO) -> bytes:
        """The index line of an open rows file (OSError or ValueError if it has none)."""
        handle.seek(-cls.TAIL, os.SEEK_END)
        handle.seek(int(handle.read()))
        return handle.readline()

    def __init__(self, path: Path, files: list[str]) -> None:
        self.path, self.files = path, files
        self._line: bytes | None = None
        self._index: dict[str, Any] = {}

    def _open(self) -> tuple[BinaryIO, dict[str, Any]] | None:
        """The open file and its index; None if it is missing, damaged or stale."""
        try:
            # Not a `with`: the caller reads on through the same handle, then closes it.
            handle = open(self.path, "rb")  # noqa: SIM115
        except OSError:
            return None
        try:
            line = self.index_line(handle)
            if line != self._line:
                index = json.loads(line)
                if index.get("format") != CACHE_FORMAT or not true_to(
                    index["files"], index["digest"], self.files
                ):
                    raise ValueError("a stale rows file")
                self._line, self._index = line, index
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            handle.close()
            return None
        return handle, self._index

    def events(self) -> list[tuple[str, str]] | None:
        opened = self._open()
        if opened is None:
            return None
        handle, index = opened
        handle.close()
        try:
            return [(str(ident), str(title)) for ident, title in index["events"]]
        except (KeyError, ValueError, TypeError):
            return None

    def part(self, name: str, events: list[str] | None = None) -> list[tuple[str, Any]] | None:
        """(event, value) of each event (or these events) in one part, in event order."""
        opened = self._open()
        if opened is None:
            return None
        handle, index = opened
        try:
            with handle:
                start, length = index["parts"][name]
                handle.seek(start)
                data = handle.read(length)
            if len(data) != length:
                return None
            lines = data.decode().split("\n")[:-1]  # not splitlines(): U+2028 stays in a value
            if events is not None:
                wanted = {json.dumps(e, ensure_ascii=False) for e in events}
                lines = [line for line in lines if line[: line.index("\t")] in wanted]
            found = []
            for line in lines:
                key, value = line.split("\t", 1)
                found.append((json.loads(key), json.loads(value)))
            return found
        except (OSError, ValueError, KeyError, TypeError):
            return None


def write_rows(path: Path, summits: tuple[Summit, ...], meta: Meta) -> None:
    """The rows file (see `RowsFile`), written beside its final name and renamed into place."""
    from autosummit_cli.queries import LIST_VIEWS, STORED_RECORDS

    builders: dict[str, Callable[[Summit], Rows | dict[str, Any]]] = {
        **{VIEW + name: build for name, build in LIST_VIEWS.items()},
        **{RECORD + name: build for name, build in STORED_RECORDS.items()},
    }
    parts: dict[str, list[int]] = {}
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            for name, build in builders.items():
                start = handle.tell()
                for summit in summits:
                    event = json.dumps(summit.event.id, ensure_ascii=False)
                    handle.write(f"{event}\t{_to_json(build(summit))}\n".encode())
                parts[name] = [start, handle.tell() - start]
            index = {**meta, "events": [[s.event.id, s.event.title] for s in summits]}
            at = handle.tell()
            handle.write(json.dumps({**index, "parts": parts}, ensure_ascii=False).encode())
            handle.write(b"\n%020d\n" % at)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _to_json(value: Rows | dict[str, Any]) -> str:
    plain = rows_to_json(value) if isinstance(value, Rows) else value
    return json.dumps(plain, ensure_ascii=False, allow_nan=False)


def _record_from_json(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise ValueError("a stored record is not an object")
    return record


def _prune(keep: str) -> None:
    """Drop cache files whose data files are gone, so the directory does not only ever grow."""
    for entry in cache_entries():
        if Path(entry["path"]).stem != keep and (
            not entry["files"] or not all(os.path.exists(f) for f in entry["files"])
        ):
            with contextlib.suppress(OSError):
                os.unlink(entry["path"])


def cache_entries() -> list[dict[str, Any]]:
    """What the cache directory holds: one record per cache file."""
    directory = cache_dir()
    if not directory.is_dir():
        return []
    entries = []
    for path in sorted([*directory.glob("*" + ROWS), *directory.glob("*" + DB)]):
        meta: Meta = {}
        if path.suffix == ROWS:
            with contextlib.suppress(OSError, ValueError), path.open("rb") as handle:
                meta = json.loads(RowsFile.index_line(handle))
        else:
            from autosummit_cli.cache_db import read_meta

            meta = read_meta(path)
        record: dict[str, Any] = {
            "path": str(path),
            "bytes": path.stat().st_size,
            "built": None,
            "files": [],
            "valid_format": False,
        }
        with contextlib.suppress(KeyError, ValueError, TypeError, AttributeError):
            record["built"] = time.strftime(
                "%Y-%m-%d %H:%M:%S", time.localtime(float(meta["built"]))
            )
            record["files"] = [f[0] for f in meta["files"]]
            record["valid_format"] = meta.get("format") == CACHE_FORMAT
        entries.append(record)
    return entries


def clear_cache() -> int:
    directory = cache_dir()
    removed = 0
    for pattern in ("*" + ROWS, "*" + DB, "*.tmp"):
        for path in directory.glob(pattern) if directory.is_dir() else []:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
