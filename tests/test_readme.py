"""The README's transcripts are tests: every ```text block that starts with `$ autosummit` is run
through bash with the installed script, and what it prints must be exactly what the README shows.

A block is one command (its first line, without the `$ `) and the output below it, stdout and
stderr together as a terminal shows them. Commands run in a scratch directory that has the
project's `data/` and `tests/` beside it, so relative paths in the README work and files an example
writes land in tmp. Output goes to a pipe, as in a shell script, unless the example asks for a
format; COLUMNS is 80, as on a standard terminal. Trailing spaces are ignored (rich pads table
lines; editors strip them from the README).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, _process_env, script

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```text\n(\$ autosummit.*?)^```$", re.M | re.S)


def transcripts(text: str) -> list[tuple[str, str]]:
    """(command, expected output) for each README block that starts with `$ autosummit`."""
    found = []
    for block in _BLOCK.findall(text):
        command, _, output = block.partition("\n")
        found.append((command.removeprefix("$ "), output))
    return found


TRANSCRIPTS = transcripts(README.read_text(encoding="utf-8"))


def test_the_readme_has_transcripts_to_check() -> None:
    # A change to the README's fences must not make this file silently test nothing.
    assert len(TRANSCRIPTS) >= 15


@pytest.mark.parametrize(("command", "expected"), TRANSCRIPTS, ids=[c for c, _ in TRANSCRIPTS])
def test_readme_transcript(command: str, expected: str, tmp_path: Path) -> None:
    for name in ("data", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    bin_dir = Path(script()).parent
    env = _process_env({"COLUMNS": "80", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=60,
        check=False,
    )
    assert _unpadded(result.stdout.decode()) == _unpadded(expected)


def _unpadded(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))
