"""Reading many summit files at once: each hashed, on a large set one worker process per core
that ends with this process, and a progress bar once it takes a while."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from autosummit_cli.domain.errors import DataError, Problem
from autosummit_cli.domain.model import Summit
from autosummit_cli.reading.loader import read_bytes
from autosummit_cli.reading.sources import STDIN
from autosummit_cli.reading.summit_file import summit_from_bytes

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 64  # files: below this, starting worker processes costs more than it saves


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def combined_digest(file_digests: list[str]) -> str:
    """One content hash for a set of files, from each file's own."""
    return file_digest("\n".join(file_digests).encode())


def _load_one(name: str) -> tuple[Summit | None, list[Problem], str]:
    """Read, parse and validate one file: (summit or None, its problems, its content hash)."""
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
            # seam: rich for terminal output, loaded only once a bar is shown
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
