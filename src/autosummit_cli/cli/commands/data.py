"""`validate`, `schema` and `new`: the commands about summit files themselves."""

from typing import Annotated

import click
import typer

from autosummit_cli.cli.options import (
    VALIDATE_FORMATS,
    ValidateFormat,
)
from autosummit_cli.cli.state import no_view, state_of
from autosummit_cli.reading.json_schema import schema_text
from autosummit_cli.reading.sources import data_sources
from autosummit_cli.reading.verdicts import verdicts
from autosummit_cli.render.streams import emit, note
from autosummit_cli.render.template import schema_reference, template_text, write_new
from autosummit_cli.render.verdicts import show_verdicts

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


@commands.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories to check. Default: the data in use.", show_default=False
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            click_type=click.Choice(VALIDATE_FORMATS, case_sensitive=False),
            help="text (OK lines, problems on stderr) or json (a verdict per file, for CI).",
        ),
    ] = None,
) -> None:
    """Check summit files: one OK line of counts each, or every problem as FILE:LINE:COL: why.

    Example: autosummit validate data/summit.yaml
    """
    no_view(ctx)
    state = state_of(ctx)
    code = show_verdicts(verdicts(data_sources(paths or state.data)), fmt == "json", state.env)
    if code:
        raise typer.Exit(code)


@commands.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the summit file format, for editors and other tools.

    Example: autosummit schema > summit.schema.json
    """
    no_view(ctx)

    emit(schema_text(), state_of(ctx).env.out())


@commands.command()
def new(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="The file to create ('-': standard output)."),
    ],
    schema: Annotated[
        str | None,
        typer.Option(
            "--schema",
            metavar="URL|PATH",
            help="Schema for the editor line. Default: this autosummit's schema file.",
        ),
    ] = None,
) -> None:
    """Start a summit file: a commented template that validates as written; never overwrites.

    Example: autosummit new my-forum.yaml
    """
    no_view(ctx)
    text = template_text(schema_reference(file, schema), "FILE" if file == "-" else file)
    if file == "-":
        emit(text, state_of(ctx).env.out())
    else:
        write_new(file, text)
        note(f"wrote {file}; check it with: autosummit validate {file}", state_of(ctx).env.err())
