"""The vocabulary of the command line: shared options, the per-run state, name completion.

Kept apart from `cli.py` so that the commands there read as what they do. Like `cli.py`, without
`from __future__ import annotations`: Typer reads the signature of every completion function on
every run, and string annotations would each go through `eval`.
"""

from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args

import click
import typer
from typer.core import TyperCommand

from autosummit_cli.cli.boundary import AutosummitGroup
from autosummit_cli.domain.errors import UsageError
from autosummit_cli.reading.sources import data_sources
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.output import (
    COLOR_MODES,
    DETAIL_FORMATS,
    OUTPUT_FORMATS,
    ColorMode,
    Output,
    OutputFormat,
)
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


def _complete(ctx: click.Context, incomplete: str, kind: str) -> list[tuple[str, str]]:
    """Completions from the data in effect: ids that start with what was typed, and name words
    (`yu` -> `yurui`, which every command accepts), each shown with the full name. Read from the
    names the cache keeps, so that Tab stays quick on a corpus of thousands of talks."""
    from autosummit_cli.domain.names import normalise

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
    import os.path

    implied = EXPORT_EXTENSIONS.get(os.path.splitext(output or "")[1].lower())
    if fmt and implied and fmt != implied:
        raise UsageError(
            f"--format {fmt} does not match {output!r} (a .{implied} name); "
            f"rename the file or drop --format to write {implied}"
        )
    return fmt or implied or "md"


class SearchCommand(TyperCommand):
    """Lets `-word` exclude a word instead of being read as an unknown option, while an argument
    that looks like one of the command's own options (`-all`, `-limit`) is a usage error that
    names the option: a typo must not silently turn into a search for "not all"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]  # -h too
        short = {o[1]: p for p in options for o in p.opts if len(o) == 2 and o[0] == "-"}
        long = {o[2:]: o for p in options for o in p.opts if o.startswith("--")}
        takes_value = {o for p in options if not p.is_flag for o in p.opts}
        front: list[str] = []
        words: list[str] = []
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                words += rest
            elif len(arg) < 2 or arg[0] != "-":
                words.append(arg)
            elif arg.startswith("--") or not _is_exclusion(arg, short):
                front.append(arg)
                if arg in takes_value or _ends_in_short_value(arg, short):
                    value = next(rest, None)
                    if value is None:
                        raise click.UsageError(f"Option {arg!r} requires an argument.", ctx)
                    front.append(value)
            else:
                _refuse_option_lookalike(arg, long)
                words.append(arg)
        # Options first, each value as typed (`--limit -1` is reported as -1), then the query
        # words in the order typed after `--`, so click reads `-platform` as a word.
        return super().parse_args(ctx, [*front, "--", *words] if words else front)


def _is_exclusion(arg: str, short: dict[str, click.Option]) -> bool:
    """`-word` that is not one short option or a cluster of them (`-a`, `-an`, `-n5`)."""
    if len(arg) < 2 or arg[0] != "-":
        return False
    letters = arg[1:]
    for at, letter in enumerate(letters):
        option = short.get(letter)
        if option is None:
            return True
        if not option.is_flag:  # `-an 3`, `-n5`; but `-summary` is a word, not `-s ummary`
            rest = letters[at + 1 :]
            return not (rest == "" or rest.isdigit())
    return False


def _ends_in_short_value(arg: str, short: dict[str, click.Option]) -> bool:
    """A cluster like `-an` whose last option takes the next argument as its value."""
    if len(arg) < 2 or arg[0] != "-" or arg.startswith("--"):
        return False
    last = short.get(arg[-1])
    flags = all(short.get(c) is not None and short[c].is_flag for c in arg[1:-1])
    return flags and last is not None and not last.is_flag


def _refuse_option_lookalike(arg: str, long: dict[str, str]) -> None:
    import difflib

    name = arg[1:].split("=", 1)[0]
    close = difflib.get_close_matches(name, list(long), n=1, cutoff=0.75)
    if close:
        raise UsageError(
            f"{arg!r} looks like the option {long[close[0]]}; did you mean {long[close[0]]}? "
            f"To leave out the word {name!r}, write NOT {name}"
        )


def _late(attribute: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        state = ctx.find_root().obj
        if isinstance(state, State) and value not in (None, (), False):
            if attribute == "data":
                value = (*state.data, *value)
            setattr(state, attribute, not value if attribute == "page" else value)

    return remember


def late_options() -> list[click.Option]:
    """The global options again, for after the command (`speakers --data FILE`, as gh takes
    its flags anywhere); each updates the run's State."""
    return [
        click.Option(
            ["--data"],
            multiple=True,
            metavar="PATH",
            expose_value=False,
            callback=_late("data"),
            help="Global: summit YAML file, directory or '-'.",
        ),
        click.Option(
            ["--event"],
            expose_value=False,
            callback=_late("event"),
            help="Global: only this event.",
        ),
        click.Option(
            ["--svg"],
            metavar="FILE",
            expose_value=False,
            callback=_late("svg"),
            help="Global: also save the terminal view as an SVG.",
        ),
        click.Option(
            ["--color"],
            type=click.Choice(COLOR_MODES, case_sensitive=False),
            expose_value=False,
            callback=_late("color"),
            help="Global: auto, always or never.",
        ),
        click.Option(
            ["--no-pager"],
            is_flag=True,
            expose_value=False,
            callback=_late("page"),
            help="Global: never page long output.",
        ),
    ]


class LazyGroup(AutosummitGroup):
    """click's LazyGroup ("Lazily Loading Subcommands") over Typer: the commands are registered
    on `registry`, a Typer of their own, and each click command is built only when it is looked
    up (to run it, complete it, or list it in --help), so a run pays for one command, not all.
    Nothing is mutated: two runs in one process see the same app."""

    registry: typer.Typer

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [_name(info) for info in self.registry.registered_commands]
        lazy += [info.name for info in self.registry.registered_groups if info.name]
        return [*lazy, *(n for n in super().list_commands(ctx) if n not in lazy)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name) or self._build(cmd_name)
        if command is not None and not getattr(command, "_late_options", False):
            if not isinstance(command, click.Group):
                command.params += late_options()
            command._late_options = True  # type: ignore[attr-defined]
            self.commands[cmd_name] = command
        return command

    def _build(self, name: str) -> click.Command | None:
        from typer.main import get_command_from_info, get_group_from_info

        for info in self.registry.registered_commands:
            if _name(info) == name:
                return get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None
                )
        for group in self.registry.registered_groups:
            if group.name == name:
                return get_group_from_info(
                    group,
                    pretty_exceptions_short=True,
                    suggest_commands=False,
                    rich_markup_mode=None,
                )
        return None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help:  # help asked for by asking nothing: not an error
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)


def _name(info: Any) -> str:
    if info.name:
        return str(info.name)
    return str(info.callback.__name__).replace("_", "-")


def help_text(ctx: click.Context, words: list[str]) -> str:
    """`help CMD [SUB]`: the same text as `CMD [SUB] --help`."""
    root = ctx.find_root()
    command: click.Command = root.command
    current = root
    for word in words:
        found = command.get_command(current, word) if isinstance(command, click.Group) else None
        if found is None:
            raise UsageError(f"no command {word!r}; autosummit --help lists them")
        command = found
        current = click.Context(found, info_name=word, parent=current)
    return command.get_help(current) + "\n"


def say_resolved(ctx: typer.Context, *filters: tuple[str, str, str | None]) -> None:
    """On a terminal, each loose filter's meaning on stderr (`--theme ai: generative-ai`), so
    a list that looks short is not a mystery: (option, kind, name) each."""
    state = state_of(ctx)
    if not state.env.stdout_tty:
        return
    from autosummit_cli.domain.names import normalise
    from autosummit_cli.render.output import note

    for option, kind, name in filters:
        if name:
            ids = state.scope().ids(kind, name)
            if ids and [normalise(name)] != [normalise(i) for i in ids]:
                note(f"{option} {name!r}: {', '.join(ids)}", state.env.err())
