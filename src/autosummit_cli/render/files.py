"""Writing files people asked for (`export --output`, `--svg`): all or nothing, and never by
replacing something that is not a plain file.

- A regular file (or a new one) is written to a temporary file beside it, then renamed over it:
  a failure leaves the old file as it was. The new file keeps the old one's mode, and its owner
  and group where the user may set them.
- A symbolic link is written through: the file it points to is written by these same rules, and
  the link stays a link.
- Our own standard output or error (`/dev/stdout`, `/proc/self/fd/2`, or a file that already is
  our stdout) is written to as that stream, in order with the rest of the output.
- Anything else that is not a regular file (a character device such as `/dev/null`, a FIFO) is
  opened and written in place: it cannot be replaced, and must not be.
- A directory is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from typing import TextIO

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.render.streams import emit

_CHOOSE = "choose a writable path for the file"


def _cannot(target: str, error: OSError, hint: str = "") -> UsageError:
    return UsageError(f"cannot write {target}: {error.strerror or error}{hint}")


def write_atomically(target: str, text: str) -> None:
    """Write `text` to `target` by the rules above."""
    try:
        info: os.stat_result | None = os.stat(target)  # through symlinks
    except FileNotFoundError:
        info = None  # a new file (or a link to one)
    except OSError as error:
        raise _cannot(target, error, f"; {_CHOOSE}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"cannot write {target}: Is a directory; {_CHOOSE}")
    stream = _standard_stream(info)
    if stream is not None:
        emit(text, stream)
    elif info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(target, text)
    else:
        _replace(target, text, info)


def _standard_stream(info: os.stat_result | None) -> TextIO | None:
    """sys.stdout or sys.stderr when `info` is the very file that stream writes to."""
    if info is None:
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            own = os.fstat(stream.fileno())
        except (AttributeError, OSError, ValueError):  # closed, or not a real file (tests)
            continue
        if (own.st_dev, own.st_ino) == (info.st_dev, info.st_ino):
            return stream
    return None


def _write_in_place(target: str, text: str) -> None:
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise _cannot(target, error) from None


def _replace(target: str, text: str, info: os.stat_result | None) -> None:
    """A complete new file renamed over the old one (or into place), beside it."""
    path = os.path.realpath(target)  # through symlinks: the link itself stays
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path)
        )
    except OSError as error:
        raise _cannot(target, error, f"; {_CHOOSE}") from None
    try:
        _take_over(descriptor, info)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _cannot(target, error) from None
        raise


def _take_over(descriptor: int, old: os.stat_result | None) -> None:
    """The old file's mode, owner and group; a new file gets what a plain open() would give.

    (mkstemp makes its file private, 0600, whatever the umask.)
    """
    if old is None:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(descriptor, 0o666 & ~mask)
        return
    with contextlib.suppress(PermissionError):  # only root may give a file away
        os.fchown(descriptor, old.st_uid, old.st_gid)
    os.fchmod(descriptor, stat.S_IMODE(old.st_mode))
