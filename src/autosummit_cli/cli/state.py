"""The run's state (what the global options chose, its Environment, the data) and how a
command reads it: its scope, its output, the filters it resolved."""

import typer

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.names import normalise
from autosummit_cli.reading.sources import data_sources
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.formats import ColorMode, Output, OutputFormat
from autosummit_cli.render.streams import note
from autosummit_cli.store.corpus import Scope
from autosummit_cli.store.store import Store


class State:
    """What the global options chose, the run's Environment, and the data they point at,
    loaded no sooner than needed. Global options after the command update it (`late_options`)."""

    def __init__(
        self,
        data: tuple[str, ...],
        color: ColorMode,
        event: str | None,
        svg: str | None = None,
        env: Environment | None = None,
        page: bool = True,
    ) -> None:
        self.data, self.color, self.event, self.svg = data, color, event, svg
        self.env = env or Environment.of_process()
        self.page = page
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


def output_for(
    ctx: typer.Context,
    fmt: OutputFormat | None,
    fields: str | None = None,
    excel_safe: bool = False,
    no_headers: bool = False,
) -> Output:
    state = state_of(ctx)
    chosen = chosen_fields(fields)
    return Output(
        fmt,
        state.color,
        chosen,
        excel_safe,
        state.svg,
        not no_headers,
        state.env,
        state.page,
        command_name(ctx),
    )


def chosen_fields(fields: str | None) -> tuple[str, ...]:
    """The columns --fields names, in order; none named, or one named twice, is a mistake."""
    if fields is None:
        return ()
    chosen = tuple(f.strip() for f in fields.split(","))
    if not any(chosen):
        raise UsageError("--fields needs column names, e.g. --fields id,name; leave it out for all")
    if "" in chosen:
        raise UsageError(f"--fields {fields!r} has an empty name; separate names with one comma")
    twice = sorted({f for f in chosen if chosen.count(f) > 1})
    if twice:
        raise UsageError(f"--fields names {', '.join(map(repr, twice))} more than once")
    return chosen


def state_of(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


def scope_of(ctx: typer.Context) -> Scope:
    return state_of(ctx).scope()


def command_name(ctx: typer.Context) -> str:
    """The command as typed, whatever the program was invoked as: `autosummit cache info`."""
    return " ".join(["autosummit", *ctx.command_path.split()[1:]])


def no_view(ctx: typer.Context) -> None:
    """For a command that shows no view: --svg would have nothing to save, so it is refused."""
    if state_of(ctx).svg:
        raise UsageError(
            f"--svg saves a view, and '{command_name(ctx)}' shows none; "
            "drop --svg, or use it with a view such as 'autosummit --svg matrix.svg matrix'"
        )


def say_resolved(ctx: typer.Context, *filters: tuple[str, str, str | None]) -> None:
    """On a terminal, each loose filter's meaning on stderr (`--theme ai: generative-ai`), so
    a list that looks short is not a mystery: (option, kind, name) each."""
    state = state_of(ctx)
    if not state.env.stdout_tty:
        return

    for option, kind, name in filters:
        if name:
            ids = state.scope().ids(kind, name)
            if ids and [normalise(name)] != [normalise(i) for i in ids]:
                note(f"{option} {name!r}: {', '.join(ids)}", state.env.err())


def filters_said(
    speaker: str | None, session: str | None, theme: str | None
) -> list[tuple[str, str, str | None]]:
    return [
        ("--speaker", "speaker", speaker),
        ("--session", "session", session),
        ("--theme", "theme", theme),
    ]
