"""The command line: each command parses its options, calls one query, hands it to one renderer."""

from typing import TYPE_CHECKING, Annotated

import click
import typer

from autosummit_cli import __version__
from autosummit_cli.cli.options import (
    EXPORT_FORMATS,
    SEARCH_KINDS,
    SPEAKER_SORTS,
    VALIDATE_FORMATS,
    DetailFormatOpt,
    ExcelSafeOpt,
    ExportFormat,
    FieldsOpt,
    FormatOpt,
    LazyGroup,
    NoHeadersOpt,
    SearchCommand,
    SessionOpt,
    SpeakerOpt,
    SpeakerSort,
    State,
    ThemeOpt,
    ValidateFormat,
    complete_events,
    complete_speakers,
    complete_themes,
    export_format,
    no_view,
    output_for,
    say_resolved,
    scope_of,
    state_of,
)
from autosummit_cli.domain import listings, queries
from autosummit_cli.domain.errors import NotFound, UsageError
from autosummit_cli.reading.sources import data_sources
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.output import (
    COLOR_MODES,
    ColorMode,
    emit,
    note,
    show_matrix,
    show_report,
    show_rows,
)

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit
    from autosummit_cli.domain.rows import Rows

# The commands register here and are built one at a time, when run (LazyGroup).
commands = typer.Typer()


class AutosummitCLI(LazyGroup):
    registry = commands


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
cache_app = typer.Typer(
    help="Show or clear the cache of validated data and search indexes.", no_args_is_help=True
)
commands.add_typer(cache_app, name="cache")


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
    from autosummit_cli.reading.verdicts import verdicts
    from autosummit_cli.render.output import show_verdicts

    no_view(ctx)
    code = show_verdicts(verdicts(data_sources(paths or state_of(ctx).data)), fmt == "json")
    if code:
        raise typer.Exit(code)


@commands.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the summit file format, for editors and other tools.

    Example: autosummit schema > summit.schema.json
    """
    no_view(ctx)
    from autosummit_cli.reading.json_schema import (
        schema_text,  # pydantic: only this command needs it
    )

    emit(schema_text())


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
    from autosummit_cli.render.template import schema_reference, template_text, write_new

    no_view(ctx)
    text = template_text(schema_reference(file, schema), "FILE" if file == "-" else file)
    if file == "-":
        emit(text)
    else:
        write_new(file, text)
        note(f"wrote {file}; check it with: autosummit validate {file}")


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
    from autosummit_cli.search.engine import event_rows

    rows = listings.event_list(scope_of(ctx).store.searching(event_rows))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))


@commands.command()
def overview(ctx: typer.Context, fmt: DetailFormatOpt = None) -> None:
    """The summit at a glance: event, counts, sessions, headline figures, leading themes.

    Example: autosummit overview
    """
    from autosummit_cli.render.views import overview_blocks

    views = scope_of(ctx).records("overview")
    view = views[0] if len(views) == 1 else {"events": views}
    show_report(view, [b for v in views for b in overview_blocks(v)], output_for(ctx, fmt))


@commands.command()
def sessions(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """The summit's sessions in order, with their speakers.

    Example: autosummit sessions -f json
    """
    rows = scope_of(ctx).list_rows("sessions")
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))


@commands.command()
def speakers(
    ctx: typer.Context,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    org: Annotated[str | None, typer.Option(help="Organisation contains this text.")] = None,
    sort: Annotated[
        SpeakerSort,
        ValidateFormat,
        VALIDATE_FORMATS,
        typer.Option(
            click_type=click.Choice(SPEAKER_SORTS, case_sensitive=False), help="Order of the rows."
        ),
    ] = "session",
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """One row per speaker: id, name, role, organisation, session, themes.

    Example: autosummit speakers --theme going-global
    """

    rows = scope_of(ctx).list_rows(
        "speakers",
        [("session_id", "session", session), ("themes", "theme", theme)],
        each=lambda rows: queries.sort_speakers(queries.at_organisation(rows, org), sort),
    )
    say_resolved(ctx, ("--session", "session", session), ("--theme", "theme", theme))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))


@commands.command()
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
    fmt: DetailFormatOpt = None,
) -> None:
    """One talk in full: who, session, summary, points, recommendations, quotes, figures.

    Example: autosummit talk yurui
    """
    from autosummit_cli.domain.names import resolve_speaker
    from autosummit_cli.render.views import talk_blocks

    speaker = " ".join(words)
    summit, speaker_id = (
        scope_of(ctx)
        .named(("speaker", speaker))
        .one(lambda s: resolve_speaker(s, speaker), f"speaker {speaker!r}")
    )
    view = queries.talk_detail(summit, speaker_id)
    show_report(view, talk_blocks(view), output_for(ctx, fmt))


@commands.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Any id a view prints: speaker, talk, recommendation, TALK#point-N, "
            "TALK#quote-N, theme or session.",
            show_default=False,
        ),
    ],
    fmt: DetailFormatOpt = None,
) -> None:
    """Open any record by its id, in the context of its talk (or as its theme or session).

    Example: autosummit show yang-yongping-talk#point-2
    """
    from autosummit_cli.domain.lookup import find
    from autosummit_cli.render.views import record_blocks

    _, found = scope_of(ctx).corpus().one(lambda s: find(s, ident), f"id {ident!r}")
    show_report(found, record_blocks(found), output_for(ctx, fmt))


@commands.command()
def recommendations(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Every recommendation, one row each: speaker, session, text, themes.

    Example: autosummit recommendations --theme generative-ai
    """

    rows = scope_of(ctx).list_rows(
        "recommendations",
        [
            ("speaker_id", "speaker", speaker),
            ("session_id", "session", session),
            ("themes", "theme", theme),
        ],
    )
    say_resolved(ctx, *_filters(speaker, session, theme))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))


@commands.command()
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
    no_headers: NoHeadersOpt = False,
) -> None:
    """The cross-cutting themes; with THEME, what each speaker said and recommended on it.

    Example: autosummit themes supply-chain-profitability
    """
    from autosummit_cli.domain.names import resolve_theme

    theme = " ".join(words) if words else None
    if theme is None:
        show_rows(
            scope_of(ctx).list_rows("themes"), output_for(ctx, fmt, fields, excel_safe, no_headers)
        )
        return
    from autosummit_cli.render.views import theme_blocks

    summit, theme_id = (
        scope_of(ctx)
        .named(("theme", theme))
        .one(lambda s: resolve_theme(s, theme), f"theme {theme!r}")
    )
    view = queries.theme_detail(summit, theme_id)
    show_report(view, theme_blocks(view), output_for(ctx, fmt, fields))


@commands.command()
def quotes(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    session: SessionOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Every verbatim quotation, with its speaker and talk.

    Example: autosummit quotes
    """
    rows = scope_of(ctx).list_rows(
        "quotes", [("speaker_id", "speaker", speaker), ("session_id", "session", session)]
    )
    say_resolved(ctx, *_filters(speaker, session, None))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))


@commands.command()
def glossary(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """The summit's terms and what else they are called; search finds each through the others.

    Example: autosummit glossary -f json
    """
    from autosummit_cli.domain.glossary import glossary_rows

    rows = glossary_rows(scope_of(ctx).corpus().summits)
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))
    if not rows.records:
        note("the data has no glossary; add a `glossary:` section, as in data/summit.yaml")


@commands.command()
def matrix(
    ctx: typer.Context,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Speakers x themes: a heat map of who speaks to what, with totals.

    Example: autosummit matrix --svg matrix.svg
    """
    from autosummit_cli.domain.names import resolve_session, resolve_theme

    def rows_of(summit: "Summit") -> "Rows":
        wanted_session = resolve_session(summit, session) if session else None
        wanted_theme = resolve_theme(summit, theme) if theme else None
        return queries.matrix_rows(summit, wanted_session, wanted_theme)

    summit, rows = scope_of(ctx).one_event("the matrix").one(rows_of, "the matrix")
    say_resolved(ctx, *_filters(None, session, theme))
    show_matrix(
        rows,
        queries.matrix_totals(rows),
        queries.matrix_titles(summit),
        output_for(ctx, fmt, fields, excel_safe, no_headers),
    )


@commands.command()
def compare(
    ctx: typer.Context,
    first: Annotated[
        str, typer.Argument(help="A speaker id or name.", autocompletion=complete_speakers)
    ],
    second: Annotated[
        str, typer.Argument(help="Another speaker id or name.", autocompletion=complete_speakers)
    ],
    fmt: DetailFormatOpt = None,
) -> None:
    """Two speakers side by side: shared themes, what each says on them, and the rest.

    Example: autosummit compare wu-shaoge yang-yongping
    """
    from autosummit_cli.domain.names import resolve_speaker
    from autosummit_cli.render.views import compare_blocks

    summit, (a, b) = (
        scope_of(ctx)
        .named(("speaker", first), ("speaker", second))
        .one(
            lambda s: (resolve_speaker(s, first), resolve_speaker(s, second)),
            f"speakers {first!r} and {second!r}",
        )
    )
    if a == b:
        raise UsageError(f"{first!r} and {second!r} are both {a}; compare two different speakers")
    from autosummit_cli.domain.comparison import compare as compared

    view = compared(summit, a, b)
    show_report(view, compare_blocks(view), output_for(ctx, fmt))


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
    from autosummit_cli.render import export as handout
    from autosummit_cli.render.document import write_markdown

    no_view(ctx)
    output = None if output == "-" else output
    fmt = export_format(fmt, output)
    if fmt == "sqlite":  # every summit in effect, in one database
        from autosummit_cli.render import sqlite_export

        for written in sqlite_export.export(scope_of(ctx).corpus().summits, output, metadata):
            note(f"wrote {written}")
        return
    if metadata:
        raise click.UsageError("--metadata goes with -f sqlite (datasette's metadata.json)")
    summit, _ = scope_of(ctx).one_event("the export").one(lambda s: s.event.id, "the export")
    output = None if output == "-" else output
    if fmt == "md":
        text = write_markdown(handout.handout_blocks(summit))
    elif fmt == "html":
        from autosummit_cli.render.handout_html import handout_html

        text = handout_html(summit)
    elif fmt == "json":
        text = handout.handout_json(summit, state_of(ctx).env.ascii_only and output is None)
    else:
        text = handout.summit_yaml(summit, state_of(ctx).env.ascii_only and output is None)
    if output:
        from autosummit_cli.render.files import write_atomically

        write_atomically(output, text)
        note(f"wrote {output}")
    else:
        emit(text, state_of(ctx).env.out())


@commands.command()
def tour(
    ctx: typer.Context,
    session: SessionOpt = None,
    no_pause: Annotated[
        bool,
        typer.Option(
            "--no-pause", help="Print every screen in order instead of waiting for a key."
        ),
    ] = False,
) -> None:
    """A guided walk for a live audience: the overview, then each session and talk.

    On a terminal, a slide show: Space, Right or PgDn (a clicker) advance, Left or b go back.

    Example: autosummit tour --session round-table
    """
    from autosummit_cli.domain.names import resolve_session
    from autosummit_cli.render.tour import run_tour, tour_screens

    scope = scope_of(ctx)
    corpus = scope.named(("session", session)) if session else scope.one_event("the tour")
    summit, session_id = corpus.one(
        lambda s: resolve_session(s, session) if session else None, "the tour"
    )
    env = state_of(ctx).env
    paced = not no_pause and env.stdin_tty and env.stdout_tty
    run_tour(list(tour_screens(summit, session_id)), output_for(ctx, None), paced)


@commands.command()
def browse(ctx: typer.Context) -> None:
    """A full-screen explorer: sessions, speakers, themes, live search, the matrix; ? lists keys.

    Example: autosummit browse
    """
    from autosummit_cli.browse import run  # Textual loads here only: no other command pays for it

    no_view(ctx)
    code = run(scope_of(ctx), state_of(ctx).color)
    if code:
        raise typer.Exit(code)


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
    from autosummit_cli.search.engine import KINDS, Filters, search, several_events

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
    say_resolved(ctx, *_filters(speaker, session, theme))
    try:
        found = scope.store.searching(lambda index: search(index, " ".join(query), filters, limit))
    except NotFound:
        if output.format in ("json", "jsonl"):  # a script reads an empty list, then the code
            show_rows(listings.search_rows([], several), output)
        raise
    show_rows(listings.search_rows(found.records, several), output)
    if found.partial:
        note("no item has every word; showing items with most of them")
    if found.total > len(found.records):
        note(f"showing {len(found.records)} of {found.total} matches; --limit 0 shows all")


@cache_app.command("info")
def cache_info(ctx: typer.Context, fmt: FormatOpt = None, fields: FieldsOpt = None) -> None:
    """Where the cache lives and what it holds: one row per cached set of data files.

    Example: autosummit cache info
    """
    from autosummit_cli.store.store import cache_dir, cache_entries

    note(f"cache directory: {cache_dir()}")
    show_rows(listings.cache_list(cache_entries()), output_for(ctx, fmt, fields))


@cache_app.command("clear")
def cache_clear(ctx: typer.Context) -> None:
    """Delete every cache file; the next run rebuilds what it needs.

    Example: autosummit cache clear
    """
    from autosummit_cli.store.store import cache_dir, clear_cache

    no_view(ctx)
    note(f"removed {clear_cache()} cache files from {cache_dir()}")


def _filters(
    speaker: str | None, session: str | None, theme: str | None
) -> list[tuple[str, str, str | None]]:
    return [
        ("--speaker", "speaker", speaker),
        ("--session", "session", session),
        ("--theme", "theme", theme),
    ]


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
    from autosummit_cli.cli.options import help_text

    emit(help_text(ctx, words or []))


def main() -> None:
    app()
