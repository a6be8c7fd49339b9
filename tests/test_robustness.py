"""The catalogue of ways CLIs fail, each proven against the real installed command."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import MINI, inject, mini_data, run, run_shell, script, write_summit

HOOKS = Path(__file__).resolve().parent / "hooks"  # a sitecustomize for rare moments
COMMANDS = [
    ["overview"],
    ["sessions"],
    ["speakers"],
    ["talk", "ana"],
    ["recommendations"],
    ["themes"],
    ["themes", "batteries"],
    ["search", "--all", "pilot"],
]
LIST_FORMATS = ["table", "json", "jsonl", "csv", "tsv", "md"]
DETAIL_FORMATS = ["table", "json", "jsonl", "md"]
DETAIL = {"overview", "talk"}


def strings(value: object) -> list[str]:
    """Every string inside parsed JSON."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def formats_for(command: list[str]) -> list[str]:
    detail = command[0] in DETAIL or command == ["themes", "batteries"]
    return DETAIL_FORMATS if detail else LIST_FORMATS


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Exception ignored" not in err, err


MARKUP = "[bold red]x[/] [/] [link=http://evil.example]click[/link] :thumbs_up:"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_1_markup_in_data_prints_literally(tmp_path: Path, command: list[str]) -> None:
    data = write_summit(tmp_path / "m.yaml", inject(mini_data(), MARKUP))
    for fmt in ("table", None):
        args = ["--data", str(data), "--color", "always", *command] + (["-f", fmt] if fmt else [])
        result = run(*args, env={"COLUMNS": "250"})
        no_traceback(result)
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode()
        assert "[bold red]x[/]" in out or "[bold red]x[/]" in out.replace("\n", "")
        assert ":thumbs_up:" in out and "👍" not in out
        assert "\x1b]8;" not in out  # no hyperlink escape


HOSTILE = "A\x1b[31mred\x1b]0;title\x07\x9b2J\x7f\u202eevil\u202c\x85Z\uffff"
FORBIDDEN = ["\x1b]0", "\x07", "\x9b", "\x7f", "\u202e", "\x85", "\uffff"]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_2_escape_sequences_are_shown_escaped(tmp_path: Path, command: list[str]) -> None:
    data = write_summit(tmp_path / "e.yaml", inject(mini_data(), HOSTILE))
    for fmt in [*formats_for(command), None]:
        result = run(
            "--data", str(data), *command, *(["-f", fmt] if fmt else []), env={"COLUMNS": "120"}
        )
        no_traceback(result)
        assert result.returncode == 0, (fmt, result.stderr)
        out = result.stdout.decode()
        for raw in FORBIDDEN:
            assert raw not in out, (fmt, raw)
        if fmt not in ("json", "jsonl"):
            assert "\x1b" not in out, fmt
            assert "\\x1b" in out or command[0] in {"sessions"}, fmt
        else:  # escaped in the text, and the exact string once parsed
            parsed = (
                [json.loads(line) for line in out.splitlines()]
                if fmt == "jsonl"
                else json.loads(out)
            )
            assert any(HOSTILE in text for text in strings(parsed)), fmt


EVERY_COMMAND = [
    *COMMANDS,
    ["quotes"],
    ["matrix"],
    ["compare", "ana", "bo"],
    ["events"],
    ["tour", "--no-pause"],
    ["export", "-f", "html"],
    ["validate"],
]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
@pytest.mark.parametrize("reader", ["head -1", "head -c 1", "true"])
def test_3_closed_pipe_is_quiet(command: list[str], reader: str) -> None:
    quoted = " ".join(f"'{a}'" for a in command)
    result = run_shell(
        f'"$AUTOSUMMIT" --data {MINI} {quoted} | {reader}; echo "status=${{PIPESTATUS[0]}}" >&2'
    )
    err = result.stderr.decode()
    assert "Traceback" not in err and "Exception ignored" not in err and "Error" not in err, err
    assert "status=0" in err


def test_3_closed_pipe_on_a_large_table() -> None:
    result = run_shell(
        'for i in 1 2 3; do "$AUTOSUMMIT" search --all -f table a OR the OR of '
        '| head -c 1 >/dev/null; echo "status=${PIPESTATUS[0]}" >&2; done'
    )
    err = result.stderr.decode()
    assert err.count("status=0") == 3 and "Traceback" not in err, err


def test_3_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    reader, writer = os.pipe()  # stdin that never ends: the loader blocks reading it
    process = subprocess.Popen(
        [script(), "--data", "-", "speakers"],
        stdin=reader,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    os.close(writer)
    os.close(reader)
    assert process.returncode == 130
    assert b"Traceback" not in err and b"Aborted" not in err


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "POSIX", "LANG": "", "PYTHONUTF8": "0"},
    ],
    ids=["ascii", "latin-1", "posix"],
)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_4_encodings(env: dict[str, str], command: list[str]) -> None:
    for fmt in [*formats_for(command), None]:
        result = run("--data", str(MINI), *command, *(["-f", fmt] if fmt else []), env=env)
        no_traceback(result)
        assert result.returncode == 0, (fmt, result.stderr)
        if fmt in ("json", "jsonl"):
            text = result.stdout.decode("ascii" if env.get("PYTHONIOENCODING") else "utf-8")
            parsed = (
                [json.loads(line) for line in text.splitlines()]
                if fmt == "jsonl"
                else [json.loads(text)]
            )
            if command[0] in ("speakers", "talk", "recommendations"):
                assert "López" in json.dumps(parsed, ensure_ascii=False)


def test_4_messages_survive_ascii() -> None:
    result = run("--data", str(MINI), "talk", "Lópezz", env={"PYTHONIOENCODING": "ascii"})
    no_traceback(result)
    assert result.returncode == 1
    assert b"did you mean Ana L?pez?" in result.stderr


def test_5_yaml_bomb_and_tags_via_the_script(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        name, prev = chr(97 + i), chr(96 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb.write_text("\n".join(lines) + "\n")
    result = run("--data", str(bomb), "speakers", "-f", "json", timeout=20)
    assert result.returncode == 2 and b"alias bomb" in result.stderr
    evil = tmp_path / "evil.yaml"
    marker = tmp_path / "pwned"
    evil.write_text(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    result = run("--data", str(evil), "speakers")
    assert result.returncode == 2 and not marker.exists()
    assert b"is not allowed; a summit file holds plain data only" in result.stderr


def test_5_yaml_11_surprises_stay_text_and_json_stays_valid(tmp_path: Path) -> None:
    text = (
        MINI.read_text()
        .replace("title: Dealers", "title: no")
        .replace('published: "2024-01-02"', "published: 2024-01-02")
    )
    path = tmp_path / "y.yaml"
    path.write_text(text)
    result = run("--data", str(path), "talk", "chen li", "-f", "json")
    assert json.loads(result.stdout)["title"] == "no"
    overview = json.loads(run("--data", str(path), "overview", "-f", "json").stdout)
    assert overview["event"]["source"]["published"] == "2024-01-02"


@pytest.mark.parametrize("target", ["missing", "directory", "loop", "fifo", "/dev/zero", "big"])
def test_6_files_fail_fast_and_clearly(tmp_path: Path, target: str) -> None:
    path = {
        "missing": tmp_path / "nope.yaml",
        "directory": tmp_path,
        "/dev/zero": Path("/dev/zero"),
        "loop": tmp_path / "loop.yaml",
        "fifo": tmp_path / "fifo",
        "big": tmp_path / "big.yaml",
    }[target]
    if target == "loop":
        os.symlink(path, path)
    elif target == "fifo":
        os.mkfifo(path)
    elif target == "big":
        with path.open("wb") as handle:
            handle.truncate(100 * 2**20)
    started = time.monotonic()
    result = run("--data", str(path), "speakers", timeout=20)
    assert time.monotonic() - started < 15
    assert result.returncode == 2
    no_traceback(result)
    assert result.stderr.decode().startswith(str(path)) and result.stderr.count(b"\n") == 1


def test_6_stdin_from_a_terminal_is_refused() -> None:
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [script(), "--data", "-", "speakers"],
            stdin=follower,
            capture_output=True,
            timeout=20,
            check=False,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert b"standard input, which is a terminal; pipe a file in" in result.stderr


def test_6_stdin_from_a_pipe_is_read() -> None:
    result = run("--data", "-", "sessions", "-f", "json", input=MINI.read_bytes())
    assert [s["id"] for s in json.loads(result.stdout)] == ["morning", "evening"]


def test_9_csv_is_faithful_by_default_and_excel_safe_on_request(tmp_path: Path) -> None:
    data = mini_data()
    data["talks"][0]["recommendations"][0]["text"] = "-3"
    data["talks"][1]["recommendations"][0]["text"] = '=HYPERLINK("http://x")'
    path = write_summit(tmp_path / "c.yaml", data)
    plain = run("--data", str(path), "recommendations", "-f", "csv", "--fields", "text").stdout
    assert plain == b'text\n-3\n"=HYPERLINK(""http://x"")"\n'
    safe = run(
        "--data", str(path), "recommendations", "-f", "csv", "--fields", "text", "--excel-safe"
    ).stdout
    assert safe == b'text\n\'-3\n"\'=HYPERLINK(""http://x"")"\n'
    tsv = run(
        "--data", str(path), "recommendations", "-f", "tsv", "--fields", "text", "--excel-safe"
    ).stdout
    assert tsv == b"text\n'-3\n'=HYPERLINK(\"http://x\")\n"


def test_10_internal_errors_are_one_line() -> None:
    # A module that fails to import stands in for a bug (tests/hooks/sitecustomize.py).
    bug = {"PYTHONPATH": str(HOOKS), "FAIL_AT_IMPORT": "autosummit_cli.render.views"}
    result = run("--data", str(MINI), "talk", "ana", env=bug)
    assert result.returncode == 1 and result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "rerun with AUTOSUMMIT_DEBUG=1" in err, err
    assert "ZeroDivisionError: a stand-in bug" in err
    debug = run("--data", str(MINI), "talk", "ana", env={**bug, "AUTOSUMMIT_DEBUG": "1"})
    assert b"Traceback" in debug.stderr


def test_csv_and_tsv_round_trip(tmp_path: Path) -> None:
    text = 'quote " comma , semi ; back \\ tab-free'
    path = write_summit(tmp_path / "r.yaml", inject(mini_data(), text))
    out = run("--data", str(path), "speakers", "-f", "csv", "--fields", "name").stdout.decode()
    assert list(csv.reader(io.StringIO(out)))[1] == [text]
    out = run("--data", str(path), "speakers", "-f", "tsv", "--fields", "name").stdout.decode()
    assert out.splitlines()[1].replace("\\\\", "\\") == text


WORKSHOP = [
    ["quotes"],
    ["matrix"],
    ["compare", "ana-lopez", "bo"],
    ["tour", "--no-pause"],
    ["export", "-f", "md"],
    ["export", "-f", "html"],
    ["export", "-f", "yaml"],
]


@pytest.mark.parametrize("command", WORKSHOP, ids=" ".join)
def test_2_workshop_views_escape_controls_and_markup(tmp_path: Path, command: list[str]) -> None:
    data = write_summit(tmp_path / "w.yaml", inject(mini_data(), HOSTILE + " " + MARKUP))
    svg = tmp_path / "view.svg"
    picture = [] if command[0] == "export" else ["--svg", str(svg)]  # export shows no view
    result = run("--data", str(data), *picture, *command, env={"COLUMNS": "120"})
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for raw in FORBIDDEN:
        assert raw not in out, raw
    if command[-1] != "yaml":  # YAML keeps the data exactly, with its own escapes
        assert "\x1b" not in out
    assert "👍" not in out
    if svg.exists():
        assert "\x1b" not in svg.read_text(encoding="utf-8")


def test_8_svg_to_an_unwritable_place(tmp_path: Path) -> None:
    result = run("--svg", str(tmp_path / "no" / "such" / "dir.svg"), "matrix")
    assert result.returncode == 2
    assert b"cannot write" in result.stderr and b"Traceback" not in result.stderr


# Regression tests, each named after what first triggered it.


def test_raw_control_character_in_a_yaml_file_gets_a_located_message(tmp_path: Path) -> None:
    # Found by the loader fuzz: libyaml's reader raised an unmarked error, reported as a bug.
    path = tmp_path / "c.yaml"
    path.write_bytes(b"a: 1\nb: x\x01y\n")
    result = run("--data", str(path), "speakers")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"{path}:2:5: character U+0001 is not allowed in YAML; remove it, or write it as an "
        "escape inside a double-quoted string\n"
    )


def test_a_speaker_name_used_as_a_field_label_is_escaped(tmp_path: Path) -> None:
    # Found by the hostile-data test: compare shows names as labels, which went out raw.
    data = write_summit(tmp_path / "n.yaml", inject(mini_data(), "A\x1b[31mred"))
    out = run("--data", str(data), "compare", "ana-lopez", "bo").stdout.decode()
    assert "\x1b" not in out and "Left: A\\x1b[31mred [ana-lopez]" in out


def test_a_bidi_control_in_a_yaml_export_is_escaped(tmp_path: Path) -> None:
    # Found by the hostile-data test: PyYAML counts U+202E printable and wrote it raw.
    data = write_summit(tmp_path / "b.yaml", inject(mini_data(), "A\u202eevil"))
    out = run("--data", str(data), "export", "-f", "yaml").stdout.decode()
    assert "\u202e" not in out and '"A\\u202eevil"' in out


def run_with_terminal_stdout(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The installed script with stdout on a pseudo-terminal and stderr captured."""
    leader, follower = pty.openpty()
    try:
        return subprocess.run(
            [script(), *args],
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=30,
            check=False,
            env={**os.environ, "COLUMNS": "100"},
        )
    finally:
        os.close(leader)
        os.close(follower)


def test_filtered_list_notes_n_of_m_on_a_terminal() -> None:
    result = run_with_terminal_stdout("speakers", "--session", "summit")
    assert result.returncode == 0
    assert result.stderr == b"3 of 10 speakers\n"


@pytest.mark.parametrize(
    "query",
    [
        '"unterminated',
        "NEAR(a b)",
        "AND OR NOT",
        "col:umn ^x",
        "back\\slash (paren",
        "emoji 🚗 汽车",
        "\x1b[31mred",
        "x" * 5000,
        "",
    ],
)
def test_7_any_search_input_through_the_script(query: str) -> None:
    result = run("search", "--all", "--", query)
    no_traceback(result)
    assert result.returncode in (0, 1, 2)
    err = result.stderr.decode()
    assert "sqlite" not in err.lower() and "internal error" not in err
    assert "\x1b" not in err


def test_a_cut_search_says_so_once_on_a_terminal() -> None:
    result = run_with_terminal_stdout("search", "--all", "ai", "--limit", "1")
    assert result.returncode == 0
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith("showing 1 of ") and line.endswith("; --limit 0 shows all")
