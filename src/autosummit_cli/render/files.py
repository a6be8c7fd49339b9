"""Writing files people asked for (`export --output`, `--svg`): all or nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from autosummit_cli.errors import UsageError


def write_atomically(target: str, text: str) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`.

    An existing file is only ever replaced by a complete new one; a failure leaves it as it was
    and removes the temporary file.
    """
    path = Path(target)
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else "."
        )
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror or error}; choose a writable path for the file"
        ) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(descriptor, 0o666 & ~mask)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
        raise
