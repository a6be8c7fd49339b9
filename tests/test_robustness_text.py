"""Robustness, second round: text reaching a terminal or a renderer, and the process itself,
through the installed script."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt  # rich's own Markdown parser: CommonMark

from tests.conftest import MINI, inject, mini_data, run, run_shell, write_summit
from tests.test_robustness import FORBIDDEN, HOOKS, HOSTILE, MARKUP

# --- Markdown ------------------------------------------------------------------------------


def test_markdown_export_makes_no_links_images_or_headings_from_data(tmp_path: Path) -> None:
    data = mini_data()
    data["event"]["summary"] = "[ref]: https://evil.example/pixel.png"
    data["talks"][0]["summary"] = "![x][ref] and [click](https://evil.example) <https://e.x>"
    data["themes"][0]["summary"] = "# Injected heading"
    data["talks"][0]["points"][0]["text"] = "> quoted\n\n- listed"
    data["talks"][0]["quotes"] = ["1. numbered", "    code", "<img src=x onerror=alert(1)>"]
    path = write_summit(tmp_path / "m.yaml", data)
    for command in (["export", "-f", "md"], ["talk", "ana", "-f", "md"]):
        result = run("--data", str(path), *command)
        assert result.returncode == 0, result.stderr
        markdown = result.stdout.decode()
        html = MarkdownIt("commonmark").render(markdown)
        assert "<a " not in html and "<img" not in html and "<blockquote" not in html
        assert "Injected heading</h" not in html and "<pre" not in html
        tokens = MarkdownIt("commonmark").parse(markdown)
        text = " ".join(t.content for t in tokens if t.type == "inline")
        assert "evil.example" in text  # shown, as text
    exported = run("--data", str(path), "export", "-f", "md").stdout.decode()
    html = MarkdownIt("commonmark").render(exported)
    assert "[ref]: https://evil.example/pixel.png" in html and "# Injected heading" in html
    assert "1. numbered" in html and "&gt; quoted" in html  # neither a list nor a quote


# --- completion ----------------------------------------------------------------------------

SHELLS = {
    "bash": {"COMP_WORDS": "autosummit talk an", "COMP_CWORD": "2"},
    "zsh": {"_TYPER_COMPLETE_ARGS": "autosummit talk an"},
    "fish": {
        "_TYPER_COMPLETE_ARGS": "autosummit talk an",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    },
    "powershell": {
        "_TYPER_COMPLETE_ARGS": "autosummit talk an",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "an",
    },
    "pwsh": {
        "_TYPER_COMPLETE_ARGS": "autosummit talk an",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "an",
    },
}


def complete(shell: str, data: Path, words: dict[str, str]) -> bytes:
    env = {"_AUTOSUMMIT_COMPLETE": f"complete_{shell}", "AUTOSUMMIT_DATA": str(data), **words}
    result = run(env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_shows_names_as_escaped_plain_text(tmp_path: Path, shell: str) -> None:
    data = mini_data()
    data["speakers"][0]["name"] = "Ana " + HOSTILE + " " + MARKUP
    path = write_summit(tmp_path / "c.yaml", data)
    out = complete(shell, path, SHELLS[shell]).decode()
    assert "ana-lopez" in out
    for raw in ["\x1b", *FORBIDDEN]:
        assert raw not in out, (shell, raw)
    assert "👍" not in out
    if shell != "bash":  # bash shows values only; the others the name beside them
        assert "[bold red]x[/]" in out and "thumbs_up" in out and "\\x1b[31mred" in out


@pytest.mark.parametrize("shell", SHELLS)
def test_event_completion_never_prints_a_raw_escape(tmp_path: Path, shell: str) -> None:
    args = "autosummit --event m"
    words = (
        {"COMP_WORDS": args, "COMP_CWORD": "2"}
        if shell == "bash"
        else {
            **SHELLS[shell],
            "_TYPER_COMPLETE_ARGS": args,
            "_TYPER_COMPLETE_WORD_TO_COMPLETE": "m",
        }
    )
    data = mini_data()
    data["event"]["title"] = "Mini " + HOSTILE
    out = complete(shell, write_summit(tmp_path / "t.yaml", data), words)
    assert b"mini-forum" in out, out
    assert b"\x1b" not in out and b"\x07" not in out and b"\x9b" not in out
    data["event"]["id"] = "mini\x1b[2J"  # refused by the id rule: nothing to offer, nothing raw
    out = complete(shell, write_summit(tmp_path / "i.yaml", data), words)
    assert b"\x1b" not in out and b"mini" not in out


def test_validate_escapes_file_names(tmp_path: Path) -> None:
    good = tmp_path / "ok\x1b[2J\n.yaml"
    good.write_bytes(MINI.read_bytes())
    result = run("validate", str(good))
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout and result.stdout.count(b"\n") == 1
    assert b"ok\\x1b[2J\\x0a.yaml: 3 speakers" in result.stdout
    bad = tmp_path / "bad\x1b]0;x\x07.yaml"
    bad.write_text(MINI.read_text().replace("title: Dealers", "title: 1.5"))
    result = run("validate", str(bad))
    assert result.returncode == 2 and b"\x1b" not in result.stderr and b"\x07" not in result.stderr


# --- SVG, YAML, tables ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["speakers"], ["talk", "ana"], ["matrix"], ["quotes"]])
def test_noncharacters_never_make_the_svg_invalid(tmp_path: Path, command: list[str]) -> None:
    text = "A\uffffB\ufffeC\ufdd0D\U0001ffffE"
    path = write_summit(tmp_path / "n.yaml", inject(mini_data(), text))
    svg = tmp_path / "view.svg"
    result = run("--data", str(path), "--svg", str(svg), *command, "-f", "table")
    assert result.returncode == 0, result.stderr
    ElementTree.parse(svg)  # raises on a character XML forbids
    assert "\uffff" not in result.stdout.decode() and "\\uffff" in result.stdout.decode()


def test_yaml_export_keeps_line_break_characters_exactly(tmp_path: Path) -> None:
    data = mini_data()
    quotes = ["a\x85b", "next\x85line \u2028 and\u2029para", "x" * 90 + "\x85" + "y" * 30]
    data["talks"][0]["quotes"] = quotes
    source = tmp_path / "s.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False))
    exported = tmp_path / "e.yaml"
    assert run("--data", str(source), "export", "-f", "yaml", "-o", str(exported)).returncode == 0
    shown = json.loads(run("--data", str(exported), "quotes", "-f", "json").stdout)
    assert [q["quote"] for q in shown if q["speaker_id"] == "ana-lopez"] == quotes


def test_yaml_export_to_an_ascii_stdout_escapes_instead_of_replacing(tmp_path: Path) -> None:
    result = run("--data", str(MINI), "export", "-f", "yaml", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert b"L?pez" not in result.stdout
    reloaded = tmp_path / "ascii.yaml"
    reloaded.write_bytes(result.stdout)
    result = run("--data", str(reloaded), "speakers", "-f", "json")
    assert json.loads(result.stdout)[0]["name"] == "Ana López"


def test_an_80_column_table_never_cuts_ids_or_names(tmp_path: Path) -> None:
    data = mini_data()
    long_name = "Bartholomew Alexander Christopher Montgomery-Wellington Chen the Third"[:70]
    data["speakers"][1]["name"] = long_name
    path = write_summit(tmp_path / "w.yaml", data)
    for command in (["speakers"], ["recommendations"], ["quotes"], ["search", "-a", "chain"]):
        result = run("--data", str(path), *command, "-f", "table", env={"COLUMNS": "80"})
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode()
        assert max(len(line) for line in out.splitlines()) <= 80
        ids = {"speakers": ["ana-lopez", "bo-chen", "chen-li"]}.get(command[0], [])
        ids += {"recommendations": ["ana-lopez-1", "bo-chen-1"]}.get(command[0], [])
        for ident in ids:
            assert ident in out, (command, ident, out)
        # Nothing is cut: a name too long for its column wraps, word by word, within it.
        shown = " ".join(out.split())
        assert long_name in shown or command[0] == "quotes", out  # Bo Chen has no quotes
        assert "…" not in out


# --- the process ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    ["click", "typer", "rich", "autosummit_cli.cli.app", "autosummit_cli.render.terminal"],
)
def test_ctrl_c_during_start_up_is_quiet(module: str) -> None:
    # The hook sends SIGINT as `module` starts to import: the heavy imports of a warm start.
    env = {"PYTHONPATH": str(HOOKS), "INTERRUPT_AT_IMPORT": module}
    result = run("--data", str(MINI), "talk", "ana", "-f", "table", env=env)
    assert result.returncode == 130
    assert b"Traceback" not in result.stderr and result.stderr.count(b"\n") <= 1
    assert result.stdout == b""


def test_with_stderr_closed_messages_never_reach_stdout() -> None:
    result = run_shell(f'"$AUTOSUMMIT" --data {MINI} talk nosuch 2>&-')
    assert result.returncode == 1 and result.stdout == b""
    result = run_shell(f'"$AUTOSUMMIT" --data {MINI} search --limit 1 -f tsv cells OR chain 2>&-')
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2 and lines[0].startswith("rank\t"), lines
    result = run_shell(f'"$AUTOSUMMIT" validate {MINI.parent / "broken.yaml"} 2>&-')
    assert result.returncode == 2 and result.stdout == b""


WRITES = [["speakers"], ["talk", "ana"], ["export", "-f", "html"], ["--help"]]


@pytest.mark.parametrize(
    ("command", "redirect"),
    # click prints help into a closed stdout (None) as into nothing, and exits 0
    [(c, r) for c in WRITES for r in ("> /dev/full", ">&-") if (c, r) != (["--help"], ">&-")],
    ids=str,
)
def test_a_failed_write_to_stdout_is_exit_74(command: list[str], redirect: str) -> None:
    quoted = " ".join(f"'{a}'" for a in command)
    result = run_shell(f'"$AUTOSUMMIT" --data {MINI} {quoted} {redirect}')
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err.startswith("autosummit: cannot write to standard output: ") and err.count("\n") == 1
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("command", [["--help"], ["speakers", "--help"], ["--version"]])
def test_help_into_a_closed_pipe_is_exit_0(command: list[str]) -> None:
    quoted = " ".join(command)
    # The pause lets the reader leave first, so the write always meets a closed pipe.
    result = run_shell(
        f'{{ sleep 0.3; "$AUTOSUMMIT" {quoted}; }} | true; echo "status=${{PIPESTATUS[0]}}" >&2'
    )
    err = result.stderr.decode()
    assert err.endswith("status=0\n") and "Traceback" not in err, err
