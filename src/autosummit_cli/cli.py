"""The command line: each command parses its options, calls one query, hands it to one renderer."""

import os
import sys
from typing import Annotated

import click
import typer

from autosummit_cli import __version__, queries
from autosummit_cli.boundary import AutosummitGroup
from autosummit_cli.cli_params import (
    EXPORT_FORMATS,
    SEARCH_KINDS,
    SPEAKER_SORTS,
    ExcelSafeOpt,
    ExportFormat,
    FieldsOpt,
    FormatOpt,
    SearchCommand,
    SessionOpt,
    SpeakerOpt,
    SpeakerSort,
    State,
    ThemeOpt,
    complete_events,
    complete_speakers,
    complete_themes,
    output_for,
    scope_of,
    state_of,
)
from autosummit_cli.render.output import (
    COLOR_MODES,
    ColorMode,
    emit,
    note,
    show_matrix,
    show_report,
    show_rows,
)
from autosummit_cli.sources import data_sources

app = typer.Typer(
    cls=AutosummitGroup,
    help="Explore the New-Quality Productive Forces Auto Summit (PKU NSD, 2025).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    suggest_commands=False,  # click already says 'Did you mean'
)
cache_app = typer.Typer(
    help="Show or clear the cache of validated data and search indexes.", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")


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
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Explore the New-Quality Productive Forces Auto Summit (PKU NSD, 2025).

    Example: autosummit talk yurui
    """
    ctx.obj = State(tuple(data or ()), color, event, svg)


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories to check. Default: the data in use.", show_default=False
        ),
    ] = None,
) -> None:
    """Check summit files: one OK line of counts each, or every problem as FILE:LINE:COL: why.

    Example: autosummit validate data/summit.yaml
    """
    from autosummit_cli.sources import load_all

    files = data_sources(paths or state_of(ctx).data)
    summits, _ = load_all(files)
    for name, summit in zip(files, summits, strict=True):
        counted = queries.counts(summit)
        emit(
            f"OK: {'<stdin>' if name == '-' else name}: {counted['speakers']} speakers, "
            f"{counted['sessions']} sessions, {counted['talks']} talks, {counted['points']} "
            f"points, {counted['recommendations']} recommendations, {counted['themes']} themes\n"
        )


@app.command()
def events(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """The summits loaded: one row per event, with its counts.

    Example: autosummit --data forums/ events
    """
    from autosummit_cli.search import event_rows

    rows = queries.event_list(event_rows(scope_of(ctx).store.index()))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe))


@app.command()
def overview(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The summit at a glance: event, counts, sessions, headline figures, leading themes.

    Example: autosummit overview
    """
    from autosummit_cli.render.views import overview_blocks

    views = scope_of(ctx).records("overview")
    view = views[0] if len(views) == 1 else {"events": views}
    show_report(view, [b for v in views for b in overview_blocks(v)], output_for(ctx, fmt))


@app.command()
def sessions(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """The summit's sessions in order, with their speakers.

    Example: autosummit sessions -f json
    """
    rows = scope_of(ctx).list_rows("sessions")
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe))


@app.command()
def speakers(
    ctx: typer.Context,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    org: Annotated[str | None, typer.Option(help="Organisation contains this text.")] = None,
    sort: Annotated[
        SpeakerSort,
        typer.Option(click_type=click.Choice(SPEAKER_SORTS), help="Order of the rows."),
    ] = "session",
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """One row per speaker: id, name, role, organisation, session, themes.

    Example: autosummit speakers --theme going-global
    """

    rows = scope_of(ctx).list_rows(
        "speakers",
        [("session", "session", session), ("themes", "theme", theme)],
        each=lambda rows: queries.sort_speakers(queries.at_organisation(rows, org), sort),
    )
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe))


@app.command()
def talk(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="SPEAKER",
            help="Speaker id or any unique part of the name; quotes are optional.",
            autocompletion=complete_speakers,
            show_default=False,
        ),
    ],
    fmt: FormatOpt = None,
) -> None:
    """One talk in full: who, session, summary, points, recommendations, quotes, figures.

    Example: autosummit talk yurui
    """
    from autosummit_cli.names import resolve_speaker
    from autosummit_cli.render.views import talk_blocks

    speaker = " ".join(words)
    summit, speaker_id = (
        scope_of(ctx)
        .named(("speaker", speaker))
        .one(lambda s: resolve_speaker(s, speaker), f"speaker {speaker!r}")
    )
    view = queries.talk_detail(summit, speaker_id)
    show_report(view, talk_blocks(view), output_for(ctx, fmt))


@app.command()
def recommendations(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Every recommendation, one row each: speaker, session, text, themes.

    Example: autosummit recommendations --theme generative-ai
    """

    rows = scope_of(ctx).list_rows(
        "recommendations",
        [
            ("speaker_id", "speaker", speaker),
            ("session", "session", session),
            ("themes", "theme", theme),
        ],
    )
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe))


@app.command()
def themes(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[THEME]",
            help="A theme id or title for its summary; quotes are optional.",
            autocompletion=complete_themes,
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """The cross-cutting themes; with THEME, what each speaker said and recommended on it.

    Example: autosummit themes supply-chain-profitability
    """
    from autosummit_cli.names import resolve_theme

    theme = " ".join(words) if words else None
    if theme is None:
        show_rows(scope_of(ctx).list_rows("themes"), output_for(ctx, fmt, fields, excel_safe))
        return
    from autosummit_cli.render.views import theme_blocks

    summit, theme_id = (
        scope_of(ctx)
        .named(("theme", theme))
        .one(lambda s: resolve_theme(s, theme), f"theme {theme!r}")
    )
    view = queries.theme_detail(summit, theme_id)
    show_report(view, theme_blocks(view), output_for(ctx, fmt, fields))


@app.command()
def quotes(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Every verbatim quotation, with its speaker and talk.

    Example: autosummit quotes
    """
    show_rows(scope_of(ctx).list_rows("quotes"), output_for(ctx, fmt, fields, excel_safe))


@app.command()
def glossary(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """The summit's terms and what else they are called; search finds each through the others.

    Example: autosummit glossary -f json
    """
    from autosummit_cli.glossary import glossary_rows

    rows = glossary_rows(scope_of(ctx).corpus().summits)
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe))
    if not rows.records:
        note("the data has no glossary; add a `glossary:` section, as in data/summit.yaml")


@app.command()
def matrix(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Speakers x themes: a heat map of who speaks to what, with totals.

    Example: autosummit matrix --svg matrix.svg
    """
    summit, rows = scope_of(ctx).one_event("the matrix").one(queries.matrix_rows, "the matrix")
    show_matrix(
        rows,
        queries.matrix_totals(rows),
        {t.id: t.title for t in summit.themes},
        output_for(ctx, fmt, fields, excel_safe),
    )


@app.command()
def compare(
    ctx: typer.Context,
    first: Annotated[
        str, typer.Argument(help="A speaker id or name.", autocompletion=complete_speakers)
    ],
    second: Annotated[
        str, typer.Argument(help="Another speaker id or name.", autocompletion=complete_speakers)
    ],
    fmt: FormatOpt = None,
) -> None:
    """Two speakers side by side: shared themes, what each says on them, and the rest.

    Example: autosummit compare wu-shaoge yang-yongping
    """
    from autosummit_cli.names import resolve_speaker
    from autosummit_cli.render.views import compare_blocks

    summit, (a, b) = (
        scope_of(ctx)
        .named(("speaker", first), ("speaker", second))
        .one(
            lambda s: (resolve_speaker(s, first), resolve_speaker(s, second)),
            f"speakers {first!r} and {second!r}",
        )
    )
    view = queries.compare(summit, a, b)
    show_report(view, compare_blocks(view), output_for(ctx, fmt))


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            click_type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
            help="Handout format.",
        ),
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here (atomically) instead of standard output.",
        ),
    ] = None,
) -> None:
    """The whole summit as a handout: overview, sessions, talks, themes and the matrix.

    Example: autosummit export -f html -o summit.html
    """
    from autosummit_cli.render import export as handout
    from autosummit_cli.render.document import write_markdown
    from autosummit_cli.render.output import ascii_only

    summit, _ = scope_of(ctx).one_event("the export").one(lambda s: s.event.id, "the export")
    if fmt == "md":
        text = write_markdown(handout.handout_blocks(summit))
    elif fmt == "html":
        text = handout.write_html(handout.handout_blocks(summit), summit.event.title)
    elif fmt == "json":
        text = handout.handout_json(summit, ascii_only() and output is None)
    else:
        text = handout.summit_yaml(summit)
    if output:
        from autosummit_cli.render.files import write_atomically

        write_atomically(output, text)
        note(f"wrote {output}")
    else:
        emit(text)


@app.command()
def tour(
    ctx: typer.Context,
    session: SessionOpt = None,
    no_pause: Annotated[
        bool,
        typer.Option(
            "--no-pause", help="Print every screen in order instead of waiting for Enter."
        ),
    ] = False,
) -> None:
    """A guided walk for a live audience: the overview, then each session and talk.

    Example: autosummit tour --session round-table
    """
    from autosummit_cli.names import resolve_session
    from autosummit_cli.render.tour import run_tour
    from autosummit_cli.render.views import overview_blocks, session_blocks, talk_blocks

    scope = scope_of(ctx)
    corpus = scope.named(("session", session)) if session else scope.one_event("the tour")
    summit, session_id = corpus.one(
        lambda s: resolve_session(s, session) if session else None, "the tour"
    )
    names = {s.id: s.name for s in summit.speakers}
    screens = [overview_blocks(queries.overview(summit))]
    for row in queries.session_rows(summit).records:
        if session_id and row["id"] != session_id:
            continue
        screens.append(session_blocks(row, names))
        screens += [
            talk_blocks(queries.talk_record(summit, t))
            for t in summit.talks
            if t.session == row["id"]
        ]
    paced = not no_pause and sys.stdin.isatty() and sys.stdout.isatty()
    run_tour(screens, output_for(ctx, None), paced)


@app.command("search", cls=SearchCommand)
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
) -> None:
    """Search recommendations, points, summaries, themes and quotes, best match first.

    Example: autosummit search "supply chain" OR dealers -f json
    """
    from autosummit_cli.search import KINDS, Filters, search, several_events

    scope = scope_of(ctx)
    index = scope.store.index()
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
        several = several_events(index)
        filters = Filters(kinds)
    found = search(index, " ".join(query), filters, limit)
    show_rows(queries.search_rows(found.records, several), output_for(ctx, fmt, fields, excel_safe))
    if found.partial:
        note("no item has every word; showing items with most of them")
    if found.total > len(found.records):
        note(f"showing {len(found.records)} of {found.total} matches; --limit 0 shows all")


@cache_app.command("info")
def cache_info(ctx: typer.Context, fmt: FormatOpt = None, fields: FieldsOpt = None) -> None:
    """Where the cache lives and what it holds: one row per cached set of data files.

    Example: autosummit cache info
    """
    from autosummit_cli.store import cache_dir, cache_entries

    note(f"cache directory: {cache_dir()}")
    show_rows(queries.cache_list(cache_entries()), output_for(ctx, fmt, fields))


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cache file; the next run rebuilds what it needs.

    Example: autosummit cache clear
    """
    from autosummit_cli.store import cache_dir, clear_cache

    note(f"removed {clear_cache()} cache files from {cache_dir()}")


GLOBAL_OPTIONS_WITH_VALUES = {"--data", "--event", "--color", "--svg"}


def _invoked(args: list[str]) -> str | None:
    """The subcommand named on the command line, if any, skipping the global options."""
    rest = iter(args)
    for arg in rest:
        if arg in GLOBAL_OPTIONS_WITH_VALUES:
            next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    # Typer builds a click command for every registered command before parsing, which costs
    # about 1 ms each on every run. When the command line names one that exists, register only
    # that one; help, completion and mistakes still see them all.
    name = _invoked(sys.argv[1:])
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    if name in names and not any(k.endswith("_COMPLETE") for k in os.environ):
        app.registered_commands = [
            c
            for c in app.registered_commands
            if c.name == name or (c.name is None and c.callback and c.callback.__name__ == name)
        ]
        app.registered_groups = []
    app()
