"""The rich views: tables and detail screens for people at a terminal.

Every piece of data goes in as a `rich.text.Text` built from escaped text, never as a markup
string, so `[bold]` or `:thumbs_up:` in a name prints as written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from autosummit_cli.render.document import Block, Fields, Heading, Items, Paragraph, Table
from autosummit_cli.render.rows import Rows, cell
from autosummit_cli.render.safe import one_line, visible

ACCENT = "bold cyan"
MATCH = "bold black on yellow"


def make_console(color: bool, width: int) -> Console:
    return Console(
        file=io.StringIO(),
        width=max(width, 20),
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        emoji=False,
        markup=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )


def capture(console: Console, renderable: RenderableType) -> str:
    console.print(renderable)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def _highlighted(text: str, terms: Sequence[str]) -> Text:
    shown = Text(one_line(text))
    for term in terms:
        if term:
            shown.highlight_regex(re.compile(re.escape(term), re.IGNORECASE), MATCH)
    return shown


def rows_table(rows: Rows) -> RichTable:
    table = RichTable(box=box.SIMPLE_HEAD, header_style=ACCENT, expand=False, pad_edge=False)
    for column in rows.columns:
        numeric = column in {"rank", "score", "speakers", "recommendations", "points", "count"}
        table.add_column(Text(column), justify="right" if numeric else "left",
                         overflow="fold", no_wrap=numeric)
    terms = rows.highlights.get("terms", [])
    for record in rows.records:
        table.add_row(*(
            _highlighted(cell(record.get(c)), terms) if c == "text" else Text(one_line(cell(record.get(c))))
            for c in rows.columns
        ))
    return table


def blocks_view(blocks: list[Block]) -> Group:
    parts: list[RenderableType] = []
    for block in blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                parts.append(Rule(Text(visible(block.text), style="bold"), style="cyan"))
            else:
                parts.append(Text("\n" + visible(block.text), style=ACCENT))
        elif isinstance(block, Fields):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(overflow="fold")
            for label, value in block.pairs:
                grid.add_row(Text(label), Text(visible(value)))
            parts.append(grid)
        elif isinstance(block, Paragraph):
            parts.append(Padding(Text(visible(block.text)), (0, 0, 0, 2)))
        elif isinstance(block, Items):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True, style="cyan")
            grid.add_column(overflow="fold")
            for n, item in enumerate(block.items, 1):
                grid.add_row(Text(f"{n}." if block.numbered else "•"), Text(visible(item)))
            parts.append(Padding(grid, (0, 0, 0, 2)))
        elif isinstance(block, Table):
            parts.append(Padding(rows_table(block.rows), (0, 0, 0, 2)))
    return Group(*parts)
