"""The one error boundary: every exception becomes a stderr message and a documented exit code.

It lives in the click group's `main`, so the installed script and `CliRunner` tests go through
exactly the same path.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from typer.core import TyperGroup

from autosummit_cli.cli.completion import install
from autosummit_cli.domain.errors import (
    AutosummitError,
    DataError,
    ExitCode,
    OutputClosed,
    WriteFailed,
)
from autosummit_cli.render.streams import note

DEBUG_ENV = "AUTOSUMMIT_DEBUG"


def _silence_stdout() -> None:
    """After the reader left, point stdout at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (CliRunner): nothing will flush to a closed pipe


def _from_click_echo(error: BaseException) -> bool:
    """Whether `error` came out of click's `echo` (help, usage): an output failure, not a bug.

    Everything autosummit itself prints goes through `emit`, which says so itself.
    """
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_name == "echo" and frame.f_globals.get("__name__") == "click.utils":
            return True
        trace = trace.tb_next
    return False


class AutosummitGroup(TyperGroup):
    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = int(self._run(args, prog_name or "autosummit", complete_var, **extra))
        if standalone_mode:
            sys.exit(code)
        return code

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        if any(name.endswith("_COMPLETE") for name in os.environ):  # a shell is asking
            install()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def _run(self, args: Any, prog_name: str, complete_var: str | None, **extra: Any) -> int:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            return result if isinstance(result, int) else ExitCode.OK
        except DataError as error:
            note(str(error))
            return error.exit_code
        except AutosummitError as error:
            note(f"autosummit: {error}")
            if isinstance(error, WriteFailed):
                _silence_stdout()  # what stdout still buffers must not fail again at exit
            return error.exit_code
        except click.ClickException as error:
            error.show()
            return error.exit_code
        except (click.exceptions.Abort, KeyboardInterrupt):
            return ExitCode.INTERRUPTED
        except OutputClosed:
            _silence_stdout()
            return ExitCode.OK
        except SystemExit as error:
            if isinstance(error.__context__, BrokenPipeError):  # click's own echo (--help)
                _silence_stdout()
                return ExitCode.OK
            raise
        except Exception as error:
            if isinstance(error, OSError) and _from_click_echo(error):
                note(f"autosummit: cannot write to standard output: {error.strerror or error}")
                _silence_stdout()
                return ExitCode.WRITE_FAILED
            if os.environ.get(DEBUG_ENV):
                raise
            note(
                f"autosummit: internal error ({type(error).__name__}: {error}); this is a bug: "
                f"rerun with {DEBUG_ENV}=1 to see the traceback and report it"
            )
            return ExitCode.INTERNAL
