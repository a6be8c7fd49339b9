"""A summit file read whole: its bytes, parsed safely, validated into a Summit."""

from __future__ import annotations

from autosummit_cli.domain.model import Summit
from autosummit_cli.reading.loader import decode, parse, read_bytes
from autosummit_cli.reading.sources import STDIN
from autosummit_cli.reading.validation import validate


def summit_from_bytes(source: str, data: bytes) -> Summit:
    """The validated summit in `data`, read from `source` (a path or '-')."""
    name = "<stdin>" if source == STDIN else source
    return validate(parse(name, decode(name, data)))


def load_summit(source: str) -> Summit:
    """The validated summit from a data source (a path or '-')."""
    return summit_from_bytes(source, read_bytes(source))
