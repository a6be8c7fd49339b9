"""Pipes and scripts: what jq, cut, xargs and CI need from stdout and the exit code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from tests.conftest import MINI, mini_data, write_summit


def test_csv_carries_tabs_and_newlines_and_escapes_the_rest_reversibly(cli, tmp_path: Path) -> None:
    data = mini_data()
    texts = ["a\tb\nc", "typed \\x0a, not a newline", "bell\x07 and C:\\path"]
    for rec, text in zip(
        [data["talks"][0]["recommendations"][0], data["talks"][1]["recommendations"][0]],
        texts,
        strict=False,
    ):
        rec["text"] = text
    data["speakers"][0]["roles"][0]["organisation"] = texts[2]
    path = write_summit(tmp_path / "c.yaml", data)
    out = cli("--data", str(path), "recommendations", "-f", "csv", "--fields", "text").stdout
    assert [row[0] for row in csv.reader(io.StringIO(out))][1:] == texts[:2]
    roles = cli("--data", str(path), "speakers", "-f", "csv", "--fields", "organisation").stdout
    cell = list(csv.reader(io.StringIO(roles)))[1][0]
    assert "\x07" not in roles and cell == "bell\\x07 and C:\\\\path"
    decoded = cell.replace("\\\\", "\0").replace("\\x07", "\x07").replace("\0", "\\")
    assert decoded == texts[2]


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[\n]\n"), ("jsonl", "")])
def test_search_without_a_match_prints_an_empty_list_and_exits_1(
    cli, fmt: str, expected: str
) -> None:
    result = cli("search", "zzzqqq", "-f", fmt)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == expected and json.loads(result.stdout or "[]") == []
    assert "no matches for 'zzzqqq'" in result.stderr


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_no_headers(cli, fmt: str) -> None:
    out = cli("speakers", "--fields", "id", "-f", fmt, "--no-headers").stdout
    assert out.splitlines()[:2] == ["guo-xuhao", "huang-zhuo"] and len(out.splitlines()) == 10


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("id,id", "autosummit: --fields names 'id' more than once\n"),
        (
            "",
            "autosummit: --fields needs column names, e.g. --fields id,name; "
            "leave it out for all\n",
        ),
        (
            "id,,name",
            "autosummit: --fields 'id,,name' has an empty name; separate names with one comma\n",
        ),
    ],
)
def test_bad_fields_are_usage_errors(cli, fields: str, message: str) -> None:
    result = cli("speakers", "--fields", fields)
    assert result.exit_code == ExitCode.USAGE and result.stderr == message
    assert result.stdout == ""


def test_choices_ignore_case(cli) -> None:
    assert cli("speakers", "--sort", "ORG").stdout == cli("speakers", "--sort", "org").stdout
    assert cli("speakers", "-f", "JSON").exit_code == 0
    assert cli("--color", "NEVER", "speakers").exit_code == 0
    assert cli("export", "-f", "HTML").stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "option"), [(["-all"], "--all"), (["-limit", "3"], "--limit"), (["-Limit"], "--limit")]
)
def test_an_argument_like_an_option_is_a_usage_error(cli, args: list[str], option: str) -> None:
    result = cli("search", "AI", *args)
    assert result.exit_code == ExitCode.USAGE
    assert f"looks like the option {option}; did you mean {option}?" in result.stderr
    assert result.stderr.startswith(f"autosummit: {args[0]!r}")


def test_clustered_short_options_and_values_are_read_as_typed(cli) -> None:
    clustered = json.loads(cli("search", "AI", "-an", "3", "-f", "json").stdout)
    spelled = json.loads(cli("search", "AI", "--all", "--limit", "3", "-f", "json").stdout)
    assert clustered == spelled and len(clustered) == 3
    result = cli("search", "AI", "--limit", "-1")
    assert result.exit_code == ExitCode.USAGE
    assert "-1 is not in the range" in result.stderr and "\u2212" not in result.stderr


def test_a_word_to_leave_out_still_works(cli) -> None:
    ids = cli(
        "search", "generat*", "-platform", "-k", "recommendation", "--fields", "id", "--no-headers"
    ).stdout.split()
    assert ids == ["liu-yurui-2", "liu-yurui-1"]


def test_export_dash_is_stdout_and_the_extension_picks_the_format(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("export", "-o", "-").stdout.startswith("# New-Quality")
    assert not (tmp_path / "-").exists()
    assert cli("export", "-o", "x.html").exit_code == 0
    assert (tmp_path / "x.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert cli("export", "-o", "x.json").exit_code == 0
    assert "overview" in json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    clash = cli("export", "-f", "md", "-o", "y.html")
    assert clash.exit_code == ExitCode.USAGE and not (tmp_path / "y.html").exists()
    assert "--format md does not match 'y.html'" in clash.stderr


def test_validate_gives_each_file_its_verdict(cli) -> None:
    broken = str(MINI.parent / "broken.yaml")
    result = cli("validate", str(MINI), broken)
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stdout.startswith(f"OK: {MINI}: 3 speakers")
    assert f"{broken}:11:27: speakers[0].name: must not be empty" in result.stderr
    report = json.loads(cli("validate", str(MINI), broken, "-f", "json").stdout)
    assert [(v["file"], v["ok"]) for v in report] == [(str(MINI), True), (broken, False)]
    assert report[1]["problems"][0] == {
        "line": 11,
        "column": 27,
        "field": "speakers[0].name",
        "message": "must not be empty",
    }
    assert cli("validate", str(MINI), "-f", "json").exit_code == 0


def test_filters_where_users_look_for_them(cli) -> None:
    quotes = json.loads(cli("quotes", "-s", "wu", "-f", "json").stdout)
    assert {q["speaker_id"] for q in quotes} == {"wu-shaoge"} and len(quotes) == 5
    session = json.loads(cli("quotes", "--session", "round", "-f", "json").stdout)
    assert {q["session_id"] for q in session} == {"round-table"}
    matrix = json.loads(cli("matrix", "--session", "round", "-f", "json").stdout)
    assert [r["speaker_id"] for r in matrix] == [
        "shen-xiaojie",
        "wu-shaoge",
        "hou-hong",
        "cheng-hai",
    ]
    themed = json.loads(cli("matrix", "-t", "responsibility", "-f", "json").stdout)
    assert [r["speaker_id"] for r in themed] == ["shen-xiaojie"]
