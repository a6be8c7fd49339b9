"""The output contract: pick the format, colour and width, then write to stdout.

stdout carries data only; messages go to stderr. Everything is rendered to a string first, so a
failure while rendering never leaves half a table behind, and one `emit` handles a closed pipe
and an output encoding that cannot show every character.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TextIO, get_args

from autosummit_cli.errors import OutputClosed, UsageError
from autosummit_cli.render.rows import TEXT_WRITERS, Rows, to_json
from autosummit_cli.render.safe import visible

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


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(mode: ColorMode) -> bool:
    """--color wins, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then a terminal."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return is_terminal()


def width() -> int:
    if is_terminal():
        return shutil.get_terminal_size().columns
    try:
        return int(os.environ.get("COLUMNS", "100"))
    except ValueError:
        return 100


def _encoding() -> str:
    return (getattr(sys.stdout, "encoding", None) or "utf-8").lower()


def ascii_only() -> bool:
    return not _encoding().replace("-", "").startswith("utf")


def emit(text: str, stream: TextIO | None = None) -> None:
    """Write all of `text` or nothing useful: characters the stream cannot encode are replaced."""
    stream = stream or sys.stdout
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


def note(message: str) -> None:
    """A message for people: stderr, never mixed with data."""
    with contextlib.suppress(OutputClosed):
        emit(visible(message.rstrip("\n")) + "\n", sys.stderr)


def rich_text(renderable: Any, output: Output) -> str:
    from autosummit_cli.render.terminal import capture, make_console

    return capture(make_console(use_color(output.color), width()), renderable)


def svg_width() -> int:
    """Slides want a fixed, roomy width unless the picture is of the user's own terminal."""
    return width() if is_terminal() else 100


def save_svg(renderable: Any, output: Output, title: str = "autosummit") -> None:
    """The terminal view, in colour, as an SVG picture for slides (written atomically)."""
    if not output.svg:
        return
    from autosummit_cli.render.files import write_atomically
    from autosummit_cli.render.terminal import capture, make_console

    console = make_console(True, svg_width(), record=True)
    capture(console, renderable)
    write_atomically(output.svg, console.export_svg(title=title))


def show_rows(rows: Rows, output: Output) -> None:
    """A list view. The table shows the compact columns unless --fields says otherwise; every
    other format shows all of them."""
    fmt = output.format or ("table" if is_terminal() else "tsv")
    table_rows = rows.select(output.fields or rows.table_columns)  # also checks --fields
    if output.svg:
        from autosummit_cli.render.terminal import rows_view

        save_svg(rows_view(table_rows, svg_width()), output)
    if fmt == "table":
        from autosummit_cli.render.terminal import rows_view

        emit(rich_text(rows_view(table_rows, width()), output))
        if rows.total is not None and rows.total != len(rows.records) and is_terminal():
            note(f"{len(rows.records)} of {rows.total} {rows.name}")
        return
    rows = rows.select(output.fields)
    if fmt in ("json", "jsonl"):
        emit(TEXT_WRITERS[fmt](rows, ascii_only()))
    elif fmt in ("csv", "tsv"):
        emit(TEXT_WRITERS[fmt](rows, output.excel_safe, output.headers))
    else:
        emit(TEXT_WRITERS[fmt](rows))


DETAIL_FORMATS: tuple[OutputFormat, ...] = ("table", "json", "jsonl", "md")


def show_report(data: dict[str, Any], blocks: list[Block], output: Output) -> None:
    """A detail view: rich on a terminal, plain text in a pipe, or JSON / Markdown."""
    fmt = output.format
    if output.fields:
        raise UsageError("--fields applies to list views; this view is one record")
    if fmt is not None and fmt not in DETAIL_FORMATS:
        raise UsageError(
            f"--format {fmt} is for list views; this view supports " + ", ".join(DETAIL_FORMATS)
        )
    if output.svg:
        from autosummit_cli.render.terminal import blocks_view

        save_svg(blocks_view(blocks, svg_width()), output)
    if fmt == "json":
        emit(to_json(data, ascii_only()) + "\n")
    elif fmt == "jsonl":
        emit(to_json(data, ascii_only(), indent=None) + "\n")
    elif fmt == "md":
        from autosummit_cli.render.document import write_markdown

        emit(write_markdown(blocks))
    elif fmt == "table" or (fmt is None and is_terminal()):
        from autosummit_cli.render.terminal import blocks_view

        emit(rich_text(blocks_view(blocks, width()), output))
    else:
        from autosummit_cli.render.document import write_plain

        emit(write_plain(blocks))


def show_matrix(
    rows: Rows, totals: dict[str, Any], titles: dict[str, tuple[str, str]], output: Output
) -> None:
    """The speakers x themes matrix: a heat map on a terminal, rows in every list format."""
    fmt = output.format or ("table" if is_terminal() else "tsv")
    if (fmt == "table" or output.svg) and not output.fields:
        from autosummit_cli.render.terminal import matrix_view

        save_svg(matrix_view(rows, totals, titles, svg_width()), output, "autosummit matrix")
        if fmt == "table":
            emit(rich_text(matrix_view(rows, totals, titles, width()), output))
            return
    if fmt == "md" and not output.fields:
        emit(TEXT_WRITERS["md"](Rows(rows.columns, [*rows.records, totals])))
        return
    show_rows(rows, output._replace(format=fmt, svg=None))  # no second picture


def show_verdicts(verdicts: list[dict[str, Any]], as_json: bool) -> int:
    """`validate`: each file's verdict; the exit code is a data error's if any file has
    problems (each on stderr as FILE:LINE:COL: field: message, or in the JSON)."""
    from autosummit_cli.errors import ExitCode
    from autosummit_cli.verdicts import ok_line, problem_lines

    failed = [v for v in verdicts if not v["ok"]]
    if as_json:
        emit(to_json(verdicts, ascii_only()) + "\n")
        if failed:
            note(f"autosummit: {len(failed)} of {len(verdicts)} files have problems")
    else:
        for verdict in verdicts:
            if verdict["ok"]:
                emit(ok_line(verdict))
            else:
                note("\n".join(problem_lines(verdict)))
    return ExitCode.BAD_DATA if failed else ExitCode.OK
