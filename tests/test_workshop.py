"""Workshop features: quotes, matrix, compare, export, SVG snapshots, the tour and completion."""

from __future__ import annotations

import html.parser
import json
import os
import pty
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from autosummit_cli.reading.summit_file import load_summit
from tests.conftest import BUNDLED, SPEAKERS, _process_env, script


def test_quotes_lists_every_quotation(cli) -> None:
    rows = json.loads(cli("quotes", "-f", "json").stdout)
    assert len(rows) == 10
    assert {
        "speaker_id": "shen-xiaojie",
        "id": "shen-xiaojie-talk#quote-1",
        "speaker_name": "Shen Xiaojie",
        "session_id": "round-table",
        "talk_id": "shen-xiaojie-talk",
        "quote": "doing no harm",
    } in rows


def test_matrix_rows_count_points_and_recommendations(cli) -> None:
    rows = json.loads(cli("matrix", "-f", "json").stdout)
    assert [r["speaker_id"] for r in rows][:2] == ["guo-xuhao", "huang-zhuo"]
    yurui = next(r for r in rows if r["speaker_id"] == "liu-yurui")
    # One point and three pathways; the platform's four modules are parts of the third.
    assert yurui["generative_ai"] == 4 and yurui["total"] == 6
    themes = [k for k in rows[0] if k not in ("speaker_id", "speaker_name", "total")]
    assert len(themes) == 14
    assert all(r["total"] == sum(r[t] for t in themes) for r in rows)


def test_matrix_heat_map_has_totals_and_a_legend(cli) -> None:
    out = cli("matrix", "-f", "table").stdout
    assert "Liu Yurui" in out and "total" in out and "63" in out
    assert "[supply-chain-profitability]" in out
    md = cli("matrix", "-f", "md").stdout
    assert md.splitlines()[-1].startswith("|  | Total | 2 | 5 |")


def test_compare_two_speakers(cli) -> None:
    view = json.loads(cli("compare", "wu", "yang", "-f", "json").stdout)
    assert view["a"] == {"speaker_id": "wu-shaoge", "speaker_name": "Wu Shaoge"}
    assert [s["theme_id"] for s in view["shared"]] == ["going-global"]
    said = [item["text"] for item in view["shared"][0]["b"]]
    assert (
        'Yang Yongping argued that "going overseas" is not synonymous with globalization.' in said
    )
    assert "generative-ai" in view["only_b"] and "brand-localisation" in view["only_a"]
    plain = cli("compare", "wu", "yang").stdout
    assert "Going global  [going-global]" in plain and "Only one of them" in plain


def test_compare_uses_the_name_rules(cli) -> None:
    assert cli("compare", "liu", "wu").exit_code == ExitCode.AMBIGUOUS
    assert cli("compare", "nobody", "wu").exit_code == ExitCode.NOT_FOUND


def test_export_markdown_has_every_part(cli) -> None:
    md = cli("export", "-f", "md").stdout
    assert md.startswith("# New-Quality Productive Forces Auto Summit\n")
    for part in (
        "## Sessions",
        "## Talks",
        "### Liu Yurui: Three pathways",
        "## Themes",
        "## Who speaks to which theme",
        "| speaker_id | speaker_name |",
    ):
        assert part in md
    assert all(name in md for name in SPEAKERS)


class _Checker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in ("meta", "br"):
            self.stack.append(tag)
        self.external += [v for k, v in attrs if k in ("src", "href") and v and v[0] != "#"]

    def handle_endtag(self, tag) -> None:
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data) -> None:
        self.text.append(data)


def test_export_html_is_one_self_contained_page(cli, tmp_path: Path) -> None:
    target = tmp_path / "summit.html"
    result = cli("export", "-f", "html", "-o", str(target))
    assert result.exit_code == 0 and result.stderr == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == [] and checker.external == []
    text = " ".join(checker.text)
    assert all(name in text for name in SPEAKERS)
    assert "<style>" in page and "@media print" in page


def test_export_json(cli) -> None:
    document = json.loads(cli("export", "-f", "json").stdout)
    assert set(document) == {"overview", "talks", "themes", "matrix"}
    assert len(document["talks"]) == 10 and len(document["themes"]) == 14


def test_export_yaml_round_trips(cli, tmp_path: Path) -> None:
    target = tmp_path / "again.yaml"
    cli("export", "-f", "yaml", "-o", str(target))
    assert load_summit(str(target)) == load_summit(str(BUNDLED))
    again = tmp_path / "twice.yaml"
    cli("--data", str(target), "export", "-f", "yaml", "-o", str(again))
    assert again.read_text() == target.read_text()


def test_export_replaces_a_file_only_with_a_complete_one(cli, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "handout.md"
    target.write_text("the old handout\n")

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    result = cli("export", "-o", str(target))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"autosummit: cannot write {target}: No space left on device\n"
    assert target.read_text() == "the old handout\n"
    assert [p.name for p in folder.iterdir()] == ["handout.md"]
    monkeypatch.undo()
    assert cli("export", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("# New-Quality")
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_export_to_an_unwritable_place(cli, tmp_path: Path) -> None:
    result = cli("export", "-o", str(tmp_path / "missing" / "x.md"))
    assert result.exit_code == ExitCode.USAGE
    assert "cannot write" in result.stderr and "No such file or directory" in result.stderr
    assert cli("export", "-o", str(tmp_path)).stderr.endswith(
        "Is a directory; choose a writable path for the file\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["matrix"],
        ["speakers", "-f", "json"],
        ["talk", "yurui"],
        ["search", "ai"],
        ["compare", "wu", "yang"],
        ["overview"],
        ["quotes"],
    ],
    ids=" ".join,
)
def test_svg_saves_the_terminal_view(cli, tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "view.svg"
    result = cli("--svg", str(target), *command)
    assert result.exit_code == 0
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    if command[0] in ("matrix", "speakers"):
        assert ">Liu Yurui</text>" in svg
    assert f"<title>autosummit {command[0]}</title>" in svg and "https:" not in svg


def test_svg_of_the_tour_is_one_file_per_slide(cli, tmp_path: Path) -> None:
    result = cli("--svg", str(tmp_path / "deck.svg"), "tour", "--session", "expert")
    assert result.exit_code == 0
    assert result.stderr.endswith("deck-01.svg ... " + str(tmp_path / "deck-05.svg") + "\n")
    slides = sorted(tmp_path.glob("*.svg"))
    assert [p.name for p in slides] == [f"deck-{n:02d}.svg" for n in range(1, 6)]
    first, last = (p.read_text(encoding="utf-8") for p in (slides[0], slides[-1]))
    assert "<title>autosummit tour (1/5)</title>" in first and ">Expert Insights</text>" in first
    # The session's three talks, then the closing slide (browse's tour: themes at a glance).
    assert ">Liu Yurui:" in slides[3].read_text(encoding="utf-8")
    assert "<title>autosummit tour (5/5)</title>" in last and ">Themes at a glance" in last
    sizes = {re.search(r'width="\d+" height="\d+"', p.read_text()).group() for p in slides}
    assert len(sizes) == 1  # one deck, one slide size


@pytest.mark.parametrize("command", [["validate"], ["export"], ["cache", "clear"]], ids=" ".join)
def test_svg_with_a_command_that_shows_no_view_is_refused(
    cli, tmp_path: Path, command: list[str]
) -> None:
    result = cli("--svg", str(tmp_path / "x.svg"), *command)
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert f"--svg saves a view, and 'autosummit {' '.join(command)}' shows none" in result.stderr
    assert not list(tmp_path.iterdir())


def test_tour_unattended_prints_every_screen(cli) -> None:
    out = cli("tour").stdout  # not a terminal: no pauses
    assert "[1/15]" in out and "[15/15]" in out  # overview, 3 sessions, 10 talks, themes
    assert out.index("Round-table Discussion\n===") < out.index("Shen Xiaojie: When old")
    short = cli("tour", "--session", "expert", "--no-pause").stdout
    assert "[5/5]" in short and "Guo Xuhao:" not in short


def _read_until(fd: int, marker: bytes, timeout: float = 15) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"timed out waiting for {marker!r}; saw {seen[-300:]!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def _tour_in_a_terminal() -> tuple[subprocess.Popen[bytes], int]:
    leader, follower = pty.openpty()
    env = _process_env({"COLUMNS": "100", "LINES": "40", "TERM": "xterm"})
    process = subprocess.Popen(
        [script(), "tour"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    return process, leader


def test_tour_in_a_terminal_enter_advances_b_goes_back_q_quits() -> None:
    process, terminal = _tour_in_a_terminal()
    try:
        assert b"New-Quality" in _read_until(terminal, b"[1/15]")
        os.write(terminal, b"\n")
        assert b"Summit: Clash of Ideas" in _read_until(terminal, b"[2/15]")
        os.write(terminal, b"\n")
        assert b"Guo Xuhao" in _read_until(terminal, b"[3/15]")
        os.write(terminal, b"b")  # single keys: no Enter after them
        _read_until(terminal, b"[2/15]")
        os.write(terminal, b"q")
        assert process.wait(timeout=15) == 0
    finally:
        process.kill()
        os.close(terminal)


def test_tour_ctrl_c_exits_130_quietly() -> None:
    process, terminal = _tour_in_a_terminal()
    try:
        _read_until(terminal, b"[1/15]")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 130
        rest = b""
        while select.select([terminal], [], [], 0.2)[0]:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:
                break
            if not chunk:
                break
            rest += chunk
        assert b"Traceback" not in rest and b"Aborted" not in rest
    finally:
        process.kill()
        os.close(terminal)


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = subprocess.run(
        [script()],
        capture_output=True,
        timeout=30,
        check=False,
        env=_process_env(
            {
                "_AUTOSUMMIT_COMPLETE": "complete_bash",
                "COMP_WORDS": words,
                "COMP_CWORD": str(cword),
                **(env or {}),
            }
        ),
    )
    return result.stdout.decode().split()


def test_completion_of_names_ids_and_formats() -> None:
    assert complete("autosummit talk yu") == ["yurui"]
    assert complete("autosummit talk liu") == ["liu-erhai", "liu-yurui"]
    assert complete("autosummit speakers --theme supp") == ["supply-chain-profitability"]
    assert complete("autosummit recommendations --session ro") == ["round-table"]
    assert complete("autosummit speakers -f j") == ["json", "jsonl"]
    assert "matrix" in complete("autosummit ma")


def test_completion_follows_the_data_in_effect() -> None:
    mini = str(Path(__file__).parent / "fixtures" / "mini.yaml")
    assert complete(f"autosummit --data {mini} talk lo") == ["lopez"]
    assert complete("autosummit talk a", env={"AUTOSUMMIT_DATA": mini}) == ["ana-lopez"]


def test_completion_is_silent_on_broken_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("speakers: [\n")
    assert complete(f"autosummit --data {bad} talk a") == []


def test_help_lists_the_workshop_commands(cli) -> None:
    out = cli("--help").stdout
    for command in ("tour", "matrix", "compare", "quotes", "export", "search", "events", "cache"):
        assert re.search(rf"^\s+{command}\s", out, re.M), command


def test_svg_is_not_written_when_the_format_is_refused(cli, tmp_path: Path) -> None:
    target = tmp_path / "view.svg"
    result = cli("--svg", str(target), "talk", "yurui", "-f", "csv")
    assert result.exit_code == ExitCode.USAGE and not target.exists()
    result = cli("--svg", str(target), "speakers", "--fields", "id,nope")
    assert result.exit_code == ExitCode.USAGE and not target.exists()
