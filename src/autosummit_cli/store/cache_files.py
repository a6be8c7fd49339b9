"""The cache directory, trusted as ssh trusts ~/.ssh: only if it is ours and no one else can
write to it, and likewise every file read from it.

The directory is $XDG_CACHE_HOME/autosummit (default ~/.cache/autosummit), made 0700; the
catalogs in it are 0600. A directory or file owned by someone else, or writable by group or
others, or that is not what it should be (a symlink, a directory where a file should be) is
never read: the run builds its catalog in memory instead. Temporary files are made with
`tempfile.mkstemp` (O_EXCL: a name planted there, symlink or not, is never followed).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

# Not `.sqlite`, the name older releases gave their own files (and pruned by): a catalog they
# cannot read must not look like one of theirs.
CATALOG = ".catalog"
# Every name of ours: catalogs, their journals and temporary files, and the files of older
# releases, so that `cache clear` removes all of them and nothing else.
OUR_NAME = re.compile(
    r"[0-9a-f]{16}\.(?:catalog(?:-journal|-wal|-shm)?|catalog\.[A-Za-z0-9_]+\.tmp(?:-journal)?"
    r"|sqlite|rows|(?:sqlite|rows)\.[0-9]+\.tmp)"
)
STALE_TEMPORARY = 24 * 3600  # seconds: a temporary file this old was left by a killed run


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/autosummit, else ~/.cache/autosummit. Relative when neither is absolute
    (the XDG rule ignores a relative XDG_CACHE_HOME; with no HOME and no passwd entry `~` stays
    `~`): then there is no cache (`trusted_dir` says so), never one under the working directory."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "autosummit"


def _trusted(info: os.stat_result, kind: int) -> bool:
    return (
        stat.S_IFMT(info.st_mode) == kind
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def trusted_dir(create: bool = False) -> Path | None:
    """The cache directory if it is ours alone (made 0700 when `create`), else None."""
    directory = cache_dir()
    if not directory.is_absolute():
        return None
    try:
        if create:
            directory.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                directory.mkdir(mode=0o700)
        info = os.lstat(directory)
        if not _trusted(info, stat.S_IFDIR):
            return None
        if create and stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(directory, 0o700)  # an older release made it 0755
    except OSError:
        return None
    return directory


def is_ours(path: Path) -> bool:
    """Whether `path` is a regular file (not a symlink) of ours that no one else can write."""
    try:
        return _trusted(os.lstat(path), stat.S_IFREG)
    except OSError:
        return False


def our_files(directory: Path) -> list[Path]:
    """Every file of ours in the cache directory, by name."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    return [directory / n for n in names if OUR_NAME.fullmatch(n) and is_ours(directory / n)]


def temporary_beside(path: Path) -> Path:
    """A new empty file (0600) in `path`'s directory, named after it, for building `path`."""
    handle, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    return Path(name)


def drop_stale_temporaries(directory: Path) -> None:
    """Temporary files left by runs that were killed long ago (a live build is younger)."""
    now = time.time()
    for path in our_files(directory):
        if ".tmp" in path.name:
            with contextlib.suppress(OSError):
                if now - os.lstat(path).st_mtime > STALE_TEMPORARY:
                    path.unlink()


def clear_cache() -> int:
    """Remove every file of ours from the cache directory; how many were removed."""
    directory = trusted_dir()
    removed = 0
    for path in our_files(directory) if directory else []:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed
