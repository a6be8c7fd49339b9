"""Writing to a stream: all of the text or a clear error, and messages that never mix with data."""

from __future__ import annotations

import contextlib
import sys
from typing import TextIO

from autosummit_cli.domain.errors import OutputClosed, WriteFailed
from autosummit_cli.render.safe import visible


def emit(text: str, stream: TextIO | None = None) -> None:
    """Write all of `text` (to stdout by default) or nothing useful: characters the stream
    cannot encode are replaced. A reader that left is `OutputClosed`; any other failure to
    write, or a closed stdout (None), is `WriteFailed`."""
    stream = sys.stdout if stream is None else stream
    if stream is None:
        raise WriteFailed("cannot write to standard output: it is closed; open it (remove >&-)")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(text.encode(stream.encoding or "utf-8", "replace"))
            buffer.flush()
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError as error:
        raise OutputClosed from error
    except OSError as error:
        where = "standard error" if stream is sys.stderr else "standard output"
        raise WriteFailed(f"cannot write to {where}: {error.strerror or error}") from None


def note(message: str, stream: TextIO | None = None) -> None:
    """A message for people: stderr, never mixed with data; dropped when stderr is closed."""
    stream = stream or sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OutputClosed, WriteFailed):
        emit(visible(message.rstrip("\n")) + "\n", stream)
