"""What a terminal shows: the rich views of rows, reports and the matrix, paged when taller
than the terminal, and the same views saved as SVG pictures (--svg).

Imported by `output` only for a terminal view or a picture, so a list in a pipe never loads rich."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType

from autosummit_cli.domain.rows import Rows
from autosummit_cli.render.document import Block
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.files import write_atomically
from autosummit_cli.render.formats import Output
from autosummit_cli.render.pager import page
from autosummit_cli.render.streams import emit, note
from autosummit_cli.render.svg import render_svg
from autosummit_cli.render.terminal import (
    blocks_view,
    capture,
    make_console,
    matrix_view,
    rows_view,
)


def show_text(text: str, output: Output) -> None:
    """What a view rendered, to stdout: through the pager when a terminal cannot show it all."""
    env = output.env
    pager = env.pager() if output.page else None
    if pager and text.count("\n") >= env.lines and page(text, pager, env):
        return
    emit(text, env.out())


def rich_text(renderable: RenderableType, output: Output) -> str:
    env = output.env
    color = env.color(output.color)
    emphasis = env.bold_without_colour(output.color)
    console = make_console(color, env.columns, emphasis, env.truecolor)
    return capture(console, renderable)


def svg_width(env: Environment) -> int:
    """Slides want a fixed, roomy width unless the picture is of the user's own terminal."""
    return env.columns if env.stdout_tty else 100


def save_svg(renderable: RenderableType, output: Output) -> None:
    """The terminal view, in colour, as an SVG picture for slides (written atomically)."""
    if output.svg:
        picture = render_svg(renderable, svg_width(output.env), output.title)
        write_atomically(output.svg, picture)


def rows_on_screen(rows: Rows, shown: Rows, output: Output, table: bool) -> None:
    """A list view's picture (--svg), and with `table` the table itself: `shown` holds the
    columns the table shows, `rows` all of them."""
    env = output.env
    save_svg(rows_view(shown, svg_width(env)), output)
    if table:
        show_text(rich_text(rows_view(shown, env.columns), output), output)
        if rows.total is not None and rows.total != len(rows.records) and env.stdout_tty:
            note(f"{len(rows.records)} of {rows.total} {rows.name}", env.err())


def report_on_screen(blocks: list[Block], output: Output, shown: bool) -> None:
    """A detail view's picture (--svg), and with `shown` the view itself."""
    env = output.env
    save_svg(blocks_view(blocks, svg_width(env)), output)
    if shown:
        show_text(rich_text(blocks_view(blocks, env.columns), output), output)


def matrix_on_screen(
    rows: Rows,
    totals: dict[str, Any],
    titles: dict[str, tuple[str, str]],
    output: Output,
    shown: bool,
) -> None:
    """The heat map's picture (--svg), and with `shown` the heat map itself."""
    env = output.env
    save_svg(matrix_view(rows, totals, titles, svg_width(env), env.light_background), output)
    if shown:
        view = matrix_view(rows, totals, titles, env.columns, env.light_background)
        show_text(rich_text(view, output), output)
