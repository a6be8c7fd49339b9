"""Tab completion for every shell Typer supports, with data shown as plain, escaped text.

Typer's own classes pass each help text through rich, which renders `[bold]` and `:thumbs_up:`
in a speaker's name as markup; and every class prints values and help as they are, control
characters included, straight into the user's shell. These subclasses (of Typer's private but
pinned classes, whose scripts and argument parsing they keep) escape every value and help text
with the one escaper and never render markup. Installed only when a shell asks for completions.
"""

from __future__ import annotations

import click.shell_completion
from click.shell_completion import CompletionItem
from typer._completion_classes import (
    BashComplete,
    FishComplete,
    PowerShellComplete,
    ZshComplete,
)

from autosummit_cli.render.safe import one_line


def _text(value: object) -> str:
    return one_line(str(value))


class PlainBashComplete(BashComplete):
    def format_completion(self, item: CompletionItem) -> str:
        return _text(item.value)


def _zsh_quoted(text: str) -> str:
    """Inside the double quotes of zsh's `_arguments` spec (as Typer quotes it)."""
    for raw, quoted in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        text = text.replace(raw, quoted)
    return text


class PlainZshComplete(ZshComplete):
    def format_completion(self, item: CompletionItem) -> str:
        value = _zsh_quoted(_text(item.value))
        return f'"{value}":"{_zsh_quoted(_text(item.help))}"' if item.help else f'"{value}"'


class PlainFishComplete(FishComplete):
    def format_completion(self, item: CompletionItem) -> str:
        value = _text(item.value)
        return f"{value}\t{_text(item.help)}" if item.help else value


class PlainPowerShellComplete(PowerShellComplete):
    def format_completion(self, item: CompletionItem) -> str:
        return f"{_text(item.value)}:::{_text(item.help) if item.help else ' '}"


def install() -> None:
    """Use these classes for every shell, in place of the ones Typer registered."""
    for cls, names in (
        (PlainBashComplete, ("bash",)),
        (PlainZshComplete, ("zsh",)),
        (PlainFishComplete, ("fish",)),
        (PlainPowerShellComplete, ("powershell", "pwsh")),
    ):
        for name in names:
            click.shell_completion.add_completion_class(cls, name)
