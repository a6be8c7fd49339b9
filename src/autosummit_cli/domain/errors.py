"""The small family of exceptions domain code raises, and the exit codes they map to.

One place (`boundary.AutosummitGroup`) turns these into a stderr message and an exit code;
everything else is a bug and keeps its traceback under AUTOSUMMIT_DEBUG=1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from autosummit_cli.reading.loader import Problem


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
