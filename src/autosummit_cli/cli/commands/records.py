"""The commands that show one thing whole: the overview, a talk, any id, a theme, two
speakers side by side, the matrix."""

from typing import TYPE_CHECKING, Annotated

import typer

from autosummit_cli.cli.options import (
    DetailFormatOpt,
    ExcelSafeOpt,
    FieldsOpt,
    FormatOpt,
    NoHeadersOpt,
    SessionOpt,
    ThemeOpt,
    complete_speakers,
    complete_themes,
)
from autosummit_cli.cli.state import filters_said, output_for, say_resolved, scope_of
from autosummit_cli.domain import matrix as speaker_matrix
from autosummit_cli.domain import queries
from autosummit_cli.domain.comparison import compare as compared
from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.lookup import find
from autosummit_cli.domain.names import resolve_session, resolve_speaker, resolve_theme
from autosummit_cli.render.output import show_matrix, show_report, show_rows
from autosummit_cli.render.views import (
    compare_blocks,
    overview_blocks,
    record_blocks,
    talk_blocks,
    theme_blocks,
)

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit
    from autosummit_cli.domain.rows import Rows

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


@commands.command()
def overview(ctx: typer.Context, fmt: DetailFormatOpt = None) -> None:
    """The summit at a glance: event, counts, sessions, headline figures, leading themes.

    Example: autosummit overview
    """
    views = scope_of(ctx).records("overview")
    view = views[0] if len(views) == 1 else {"events": views}
    show_report(view, [b for v in views for b in overview_blocks(v)], output_for(ctx, fmt))


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
    _, found = scope_of(ctx).corpus().one(lambda s: find(s, ident), f"id {ident!r}")
    show_report(found, record_blocks(found), output_for(ctx, fmt))


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
    theme = " ".join(words) if words else None
    if theme is None:
        show_rows(
            scope_of(ctx).list_rows("themes"), output_for(ctx, fmt, fields, excel_safe, no_headers)
        )
        return

    summit, theme_id = (
        scope_of(ctx)
        .named(("theme", theme))
        .one(lambda s: resolve_theme(s, theme), f"theme {theme!r}")
    )
    view = queries.theme_detail(summit, theme_id)
    show_report(view, theme_blocks(view), output_for(ctx, fmt, fields))


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

    view = compared(summit, a, b)
    show_report(view, compare_blocks(view), output_for(ctx, fmt))


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

    def rows_of(summit: "Summit") -> "Rows":
        wanted_session = resolve_session(summit, session) if session else None
        wanted_theme = resolve_theme(summit, theme) if theme else None
        return speaker_matrix.rows(summit, wanted_session, wanted_theme)

    summit, rows = scope_of(ctx).one_event("the matrix").one(rows_of, "the matrix")
    say_resolved(ctx, *filters_said(None, session, theme))
    show_matrix(
        rows,
        speaker_matrix.totals(rows),
        speaker_matrix.titles(summit),
        output_for(ctx, fmt, fields, excel_safe, no_headers),
    )
