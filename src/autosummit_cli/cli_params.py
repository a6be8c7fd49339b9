"""The vocabulary of the command line: shared options, the per-run state, name completion.

Kept apart from `cli.py` so that the commands there read as what they do. Like `cli.py`, without
`from __future__ import annotations`: Typer reads the signature of every completion function on
every run, and string annotations would each go through `eval`.
"""

from typing import Annotated, Literal, get_args

import click
import typer
from typer.core import TyperCommand

from autosummit_cli.corpus import Scope
from autosummit_cli.render.output import OUTPUT_FORMATS, ColorMode, Output, OutputFormat
from autosummit_cli.sources import data_sources
from autosummit_cli.store import Store


class State:
    """What the root options chose, and the data they point at, loaded no sooner than needed."""

    def __init__(
        self, data: tuple[str, ...], color: ColorMode, event: str | None, svg: str | None = None
    ) -> None:
        self.data, self.color, self.event, self.svg = data, color, event, svg
        self._store: Store | None = None
        self._scope: Scope | None = None

    def store(self) -> Store:
        if self._store is None:
            self._store = Store(data_sources(self.data))
        return self._store

    def scope(self) -> Scope:
        """The summits this run works on: all of the data's, or the one --event names."""
        if self._scope is None:
            self._scope = Scope(self.store(), self.event)
        return self._scope


def _complete(ctx: click.Context, incomplete: str, kind: str) -> list[tuple[str, str]]:
    """Completions from the data in effect: ids that start with what was typed, and name words
    (`yu` -> `yurui`, which every command accepts), each shown with the full name. Read from the
    names the cache keeps, so that Tab stays quick on a corpus of thousands of talks."""
    from autosummit_cli.names import normalise

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


def output_for(
    ctx: typer.Context,
    fmt: OutputFormat | None,
    fields: str | None = None,
    excel_safe: bool = False,
) -> Output:
    chosen = tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else ()
    state = state_of(ctx)
    return Output(fmt, state.color, chosen, excel_safe, state.svg)


def state_of(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


def scope_of(ctx: typer.Context) -> Scope:
    return state_of(ctx).scope()


SpeakerSort = Literal["session", "name", "org"]
SPEAKER_SORTS: tuple[SpeakerSort, ...] = get_args(SpeakerSort)
# search.KINDS, spelled out so that parsing options never imports the search engine
SEARCH_KINDS = ("recommendation", "point", "summary", "theme", "quote")
ExportFormat = Literal["md", "html", "json", "yaml"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)


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
