"""The vocabulary of the command line: shared options, the per-run state, name completion.

Kept apart from `cli.py` so that the commands there read as what they do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperCommand

from autosummit_cli.render.output import ColorMode, Output, OutputFormat
from autosummit_cli.render.rows import Rows, join_rows
from autosummit_cli.sources import data_sources
from autosummit_cli.store import Store

if TYPE_CHECKING:
    from autosummit_cli.corpus import Corpus
    from autosummit_cli.names import Candidate


@dataclass
class State:
    data: tuple[str, ...]
    color: ColorMode
    event: str | None
    svg: str | None = None
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            self._store = Store(data_sources(self.data))
        return self._store

    def corpus(self) -> Corpus:
        """The summits in effect: with --event, only that event's is loaded."""
        from autosummit_cli.corpus import Corpus, resolve_event

        store = self.store()
        if self.event:
            return Corpus((store.summit(resolve_event(store.events(), self.event)),))
        return Corpus(store.summits)

    def event_ids(self) -> list[str]:
        """The events in effect: the one --event names, or all."""
        events = self.store().events()
        if not self.event:
            return [event for event, _ in events]
        from autosummit_cli.corpus import resolve_event

        return [resolve_event(events, self.event)]

    def ids(self, kind: str, name: str | None) -> tuple[str, ...]:
        """What `name` resolves to in each event in effect where it resolves (none for no
        name), answered from the names the cache keeps."""
        if not name:
            return ()
        from autosummit_cli.names import resolve_in_events

        return tuple(dict.fromkeys(i for _, i in resolve_in_events(name, self._pools(kind), kind)))

    def named(self, *names: tuple[str, str | None]) -> Corpus:
        """The summits of the events where every (kind, name) resolves, and only those are
        loaded: on a corpus of a thousand summits, `talk NAME` unpickles one or two."""
        from autosummit_cli.corpus import Corpus
        from autosummit_cli.names import resolve_in_events

        events: list[str] | None = None
        for kind, name in names:
            if name:
                found = [e for e, _ in resolve_in_events(name, self._pools(kind), kind)]
                events = found if events is None else [e for e in events if e in found]
        if not events:  # no names, or none together in one event: the whole corpus decides
            return self.corpus()
        store = self.store()
        return Corpus(tuple(store.summit(event) for event in events))

    def records(self, name: str) -> list[dict[str, Any]]:
        """A detail record (the overview) for each event in effect: from the cache when it
        keeps them, else made from the summits."""
        parts = self.store().records(name)
        if parts is not None:
            wanted = set(self.event_ids())
            return [record for event, record in parts if event in wanted]
        from autosummit_cli.queries import STORED_RECORDS

        return [STORED_RECORDS[name](summit) for summit in self.corpus().summits]

    def one_event(self, what: str) -> Corpus:
        """The one summit a command needs; with several events and no --event, says so before
        loading any."""
        from autosummit_cli.corpus import Corpus, in_several_events

        events = self.event_ids()
        if len(events) > 1:
            raise in_several_events(what, events)
        return Corpus((self.store().summit(events[0]),))

    def _pools(self, kind: str) -> list[tuple[str, list[Candidate]]]:
        wanted = set(self.event_ids())
        return [(e, pool) for e, pool in self.store().candidates(kind) if e in wanted]

    def list_rows(
        self,
        view: str,
        names: Sequence[tuple[str, str, str | None]] = (),
        each: Callable[[Rows], Rows] = lambda rows: rows,
    ) -> Rows:
        """A list view across the events in effect.

        Each event's unfiltered rows come from the cache, without unpickling a summit (or are
        built from the summits); `names` filter them: (column, kind, name) keeps a row whose
        column is, or holds, what the name resolves to in the row's own event, and leaves out
        the events where it is unknown. `each` then applies to every event's rows.
        """
        from autosummit_cli.queries import matching

        events = self.event_ids()
        wanted: dict[str, dict[str, str]] = {event: {} for event in events}
        for column, kind, name in names:
            if name:
                found = dict(self._resolve(kind, name))
                wanted = {e: {**w, column: found[e]} for e, w in wanted.items() if e in found}
        if not wanted:  # every name is known somewhere, but never all in one event
            self._resolve_all_in(events[0], names)
        parts = self._view(view, list(wanted))
        return join_rows(
            [(event, each(matching(rows, wanted[event]))) for event, rows in parts],
            len(events) > 1,
        )

    def _view(self, view: str, events: list[str]) -> list[tuple[str, Rows]]:
        """The unfiltered rows of `view` for these events, in order."""
        store = self.store()
        stored = store.view(view, events)
        if stored is not None:
            return stored
        from autosummit_cli.queries import LIST_VIEWS

        return [(event, LIST_VIEWS[view](store.summit(event))) for event in events]

    def _resolve(self, kind: str, name: str) -> list[tuple[str, str]]:
        from autosummit_cli.names import resolve_in_events

        return resolve_in_events(name, self._pools(kind), kind)

    def _resolve_all_in(self, event: str, names: Sequence[tuple[str, str, str | None]]) -> None:
        """Raise the error of the first name unknown in `event`, as the summits would."""
        from autosummit_cli.names import resolve

        for _, kind, name in names:
            if name:
                pool = next(p for e, p in self.store().candidates(kind) if e == event)
                resolve(name, pool, kind)


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


class SpeakerSort(str, Enum):
    session = "session"
    name = "name"
    org = "org"


class ExportFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"
    yaml = "yaml"


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
