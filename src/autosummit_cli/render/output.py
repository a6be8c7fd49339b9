"""The output contract: pick the format, colour and width, then write to stdout.

stdout carries data only; messages go to stderr. Everything is rendered to a string first, so a
failure while rendering never leaves half a table behind, and one `emit` handles a closed pipe
and an output encoding that cannot show every character. Terminal views are drawn by
`screen` (rich), imported only when one is shown or saved as a picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.rows import Rows
from autosummit_cli.render.formats import DETAIL_FORMATS, Output
from autosummit_cli.render.streams import emit
from autosummit_cli.render.writers import TEXT_WRITERS, to_json

if TYPE_CHECKING:
    from autosummit_cli.render.document import Block


def show_rows(rows: Rows, output: Output) -> None:
    """A list view. The table shows the compact columns unless --fields says otherwise; every
    other format shows all of them."""
    env = output.env
    fmt = output.format or ("table" if env.stdout_tty else "tsv")
    shown = rows.select(output.fields or rows.table_columns)  # also checks --fields
    if fmt == "table" or output.svg:
        from autosummit_cli.render.screen import rows_on_screen  # seam: rich for terminal views

        rows_on_screen(rows, shown, output, table=fmt == "table")
        if fmt == "table":
            return
    rows = rows.select(output.fields)
    if fmt in ("json", "jsonl"):
        text = TEXT_WRITERS[fmt](rows, env.ascii_only)
    elif fmt in ("csv", "tsv"):
        text = TEXT_WRITERS[fmt](rows, output.excel_safe, output.headers)
    else:
        text = TEXT_WRITERS[fmt](rows)
    emit(text, env.out())


def show_report(data: dict[str, Any], blocks: list[Block], output: Output) -> None:
    """A detail view: rich on a terminal, plain text in a pipe, or JSON / Markdown."""
    fmt, env = output.format, output.env
    if output.fields:
        raise UsageError("--fields applies to list views; this view is one record")
    if fmt is not None and fmt not in DETAIL_FORMATS:
        raise UsageError(
            f"--format {fmt} is for list views; this view supports " + ", ".join(DETAIL_FORMATS)
        )
    table = fmt == "table" or (fmt is None and env.stdout_tty)
    if table or output.svg:
        from autosummit_cli.render.screen import report_on_screen  # seam: rich for terminal views

        report_on_screen(blocks, output, shown=table)
    if fmt == "json":
        emit(to_json(data, env.ascii_only) + "\n", env.out())
    elif fmt == "jsonl":
        emit(to_json(data, env.ascii_only, indent=None) + "\n", env.out())
    elif fmt == "md" or not table:
        # seam: documents (4 ms of dataclasses) only for a detail view, never for a list
        from autosummit_cli.render.document import write_markdown, write_plain

        emit((write_markdown if fmt == "md" else write_plain)(blocks), env.out())


def show_matrix(
    rows: Rows, totals: dict[str, Any], titles: dict[str, tuple[str, str]], output: Output
) -> None:
    """The speakers x themes matrix: a heat map on a terminal, rows in every list format."""
    env = output.env
    fmt = output.format or ("table" if env.stdout_tty else "tsv")
    if (fmt == "table" or output.svg) and not output.fields:
        from autosummit_cli.render.screen import matrix_on_screen  # seam: rich for terminal views

        matrix_on_screen(rows, totals, titles, output, shown=fmt == "table")
        if fmt == "table":
            return
    if fmt == "md" and not output.fields:
        emit(TEXT_WRITERS["md"](Rows(rows.columns, [*rows.records, totals])), env.out())
        return
    show_rows(rows, output._replace(format=fmt, svg=None))  # no second picture
