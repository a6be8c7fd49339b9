"""The guided tour: one screen at a time for a live audience, or every screen in order."""

from __future__ import annotations

import os
import sys

from autosummit_cli.render.document import Block, write_plain
from autosummit_cli.render.output import (
    Output,
    emit,
    is_terminal,
    note,
    rich_text,
    svg_width,
    width,
)

PROMPT = "Enter: next · b: back · q: quit"


def _screen(blocks: list[Block], output: Output, rich: bool) -> str:
    if not rich:
        return write_plain(blocks)
    from autosummit_cli.render.terminal import blocks_view

    return rich_text(blocks_view(blocks, width()), output)


def save_slides(screens: list[list[Block]], output: Output) -> None:
    """One SVG per screen, all the same size, named after --svg: tour.svg gives tour-01.svg..."""
    from autosummit_cli.render.files import write_atomically
    from autosummit_cli.render.svg import slide_paths, svg_document, terminal_lines
    from autosummit_cli.render.terminal import blocks_view

    assert output.svg
    columns = svg_width()
    slides = [terminal_lines(blocks_view(blocks, columns), columns) for blocks in screens]
    rows = max((len(lines) for lines in slides), default=0)
    paths = slide_paths(output.svg, len(slides))
    for number, (path, lines) in enumerate(zip(paths, slides, strict=True), 1):
        title = f"{output.title} ({number}/{len(slides)})"
        write_atomically(path, svg_document(lines, columns, title, rows))
    if paths:
        note(f"wrote {paths[0]} ... {paths[-1]}" if len(paths) > 1 else f"wrote {paths[0]}")


def run_tour(screens: list[list[Block]], output: Output, paced: bool) -> None:
    """Paced: Enter advances, b goes back, q (or end of input) quits. Otherwise print all."""
    if output.svg:
        save_slides(screens, output)
    rich = is_terminal()
    if not paced:
        for number, blocks in enumerate(screens, 1):
            emit(_screen(blocks, output, rich) + f"\n[{number}/{len(screens)}]\n\n")
        return
    clear = "\x1b[2J\x1b[H" if os.environ.get("TERM") != "dumb" else "\n" * 3
    at = 0
    while 0 <= at < len(screens):
        emit(clear + _screen(screens[at], output, rich))
        emit(f"\n[{at + 1}/{len(screens)}]  {PROMPT} ")
        answer = sys.stdin.readline()
        if not answer or answer.strip().lower() in ("q", "quit"):
            break
        at = max(at - 1, 0) if answer.strip().lower() in ("b", "back") else at + 1
    emit("\n")
