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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autosummit_cli.errors import DataError, UsageError

if TYPE_CHECKING:
    from autosummit_cli.loader import Problem
    from autosummit_cli.model import Summit

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


def _load_one(name: str) -> tuple[Summit | None, list[Problem], str]:
    """Read, parse and validate one file: (summit or None, its problems, its content hash)."""
    from autosummit_cli.loader import read_bytes, summit_from_bytes

    data = read_bytes(name)
    try:
        return summit_from_bytes(name, data), [], file_digest(data)
    except DataError as error:
        return None, error.problems, file_digest(data)


def _leave_ctrl_c_to_the_parent() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def load_all(files: list[str]) -> tuple[tuple[Summit, ...], str]:
    """Every file validated, and one content hash for them all.

    A large corpus is parsed by one worker process per core: YAML parsing is most of a cold
    build, and each file stands alone.
    """
    from autosummit_cli.loader import Problem

    progress = _Progress(len(files))
    workers = min(os.cpu_count() or 1, 8)
    if len(files) >= PARALLEL_FROM and workers > 1 and STDIN not in files:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, initializer=_leave_ctrl_c_to_the_parent) as pool:
            results = []
            for result in pool.map(_load_one, files, chunksize=16):
                results.append(result)
                progress.step()
    else:
        results = []
        for name in files:
            results.append(_load_one(name))
            progress.step()
    progress.done()
    problems = [problem for _, found, _ in results for problem in found]
    if problems:
        raise DataError(problems)
    summits = [summit for summit, _, _ in results if summit is not None]
    seen: dict[str, str] = {}
    for name, summit in zip(files, summits, strict=True):
        if summit.event.id in seen:
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    "event.id",
                    (
                        f"event id {summit.event.id!r} is also used by {seen[summit.event.id]}; "
                        "each summit file needs its own event id"
                    ),
                )
            )
        seen.setdefault(summit.event.id, name)
    if problems:
        raise DataError(problems)
    return tuple(summits), combined_digest([d for _, _, d in results])


class _Progress:
    """A progress bar on stderr, shown only once a build has taken over a second."""

    def __init__(self, total: int, after: float = 1.0) -> None:
        self.total, self.after, self.done_count = total, after, 0
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
            self._task = self._progress.add_task("Reading summit files", total=self.total)
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done_count)

    def done(self) -> None:
        if self._progress is not None:
            self._progress.stop()
