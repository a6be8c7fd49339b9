"""The command line: each command parses its options, calls one query, hands it to one renderer."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated

import click
import typer
from typer.core import TyperCommand

from autosummit_cli import __version__, queries
from autosummit_cli.boundary import AutosummitGroup
from autosummit_cli.corpus import Corpus
from autosummit_cli.names import resolve_session, resolve_speaker, resolve_theme
from autosummit_cli.render.output import (
    ColorMode,
    Output,
    OutputFormat,
    emit,
    note,
    show_report,
    show_rows,
)
from autosummit_cli.store import Store, data_sources

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


@dataclass
class State:
    data: tuple[str, ...]
    color: ColorMode
    event: str | None
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            self._store = Store(data_sources(self.data))
        return self._store

    def corpus(self) -> Corpus:
        return Corpus(self.store().summits).select(self.event)


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
            "--event", help="Only this event (id or title), when several summits are loaded."
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            case_sensitive=False,
            help="Colour on a terminal: auto follows NO_COLOR, FORCE_COLOR, TERM.",
        ),
    ] = ColorMode.auto,
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
    ctx.obj = State(tuple(data or ()), color, event)


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. Default: table on a terminal; TSV (lists) or plain text in a pipe.",
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", metavar="A,B,C", help="Columns to show, in this order (list views)."),
]
ExcelSafeOpt = Annotated[
    bool,
    typer.Option(
        "--excel-safe", help="CSV/TSV: prefix cells starting with = + - @ with ' for spreadsheets."
    ),
]
SpeakerOpt = Annotated[str | None, typer.Option("--speaker", "-s", help="Speaker id or name.")]
SessionOpt = Annotated[str | None, typer.Option("--session", help="Session id or title.")]
ThemeOpt = Annotated[str | None, typer.Option("--theme", "-t", help="Theme id or title.")]


def _output(
    ctx: typer.Context,
    fmt: OutputFormat | None,
    fields: str | None = None,
    excel_safe: bool = False,
) -> Output:
    chosen = tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else ()
    return Output(fmt, ctx.obj.color, chosen, excel_safe)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


class SpeakerSort(str, Enum):
    session = "session"
    name = "name"
    org = "org"


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
    from autosummit_cli.store import load_all

    files = data_sources(paths or _state(ctx).data)
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

    rows = queries.event_list(event_rows(_state(ctx).store().index()))
    show_rows(rows, _output(ctx, fmt, fields, excel_safe))


@app.command()
def overview(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The summit at a glance: event, counts, sessions, headline figures, leading themes.

    Example: autosummit overview
    """
    from autosummit_cli.render.views import overview_blocks

    views = [queries.overview(s) for s in _state(ctx).corpus().summits]
    view = views[0] if len(views) == 1 else {"events": views}
    show_report(view, [b for v in views for b in overview_blocks(v)], _output(ctx, fmt))


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
    rows = _state(ctx).corpus().rows(queries.session_rows)
    show_rows(rows, _output(ctx, fmt, fields, excel_safe))


@app.command()
def speakers(
    ctx: typer.Context,
    session: SessionOpt = None,
    theme: ThemeOpt = None,
    org: Annotated[str | None, typer.Option(help="Organisation contains this text.")] = None,
    sort: Annotated[SpeakerSort, typer.Option(help="Order of the rows.")] = SpeakerSort.session,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """One row per speaker: id, name, role, organisation, session, themes.

    Example: autosummit speakers --theme going-global
    """
    rows = (
        _state(ctx)
        .corpus()
        .rows(
            lambda summit: queries.speaker_rows(
                summit,
                session=resolve_session(summit, session) if session else None,
                theme=resolve_theme(summit, theme) if theme else None,
                org=org,
                sort=sort.value,
            )
        )
    )
    show_rows(rows, _output(ctx, fmt, fields, excel_safe))


@app.command()
def talk(
    ctx: typer.Context,
    speaker: Annotated[str, typer.Argument(help="Speaker id or any unique part of the name.")],
    fmt: FormatOpt = None,
) -> None:
    """One talk in full: who, session, summary, points, recommendations, quotes, figures.

    Example: autosummit talk yurui
    """
    from autosummit_cli.render.views import talk_blocks

    summit, speaker_id = (
        _state(ctx).corpus().one(lambda s: resolve_speaker(s, speaker), f"speaker {speaker!r}")
    )
    view = queries.talk_detail(summit, speaker_id)
    show_report(view, talk_blocks(view), _output(ctx, fmt))


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
    rows = (
        _state(ctx)
        .corpus()
        .rows(
            lambda summit: queries.recommendation_rows(
                summit,
                speaker=resolve_speaker(summit, speaker) if speaker else None,
                session=resolve_session(summit, session) if session else None,
                theme=resolve_theme(summit, theme) if theme else None,
            )
        )
    )
    show_rows(rows, _output(ctx, fmt, fields, excel_safe))


@app.command()
def themes(
    ctx: typer.Context,
    theme: Annotated[
        str | None, typer.Argument(help="A theme id or title for its summary.")
    ] = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """The cross-cutting themes; with THEME, what each speaker said and recommended on it.

    Example: autosummit themes supply-chain-profitability
    """
    corpus = _state(ctx).corpus()
    if theme is None:
        show_rows(corpus.rows(queries.theme_rows), _output(ctx, fmt, fields, excel_safe))
        return
    from autosummit_cli.render.views import theme_blocks

    summit, theme_id = corpus.one(lambda s: resolve_theme(s, theme), f"theme {theme!r}")
    view = queries.theme_detail(summit, theme_id)
    show_report(view, theme_blocks(view), _output(ctx, fmt, fields))


class SearchCommand(TyperCommand):
    """Lets `-word` exclude a word instead of being read as an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from autosummit_cli.search_query import EXCLUDE

        short = {
            o
            for p in self.params
            if isinstance(p, click.Option)
            for o in p.opts
            if len(o) == 2 and o[0] == "-"
        }
        rewritten, after_dashes = [], False
        for arg in args:
            after_dashes = after_dashes or arg == "--"
            exclusion = len(arg) > 1 and arg[0] == "-" and arg[1] != "-" and arg not in short
            rewritten.append(EXCLUDE + arg[1:] if exclusion and not after_dashes else arg)
        return super().parse_args(ctx, rewritten)


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
    everything: Annotated[
        bool, typer.Option("--all", "-a", help="Also search points, summaries and quotes.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="At most this many results (0: all).")
    ] = 20,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Search the recommendations (with --all: points, summaries, quotes), best match first.

    Example: autosummit search "supply chain" OR dealers -f json
    """
    from autosummit_cli.search import KINDS, Filters, event_rows, search

    state = _state(ctx)
    index = state.store().index()
    events = [e["id"] for e in event_rows(index)]
    if state.event or speaker or session or theme:  # names resolve against the data itself
        corpus = state.corpus()
        events = [s.event.id for s in corpus.summits]

        def ids(name: str | None, resolver) -> tuple[str, ...]:
            return (
                tuple(dict.fromkeys(i for _, i in corpus.each(lambda s: resolver(s, name))))
                if name
                else ()
            )

        filters = Filters(
            KINDS if everything else ("recommendation",),
            ids(speaker, resolve_speaker),
            ids(session, resolve_session),
            ids(theme, resolve_theme),
            tuple(events),
        )
    else:
        filters = Filters(KINDS if everything else ("recommendation",))
    rows = queries.search_rows(search(index, " ".join(query), filters), limit, len(events) > 1)
    show_rows(rows, _output(ctx, fmt, fields, excel_safe))
    if rows.total is not None and rows.total > len(rows.records):
        note(f"showing {len(rows.records)} of {rows.total} matches; --limit 0 shows all")


@cache_app.command("info")
def cache_info(ctx: typer.Context, fmt: FormatOpt = None, fields: FieldsOpt = None) -> None:
    """Where the cache lives and what it holds: one row per cached set of data files.

    Example: autosummit cache info
    """
    from autosummit_cli.store import cache_dir, cache_entries

    note(f"cache directory: {cache_dir()}")
    show_rows(queries.cache_list(cache_entries()), _output(ctx, fmt, fields))


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cache file; the next run rebuilds what it needs.

    Example: autosummit cache clear
    """
    from autosummit_cli.store import cache_dir, clear_cache

    note(f"removed {clear_cache()} cache files from {cache_dir()}")


GLOBAL_OPTIONS_WITH_VALUES = {"--data", "--event", "--color"}


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
