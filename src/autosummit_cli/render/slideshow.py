"""The paced tour on a real terminal: single keys (no Enter), as a presenter's clicker sends them.

The terminal is put in cbreak mode (keys arrive one at a time, unechoed; Ctrl-C still
interrupts) on the alternate screen with the cursor hidden, and put back exactly as it was
however the show ends: `q`, Escape, end of input or Ctrl-C. A slide taller than the screen is
shown in parts, its title pinned above each part.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import termios
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from autosummit_cli.render.document import Block
from autosummit_cli.render.formats import Output
from autosummit_cli.render.keys import TOUR_HELP, TOUR_LAST, key_names, tour_action
from autosummit_cli.render.streams import emit
from autosummit_cli.render.tour import save_slides, screen_text

ENTER_SCREEN, LEAVE_SCREEN = "\x1b[?1049h\x1b[?25l", "\x1b[?25h\x1b[?1049l"
CLEAR = "\x1b[H\x1b[2J"


@dataclass(frozen=True)
class Page:
    slide: int  # 0-based
    part: int  # 0-based
    parts: int
    text: str


def paginate(screens: list[list[Block]], output: Output, columns: int, rows: int) -> list[Page]:
    """Every slide cut to the screen: its title, then as many lines of the rest as fit."""
    pages: list[Page] = []
    for number, blocks in enumerate(screens):
        title = screen_text(blocks[:1], output, True, columns).rstrip("\n")
        body = screen_text(blocks[1:], output, True, columns).rstrip("\n").split("\n")
        room = max(rows - title.count("\n") - 3, 3)  # the title, a blank line and the status
        chunks = [body[at : at + room] for at in range(0, len(body), room)] or [[]]
        pages += [
            Page(number, part, len(chunks), title + "\n" + "\n".join(chunk))
            for part, chunk in enumerate(chunks)
        ]
    return pages


def status(page: Page, slides: int, typed: str, last: bool, columns: int) -> str:
    """The slide's number and the keys, cut to one line of the screen."""
    where = f"[{page.slide + 1}/{slides}]"
    if page.parts > 1:
        where += f" part {page.part + 1}/{page.parts}"
    if typed:
        return f"{where}  go to slide {typed}_ (Enter)"
    line = f"{where}  {TOUR_LAST if last else TOUR_HELP}"
    return line if len(line) < columns else line[: columns - 2] + "…"


class Show:
    """Where the show is, and what each key does to that."""

    def __init__(self, pages: list[Page], slides: int) -> None:
        self.pages, self.slides, self.at, self.typed = pages, slides, 0, ""

    def press(self, key: str) -> bool:
        """Act on one key; False when the show is over."""
        if key.isdigit():
            self.typed += key
            return True
        if self.typed and key == "enter":
            self.jump(int(self.typed) - 1)
            self.typed = ""
            return True
        if self.typed and key == "escape":
            self.typed = ""
            return True
        self.typed = ""
        action = tour_action(key)
        if action == "quit":
            return False
        if action == "next":
            self.at = min(self.at + 1, len(self.pages) - 1)
        elif action == "back":
            self.at = max(self.at - 1, 0)
        elif action == "first":
            self.at = 0
        elif action == "last":
            self.jump(self.slides - 1)
        return True

    def recut(self, pages: list[Page]) -> Show:
        """The same show on pages cut for another screen size, at the same slide."""
        again = Show(pages, self.slides)
        again.jump(self.pages[self.at].slide)
        return again

    def jump(self, slide: int) -> None:
        slide = min(max(slide, 0), self.slides - 1)
        self.at = next(n for n, page in enumerate(self.pages) if page.slide == slide)

    def screen(self, columns: int, rows: int | None) -> str:
        """The page, and the status line (on the screen's last row, when it is known)."""
        page = self.pages[self.at]
        line = status(page, self.slides, self.typed, self.at_end(), columns)
        return page.text + (f"\x1b[{rows};1H" if rows else "\n\n") + line

    def at_end(self) -> bool:
        return self.at == len(self.pages) - 1


@contextlib.contextmanager
def keys_one_at_a_time(fancy: bool, out: TextIO) -> Iterator[None]:
    """cbreak mode (and the alternate screen, when the terminal has one), restored on exit."""
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    changed = termios.tcgetattr(fd)
    changed[3] &= ~(termios.ICANON | termios.ECHO)
    changed[6][termios.VMIN], changed[6][termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSAFLUSH, changed)
    try:
        if fancy:
            emit(ENTER_SCREEN, out)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, saved)
        # Back on the shell's own screen the cursor is where the command started, on a line
        # of its own; a terminal without an alternate screen needs the newline.
        emit(LEAVE_SCREEN if fancy else "\n", out)


class Resized(Exception):
    """The terminal changed size (SIGWINCH) while the show waited for a key."""


def _resized(signum: int, frame: object) -> None:
    raise Resized


def _size() -> os.terminal_size:
    """COLUMNS and LINES when set, else what the terminal says (80x24 when it says 0x0)."""
    return shutil.get_terminal_size()


def show(screens: list[list[Block]], output: Output) -> None:
    """Run the slide show until `q`, Escape, end of input or Ctrl-C (KeyboardInterrupt); a
    resized terminal (a projector plugged in) gets the slides cut anew for its size."""
    fancy = output.env.variables.get("TERM") != "dumb"
    size = _size()
    current = Show(paginate(screens, output, size.columns, size.lines), len(screens))
    stale = False
    with keys_one_at_a_time(fancy, output.env.out()):
        previous = signal.signal(signal.SIGWINCH, _resized)
        try:
            while True:
                try:
                    if stale:
                        stale, size = False, _size()
                        current = current.recut(paginate(screens, output, size.columns, size.lines))
                    if fancy:
                        emit(CLEAR + current.screen(size.columns, size.lines), output.env.out())
                    else:
                        emit("\n\n" + current.screen(size.columns, None), output.env.out())
                    data = os.read(sys.stdin.fileno(), 64)
                except Resized:
                    stale = True
                    continue
                if not data or not all(current.press(key) for key in key_names(data)):
                    return
        finally:
            signal.signal(signal.SIGWINCH, previous)


def run_tour(screens: list[list[Block]], output: Output, paced: bool) -> None:
    """Paced: a slide show driven by single keys (a clicker works). Otherwise print all."""
    if output.svg:
        save_slides(screens, output)
    if paced:
        show(screens, output)
        return
    rich = output.env.stdout_tty
    for number, blocks in enumerate(screens, 1):
        text = screen_text(blocks, output, rich, output.env.columns)
        emit(f"{text}\n[{number}/{len(screens)}]\n\n", output.env.out())
