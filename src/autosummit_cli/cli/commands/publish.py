"""The commands that make something to hand out or browse: `export` and the full-screen `browse`."""

from typing import Annotated

import click
import typer

from autosummit_cli.cli.options import (
    EXPORT_FORMATS,
    ExportFormat,
    export_format,
)
from autosummit_cli.cli.state import no_view, scope_of, state_of
from autosummit_cli.render import export as handout
from autosummit_cli.render import sqlite_export
from autosummit_cli.render.document import write_markdown
from autosummit_cli.render.files import write_atomically
from autosummit_cli.render.handout_html import handout_html
from autosummit_cli.render.streams import emit, note

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


@commands.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            click_type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
            help="Handout format. Default: from the --output extension, else md.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here (atomically) instead of standard output; '-' is standard output.",
        ),
    ] = None,
    metadata: Annotated[
        str | None,
        typer.Option(
            "--metadata",
            metavar="FILE",
            help="sqlite: write datasette's metadata here. Default: DB.metadata.json beside it.",
        ),
    ] = None,
) -> None:
    """The whole summit as a handout: overview, sessions, talks, themes and the matrix.

    Example: autosummit export -f html -o summit.html

    With -f sqlite, every summit in effect as one database for datasette and sqlite-utils:
    autosummit export -f sqlite -o summit.db
    """
    no_view(ctx)
    output = None if output == "-" else output
    fmt = export_format(fmt, output)
    if fmt == "sqlite":  # every summit in effect, in one database
        for written in sqlite_export.export(scope_of(ctx).corpus().summits, output, metadata):
            note(f"wrote {written}", state_of(ctx).env.err())
        return
    if metadata:
        raise click.UsageError("--metadata goes with -f sqlite (datasette's metadata.json)")
    summit, _ = scope_of(ctx).one_event("the export").one(lambda s: s.event.id, "the export")
    output = None if output == "-" else output
    if fmt == "md":
        text = write_markdown(handout.handout_blocks(summit))
    elif fmt == "html":
        text = handout_html(summit)
    elif fmt == "json":
        text = handout.handout_json(summit, state_of(ctx).env.ascii_only and output is None)
    else:
        text = handout.summit_yaml(summit, state_of(ctx).env.ascii_only and output is None)
    if output:
        write_atomically(output, text)
        note(f"wrote {output}", state_of(ctx).env.err())
    else:
        emit(text, state_of(ctx).env.out())


@commands.command()
def browse(ctx: typer.Context) -> None:
    """A full-screen explorer: sessions, speakers, themes, live search, the matrix; ? lists keys.

    Example: autosummit browse
    """
    from autosummit_cli.browse import run  # seam: Textual loads here only, for this command

    no_view(ctx)
    state = state_of(ctx)
    code = run(scope_of(ctx), state.color, state.env)
    if code:
        raise typer.Exit(code)
