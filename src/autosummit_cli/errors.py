"""The small family of exceptions domain code raises, and the exit codes they map to.

One place (`cli.main`) turns these into a stderr message and an exit code; everything else is a
bug and keeps its traceback under AUTOSUMMIT_DEBUG=1.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # nothing matched, or an unknown name
    USAGE = 2  # bad option or argument, ambiguous name, bad data file
    INTERRUPTED = 130  # Ctrl-C
    # Aliases: the same numbers under the names the README documents.
    INTERNAL = 1
    AMBIGUOUS = 2
    BAD_DATA = 2


class AutosummitError(Exception):
    """An error the user can act on; `str(error)` is the whole message."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(AutosummitError):
    exit_code = ExitCode.USAGE


class NotFound(AutosummitError):
    exit_code = ExitCode.NOT_FOUND


class Ambiguous(AutosummitError):
    exit_code = ExitCode.AMBIGUOUS


class Problem(NamedTuple):
    """One thing wrong with a data file, located as precisely as the YAML allows.

    A NamedTuple, as are the other small records every run defines: a frozen dataclass costs
    about 5 M instructions to create (it compiles six methods), 1.5% of a warm start.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataError(AutosummitError):
    """A data file that cannot be used; carries every problem found, not just the first."""

    exit_code = ExitCode.BAD_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputClosed(Exception):
    """The reader of stdout went away (`| head -1`): not an error, just time to stop."""
