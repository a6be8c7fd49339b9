"""The framework floor of autosummit's own command line: `autosummit speakers -f json` as a Typer
app with the same group, global options and command options, that does no work at all.

bench/run.py times it against the minimal Typer app to show how much of the 1.10x budget the
shape of the interface alone takes; tests/test_bench.py keeps its options in step with the real
command. Plain annotations, as in cli.py: Typer evaluates them on every run.
"""

import json
from typing import Annotated, Literal, get_args

import click
import typer

ColorMode = Literal["auto", "always", "never"]
OutputFormat = Literal["table", "json", "jsonl", "csv", "tsv", "md"]
SpeakerSort = Literal["session", "name", "org"]


app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[list[str] | None, typer.Option("--data", metavar="PATH")] = None,
    event: Annotated[str | None, typer.Option("--event")] = None,
    svg: Annotated[str | None, typer.Option("--svg", metavar="FILE")] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", click_type=click.Choice(get_args(ColorMode), case_sensitive=False)),
    ] = "auto",
    no_pager: Annotated[bool, typer.Option("--no-pager")] = False,
    version: Annotated[bool, typer.Option("--version", is_eager=True)] = False,
) -> None:
    ctx.obj = (data, event, svg, color)


@app.command()
def speakers(
    session: Annotated[str | None, typer.Option("--session")] = None,
    theme: Annotated[str | None, typer.Option("--theme", "-t")] = None,
    org: Annotated[str | None, typer.Option("--org")] = None,
    sort: Annotated[
        SpeakerSort, typer.Option("--sort", click_type=click.Choice(get_args(SpeakerSort)))
    ] = "session",
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format", "-f", click_type=click.Choice(get_args(OutputFormat), case_sensitive=False)
        ),
    ] = None,
    fields: Annotated[str | None, typer.Option("--fields", metavar="A,B,C")] = None,
    excel_safe: Annotated[bool, typer.Option("--excel-safe")] = False,
    no_headers: Annotated[bool, typer.Option("--no-headers")] = False,
    # The global options, which every command takes after its name too.
    data: Annotated[list[str] | None, typer.Option("--data", metavar="PATH")] = None,
    event: Annotated[str | None, typer.Option("--event")] = None,
    svg: Annotated[str | None, typer.Option("--svg", metavar="FILE")] = None,
    color: Annotated[
        ColorMode | None,
        typer.Option("--color", click_type=click.Choice(get_args(ColorMode), case_sensitive=False)),
    ] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager")] = False,
) -> None:
    print(json.dumps([{"id": "liu-yurui", "name": "Liu Yurui"}], indent=2))


if __name__ == "__main__":
    app()
