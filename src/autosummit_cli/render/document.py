"""Detail views (a talk, a theme, the overview) as a few kinds of block, and their writers.

A view builds blocks from query data; plain text, Markdown and the rich terminal view are three
writers over the same blocks, so they never disagree about what a view contains.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from autosummit_cli.domain.rows import Rows, cell
from autosummit_cli.render.safe import one_line, visible
from autosummit_cli.render.writers import md_cell, write_md


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Fields:
    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    items: list[str]
    numbered: bool = False
    # Each item's enumerated parts, by the item's index (`3.1`, `3.2` ... under item 3).
    parts: dict[int, list[str]] = field(default_factory=dict)

    def marker(self, n: int) -> str:
        return f"{n}." if self.numbered else "-"

    def sub_marker(self, n: int, k: int) -> str:
        return f"{n}.{k}" if self.numbered else "-"


@dataclass(frozen=True)
class Table:
    rows: Rows


Block = Heading | Fields | Paragraph | Items | Table


def _cells(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _aligned(rows: Rows) -> list[str]:
    table = [[visible(cell(r.get(c))) for c in rows.columns] for r in rows.records]
    widths = [max((_cells(row[i]) for row in table), default=0) for i in range(len(rows.columns))]
    return [
        "  ".join(v + " " * (w - _cells(v)) for v, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]


def write_plain(blocks: list[Block]) -> str:
    """No colour, no box drawing, nothing truncated: for pipes and files."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            text = visible(block.text)
            underline = "=" if block.level == 1 else "-"
            out += [text, underline * _cells(text)]
        elif isinstance(block, Fields):
            labels = [one_line(label) + ":" for label, _ in block.pairs]
            width = max((_cells(label) for label in labels), default=0)
            out += [
                f"{label}{' ' * (width - _cells(label))} {visible(value)}"
                for label, (_, value) in zip(labels, block.pairs, strict=True)
            ]
        elif isinstance(block, Paragraph):
            out.append(visible(block.text))
        elif isinstance(block, Items):
            for n, item in enumerate(block.items, 1):
                out.append(f"{block.marker(n)} {visible(item)}")
                indent = " " * (len(block.marker(n)) + 1)
                out += [
                    f"{indent}{block.sub_marker(n, k)} {visible(part)}"
                    for k, part in enumerate(block.parts.get(n - 1, ()), 1)
                ]
        elif isinstance(block, Table):
            out += _aligned(block.rows)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def write_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + md_cell(block.text))
        elif isinstance(block, Fields):
            out += [f"- **{md_cell(label)}:** {md_cell(value)}" for label, value in block.pairs]
        elif isinstance(block, Paragraph):
            out.append(md_cell(block.text))
        elif isinstance(block, Items):
            for n, item in enumerate(block.items, 1):
                out.append(f"{block.marker(n)} {md_cell(item)}")
                indent = " " * (len(block.marker(n)) + 1)  # nests the parts under their item
                out += [
                    f"{indent}{'1.' if block.numbered else '-'} {md_cell(part)}"
                    for part in block.parts.get(n - 1, ())
                ]
        elif isinstance(block, Table):
            out.append(write_md(block.rows).rstrip("\n"))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
