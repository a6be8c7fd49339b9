"""Where the summits come from, and how a set of summit files is read.

Data sources: `--data` (a file, a directory of *.yaml files, '-', or several of these), then
AUTOSUMMIT_DATA (paths joined with ':'), then the bundled summit. A large set is parsed by one
worker process per core, with a progress bar on a terminal once reading takes over a second.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from autosummit_cli.errors import DataError, UsageError

if TYPE_CHECKING:
    from autosummit_cli.catalog_entry import Entry
    from autosummit_cli.loader import Problem
    from autosummit_cli.model import Summit

T = TypeVar("T")
R = TypeVar("R")

ENV_DATA = "AUTOSUMMIT_DATA"
STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")


def bundled_data_path() -> Path:
    """The summit file shipped with the package (the wheel) or the repository (editable)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "summit.yaml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "data" / "summit.yaml"


def data_sources(option: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The files to read, in order: --data, then AUTOSUMMIT_DATA, then the bundled summit."""
    env = os.environ.get(ENV_DATA)
    if option:
        raw = list(option)
        if "" in raw:  # Path("") is the current directory: never read it unasked
            raise UsageError("--data needs a path; it was given an empty one")
    elif env:
        raw = [part for part in env.split(os.pathsep) if part]
        if not raw:
            raise UsageError(
                f"{ENV_DATA}={env!r} names no file; give paths joined with "
                f"'{os.pathsep}', or unset it to use the bundled summit"
            )
    else:
        raw = [str(bundled_data_path())]
    _check_working_directory(raw)
    files: list[str] = []
    for source in raw:
        path = Path(source)
        if source != STDIN and _is_dir(source):
            # Every *.yaml as the shell's glob sees it: hidden files (an editor's or macOS's
            # `._summit.yaml`) are not summits. os.scandir and str methods rather than Path
            # objects: a thousand of those cost 3 ms a run.
            try:
                with os.scandir(path) as entries:
                    names = [
                        e.name
                        for e in entries
                        if e.name.endswith(YAML_SUFFIXES) and not e.name.startswith(".")
                    ]
            except OSError as error:
                raise _unreadable(source, error) from None
            folder = os.path.join(str(path), "")
            found = [folder + name for name in sorted(names)]
            if not found:
                from autosummit_cli.loader import one_line

                raise one_line(
                    source,
                    "is a directory with no .yaml files; give a summit file or a directory of them",
                )
            files += found
        else:
            files.append(source)
    return files


def _check_working_directory(sources: list[str]) -> None:
    """A relative path means nothing once the working directory is gone: say so."""
    if all(os.path.isabs(s) or s == STDIN for s in sources):
        return
    try:
        os.getcwd()
    except OSError:
        raise UsageError(
            "the current directory no longer exists, so relative data paths cannot be "
            "found; cd to a directory that exists, or give an absolute path"
        ) from None


def _is_dir(source: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(source).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False  # the loader says what is wrong with it
    except OSError as error:
        if error.errno == errno.ELOOP:
            return False  # a symlink loop: the loader says so
        raise _unreadable(source, error) from None


def _unreadable(source: str, error: OSError) -> DataError:
    from autosummit_cli.loader import one_line

    return one_line(source, f"cannot read: {error.strerror or error}; check its permissions")


def file_digest(data: bytes) -> str:
    import hashlib  # only when files are (re)read: OpenSSL's loading costs every start 2 ms

    return hashlib.blake2b(data, digest_size=20).hexdigest()


def combined_digest(file_digests: list[str]) -> str:
    """One content hash for a set of files, from each file's own."""
    return file_digest("\n".join(file_digests).encode())


PARALLEL_FROM = 64  # files: below this, starting worker processes costs more than it saves
# A file changed this recently may change again within the same tick of its clock, unseen by
# its size and stamps (git's "racy" files): its entry is kept, but checked by content next run.
RACY_NS = 2 * 10**9


class Identity(NamedTuple):
    """What says, without reading it, that a file is the one a catalog entry was made from."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


def identity_of(name: str) -> Identity | None:
    """The file's identity (asked of every data file on every run, so kept to one stat)."""
    try:
        info = os.stat(name)
    except OSError:
        return None
    return Identity(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class Read(NamedTuple):
    """One data file read for the catalog."""

    path: str
    identity: Identity | None  # None: it changed while read, or too recently to be sure
    digest: str
    entry: Entry | None  # None: it holds the content already known, or it has problems
    problems: list[Problem]


def read_entry(job: tuple[str, str | None]) -> Read:
    """Read one file (its identity taken first), and unless it holds the content `known`
    (a hash), validate it and make its catalog entry."""
    from autosummit_cli.catalog_entry import entry_of
    from autosummit_cli.loader import read_bytes, summit_from_bytes

    name, known = job
    before = identity_of(name)
    try:
        data = read_bytes(name)
    except DataError as error:
        return Read(name, None, "", None, error.problems)
    after = identity_of(name)
    settled = before == after and after is not None and time.time_ns() - max(after[1:3]) > RACY_NS
    digest = file_digest(data)
    if digest == known:
        return Read(name, after if settled else None, digest, None, [])
    try:
        summit = summit_from_bytes(name, data)
    except DataError as error:
        return Read(name, None, digest, None, error.problems)
    return Read(name, after if settled else None, digest, entry_of(summit), [])


def _load_one(name: str) -> tuple[Summit | None, list[Problem], str]:
    """Read, parse and validate one file: (summit or None, its problems, its content hash)."""
    from autosummit_cli.loader import read_bytes, summit_from_bytes

    data = read_bytes(name)
    try:
        return summit_from_bytes(name, data), [], file_digest(data)
    except DataError as error:
        return None, error.problems, file_digest(data)


def each_in_parallel(
    work: Callable[[T], R], jobs: list[T], label: str, parallel: bool = True
) -> Iterator[R]:
    """`work` on every job, in order: on a large set by one worker process per core, which
    ends with this process however it ends (the pool is terminated on any exit, and each
    worker also watches for its parent to be gone, for a parent killed outright)."""
    progress = _Progress(len(jobs), label)
    workers = min(os.cpu_count() or 1, 8)
    try:
        if parallel and len(jobs) >= PARALLEL_FROM and workers > 1:
            import multiprocessing

            with multiprocessing.Pool(workers, _start_worker) as pool:
                for result in pool.imap(work, jobs, chunksize=8):
                    progress.step()
                    yield result
        else:
            for job in jobs:
                progress.step()
                yield work(job)
    finally:
        progress.done()


def _start_worker() -> None:
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # The parent as the worker starts (ours, or a forkserver that ends with ours).
    threading.Thread(target=_end_with, args=(os.getppid(),), daemon=True).start()


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def load_all(files: list[str]) -> tuple[tuple[Summit, ...], str]:
    """Every file validated (none cached), and one content hash for them all."""
    if STDIN in files:  # read here: a worker has no standard input
        results = [_load_one(name) for name in files]
    else:
        results = list(each_in_parallel(_load_one, files, "Reading summit files"))
    problems = [problem for _, found, _ in results for problem in found]
    summits = [summit for summit, _, _ in results if summit is not None]
    if not problems:
        problems = duplicate_events([(n, s.event.id) for n, s in zip(files, summits, strict=True)])
    if problems:
        raise DataError(problems)
    return tuple(summits), combined_digest([d for _, _, d in results])


def duplicate_events(events: list[tuple[str, str]]) -> list[Problem]:
    """A problem for each (file, event id) whose id an earlier file already has."""
    from autosummit_cli.loader import Problem

    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, event in events:
        if event in seen:
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    "event.id",
                    f"event id {event!r} is also used by {seen[event]}; "
                    "each summit file needs its own event id",
                )
            )
        seen.setdefault(event, name)
    return problems


class _Progress:
    """A progress bar on stderr, shown only once a build has taken over a second."""

    def __init__(self, total: int, label: str = "Reading summit files", after: float = 1.0) -> None:
        self.total, self.label, self.after, self.done_count = total, label, after, 0
        self.started = time.monotonic()
        self._progress: Any = None

    def step(self) -> None:
        self.done_count += 1
        if (
            self._progress is None
            and time.monotonic() - self.started > self.after
            and sys.stderr is not None
            and sys.stderr.isatty()
        ):
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=self.total)
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done_count)

    def done(self) -> None:
        if self._progress is not None:
            self._progress.stop()
