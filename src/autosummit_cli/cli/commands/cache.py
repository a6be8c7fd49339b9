"""`cache info` and `cache clear`: where the catalogs live, and removing them."""

import typer

from autosummit_cli.cli.options import (
    FieldsOpt,
    FormatOpt,
)
from autosummit_cli.cli.state import no_view, output_for, state_of
from autosummit_cli.domain import listings
from autosummit_cli.render.output import show_rows
from autosummit_cli.render.streams import note
from autosummit_cli.store.cache_files import cache_dir, clear_cache
from autosummit_cli.store.store import cache_entries

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup

cache_app = typer.Typer(
    help="Show or clear the cache of validated data and search indexes.", no_args_is_help=True
)
commands.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(ctx: typer.Context, fmt: FormatOpt = None, fields: FieldsOpt = None) -> None:
    """Where the cache lives and what it holds: one row per cached set of data files.

    Example: autosummit cache info
    """
    note(f"cache directory: {cache_dir()}", state_of(ctx).env.err())
    show_rows(listings.cache_list(cache_entries()), output_for(ctx, fmt, fields))


@cache_app.command("clear")
def cache_clear(ctx: typer.Context) -> None:
    """Delete every cache file; the next run rebuilds what it needs.

    Example: autosummit cache clear
    """
    no_view(ctx)
    note(f"removed {clear_cache()} cache files from {cache_dir()}", state_of(ctx).env.err())
