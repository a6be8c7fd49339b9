"""The small family of exceptions domain code raises, and the exit codes they map to.

One place (`boundary.AutosummitGroup`) turns these into a stderr message and an exit code;
everything else is a bug and keeps its traceback under AUTOSUMMIT_DEBUG=1.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class ExitCode:
    """The exit codes the README documents, as the plain ints `sys.exit` takes.

    Not an IntEnum: defining one costs about 1 M instructions on every run, and nothing here
    needs more than the names.
    """

    OK: Final = 0
    NOT_FOUND: Final = 1  # nothing matched, or an unknown name
    USAGE: Final = 2  # bad option or argument, ambiguous name, bad data file
    WRITE_FAILED: Final = 74  # stdout could not be written (full disk, closed): sysexits' EX_IOERR
    INTERRUPTED: Final = 130  # Ctrl-C
    # The same numbers under the names the README uses for them.
    INTERNAL: Final = 1
    AMBIGUOUS: Final = 2
    BAD_DATA: Final = 2


class AutosummitError(Exception):
    """An error the user can act on; `str(error)` is the whole message."""

    exit_code: int = ExitCode.USAGE


class UsageError(AutosummitError):
    exit_code = ExitCode.USAGE


class NotFound(AutosummitError):
    exit_code = ExitCode.NOT_FOUND


class Ambiguous(AutosummitError):
    exit_code = ExitCode.AMBIGUOUS


class Problem(NamedTuple):
    """One thing wrong with a data file, located as precisely as the YAML allows."""

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


class WriteFailed(AutosummitError):
    """Standard output cannot take the data (a full disk, a closed descriptor)."""

    exit_code = ExitCode.WRITE_FAILED


class OutputClosed(Exception):
    """The reader of stdout went away (`| head -1`): not an error, just time to stop."""


def data_error(name: str, message: str) -> DataError:
    """A DataError of one problem with the file as a whole (no line, no field)."""
    return DataError([Problem(name, None, None, "", message)])
