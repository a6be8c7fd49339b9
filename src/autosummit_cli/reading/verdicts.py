"""`validate`: a verdict for each summit file, whether or not the others pass."""

from __future__ import annotations

from typing import Any

from autosummit_cli.domain import queries
from autosummit_cli.domain.errors import DataError
from autosummit_cli.reading.batch import load_all
from autosummit_cli.reading.sources import STDIN


def shown(name: str) -> str:
    return "<stdin>" if name == STDIN else name


def verdicts(files: list[str]) -> list[dict[str, Any]]:
    """One record per file: `ok`, its counts when it loads, its problems when it does not.
    Files that pass alone are then checked together (two files must not share an event id)."""
    found = []
    for name in files:
        try:
            (summit,), _ = load_all([name])
        except DataError as error:
            found.append(_verdict(name, None, error))
        else:
            found.append(_verdict(name, queries.counts(summit), None))
    if len(files) > 1 and all(v["ok"] for v in found):
        try:
            load_all(files)
        except DataError as error:
            for verdict in found:
                mine = [p for p in error.problems if p.file == verdict["file"]]
                if mine:
                    verdict.update(_verdict(verdict["file"], None, DataError(mine)))
    return found


def _verdict(name: str, counts: dict[str, int] | None, error: DataError | None) -> dict[str, Any]:
    problems = error.problems if error else []
    return {
        "file": shown(name),
        "ok": error is None,
        "counts": counts,
        "problems": [
            {"line": p.line, "column": p.column, "field": p.path, "message": p.message}
            for p in problems
        ],
    }
