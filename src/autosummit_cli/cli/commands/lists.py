"""The list commands: one row per session, speaker, recommendation, quote or term."""

from typing import Annotated

import click
import typer

from autosummit_cli.cli.options import (
    SPEAKER_SORTS,
    VALIDATE_FORMATS,
    ExcelSafeOpt,
    FieldsOpt,
    FormatOpt,
    NoHeadersOpt,
    SessionOpt,
    SpeakerOpt,
    SpeakerSort,
    ThemeOpt,
    ValidateFormat,
)
from autosummit_cli.cli.state import filters_said, output_for, say_resolved, scope_of, state_of
from autosummit_cli.domain import queries
from autosummit_cli.domain.glossary import glossary_rows
from autosummit_cli.render.output import show_rows
from autosummit_cli.render.streams import note

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


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
    say_resolved(ctx, *filters_said(speaker, session, theme))
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))


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
    say_resolved(ctx, *filters_said(speaker, session, None))
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
    rows = glossary_rows(scope_of(ctx).corpus().summits)
    show_rows(rows, output_for(ctx, fmt, fields, excel_safe, no_headers))
    if not rows.records:
        note(
            "the data has no glossary; add a `glossary:` section, as in data/summit.yaml",
            state_of(ctx).env.err(),
        )
