"""The command line: each command parses its options, calls one query, hands it to one renderer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated

import click
import typer
from typer.core import TyperCommand

from autosummit_cli import __version__, queries
from autosummit_cli.boundary import AutosummitGroup
from autosummit_cli.loader import data_source, load_document, load_summit
from autosummit_cli.model import Summit
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
from autosummit_cli.search_query import EXCLUDE

app = typer.Typer(
    cls=AutosummitGroup,
    help="Explore the New-Quality Productive Forces Auto Summit (PKU NSD, 2025).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=True,
    rich_markup_mode=None,
)


@dataclass(frozen=True)
class State:
    data: str | None
    color: ColorMode


def _version(value: bool) -> None:
    if value:
        emit(f"autosummit {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Summit YAML file ('-' for stdin). "
            "Default: $AUTOSUMMIT_DATA, then the bundled summit.",
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            help="Colour on a terminal: auto follows NO_COLOR, FORCE_COLOR, TERM.",
            case_sensitive=False,
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
    ctx.obj = State(data, color)


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


def _summit(ctx: typer.Context) -> Summit:
    return load_summit(data_source(ctx.obj.data))


class SpeakerSort(str, Enum):
    session = "session"
    name = "name"
    org = "org"


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None, typer.Argument(help="File to check. Default: the data in use.")
    ] = None,
) -> None:
    """Check a summit file and print its counts, or every problem as FILE:LINE:COL: field: why.

    Example: autosummit validate data/summit.yaml
    """
    from autosummit_cli.validation import validate as check

    source = path or data_source(ctx.obj.data)
    document = load_document(source)
    counted = queries.counts(check(document))
    emit(
        f"OK: {document.name}: "
        + ", ".join(f"{n} {what}" for what, n in counted.items() if what != "sessions").replace(
            "speakers", "speakers, " + f"{counted['sessions']} sessions", 1
        )
        + "\n"
    )


@app.command()
def overview(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The summit at a glance: event, counts, sessions, headline figures, leading themes.

    Example: autosummit overview
    """
    from autosummit_cli.render.views import overview_blocks

    view = queries.overview(_summit(ctx))
    show_report(view, overview_blocks(view), _output(ctx, fmt))


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
    show_rows(queries.session_rows(_summit(ctx)), _output(ctx, fmt, fields, excel_safe))


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
    summit = _summit(ctx)
    rows = queries.speaker_rows(
        summit,
        session=resolve_session(summit, session) if session else None,
        theme=resolve_theme(summit, theme) if theme else None,
        org=org,
        sort=sort.value,
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

    summit = _summit(ctx)
    view = queries.talk_detail(summit, resolve_speaker(summit, speaker))
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
    summit = _summit(ctx)
    rows = queries.recommendation_rows(
        summit,
        speaker=resolve_speaker(summit, speaker) if speaker else None,
        session=resolve_session(summit, session) if session else None,
        theme=resolve_theme(summit, theme) if theme else None,
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
    summit = _summit(ctx)
    if theme is None:
        show_rows(queries.theme_rows(summit), _output(ctx, fmt, fields, excel_safe))
        return
    from autosummit_cli.render.views import theme_blocks

    view = queries.theme_detail(summit, resolve_theme(summit, theme))
    show_report(view, theme_blocks(view), _output(ctx, fmt, fields))


class SearchCommand(TyperCommand):
    """Lets `-word` exclude a word instead of being read as an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
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
    from autosummit_cli.search import KINDS, Filters, build_index, connect, search

    summit = _summit(ctx)
    filters = Filters(
        kinds=KINDS if everything else ("recommendation",),
        speaker=resolve_speaker(summit, speaker) if speaker else None,
        session=resolve_session(summit, session) if session else None,
        theme=resolve_theme(summit, theme) if theme else None,
    )
    connection = connect()
    build_index(connection, [summit])
    rows = queries.search_rows(search(connection, " ".join(query), filters), limit)
    show_rows(rows, _output(ctx, fmt, fields, excel_safe))
    if rows.total is not None and rows.total > len(rows.records):
        note(f"showing {len(rows.records)} of {rows.total} matches; --limit 0 shows all")


def main() -> None:
    app()
