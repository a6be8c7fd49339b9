"""How `search` reads its arguments: `-word` excludes a word, an option look-alike is refused."""

import difflib

import click
from typer.core import TyperCommand

from autosummit_cli.domain.errors import UsageError


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

    name = arg[1:].split("=", 1)[0]
    close = difflib.get_close_matches(name, list(long), n=1, cutoff=0.75)
    if close:
        raise UsageError(
            f"{arg!r} looks like the option {long[close[0]]}; did you mean {long[close[0]]}? "
            f"To leave out the word {name!r}, write NOT {name}"
        )
