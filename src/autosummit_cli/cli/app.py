"""The app: the global options, and which module holds each command (imported when it runs)."""

from typing import Annotated

import click
import typer

from autosummit_cli import __version__
from autosummit_cli.cli.lazy import LazyGroup
from autosummit_cli.cli.options import complete_events
from autosummit_cli.cli.state import State
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.formats import COLOR_MODES, ColorMode
from autosummit_cli.render.streams import emit

COMMANDS = "autosummit_cli.cli.commands."


class AutosummitCLI(LazyGroup):
    # In the order --help lists them.
    modules = {
        **dict.fromkeys(["validate", "schema", "new"], COMMANDS + "data"),
        "events": COMMANDS + "find",
        **dict.fromkeys(["overview"], COMMANDS + "records"),
        **dict.fromkeys(["sessions", "speakers"], COMMANDS + "lists"),
        **dict.fromkeys(["talk", "show"], COMMANDS + "records"),
        "recommendations": COMMANDS + "lists",
        "themes": COMMANDS + "records",
        **dict.fromkeys(["quotes", "glossary"], COMMANDS + "lists"),
        **dict.fromkeys(["matrix", "compare"], COMMANDS + "records"),
        "export": COMMANDS + "publish",
        "tour": COMMANDS + "tour",
        "browse": COMMANDS + "publish",
        "search": COMMANDS + "find",
        "cache": COMMANDS + "cache",
        "help": COMMANDS + "help",
    }


app = typer.Typer(
    cls=AutosummitCLI,
    help="Explore the New-Quality Productive Forces Auto Summit (news article of 2025-11-04).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    suggest_commands=False,  # click already says 'Did you mean'
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        emit(f"autosummit {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Summit YAML file, a directory of them, or '-' for stdin; repeat for several. "
            "Default: $AUTOSUMMIT_DATA, then the bundled summit.",
        ),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option(
            "--event",
            help="Only this event (id or title), when several summits are loaded.",
            autocompletion=complete_events,
        ),
    ] = None,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg", metavar="FILE", help="Also save what the terminal view shows as an SVG."
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            click_type=click.Choice(COLOR_MODES, case_sensitive=False),
            help="Colour on a terminal: auto follows NO_COLOR, FORCE_COLOR, TERM.",
        ),
    ] = "auto",
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (also: AUTOSUMMIT_PAGER= or PAGER= empty).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Explore the New-Quality Productive Forces Auto Summit (news article of 2025-11-04).

    Example: autosummit talk yurui
    """
    # The run's one Environment: the process's, or the one a test passed as `obj`.
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.of_process()
    ctx.obj = State(tuple(data or ()), color, event, svg, env, not no_pager)


def main() -> None:
    app()
