"""The text writers over `Rows`: JSON, JSON Lines, CSV, TSV and Markdown, every one escaping
what a terminal would act on."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

from autosummit_cli.domain.rows import Rows, cell
from autosummit_cli.render.safe import CONTROLS, escape_json_controls, markdown, tsv_field


def to_json(value: Any, ascii_only: bool, indent: int | None = 2) -> str:
    """JSON with every control character escaped, including DEL, C1 and bidi controls that
    json.dumps would otherwise leave raw for a terminal to interpret."""
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent, allow_nan=False)
    return text if ascii_only else escape_json_controls(text)


def write_json(rows: Rows, ascii_only: bool = False) -> str:
    """A JSON array with one record per line: readable, and written by json's C encoder
    (an indented dump runs in pure Python, ten times slower on a large corpus)."""
    lines = [to_json({c: r.get(c) for c in rows.columns}, ascii_only, None) for r in rows.records]
    return "[\n" + ",\n".join("  " + line for line in lines) + ("\n]\n" if lines else "]\n")


def write_jsonl(rows: Rows, ascii_only: bool = False) -> str:
    return "".join(
        to_json({c: r.get(c) for c in rows.columns}, ascii_only, indent=None) + "\n"
        for r in rows.records
    )


def _excel_safe(text: str) -> str:
    # OWASP CSV injection guidance: neutralise a leading formula character.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# What a quoted CSV field cannot carry to a terminal: every control but tab and newline
# (a carriage return would overwrite the line it is on), bidi controls, line separators.
CSV_UNCARRIED = CONTROLS[:-1] + "\u2028\u2029]"


def csv_field(text: str) -> str:
    """Tab and newline as they are (RFC 4180 quoting carries them). Anything else a terminal
    would act on becomes a visible escape, and then, in that cell only, each backslash is doubled
    so the cell reads back exactly; a cell without such characters is written as it is."""
    if text.isprintable() or not re.search(CSV_UNCARRIED, text):
        return text
    return re.sub(CSV_UNCARRIED, _escaped, text.replace("\\", "\\\\"))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def write_csv(rows: Rows, excel_safe: bool = False, headers: bool = True) -> str:
    import csv  # seam: csv only for CSV output (a millisecond every other run would pay)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if headers:
        writer.writerow(rows.columns)
    for record in rows.records:
        values = [csv_field(cell(record.get(c))) for c in rows.columns]
        writer.writerow([_excel_safe(v) for v in values] if excel_safe else values)
    return buffer.getvalue()


def write_tsv(rows: Rows, excel_safe: bool = False, headers: bool = True) -> str:
    lines = ["\t".join(rows.columns)] if headers else []
    for record in rows.records:
        values = [tsv_field(cell(record.get(c))) for c in rows.columns]
        lines.append("\t".join(_excel_safe(v) for v in values) if excel_safe else "\t".join(values))
    return "".join(line + "\n" for line in lines)


def md_cell(text: str) -> str:
    """Text that Markdown shows as written (`safe.markdown`: the one Markdown escaper)."""
    return markdown(text)


def write_md(rows: Rows) -> str:
    # Keys print as they are; a column named by data (compare's speakers) is escaped like data.
    header = "| " + " | ".join(c if c.isidentifier() else md_cell(c) for c in rows.columns) + " |"
    lines = [header, "|" + "---|" * len(rows.columns)]
    for record in rows.records:
        lines.append("| " + " | ".join(md_cell(cell(record.get(c))) for c in rows.columns) + " |")
    return "\n".join(lines) + "\n"


TEXT_WRITERS: dict[str, Callable[..., str]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "tsv": write_tsv,
    "md": write_md,
}
