"""The rich views: tables and detail screens for people at a terminal.

Every piece of data goes in as a `rich.text.Text` built from escaped text, never as a markup
string, so `[bold]` or `:thumbs_up:` in a name prints as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

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
NUMERIC = {
    "rank",
    "score",
    "speaker_count",
    "talk_count",
    "recommendation_count",
    "emba_class",
    "total",
}
# Short headers for long keys, and how the spare width is shared among wrapping columns.
HEADERS = {
    "speaker_count": "speakers",
    "talk_count": "talks",
    "recommendation_count": "recs",
    "emba_class": "emba",
    "speaker_name": "speaker",
    "speaker_names": "speakers",
    "session_id": "session",
    "talk_id": "talk",
}
SHARE = {
    "text": 4,
    "summary": 4,
    "title": 2,
    "role": 2,
    "organisation": 2,
    "themes": 2,
    "speakers": 2,
    "quote": 3,
}
UNWRAPPED = {"id", "speaker_id", "session_id", "talk_id", "kind"}
# List cells that hold ids or names read on one line; any other list (what each speaker said,
# side by side) puts each item on a line of its own.
INLINE_LISTS = {"themes", "speakers", "speaker_names", "matches"}


def make_console(color: bool, width: int, record: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        record=record,
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


def _highlighted(text: str, spans: Sequence[Sequence[int]]) -> Text:
    """Escape piece by piece so the match offsets, which index the raw text, stay true."""
    shown = Text()
    at = 0
    for start, end in spans:
        if start < at:
            continue
        shown.append(one_line(text[at:start]))
        shown.append(one_line(text[start:end]), style=MATCH)
        at = end
    shown.append(one_line(text[at:]))
    return shown


NARROW = 60  # below this many columns a grid of columns is unreadable: stack the records


def rows_view(rows: Rows, width: int) -> RenderableType:
    return rows_table(rows) if width >= NARROW else rows_stack(rows)


def _value(record: dict[str, Any], column: str) -> Text:
    value = record.get(column)
    if isinstance(value, list) and column not in INLINE_LISTS:
        return Text("\n").join(Text("• " + one_line(cell(v))) for v in value)
    text = cell(value)
    spans = record.get("matches")
    if column == "text" and isinstance(spans, list):
        return _highlighted(text, spans)
    return Text(one_line(text))


def rows_stack(rows: Rows) -> Group:
    """One record after another, a field per line: for projectors and narrow windows."""
    parts: list[RenderableType] = []
    for record in rows.records:
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(style=ACCENT, no_wrap=True)
        grid.add_column(overflow="fold")
        for column in rows.columns:
            grid.add_row(Text(HEADERS.get(column, column)), _value(record, column))
        parts += [grid, Text("")]
    return Group(*parts)


def rows_table(rows: Rows) -> RichTable:
    wide = any(c in SHARE for c in rows.columns)
    table = RichTable(box=box.SIMPLE_HEAD, header_style=ACCENT, expand=wide, pad_edge=False)
    for column in rows.columns:
        numeric = column in NUMERIC
        table.add_column(
            Text(one_line(HEADERS.get(column, column))),
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=numeric or column in UNWRAPPED,
            ratio=SHARE.get(column),
        )
    for record in rows.records:
        table.add_row(*(_value(record, c) for c in rows.columns))
    return table


def blocks_view(blocks: list[Block], width: int) -> Group:
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
                grid.add_row(Text(one_line(label)), Text(visible(value)))
            parts.append(grid)
        elif isinstance(block, Paragraph):
            parts.append(Padding(Text(visible(block.text)), (0, 0, 0, 2), expand=False))
        elif isinstance(block, Items):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True, style="cyan")
            grid.add_column(overflow="fold")
            for n, item in enumerate(block.items, 1):
                grid.add_row(Text(f"{n}." if block.numbered else "•"), Text(visible(item)))
            parts.append(Padding(grid, (0, 0, 0, 2), expand=False))
        elif isinstance(block, Table):
            parts.append(Padding(rows_view(block.rows, width), (0, 0, 0, 2), expand=False))
    return Group(*parts)


HEAT = ("dim", "black on bright_cyan", "black on cyan", "bold black on yellow", "bold white on red")


def matrix_view(
    rows: Rows, totals: dict[str, Any], titles: dict[str, tuple[str, str]], width: int
) -> RenderableType:
    """Speakers x themes as a heat map: themes numbered, with a legend, so it fits a slide.
    Below 60 columns each speaker becomes one line of counts instead."""
    themes = [c for c in rows.columns if c in titles]
    number = {theme: n for n, theme in enumerate(themes, 1)}
    if width < NARROW:
        lines = []
        for record in rows.records:
            counts = sorted(((record[t], t) for t in themes if record[t]), key=lambda p: -p[0])
            line = Text(one_line(record["speaker_name"]) + ": ", style="bold")
            line.append(", ".join(f"{n} on #{number[t]}" for n, t in counts) or "-")
            lines.append(line)
        return Group(*lines, Text(""), _legend(themes, titles))
    table = RichTable(
        box=box.SIMPLE_HEAD,
        header_style=ACCENT,
        pad_edge=False,
        padding=(0, 1),
        collapse_padding=True,
        show_footer=True,
        footer_style="bold",
    )
    table.add_column(Text("speaker"), Text("total"), overflow="fold")
    for n, theme in enumerate(themes, 1):
        table.add_column(
            Text(str(n)),
            Text(str(totals[theme])),
            justify="right",
            no_wrap=True,
            min_width=len(str(n)),
        )
    table.add_column(Text("total"), Text(str(totals["total"])), justify="right", no_wrap=True)
    for record in rows.records:
        cells = [
            Text(str(record[t]) if record[t] else "·", style=HEAT[min(record[t], 4)])
            for t in themes
        ]
        table.add_row(Text(one_line(record["speaker_name"])), *cells, Text(str(record["total"])))
    note = Text(
        "cell: how many of the speaker's points and recommendations touch the theme", style="dim"
    )
    return Group(table, _legend(themes, titles), Text(""), note)


def _legend(themes: list[str], titles: dict[str, tuple[str, str]]) -> RichTable:
    legend = RichTable.grid(padding=(0, 1))
    legend.add_column(justify="right", style=ACCENT, no_wrap=True)
    legend.add_column(overflow="fold")
    for n, theme in enumerate(themes, 1):
        title, theme_id = titles[theme]
        legend.add_row(Text(str(n)), Text(f"{one_line(title)}  [{one_line(theme_id)}]"))
    return legend
