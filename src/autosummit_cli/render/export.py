"""The whole summit as a handout: Markdown, one self-contained HTML file, JSON, or YAML that
loads back into exactly the same summit."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml

from autosummit_cli.domain import matrix, queries
from autosummit_cli.domain.model import Summit
from autosummit_cli.domain.rows import Rows
from autosummit_cli.render.document import Block, Heading, Paragraph, Table
from autosummit_cli.render.views import overview_blocks, talk_blocks, theme_blocks
from autosummit_cli.render.writers import to_json


def demote(blocks: list[Block], by: int) -> list[Block]:
    return [Heading(b.text, b.level + by) if isinstance(b, Heading) else b for b in blocks]


def matrix_with_totals(summit: Summit) -> Rows:
    rows = matrix.rows(summit)
    return Rows(rows.columns, [*rows.records, matrix.totals(rows)], name=rows.name)


def handout_blocks(summit: Summit) -> list[Block]:
    blocks = overview_blocks(queries.overview(summit))
    blocks.append(Heading("Talks", 2))
    for talk in summit.talks:
        blocks += demote(talk_blocks(queries.talk_record(summit, talk)), 2)
    blocks.append(Heading("Themes", 2))
    for theme in summit.themes:
        blocks += demote(theme_blocks(queries.theme_detail(summit, theme.id)), 2)
    blocks += [
        Heading("Who speaks to which theme", 2),
        Paragraph("Points and recommendations per speaker and theme."),
        Table(matrix_with_totals(summit)),
    ]
    return blocks


def handout_json(summit: Summit, ascii_only: bool) -> str:
    document = {
        "overview": queries.overview(summit),
        "talks": [queries.talk_record(summit, talk) for talk in summit.talks],
        "themes": [queries.theme_detail(summit, theme.id) for theme in summit.themes],
        "matrix": matrix.rows(summit).records,
    }
    return to_json(document, ascii_only) + "\n"


def _plain(value: Any) -> Any:
    """Dataclass values as YAML-ready data, leaving out what is empty or unset."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None or item == ():
                continue
            out[f.name] = _plain(item)
        return out
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What must be double-quoted: bidi controls (below), and the characters YAML reads as line
# breaks (NEL, LS, PS), which other styles write raw and a reader folds into spaces.
_QUOTED = re.compile("[\x85\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def summit_yaml(summit: Summit, ascii_only: bool = False) -> str:
    """The summit as a data file that loads back into exactly the same summit.

    PyYAML counts bidirectional controls as printable and would write them raw, where a terminal
    showing the file would obey them; strings holding one are double-quoted, where `\\uXXXX`
    escapes are valid, and escaped. For an output that cannot show every character
    (`ascii_only`), everything beyond ASCII is escaped the same way rather than replaced.
    """

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = '"' if _QUOTED.search(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    dumped = yaml.dump(
        _plain(summit), Dumper=Dumper, allow_unicode=not ascii_only, sort_keys=False, width=100
    )
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
