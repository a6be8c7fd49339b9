"""What a command's output options chose: the format, colour, fields and picture, and the run's
Environment; every writer reads one `Output`."""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

from autosummit_cli.render.environment import Environment

# Choices are Literal types that the options hand to click.Choice, not Enums: defining an Enum
# costs about 1 M instructions on every run, and nothing here needs more than the names.
OutputFormat = Literal["table", "json", "jsonl", "csv", "tsv", "md"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
DETAIL_FORMATS: tuple[OutputFormat, ...] = ("table", "json", "jsonl", "md")
ColorMode = Literal["auto", "always", "never"]
COLOR_MODES: tuple[ColorMode, ...] = get_args(ColorMode)


class Output(NamedTuple):
    format: OutputFormat | None = None
    color: ColorMode = "auto"
    fields: tuple[str, ...] = ()
    excel_safe: bool = False
    svg: str | None = None  # also save the terminal view here
    headers: bool = True  # TSV/CSV: the header line
    env: Environment = Environment()
    page: bool = True  # through the pager, when the output is taller than the terminal
    title: str = "autosummit"  # the command, as the SVG's title names it
