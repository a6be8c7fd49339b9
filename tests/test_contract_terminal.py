"""What people see at a terminal: tables at any width, the pager, compare, show ID, help."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import termios
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from tests.conftest import _process_env, script
from tests.test_contract_cli import terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def in_a_terminal(
    *args: str, columns: int, lines: int = 40, env: dict[str, str] | None = None
) -> str:
    """The installed script on a pseudo-terminal of this size; what it wrote, without escapes."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    variables = _process_env({"TERM": "xterm", **(env or {})})
    variables.pop("COLUMNS", None)
    process = subprocess.Popen(
        [script(), *args], stdin=follower, stdout=follower, stderr=follower, env=variables
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=30) == 0, seen
    return ANSI.sub("", seen.decode()).replace("\r\n", "\n")


def split_words(out: str, data: list[dict]) -> set[str]:
    """Words on screen that are not whole words of the data or the headers: pieces of a word
    split across lines."""

    def tokens(text: str) -> set[str]:
        return {t.strip(";,") for t in text.split()} - {""}

    known: set[str] = set()
    for record in data:
        for key, value in record.items():
            known |= tokens(key.replace("_", " ")) | {key}
            for item in value if isinstance(value, list) else [value]:
                known |= tokens(str(item))
    known |= {
        "speakers",
        "talks",
        "recs",
        "speaker",
        "session",
        "emba",
        "talk",
        "•",
    }  # • marks a list item
    return {t for t in tokens(out.replace("─", " ")) if t not in known}


def test_events_table_is_readable_at_120_columns() -> None:
    out = in_a_terminal("events", columns=120, env={"PAGER": ""})
    assert max(len(line) for line in out.splitlines()) <= 120
    data = json.loads(
        subprocess.run(
            [script(), "events", "-f", "json"],
            capture_output=True,
            env=_process_env({}),
            check=True,
        ).stdout
    )
    assert split_words(out, data) == set()
    assert "nqpf-auto-summit-2025" in out and "New-Quality" in out


@pytest.mark.parametrize("columns", [60, 70, 80, 100, 150])
@pytest.mark.parametrize("view", [["events"], ["speakers"], ["recommendations"], ["themes"]])
def test_no_word_is_split_at_any_width(cli, columns: int, view: list[str]) -> None:
    out = terminal(*view, "--color", "never", columns=columns)
    assert max(len(line) for line in out.splitlines()) <= columns
    assert split_words(out, json.loads(cli(*view, "-f", "json").stdout)) == set()


def test_narrow_terminals_stack_records_and_labels() -> None:
    out = terminal("speakers", "--color", "never", columns=20)
    lines = out.splitlines()
    assert "organisation" in lines and max(len(line) for line in lines) <= 20
    assert "  Guo Xuhao" in [line.rstrip() for line in lines]  # under its label, full width


def test_panel_titles_wrap_rather_than_being_cut() -> None:
    out = terminal("talk", "yurui", "--color", "never", columns=40)
    assert "Liu Yurui: Three pathways to scale" in out and "generative AI" in out
    assert "…" not in out


def test_long_output_goes_through_the_pager_on_a_terminal(tmp_path: Path) -> None:
    pager = tmp_path / "pager"
    pager.write_text("#!/bin/sh\necho PAGED; cat\n")
    pager.chmod(0o755)
    paged = in_a_terminal("themes", columns=100, lines=20, env={"PAGER": str(pager)})
    assert paged.startswith("PAGED") and "going-global" in paged
    short = in_a_terminal("sessions", columns=100, lines=40, env={"PAGER": str(pager)})
    assert "PAGED" not in short  # fits the screen: no pager
    for off in ({"PAGER": ""}, {"PAGER": str(pager), "AUTOSUMMIT_PAGER": ""}):
        assert "PAGED" not in in_a_terminal("themes", columns=100, lines=20, env=off)
    flag = in_a_terminal("themes", "--no-pager", columns=100, lines=20, env={"PAGER": str(pager)})
    assert "PAGED" not in flag and "going-global" in flag


def test_compare_is_side_by_side_and_refuses_one_speaker_twice(cli) -> None:
    out = terminal("compare", "wu", "yang", "--color", "never", columns=120)
    header = next(line for line in out.splitlines() if "Wu Shaoge [wu-shaoge]" in line)
    assert "Yang Yongping [yang-yongping]" in header  # one column per speaker
    for pair in (["wu", "wu"], ["wu", "shaoge"]):
        result = cli("compare", *pair)
        assert result.exit_code == ExitCode.USAGE
        assert "are both wu-shaoge; compare two different speakers" in result.stderr


@pytest.mark.parametrize(
    ("ident", "kind"),
    [
        ("liu-yurui-3", "recommendation"),
        ("liu-yurui-talk", "talk"),
        ("yang-yongping-talk#point-2", "point"),
        ("wu-shaoge-talk#quote-2", "quote"),
        ("liu-yurui", "speaker"),
        ("going-global", "theme"),
        ("round-table", "session"),
    ],
)
def test_show_opens_any_id_the_tool_prints(cli, ident: str, kind: str) -> None:
    found = json.loads(cli("show", ident, "-f", "json").stdout)
    assert found["id"] == ident and found["kind"] == kind
    if kind not in ("theme", "session"):
        plain = cli("show", ident).stdout
        assert found["talk"]["title"] in plain  # in the context of its talk


def test_every_id_search_prints_opens(cli) -> None:
    ids = cli("search", "--all", "ai", "--fields", "id", "--no-headers", "-n", "0").stdout
    for ident in ids.split():
        assert cli("show", ident, "-f", "json").exit_code == 0, ident
    assert cli("show", "nope").exit_code == ExitCode.NOT_FOUND


def test_the_talk_view_and_search_table_show_item_ids() -> None:
    talk = terminal("talk", "yurui", "--color", "never", columns=120)
    assert "(liu-yurui-3)" in talk and "(liu-yurui-talk#point-1)" in talk
    found = terminal("search", "localize", "--color", "never", columns=120)
    assert "wu-shaoge-3" in found


def test_overview_names_speakers_and_keeps_theme_ties(cli) -> None:
    plain = cli("overview").stdout
    assert "Guo Xuhao; Huang Zhuo; Liu Erhai" in plain
    view = json.loads(cli("overview", "-f", "json").stdout)
    counts = [t["speaker_count"] for t in view["top_themes"]]
    assert len(counts) >= 5 and counts[-1] == counts[4]
    everything = json.loads(cli("themes", "-f", "json").stdout)
    tied = [t for t in everything if t["speaker_count"] == counts[4]]
    assert len([t for t in view["top_themes"] if t["speaker_count"] == counts[4]]) == len(tied)


def test_search_highlights_survive_no_color() -> None:
    out = terminal("search", "localize", columns=100, NO_COLOR="1")
    assert "\x1b[1;4mlocalization\x1b[0m" in out
    assert not re.search("\x1b\\[[0-9;]*3[0-7]m", out)


def test_a_loose_filter_says_what_it_resolved_to() -> None:
    from typer.testing import CliRunner

    from autosummit_cli.cli.app import app
    from autosummit_cli.render.environment import Environment

    env = Environment(stdout_tty=True, columns=100, lines=500)
    result = CliRunner().invoke(app, ["recommendations", "--theme", "ai"], obj=env)
    assert "--theme 'ai': generative-ai" in result.stderr
    exact = CliRunner().invoke(app, ["recommendations", "--theme", "generative-ai"], obj=env)
    assert "--theme" not in exact.stderr
