"""The summits of a set of data files, answered from their catalog (`catalog.py`).

Each set of data files has one catalog in the cache directory (`cache_files.py`), brought up to
date at the start of a run: only the files whose identity changed are read again, and only
those whose content changed are validated again. Without a usable cache (stdin,
AUTOSUMMIT_NO_CACHE, a cache directory that cannot be trusted or written) the same catalog is
built in memory. A catalog found damaged, however, is rebuilt once, silently.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from autosummit_cli.domain.errors import DataError
from autosummit_cli.domain.rows import Rows, rows_from_json
from autosummit_cli.reading.sources import STDIN, Identity, identity_of
from autosummit_cli.store.cache_files import (
    CATALOG,
    cache_dir,
    drop_stale_temporaries,
    is_ours,
    our_files,
    temporary_beside,
    trusted_dir,
)
from autosummit_cli.store.catalog import (
    FORMAT,
    READ_ERRORS,
    UNSETTLED,
    Catalog,
    Damaged,
    Stored,
    describe,
    new,
    opened,
)

if TYPE_CHECKING:
    from autosummit_cli.domain.errors import Problem
    from autosummit_cli.domain.model import Summit
    from autosummit_cli.domain.names import Candidate

__all__ = ["Store", "cache_dir", "cache_entries"]

ENV_NO_CACHE = "AUTOSUMMIT_NO_CACHE"
T = TypeVar("T")
VIEW, RECORD = "view:", "record:"  # as catalog_entry names the stored parts
NOT_CURRENT = Identity(UNSETTLED, 0, 0, 0)


def catalog_path(directory: Path, absolute: list[str]) -> Path:
    """The catalog of a set of data files: named after the folders they are in, so that a
    file added to a folder is one more entry, not a new catalog (the catalog lists its files
    itself; a collision only costs re-reading the files that differ)."""
    folders = "\0".join(dict.fromkeys(os.path.dirname(f) for f in absolute)).encode()
    return directory / f"{zlib.crc32(folders):08x}{zlib.adler32(folders):08x}{CATALOG}"


class Store:
    """The summits of one set of sources, and what the catalog keeps of them."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self._cacheable = STDIN not in files and not os.environ.get(ENV_NO_CACHE)
        self._catalog: Catalog | None = None
        self._repaired = False

    def _read(self, read: Callable[[Catalog], T]) -> T:
        """`read` from the catalog; if it finds damage, from the catalog rebuilt."""
        try:
            return read(self._current())
        except (Damaged, *READ_ERRORS):
            if self._repaired:
                raise
        self._rebuild()
        return read(self._current())

    def _rebuild(self) -> None:
        self._repaired = True
        if self._catalog is not None:
            self._catalog.close()
            self._catalog = None
        directory = trusted_dir()
        if directory is not None and self._cacheable:
            with contextlib.suppress(OSError):
                catalog_path(directory, self._absolute()).unlink()

    @property
    def summits(self) -> tuple[Summit, ...]:
        return tuple(self._read(lambda catalog: catalog.summits()))

    def summit(self, event: str) -> Summit:
        """The summit of one event (an id from `events()`): only that one is read."""

        def read(catalog: Catalog) -> Summit:
            (found,) = catalog.summits(event)
            return found

        return self._read(read)

    def view(self, name: str, events: list[str] | None = None) -> list[tuple[str, Rows]]:
        """A list view's rows for each event (or these events), without reading a summit."""
        return self._read(
            lambda catalog: [
                (event, rows_from_json(value)) for event, value in catalog.part(VIEW + name, events)
            ]
        )

    def records(self, name: str) -> list[tuple[str, dict[str, Any]]]:
        """A stored detail record (the overview) for each event."""

        def read(catalog: Catalog) -> list[tuple[str, dict[str, Any]]]:
            found = catalog.part(RECORD + name, None)
            if not all(isinstance(record, dict) for _, record in found):
                raise Damaged("a stored record is not an object")
            return found

        return self._read(read)

    def events(self) -> list[tuple[str, str]]:
        """(id, title) of each event loaded, in order."""
        return self._read(lambda catalog: catalog.events())

    def candidates(
        self, kind: str, events: list[str] | None = None
    ) -> list[tuple[str, list[Candidate]]]:
        """What each event's (or these events') names of `kind` answer to."""
        return self._read(lambda catalog: catalog.candidates(kind, events))

    def events_naming(self, kind: str, wanted: str) -> set[str]:
        """The events with a `kind` whose normalised name has a word starting with `wanted`."""
        return self._read(lambda catalog: catalog.events_naming(kind, wanted))

    def index(self) -> sqlite3.Connection:
        """The search index (part of the catalog)."""
        catalog = self._current()
        if not catalog.searchable:
            # seam: the search index code only when a catalog is built or searched
            from autosummit_cli.search.engine import connect

            connect()  # says what this SQLite lacks
        return catalog.connection

    def searching(self, run: Callable[[sqlite3.Connection], T]) -> T:
        """`run` on the search index; a damaged index is rebuilt, and `run` runs again."""
        try:
            return run(self.index())
        except sqlite3.DatabaseError as error:
            if self._repaired or isinstance(error, sqlite3.OperationalError):
                raise
        self._rebuild()
        return run(self.index())

    # Bringing the catalog up to date

    @functools.cached_property
    def _absolute_paths(self) -> list[str]:
        return [os.path.abspath(f) for f in self.files]

    def _absolute(self) -> list[str]:
        return self._absolute_paths

    def _current(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self._open()
        return self._catalog

    def _open(self) -> Catalog:
        """The catalog on disk, brought up to date; in memory when the cache is unusable."""
        directory = trusted_dir(create=True) if self._cacheable else None
        if directory is not None:
            path = catalog_path(directory, self._absolute())
            for _ in range(2):  # a damaged catalog is rebuilt once
                try:
                    return self._on_disk(path)
                except (OSError, sqlite3.OperationalError):
                    break  # cannot be written (a full disk, say): work in memory
                except (Damaged, sqlite3.DatabaseError):
                    self._repaired = True
                    with contextlib.suppress(OSError):
                        path.unlink()
        catalog = new(":memory:")
        raise_problems(refresh(catalog, self.files, self.files))
        return catalog

    def _on_disk(self, path: Path) -> Catalog:
        if is_ours(path):
            catalog = opened(str(path))
            try:
                raise_problems(refresh(catalog, self.files, self._absolute()))
            except BaseException:
                catalog.close()
                raise
            return catalog
        if os.path.lexists(path):
            raise OSError("not a catalog of ours")  # never read, never replaced
        return self._built(path)

    def _built(self, path: Path) -> Catalog:
        """A new catalog, built beside its final name and renamed into place."""
        temporary = temporary_beside(path)
        try:
            catalog = new(str(temporary))
            catalog.connection.execute("PRAGMA journal_mode = OFF")  # a new file: nothing to lose
            problems = refresh(catalog, self.files, self._absolute())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        _prune(path)
        raise_problems(problems)
        return catalog


def raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


def refresh(catalog: Catalog, files: list[str], paths: list[str]) -> list[Problem]:
    """Bring `catalog` up to date with `files` (kept under `paths`): what changed is read
    again, in one transaction, and the problems found are returned."""
    if _current(catalog, paths):
        return []
    with catalog.connection:  # commits, or rolls back on any error
        catalog.connection.execute("BEGIN IMMEDIATE")  # another run may be updating it too
        wanted = set(paths)
        stored = {}
        for entry in catalog.entries():
            if entry.path in wanted:
                stored[entry.path] = entry
            else:  # another set of files from the same folders: not part of this one
                catalog.remove(entry)
        identities = [identity_of(p) if p != STDIN else None for p in paths]
        stale = [
            (name, path)
            for name, path, identity in zip(files, paths, identities, strict=True)
            if path not in stored or stored[path].identity != identity
        ]
        problems = _read_again(catalog, stale, stored)
        catalog.finish_adding()
        catalog.reorder(paths)
        catalog.stamp(time.time())
    return problems


def _current(catalog: Catalog, paths: list[str]) -> bool:
    """Whether every file has its entry, with the same identity, in the same order (the
    question of every run, so compared as the rows come: a stored value of the wrong type
    is simply not current, and that file is read again)."""
    return catalog.identities() == [(path, *(identity_of(path) or ())) for path in paths]


def _read_again(
    catalog: Catalog, stale: list[tuple[str, str]], stored: dict[str, Stored]
) -> list[Problem]:
    """Read the stale files again; store the new entries and return the problems."""
    # seam: the cold build (YAML, pydantic) only when a data file changed
    from autosummit_cli.reading.batch import duplicate_events, each_in_parallel
    from autosummit_cli.store.build import read_entry

    jobs = [(name, stored[path].digest if path in stored else None) for name, path in stale]
    events = {e.event: e.path for e in stored.values()}
    problems: list[Problem] = []
    parallel = all(name != STDIN for name, _ in stale)  # a worker has no standard input
    reads = each_in_parallel(read_entry, jobs, "Reading summit files", parallel)
    for (_, path), read in zip(stale, reads, strict=True):
        old = stored.get(path)
        identity = read.identity or NOT_CURRENT
        if read.entry is None and old is not None and not read.problems:
            catalog.settle(old, identity)  # the same content: nothing to validate again
            continue
        if old is not None:
            catalog.remove(old)
            events.pop(old.event, None)
        if read.entry is None:
            problems += read.problems
        elif events.get(read.entry.event, path) != path:
            event = read.entry.event
            problems += duplicate_events([(events[event], event), (read.path, event)])
        else:
            catalog.add(path, identity, read.digest, read.entry)
            events[read.entry.event] = path
    return problems


def _prune(keep: Path) -> None:
    """Drop the catalogs whose data files are all gone, and temporary files left by killed
    runs, so that the directory does not only ever grow."""
    drop_stale_temporaries(keep.parent)
    for path in our_files(keep.parent):
        if path.suffix == CATALOG and path != keep:
            files = describe(str(path)).get("files")
            if files and not any(os.path.exists(f) for f in files):
                with contextlib.suppress(OSError):
                    path.unlink()


def cache_entries() -> list[dict[str, Any]]:
    """What the cache directory holds: one record per catalog."""
    directory = trusted_dir()
    entries = []
    for path in our_files(directory) if directory else []:
        if path.suffix != CATALOG:
            continue
        meta = describe(str(path))
        with contextlib.suppress(OSError):
            entries.append(
                {
                    "path": str(path),
                    "bytes": path.stat().st_size,
                    "built": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(meta["built"]))
                    if meta
                    else None,
                    "files": meta.get("files", []),
                    "valid_format": meta.get("format") == FORMAT,
                }
            )
    return entries
