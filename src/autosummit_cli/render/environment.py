"""The one place that decides about the terminal: the streams, whether they are terminals, the
terminal's size, the colour variables, the output encoding, the pager.

Made once per run (`Environment.of_process()`, when the root command starts) and handed down
in `Output`; tests build their own (`Environment(stdout_tty=True, columns=120, ...)`) to see what
a terminal would, without one. httpie's `Environment` is the model.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from typing import TextIO

DEFAULT_COLUMNS = 100  # in a pipe, where no terminal says how wide


def _is_tty(stream: TextIO | None) -> bool:
    try:
        return bool(stream and stream.isatty())
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class Environment:
    stdout: TextIO | None = None  # None: sys.stdout when written (CliRunner swaps it per run)
    stderr: TextIO | None = None
    stdin: TextIO | None = None
    stdout_tty: bool = False
    stdin_tty: bool = False
    columns: int = DEFAULT_COLUMNS
    lines: int = 24
    encoding: str = "utf-8"
    variables: dict[str, str] = field(default_factory=dict)  # the ones that change output

    @classmethod
    def of_process(cls) -> Environment:
        tty = _is_tty(sys.stdout)
        size = shutil.get_terminal_size() if tty else None
        try:
            columns = (
                size.columns
                if size and size.columns > 0
                else int(os.environ.get("COLUMNS", DEFAULT_COLUMNS))
            )
        except ValueError:
            columns = DEFAULT_COLUMNS
        names = (
            *("NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLORFGBG"),
            *("PAGER", "AUTOSUMMIT_PAGER", "LESS"),
        )
        return cls(
            stdout_tty=tty,
            stdin_tty=_is_tty(sys.stdin),
            columns=columns,
            # A terminal that reports no size (0 rows: Python 3.10's shutil passes it on) is
            # taken as 24 rows, as shutil does from 3.11.
            lines=size.lines if size and size.lines > 0 else 24,
            encoding=(getattr(sys.stdout, "encoding", None) or "utf-8").lower(),
            variables={n: os.environ[n] for n in names if n in os.environ},
        )

    def out(self) -> TextIO:
        return self.stdout or sys.stdout

    def err(self) -> TextIO:
        return self.stderr or sys.stderr

    def inp(self) -> TextIO:
        return self.stdin or sys.stdin

    @property
    def ascii_only(self) -> bool:
        return not self.encoding.replace("-", "").startswith("utf")

    def color(self, mode: str) -> bool:
        """--color wins, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then a terminal."""
        if mode != "auto":
            return mode == "always"
        if self.variables.get("NO_COLOR"):
            return False
        if self.variables.get("FORCE_COLOR"):
            return True
        if self.variables.get("TERM") == "dumb":
            return False
        return self.stdout_tty

    @property
    def truecolor(self) -> bool:
        """24-bit colour where COLORTERM says so; else the 256 colours every terminal has."""
        return self.variables.get("COLORTERM") in ("truecolor", "24bit")

    @property
    def light_background(self) -> bool:
        """COLORFGBG (rxvt, Konsole, iTerm2...) says white or light grey; most are dark."""
        return self.variables.get("COLORFGBG", "").split(";")[-1] in {"7", "15"}

    def bold_without_colour(self, mode: str) -> bool:
        """NO_COLOR on a terminal forbids colour, not emphasis: search matches stay bold and
        underlined (no-color.org: "does not prevent... bold, underline")."""
        return (
            mode == "auto"
            and self.stdout_tty
            and bool(self.variables.get("NO_COLOR"))
            and self.variables.get("TERM") != "dumb"
        )

    def pager(self) -> str | None:
        """The pager for long output on a terminal: $AUTOSUMMIT_PAGER, else $PAGER, else
        `less -FRX`; an empty value turns paging off."""
        if not self.stdout_tty or self.variables.get("TERM") == "dumb":
            return None
        for name in ("AUTOSUMMIT_PAGER", "PAGER"):
            if name in self.variables:
                return self.variables[name].strip() or None
        return "less -FRX"
