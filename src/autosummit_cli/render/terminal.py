"""The rich views: tables and detail screens for people at a terminal.

Every piece of data goes in as a `rich.text.Text` built from escaped text, never as a markup
string, so `[bold]` or `:thumbs_up:` in a name prints as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from autosummit_cli.domain.rows import Rows, cell
from autosummit_cli.render.document import Block, Fields, Heading, Items, Paragraph, Table
from autosummit_cli.render.heat import Background, heat, terminal_background
from autosummit_cli.render.layout import column_widths
from autosummit_cli.render.safe import one_line, visible

ACCENT = "bold cyan"
MATCH = "bold underline black on yellow"  # bold and underline survive NO_COLOR
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
UNWRAPPED = {
    "id",
    "name",
    "speaker_id",
    "speaker_name",
    "session_id",
    "talk_id",
    "kind",
    "published",
}
# List cells that hold ids or names read on one line; any other list (what each speaker said,
# side by side) puts each item on a line of its own.
INLINE_LISTS = {"themes", "speakers", "speaker_names", "matches"}


def make_console(
    color: bool, width: int, emphasis: bool = False, truecolor: bool = False
) -> Console:
    """A console that writes to a string; `emphasis` keeps bold and underline without colour;
    the heat map needs more than 16 colours: 24-bit with `truecolor`, else 256 (which every
    current terminal has; standard colours are sent as before)."""
    styled = color or emphasis
    return Console(
        file=io.StringIO(),
        width=max(width, 20),
        force_terminal=styled,
        no_color=not color,
        color_system=("truecolor" if truecolor else "256") if styled else None,
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


def highlighted(text: str, spans: Sequence[Sequence[int]]) -> Text:
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
    """A table when every column gets its longest word; else one record per block."""
    if width >= NARROW:
        table = rows_table(rows, width)
        if table is not None:
            return table
    return rows_stack(rows, width)


def _value(record: dict[str, Any], column: str) -> Text:
    value = record.get(column)
    if isinstance(value, list) and column not in INLINE_LISTS:
        return Text("\n").join(Text("• " + one_line(cell(v))) for v in value)
    text = cell(value)
    spans = record.get("matches")
    if column == "text" and isinstance(spans, list):
        return highlighted(text, spans)
    return Text(one_line(text))


STACKED_LABELS_ABOVE = 40  # narrower than this, a label column would starve the values


def rows_stack(rows: Rows, width: int = NARROW) -> Group:
    """One record after another, a field per line: for projectors and narrow windows. Below
    40 columns each label goes on its own line, so values get the whole width."""
    labels = [Text(one_line(HEADERS.get(c, c)), style=ACCENT) for c in rows.columns]
    parts: list[RenderableType] = []
    for record in rows.records:
        if width < STACKED_LABELS_ABOVE:
            for label, column in zip(labels, rows.columns, strict=True):
                parts += [label, Padding(_value(record, column), (0, 0, 0, 2))]
        else:
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for label, column in zip(labels, rows.columns, strict=True):
                grid.add_row(label, _value(record, column))
            parts.append(grid)
        parts.append(Text(""))
    return Group(*parts)


def rows_table(rows: Rows, width: int) -> RichTable | None:
    """The rows as a table, or None if the columns cannot get their longest word each."""
    headers = [Text(one_line(HEADERS.get(c, c))) for c in rows.columns]
    cells = [[_value(record, c) for c in rows.columns] for record in rows.records]
    columns = [[headers[i], *(row[i] for row in cells)] for i in range(len(rows.columns))]
    unbroken = [c in NUMERIC or c in UNWRAPPED for c in rows.columns]
    widths = column_widths(columns, unbroken, width)
    if widths is None:
        return None
    table = RichTable(
        box=box.SIMPLE_HEAD, header_style=ACCENT, pad_edge=False, show_edge=False, padding=(0, 1)
    )
    for column, header, size in zip(rows.columns, headers, widths, strict=True):
        table.add_column(
            header,
            justify="right" if column in NUMERIC else "left",
            overflow="fold",
            width=size,
        )
    for row in cells:
        table.add_row(*row)
    return table


def blocks_view(blocks: list[Block], width: int) -> Group:
    parts: list[RenderableType] = []
    for block in blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                parts.append(_title(visible(block.text), width))
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
                for k, part in enumerate(block.parts.get(n - 1, ()), 1):
                    marker = f"{n}.{k}" if block.numbered else "–"
                    grid.add_row(Text(""), Text(f"{marker} ") + Text(visible(part)))
            parts.append(Padding(grid, (0, 0, 0, 2), expand=False))
        elif isinstance(block, Table):
            parts.append(Padding(rows_view(block.rows, width), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def heat_cell(count: int, top: int, background: Background) -> Text:
    """A matrix cell: its count on its shade of the heat ramp; a dim dot for none."""
    if not count:
        return Text("·", style="dim")
    fill, text = heat(count, top, background, xterm=True)
    return Text(str(count), style=f"bold {text} on {fill}")


def heat_scale(top: int, background: Background) -> Text:
    scale = Text()
    scale.append("cell shades: ", style="dim")
    for count in range(1, top + 1):
        cell = heat_cell(count, top, background)
        cell.pad(1)  # as wide as a matrix cell
        scale.append_text(cell)
    return scale


def _title(text: str, width: int) -> RenderableType:
    """A rule with the title in it, or, where the title would not fit (rich would cut it),
    the title wrapped in full above a plain rule."""
    title = Text(text, style="bold")
    if cell_len(text) + 6 <= width:
        return Rule(title, style="cyan")
    return Group(title, Rule(style="cyan"))


def matrix_view(
    rows: Rows,
    totals: dict[str, Any],
    titles: dict[str, tuple[str, str]],
    width: int,
    light: bool = False,
) -> RenderableType:
    """Speakers x themes as a heat map: themes numbered, with a legend, so it fits a slide.
    Where the grid would not fit, each speaker becomes one line of counts instead."""
    themes = [c for c in rows.columns if c in titles]
    number = {theme: n for n, theme in enumerate(themes, 1)}
    names = max((cell_len(one_line(r["speaker_name"])) for r in rows.records), default=7)
    # Name, then a 4-column cell per theme (" n " and a gap), then the total.
    if width < max(names, 7) + 4 * len(themes) + 9:
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
        padding=0,
        collapse_padding=True,
        show_footer=True,
        footer_style="bold",
    )
    table.add_column(Text("speaker"), Text("total"), overflow="fold")
    for n, theme in enumerate(themes, 1):
        table.add_column(
            Text(str(n)),
            Text(str(totals[theme])),
            justify="center",
            no_wrap=True,
            min_width=3,
        )
    table.add_column(Text(" total"), Text(str(totals["total"])), justify="right", no_wrap=True)
    top = max((record[t] for record in rows.records for t in themes), default=1)
    background = terminal_background(light)
    for record in rows.records:
        cells = [heat_cell(record[t], top, background) for t in themes]
        table.add_row(Text(one_line(record["speaker_name"])), *cells, Text(str(record["total"])))
    note = Text(
        "cell: how many of the speaker's points and recommendations touch the theme", style="dim"
    )
    return Group(table, _legend(themes, titles), Text(""), note, heat_scale(top, background))


def _legend(themes: list[str], titles: dict[str, tuple[str, str]]) -> RichTable:
    legend = RichTable.grid(padding=(0, 1))
    legend.add_column(justify="right", style=ACCENT, no_wrap=True)
    legend.add_column(overflow="fold")
    for n, theme in enumerate(themes, 1):
        title, theme_id = titles[theme]
        legend.add_row(Text(str(n)), Text(f"{one_line(title)}  [{one_line(theme_id)}]"))
    return legend
