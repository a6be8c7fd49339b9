"""`help COMMAND`: the same text as `COMMAND --help`."""

from typing import Annotated

import typer

from autosummit_cli.cli.lazy import help_text
from autosummit_cli.cli.state import state_of
from autosummit_cli.render.streams import emit

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


@commands.command("help")
def help_command(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None, typer.Argument(metavar="[COMMAND]...", show_default=False)
    ] = None,
) -> None:
    """Help on a command, as COMMAND --help shows it.

    Example: autosummit help search
    """
    emit(help_text(ctx, words or []), state_of(ctx).env.out())
