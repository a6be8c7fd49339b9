"""Where the summits come from, and how to tell, without reading it, that a file is unchanged.

Data sources: `--data` (a file, a directory of *.yaml files, '-', or several of these), then
AUTOSUMMIT_DATA (paths joined with ':'), then the bundled summit. Reading many of them at once
is `batch`'s job.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from autosummit_cli.domain.errors import DataError, UsageError, data_error

ENV_DATA = "AUTOSUMMIT_DATA"
STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")


def bundled_data_path() -> Path:
    """The summit file shipped with the package (the wheel) or the repository (editable)."""
    here = Path(__file__).resolve().parent.parent  # the package: reading/ is one level down
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
                raise data_error(
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
    return data_error(source, f"cannot read: {error.strerror or error}; check its permissions")


class Identity(NamedTuple):
    """What says, without reading it, that a file is unchanged: os.stat's size and stamps."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


def identity_of(name: str) -> Identity | None:
    """What says, without reading it, that a file is the one an entry was made from."""
    try:
        info = os.stat(name)
    except OSError:
        return None
    return Identity(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
