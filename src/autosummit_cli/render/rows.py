"""One row shape for every list view, and the writers over it.

A list view is a `Rows`: a fixed column order and records keyed by those columns. Values are
text, numbers, or lists of ids (joined with '; ' in CSV, TSV, Markdown and tables).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from autosummit_cli.errors import UsageError
from autosummit_cli.render.safe import CONTROLS, escape_json_controls, markdown, tsv_field

LIST_JOIN = "; "


class Rows(NamedTuple):
    columns: tuple[str, ...]
    records: list[dict[str, Any]]
    total: int | None = None  # before filters, for the "N of M" note
    name: str = "rows"
    table_columns: tuple[str, ...] = ()  # the compact default for a terminal table

    def select(self, fields: Sequence[str] | None) -> Rows:
        if not fields:
            return self
        unknown = [f for f in fields if f not in self.columns]
        if unknown:
            raise UsageError(
                f"unknown field {', '.join(map(repr, unknown))} for --fields; "
                f"valid fields: {','.join(self.columns)}"
            )
        return Rows(tuple(fields), self.records, self.total, self.name)


def join_rows(parts: Sequence[tuple[str, Rows]], several: bool) -> Rows:
    """One list across events: with several loaded, each row starts with its event id."""
    if not several:
        return parts[0][1]
    first = parts[0][1]
    records = [{"event": event, **r} for event, rows in parts for r in rows.records]
    totals = [rows.total for _, rows in parts]
    total = sum(t for t in totals if t is not None) if None not in totals else None
    table = ("event", *first.table_columns) if first.table_columns else ()
    return Rows(("event", *first.columns), records, total, first.name, table)


def rows_to_json(rows: Rows) -> list[Any]:
    """A `Rows` as plain JSON data, to keep in the cache."""
    return [rows.columns, rows.records, rows.total, rows.name, rows.table_columns]


def rows_from_json(value: Any) -> Rows:
    """The `Rows` that `rows_to_json` made; ValueError (or TypeError) if it is not one."""
    columns, records, total, name, table_columns = value
    if not all(isinstance(r, dict) for r in records):
        raise ValueError("records are not all objects")
    return Rows(tuple(columns), records, total, name, tuple(table_columns))


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, (list, tuple)) for v in value):  # spans: start-end
            return LIST_JOIN.join("-".join(map(str, v)) for v in value)
        return LIST_JOIN.join(cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    import csv
    import io

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
