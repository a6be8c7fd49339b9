"""`search` and `events`: the commands the search index answers."""

from typing import Annotated

import click
import typer

from autosummit_cli.cli.options import (
    SEARCH_KINDS,
    ExcelSafeOpt,
    FieldsOpt,
    FormatOpt,
    NoHeadersOpt,
    SessionOpt,
    SpeakerOpt,
    ThemeOpt,
)
from autosummit_cli.cli.search_args import SearchCommand
from autosummit_cli.cli.state import filters_said, output_for, say_resolved, scope_of, state_of
from autosummit_cli.domain import listings
from autosummit_cli.domain.errors import NotFound
from autosummit_cli.render.output import show_rows
from autosummit_cli.render.streams import note
from autosummit_cli.search.engine import event_rows, search, several_events
from autosummit_cli.search.query import KINDS, Filters

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


@commands.command("search", cls=SearchCommand)
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help='Words (all must match), "a phrase", prefix*, -exclude, OR.', show_default=False
        ),
    ],
    speaker: SpeakerOpt = None,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            click_type=click.Choice(SEARCH_KINDS, case_sensitive=False),
            help="Search only this kind of item (repeatable). Default: every kind.",
            show_default=False,
        ),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", "-a", help="Every kind of item (the default).")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="At most this many results (0: all).")
    ] = 20,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Search recommendations, points, summaries, themes and quotes, best match first.

    Example: autosummit search "supply chain" OR dealers -f json
    """
    scope = scope_of(ctx)
    kinds = (
        KINDS if everything or not kind else tuple(k for k in KINDS if k in map(str.lower, kind))
    )
    if scope.event or speaker or session or theme:  # names resolve as the data has them
        events = scope.event_ids
        several = len(events) > 1
        filters = Filters(
            kinds,
            scope.ids("speaker", speaker),
            scope.ids("session", session),
            scope.ids("theme", theme),
            tuple(events) if scope.event else (),
        )
    else:  # no names to resolve: the index alone answers
        several = scope.store.searching(several_events)
        filters = Filters(kinds)
    output = output_for(ctx, fmt, fields, excel_safe, no_headers)
    say_resolved(ctx, *filters_said(speaker, session, theme))
    try:
        found = scope.store.searching(lambda index: search(index, " ".join(query), filters, limit))
    except NotFound:
        if output.format in ("json", "jsonl"):  # a script reads an empty list, then the code
            show_rows(listings.search_rows([], several), output)
        raise
    show_rows(listings.search_rows(found.records, several), output)
    if found.partial:
        note("no item has every word; showing items with most of them", state_of(ctx).env.err())
    if found.total > len(found.records):
        note(
            f"showing {len(found.records)} of {found.total} matches; --limit 0 shows all",
            state_of(ctx).env.err(),
        )


@commands.command()
def events(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """The summits loaded: one row per event, with its counts.

    Example: autosummit --data forums/ events
    """
    rows = listings.event_list(scope_of(ctx).store.searching(event_rows))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))
