"""The guided tour: its slides in order, shown one at a time for a live audience, or all printed.

`tour_screens` is the one place that says what the tour shows; the paced show
(`render/slideshow.py`), the printed tour and the pictures of it all read from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from autosummit_cli.domain import queries
from autosummit_cli.render.document import Block, Heading, Items, Paragraph, write_plain
from autosummit_cli.render.files import write_atomically
from autosummit_cli.render.formats import Output
from autosummit_cli.render.screen import svg_width
from autosummit_cli.render.streams import note
from autosummit_cli.render.svg import slide_paths, svg_document, terminal_lines
from autosummit_cli.render.terminal import blocks_view, capture, make_console
from autosummit_cli.render.views import overview_blocks, session_blocks, talk_blocks

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit


def tour_screens(summit: Summit, session_id: str | None = None) -> Iterator[list[Block]]:
    """The slides in order: the overview (unless one session is toured), each session's title
    card and its talks, then the themes at a glance to close."""
    names = {s.id: s.name for s in summit.speakers}
    if session_id is None:
        yield overview_blocks(queries.overview(summit))
    for row in queries.session_rows(summit).records:
        if session_id and row["id"] != session_id:
            continue
        yield session_blocks(row, names)
        for talk in summit.talks:
            if talk.session == row["id"]:
                yield talk_blocks(queries.talk_record(summit, talk))
    yield closing_blocks(summit, session_id)


def closing_blocks(summit: Summit, session_id: str | None) -> list[Block]:
    """The closing slide: the themes the tour touched, those most speakers share first."""
    toured = set(queries.session_speakers(summit, session_id)) if session_id else None
    records = []
    for record in queries.theme_rows(summit).records:
        speakers = [s for s in record["speakers"] if toured is None or s in toured]
        if speakers:
            records.append({"id": record["id"], "title": record["title"], "speakers": speakers})
    records.sort(key=lambda r: -len(r["speakers"]))
    where = summit.session(session_id).title if session_id else summit.event.title
    return [
        Heading("Themes at a glance", 1),
        Paragraph(f"What the speakers of {where} returned to, most shared first."),
        Items([f"{r['title']}  [{r['id']}]: {_speakers(len(r['speakers']))}" for r in records]),
    ]


def _speakers(count: int) -> str:
    return "1 speaker" if count == 1 else f"{count} speakers"


def screen_text(blocks: list[Block], output: Output, rich: bool, columns: int) -> str:
    """One slide as the terminal shows it (rich) or as plain text."""
    if not rich:
        return write_plain(blocks)
    return capture(
        make_console(output.env.color(output.color), columns, truecolor=output.env.truecolor),
        blocks_view(blocks, columns),
    )


def save_slides(screens: list[list[Block]], output: Output) -> None:
    """One SVG per screen, all the same size, named after --svg: tour.svg gives tour-01.svg..."""
    assert output.svg
    columns = svg_width(output.env)
    slides = [terminal_lines(blocks_view(blocks, columns), columns) for blocks in screens]
    rows = max((len(lines) for lines in slides), default=0)
    paths = slide_paths(output.svg, len(slides))
    for number, (path, lines) in enumerate(zip(paths, slides, strict=True), 1):
        title = f"{output.title} ({number}/{len(slides)})"
        write_atomically(path, svg_document(lines, columns, title, rows))
    if paths:
        note(
            f"wrote {paths[0]} ... {paths[-1]}" if len(paths) > 1 else f"wrote {paths[0]}",
            output.env.err(),
        )
