"""Terminal views as SVG pictures that look the same in librsvg, Chromium and Inkscape.

rich's own `export_svg` fetches Fira Code from a CDN and writes each styled run as one `<text>`
whose spaces are `&#160;` and whose width is stretched by `textLength`; librsvg ignores
`textLength` and collapses the spacing, so words run together and right-aligned columns drift
left. This writer lays the same rich segments out on the terminal's own grid instead:

- every character gets its own x (the `x` list of a `<text>`, plain SVG 1.1 that every renderer
  honours), so columns line up whatever monospace font is found and however wide its glyphs;
- a `<text>` never starts or ends with a space, and runs of spaces split it in two, so no
  renderer's whitespace rules (`xml:space` or not) can move a character;
- fonts come from a local monospace stack: nothing is fetched, and the picture works offline.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from rich.cells import get_character_cell_size
from rich.color import Color
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import TerminalTheme

FONT = (
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono', "
    "'Noto Sans Mono CJK SC', monospace"
)
FONT_SIZE = 15
CELL = 9  # px per terminal column: 0.6 em, the advance of nearly every monospace font
LINE = 20  # px per terminal line
MARGIN = 18
TITLE_BAR = 34

# A dark terminal with colours that keep 4.5:1 contrast on its background.
THEME = TerminalTheme(
    (0x1D, 0x20, 0x26),
    (0xE6, 0xE6, 0xE6),
    [
        (0x1D, 0x20, 0x26),
        (0xFF, 0x7B, 0x72),
        (0x7E, 0xE7, 0x87),
        (0xF2, 0xCC, 0x60),
        (0x79, 0xC0, 0xFF),
        (0xD2, 0xA8, 0xFF),
        (0x56, 0xD4, 0xDD),
        (0xE6, 0xE6, 0xE6),
    ],
    [
        (0x8B, 0x94, 0x9E),
        (0xFF, 0xA1, 0x98),
        (0xA5, 0xF0, 0xAA),
        (0xF8, 0xE3, 0xA1),
        (0xA5, 0xD6, 0xFF),
        (0xE2, 0xC5, 0xFF),
        (0xB3, 0xF0, 0xFF),
        (0xFF, 0xFF, 0xFF),
    ],
)
TITLE_FILL = "#2b3038"
TITLE_TEXT = "#b8c0cc"

# What XML 1.0 cannot hold at all (the caller has already made controls visible).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    text = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _hex(color: Color | None, foreground: bool) -> str | None:
    if color is None or color.is_default:
        return None
    return color.get_truecolor(THEME, foreground=foreground).hex


def _blend(front: str, back: str, share: float) -> str:
    a, b = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (front, back))
    return "#" + "".join(
        f"{round(x * share + y * (1 - share)):02x}" for x, y in zip(a, b, strict=True)
    )


def _paint(style: Style) -> tuple[str, str | None]:
    """The text colour and the cell fill (None: the picture's background) of a style."""
    background = THEME.background_color.hex
    fg = _hex(style.color, True) or THEME.foreground_color.hex
    bg = _hex(style.bgcolor, False)
    if style.reverse:
        fg, bg = bg or background, fg
    if style.dim:
        fg = _blend(fg, bg or background, 0.55)
    return fg, bg


def _pieces(text: str, column: int) -> Iterator[tuple[str, list[int]]]:
    """Words of `text` (which starts at `column`) with each character's column; single spaces
    stay inside a piece, runs of spaces and characters that take no cell of their own end one."""
    piece, columns = "", list[int]()
    for char in text:
        width = get_character_cell_size(char)
        if char == " " and (not piece or piece.endswith(" ")):
            piece = piece.rstrip(" ")
            if piece:
                yield piece, columns[: len(piece)]
            piece, columns = "", []
        elif width == 0:  # a combining mark: it follows its base, and ends the piece
            yield piece + char, columns or [column]
            piece, columns = "", []
        elif ord(char) > 0xFFFF:  # renderers count its UTF-16 units differently: it ends the piece
            yield piece + char, [*columns, column]
            piece, columns = "", []
        else:
            piece += char
            columns.append(column)
        column += width
    piece = piece.rstrip(" ")
    if piece:
        yield piece, columns[: len(piece)]


def _line(segments: list[Segment], top: int) -> tuple[list[str], list[str]]:
    fills: list[str] = []
    texts: list[str] = []
    column = 0
    baseline = top + LINE - 5
    for segment in segments:
        if segment.control or not segment.text:
            continue
        style = segment.style or Style()
        fg, bg = _paint(style)
        cells = segment.cell_length
        if bg:
            fills.append(
                f'<rect x="{column * CELL}" y="{top}" width="{cells * CELL}" height="{LINE}" '
                f'fill="{bg}"/>'
            )
        extra = (' font-weight="bold"' if style.bold else "") + (
            ' font-style="italic"' if style.italic else ""
        )
        extra += ' text-decoration="underline"' if style.underline else ""
        for piece, columns in _pieces(segment.text, column):
            xs = " ".join(str(c * CELL) for c in columns)
            texts.append(f'<text x="{xs}" y="{baseline}" fill="{fg}"{extra}>{_xml(piece)}</text>')
        column += cells
    return fills, texts


def terminal_lines(renderable: Any, width: int) -> list[list[Segment]]:
    """`renderable` laid out `width` columns wide, as lines of styled segments."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="truecolor",
        emoji=False,
        markup=False,
        highlight=False,
        legacy_windows=False,
    )
    lines = console.render_lines(renderable, console.options, pad=False)
    while lines and not "".join(s.text for s in lines[-1]).strip():
        lines.pop()
    return lines


def svg_document(lines: list[list[Segment]], width: int, title: str, rows: int = 0) -> str:
    """The lines as a standalone SVG titled `title`, `width` columns by `rows` lines or more."""
    body: list[str] = []
    for number, segments in enumerate(lines):
        fills, texts = _line(segments, number * LINE)
        body += fills + texts
    picture_width = width * CELL + 2 * MARGIN
    height = TITLE_BAR + max(len(lines), rows) * LINE + 2 * MARGIN
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" xml:space="preserve" '
            f'width="{picture_width}" height="{height}" viewBox="0 0 {picture_width} {height}">',
            f"<title>{_xml(title)}</title>",
            f'<rect width="{picture_width}" height="{height}" rx="8" '
            f'fill="{THEME.background_color.hex}"/>',
            f'<rect width="{picture_width}" height="{TITLE_BAR}" rx="8" fill="{TITLE_FILL}"/>',
            f'<rect y="{TITLE_BAR - 8}" width="{picture_width}" height="8" fill="{TITLE_FILL}"/>',
            f'<g font-family="{FONT}" font-size="{FONT_SIZE}">',
            f'<text x="{MARGIN}" y="{TITLE_BAR - 11}" fill="{TITLE_TEXT}" font-weight="bold">'
            f"{_xml(title)}</text>",
            f'<g transform="translate({MARGIN} {TITLE_BAR + MARGIN})" '
            'shape-rendering="crispEdges">',
            *body,
            "</g>",
            "</g>",
            "</svg>",
            "",
        ]
    )


def render_svg(renderable: Any, width: int, title: str) -> str:
    return svg_document(terminal_lines(renderable, width), width, title)


def slide_paths(target: str, count: int) -> list[str]:
    """`talks.svg` (or `talks`) becomes talks-01.svg, talks-02.svg ...: they sort in order."""
    stem = target[:-4] if target.lower().endswith(".svg") else target
    digits = max(2, len(str(count)))
    return [f"{stem}-{n:0{digits}d}.svg" for n in range(1, count + 1)]
