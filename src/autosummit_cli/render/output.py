"""The output contract: pick the format, colour and width, then write to stdout.

stdout carries data only; messages go to stderr. Everything is rendered to a string first, so a
failure while rendering never leaves half a table behind, and one `emit` handles a closed pipe
and an output encoding that cannot show every character.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple, get_args

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.rows import Rows
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.streams import emit, note
from autosummit_cli.render.writers import TEXT_WRITERS, to_json

if TYPE_CHECKING:
    from autosummit_cli.render.document import Block


# Choices are Literal types that the options hand to click.Choice, not Enums: defining an Enum
# costs about 1 M instructions on every run, and nothing here needs more than the names.
OutputFormat = Literal["table", "json", "jsonl", "csv", "tsv", "md"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
ColorMode = Literal["auto", "always", "never"]
COLOR_MODES: tuple[ColorMode, ...] = get_args(ColorMode)


class Output(NamedTuple):
    format: OutputFormat | None = None
    color: ColorMode = "auto"
    fields: tuple[str, ...] = ()
    excel_safe: bool = False
    svg: str | None = None  # also save the terminal view here
    headers: bool = True  # TSV/CSV: the header line
    env: Environment = Environment()
    page: bool = True  # through the pager, when the output is taller than the terminal
    title: str = "autosummit"  # the command, as the SVG's title names it


def show_text(text: str, output: Output) -> None:
    """What a view rendered, to stdout: through the pager when a terminal cannot show it all."""
    env = output.env
    pager = env.pager() if output.page else None
    if pager and text.count("\n") >= env.lines:
        # seam: subprocess only when the output is paged
        from autosummit_cli.render.pager import page

        if page(text, pager, env):
            return
    emit(text, env.out())


def rich_text(renderable: Any, output: Output, columns: int | None = None) -> str:
    # seam: rich loads only for a terminal view
    from autosummit_cli.render.terminal import capture, make_console

    env = output.env
    color = env.color(output.color)
    emphasis = env.bold_without_colour(output.color)
    console = make_console(color, columns or env.columns, emphasis, env.truecolor)
    return capture(console, renderable)


def svg_width(env: Environment) -> int:
    """Slides want a fixed, roomy width unless the picture is of the user's own terminal."""
    return env.columns if env.stdout_tty else 100


def save_svg(renderable: Any, output: Output, title: str | None = None) -> None:
    """The terminal view, in colour, as an SVG picture for slides (written atomically)."""
    if not output.svg:
        return
    # seam: tempfile only when --svg writes a picture
    from autosummit_cli.render.files import write_atomically
    from autosummit_cli.render.svg import render_svg

    write_atomically(
        output.svg, render_svg(renderable, svg_width(output.env), title or output.title)
    )


def show_rows(rows: Rows, output: Output) -> None:
    """A list view. The table shows the compact columns unless --fields says otherwise; every
    other format shows all of them."""
    env = output.env
    fmt = output.format or ("table" if env.stdout_tty else "tsv")
    table_rows = rows.select(output.fields or rows.table_columns)  # also checks --fields
    if output.svg:
        # seam: rich loads only for a terminal view
        from autosummit_cli.render.terminal import rows_view

        save_svg(rows_view(table_rows, svg_width(env)), output)
    if fmt == "table":
        # seam: rich loads only for a terminal view
        from autosummit_cli.render.terminal import rows_view

        show_text(rich_text(rows_view(table_rows, env.columns), output), output)
        if rows.total is not None and rows.total != len(rows.records) and env.stdout_tty:
            note(f"{len(rows.records)} of {rows.total} {rows.name}", env.err())
        return
    rows = rows.select(output.fields)
    if fmt in ("json", "jsonl"):
        text = TEXT_WRITERS[fmt](rows, env.ascii_only)
    elif fmt in ("csv", "tsv"):
        text = TEXT_WRITERS[fmt](rows, output.excel_safe, output.headers)
    else:
        text = TEXT_WRITERS[fmt](rows)
    emit(text, env.out())


DETAIL_FORMATS: tuple[OutputFormat, ...] = ("table", "json", "jsonl", "md")


def show_report(data: dict[str, Any], blocks: list[Block], output: Output) -> None:
    """A detail view: rich on a terminal, plain text in a pipe, or JSON / Markdown."""
    fmt, env = output.format, output.env
    if output.fields:
        raise UsageError("--fields applies to list views; this view is one record")
    if fmt is not None and fmt not in DETAIL_FORMATS:
        raise UsageError(
            f"--format {fmt} is for list views; this view supports " + ", ".join(DETAIL_FORMATS)
        )
    if output.svg:
        # seam: rich loads only for a terminal view
        from autosummit_cli.render.terminal import blocks_view

        save_svg(blocks_view(blocks, svg_width(env)), output)
    if fmt == "json":
        emit(to_json(data, env.ascii_only) + "\n", env.out())
    elif fmt == "jsonl":
        emit(to_json(data, env.ascii_only, indent=None) + "\n", env.out())
    elif fmt == "md":
        # seam: documents are built only for a detail view
        from autosummit_cli.render.document import write_markdown

        emit(write_markdown(blocks), env.out())
    elif fmt == "table" or (fmt is None and env.stdout_tty):
        # seam: rich loads only for a terminal view
        from autosummit_cli.render.terminal import blocks_view

        show_text(rich_text(blocks_view(blocks, env.columns), output), output)
    else:
        # seam: documents are built only for a detail view
        from autosummit_cli.render.document import write_plain

        emit(write_plain(blocks), env.out())


def show_matrix(
    rows: Rows, totals: dict[str, Any], titles: dict[str, tuple[str, str]], output: Output
) -> None:
    """The speakers x themes matrix: a heat map on a terminal, rows in every list format."""
    env = output.env
    fmt = output.format or ("table" if env.stdout_tty else "tsv")
    if (fmt == "table" or output.svg) and not output.fields:
        # seam: rich loads only for a terminal view
        from autosummit_cli.render.terminal import matrix_view

        save_svg(matrix_view(rows, totals, titles, svg_width(env), env.light_background), output)
        if fmt == "table":
            view = matrix_view(rows, totals, titles, env.columns, env.light_background)
            show_text(rich_text(view, output), output)
            return
    if fmt == "md" and not output.fields:
        emit(TEXT_WRITERS["md"](Rows(rows.columns, [*rows.records, totals])), env.out())
        return
    show_rows(rows, output._replace(format=fmt, svg=None))  # no second picture
