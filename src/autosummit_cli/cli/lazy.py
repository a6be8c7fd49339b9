"""click's LazyGroup over Typer: each command is built, and its module imported, only when it
is looked up; and the global options that may also follow a command."""

import importlib
from collections.abc import Callable
from typing import Any

import click
import typer
from typer.main import get_command_from_info, get_group_from_info

from autosummit_cli.cli.boundary import AutosummitGroup
from autosummit_cli.cli.state import State
from autosummit_cli.domain.errors import UsageError
from autosummit_cli.render.formats import COLOR_MODES


class LazyGroup(AutosummitGroup):
    """click's LazyGroup ("Lazily Loading Subcommands") over Typer. `modules` maps each command
    to the module that registers it on a Typer of its own, named `commands`; the module is
    imported, and the click command built, only when the command is looked up (to run it,
    complete it, or list it in --help), so a run pays for one group of commands, not all.
    Nothing is mutated: two runs in one process see the same app."""

    modules: dict[str, str]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.modules, *(n for n in super().list_commands(ctx) if n not in self.modules)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name) or self._build(cmd_name)
        if command is not None and not getattr(command, "_late_options", False):
            if not isinstance(command, click.Group):
                command.params += late_options()
            command._late_options = True  # type: ignore[attr-defined]
            self.commands[cmd_name] = command
        return command

    def _build(self, name: str) -> click.Command | None:
        if name not in self.modules:
            return None
        registry: typer.Typer = importlib.import_module(self.modules[name]).commands
        for info in registry.registered_commands:
            if _name(info) == name:
                return get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None
                )
        for group in registry.registered_groups:
            if group.name == name:
                return get_group_from_info(
                    group,
                    pretty_exceptions_short=True,
                    suggest_commands=False,
                    rich_markup_mode=None,
                )
        raise LookupError(f"{self.modules[name]} registers no command {name!r}")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help:  # help asked for by asking nothing: not an error
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)


def _name(info: Any) -> str:
    if info.name:
        return str(info.name)
    return str(info.callback.__name__).replace("_", "-")


def help_text(ctx: click.Context, words: list[str]) -> str:
    """`help CMD [SUB]`: the same text as `CMD [SUB] --help`."""
    root = ctx.find_root()
    command: click.Command = root.command
    current = root
    for word in words:
        found = command.get_command(current, word) if isinstance(command, click.Group) else None
        if found is None:
            raise UsageError(f"no command {word!r}; autosummit --help lists them")
        command = found
        current = click.Context(found, info_name=word, parent=current)
    return command.get_help(current) + "\n"


def _late(attribute: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        state = ctx.find_root().obj
        if isinstance(state, State) and value not in (None, (), False):
            if attribute == "data":
                value = (*state.data, *value)
            setattr(state, attribute, not value if attribute == "page" else value)

    return remember


def late_options() -> list[click.Option]:
    """The global options again, for after the command (`speakers --data FILE`, as gh takes
    its flags anywhere); each updates the run's State."""
    return [
        click.Option(
            ["--data"],
            multiple=True,
            metavar="PATH",
            expose_value=False,
            callback=_late("data"),
            help="Global: summit YAML file, directory or '-'.",
        ),
        click.Option(
            ["--event"],
            expose_value=False,
            callback=_late("event"),
            help="Global: only this event.",
        ),
        click.Option(
            ["--svg"],
            metavar="FILE",
            expose_value=False,
            callback=_late("svg"),
            help="Global: also save the terminal view as an SVG.",
        ),
        click.Option(
            ["--color"],
            type=click.Choice(COLOR_MODES, case_sensitive=False),
            expose_value=False,
            callback=_late("color"),
            help="Global: auto, always or never.",
        ),
        click.Option(
            ["--no-pager"],
            is_flag=True,
            expose_value=False,
            callback=_late("page"),
            help="Global: never page long output.",
        ),
    ]
