"""`validate`'s verdicts written out: an OK line of counts per good file, each problem as
FILE:LINE:COL: field: message on stderr, or every verdict as JSON."""

from __future__ import annotations

from typing import Any

from autosummit_cli.domain.errors import ExitCode, Problem
from autosummit_cli.render.environment import Environment
from autosummit_cli.render.safe import one_line
from autosummit_cli.render.streams import emit, note
from autosummit_cli.render.writers import to_json


def problem_lines(verdict: dict[str, Any]) -> list[str]:
    """The problems as FILE:LINE:COL: field: message, one a line."""
    return [
        str(Problem(verdict["file"], p["line"], p["column"], p["field"], p["message"]))
        for p in verdict["problems"]
    ]


def ok_line(verdict: dict[str, Any]) -> str:
    counted = verdict["counts"]
    return (
        f"OK: {one_line(verdict['file'])}: {counted['speakers']} speakers, "
        f"{counted['sessions']} sessions, "
        f"{counted['talks']} talks, {counted['points']} points, "
        f"{counted['recommendations']} recommendations, {counted['themes']} themes\n"
    )


def show_verdicts(verdicts: list[dict[str, Any]], as_json: bool, env: Environment) -> int:
    """`validate`: each file's verdict; the exit code is a data error's if any file has
    problems (each on stderr as FILE:LINE:COL: field: message, or in the JSON)."""
    failed = [v for v in verdicts if not v["ok"]]
    if as_json:
        emit(to_json(verdicts, env.ascii_only) + "\n", env.out())
        if failed:
            note(f"autosummit: {len(failed)} of {len(verdicts)} files have problems", env.err())
    else:
        for verdict in verdicts:
            if verdict["ok"]:
                emit(ok_line(verdict), env.out())
            else:
                note("\n".join(problem_lines(verdict)), env.err())
    return ExitCode.BAD_DATA if failed else ExitCode.OK
