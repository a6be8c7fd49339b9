"""The vocabulary of the command line: the options commands share, their choices, and the
completion of names from the data.

Like every module of `cli/`, without `from __future__ import annotations`: Typer reads the
signature of every completion function on every run, and string annotations would each go
through `eval`."""

import os.path
from typing import Annotated, Literal, get_args

import click
import typer

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.names import normalise
from autosummit_cli.reading.sources import data_sources
from autosummit_cli.render.formats import DETAIL_FORMATS, OUTPUT_FORMATS, OutputFormat
from autosummit_cli.store.store import Store


def _complete(ctx: click.Context, incomplete: str, kind: str) -> list[tuple[str, str]]:
    """Completions from the data in effect: ids that start with what was typed, and name words
    (`yu` -> `yurui`, which every command accepts), each shown with the full name. Read from the
    names the cache keeps, so that Tab stays quick on a corpus of thousands of talks."""

    try:
        store = Store(data_sources(tuple(ctx.find_root().params.get("data") or ())))
        if kind == "event":
            pairs = store.events()
        else:
            pairs = [(c.id, c.label) for _, pool in store.candidates(kind) for c in pool]
    except Exception:  # a broken data file must not print errors into the user's shell
        return []
    wanted = normalise(incomplete)
    found: dict[str, str] = {}
    ids: set[str] = set()
    for ident, label in pairs:
        if ident.startswith(incomplete):
            found.setdefault(ident, label)
            ids.add(ident)
        for word in normalise(label).split():
            # Typer keeps only values that start with the typed text, so continue it.
            if wanted and word.startswith(wanted):
                found.setdefault(incomplete + word[len(wanted) :], f"{label} ({ident})")
    # A name word that only begins ids already offered (`liu`) would add nothing but ambiguity.
    return [
        (value, label)
        for value, label in found.items()
        if value in ids or not any(i.startswith(value) for i in ids)
    ]


def complete_speakers(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, "speaker")


def complete_sessions(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, "session")


def complete_themes(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, "theme")


def complete_events(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, "event")


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        click_type=click.Choice(OUTPUT_FORMATS, case_sensitive=False),
        help="Output format. Default: table on a terminal; TSV (lists) or plain text in a pipe.",
    ),
]


DetailFormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        click_type=click.Choice(DETAIL_FORMATS, case_sensitive=False),
        help="Output format. Default: table on a terminal; plain text in a pipe.",
    ),
]


FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", metavar="A,B,C", help="Columns to show, in this order (list views)."),
]


NoHeadersOpt = Annotated[
    bool,
    typer.Option("--no-headers", help="TSV/CSV: leave out the header line (for xargs, cut, sort)."),
]


ExcelSafeOpt = Annotated[
    bool,
    typer.Option(
        "--excel-safe", help="CSV/TSV: prefix cells starting with = + - @ with ' for spreadsheets."
    ),
]


SpeakerOpt = Annotated[
    str | None,
    typer.Option("--speaker", "-s", help="Speaker id or name.", autocompletion=complete_speakers),
]


SessionOpt = Annotated[
    str | None,
    typer.Option("--session", help="Session id or title.", autocompletion=complete_sessions),
]


ThemeOpt = Annotated[
    str | None,
    typer.Option("--theme", "-t", help="Theme id or title.", autocompletion=complete_themes),
]


SpeakerSort = Literal["session", "name", "org"]


SPEAKER_SORTS: tuple[SpeakerSort, ...] = get_args(SpeakerSort)


ValidateFormat = Literal["text", "json"]


VALIDATE_FORMATS: tuple[ValidateFormat, ...] = get_args(ValidateFormat)


# search.KINDS, spelled out so that parsing options never imports the search engine
SEARCH_KINDS = ("recommendation", "point", "summary", "theme", "quote")


ExportFormat = Literal["md", "html", "json", "yaml", "sqlite"]


EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)


EXPORT_EXTENSIONS: dict[str, ExportFormat] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".db": "sqlite",
    ".sqlite": "sqlite",
}


def export_format(fmt: ExportFormat | None, output: str | None) -> ExportFormat:
    """-f if given, else what the output file's extension says, else Markdown; a file whose
    extension says another format than -f is refused rather than written misnamed."""

    implied = EXPORT_EXTENSIONS.get(os.path.splitext(output or "")[1].lower())
    if fmt and implied and fmt != implied:
        raise UsageError(
            f"--format {fmt} does not match {output!r} (a .{implied} name); "
            f"rename the file or drop --format to write {implied}"
        )
    return fmt or implied or "md"
