"""The explorer commands through the real interface: every command x format, names, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from autosummit_cli.domain.errors import ExitCode
from tests.conftest import MINI

LIST_COMMANDS = [["sessions"], ["speakers"], ["recommendations"], ["themes"]]
DETAIL_COMMANDS = [["overview"], ["talk", "yurui"], ["themes", "generative-ai"]]
FORMATS = ["table", "json", "jsonl", "csv", "tsv", "md"]


@pytest.mark.parametrize("command", LIST_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_list_command_in_every_format(cli, command: list[str], fmt: str) -> None:
    result = cli(*command, "-f", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.endswith("\n") and "\x1b" not in out
    if fmt == "json":
        assert isinstance(json.loads(out), list)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert len({len(r) for r in rows}) == 1 and len(rows) > 1
    elif fmt == "md":
        assert out.startswith("| id |")


@pytest.mark.parametrize("command", DETAIL_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "md", None])
def test_every_detail_view_in_its_formats(cli, command: list[str], fmt: str | None) -> None:
    result = cli(*command, *(["-f", fmt] if fmt else []))
    assert result.exit_code == 0, result.output
    if fmt in ("json", "jsonl"):
        assert isinstance(json.loads(result.stdout), dict)
        assert fmt == "json" or result.stdout.count("\n") == 1
    elif fmt == "md":
        assert result.stdout.startswith("# ")
    elif fmt is None:  # not a terminal: plain text, no box drawing
        assert not set(result.stdout) & set("─│┃━╭╮")


@pytest.mark.parametrize("command", DETAIL_COMMANDS, ids=" ".join)
def test_detail_views_refuse_list_formats(cli, command: list[str]) -> None:
    result = cli(*command, "-f", "csv")
    assert result.exit_code == ExitCode.USAGE
    if command[0] == "themes":  # a list without THEME: the option takes every format
        assert "--format csv is for list views; this view supports table, json, jsonl, md" in (
            result.stderr
        )
    else:  # --help lists only what the command takes, and click refuses the rest
        assert "'csv' is not one of 'table', 'json', 'jsonl', 'md'" in result.stderr
        assert "[table|json|jsonl|md]" in cli(*command[:1], "--help").stdout


def test_speakers_tsv_is_one_record_per_line(cli) -> None:
    result = cli("speakers")
    lines = result.stdout.splitlines()
    assert lines[0] == "id\tname\thonorific\trole\torganisation\temba_class\tsession_id\tthemes"
    assert len(lines) == 11
    assert [line for line in lines if "Deloitte" in line] == [
        "liu-yurui\tLiu Yurui\t\tPartner for Automotive Strategy & Business Design\tDeloitte China"
        "\t\texpert-insights\tgenerative-ai; talent-organisation; industrial-software-data"
    ]


def test_exact_csv_on_user_data(cli) -> None:
    result = cli("--data", str(MINI), "recommendations", "-f", "csv")
    assert result.stdout == (
        "id,speaker_id,speaker_name,session_id,text,parts,themes\n"
        "ana-lopez-1,ana-lopez,Ana López,morning,"
        "Invest in solid-state cell pilot lines.,,batteries\n"
        "bo-chen-1,bo-chen,Bo Chen,evening,Localize the supply chain for battery materials.,,"
        "supply-chain; batteries\n"
    )


def test_json_keys_are_stable(cli) -> None:
    speakers = json.loads(cli("speakers", "-f", "json").stdout)
    assert list(speakers[0]) == [
        "id",
        "name",
        "honorific",
        "role",
        "organisation",
        "emba_class",
        "session_id",
        "themes",
    ]
    assert speakers[0]["session_id"] == "summit" and "quality-growth" in speakers[0]["themes"]
    sessions = json.loads(cli("sessions", "-f", "json").stdout)
    assert sessions[0] == {
        "id": "summit",
        "title": "Summit: Clash of Ideas, Industry Insights",
        "speakers": ["guo-xuhao", "huang-zhuo", "liu-erhai"],
    }
    themes = json.loads(cli("themes", "-f", "json").stdout)
    assert {"id", "title", "summary", "speakers"} <= set(themes[0])
    talk = json.loads(cli("talk", "liu-yurui", "-f", "json").stdout)
    assert {
        "speaker_id",
        "session_id",
        "summary",
        "points",
        "recommendations",
        "quotes",
        "figures",
        "themes",
    } <= set(talk)
    assert set(talk["recommendations"][0]) == {"id", "text", "themes", "parts", "source"}
    assert talk["recommendations"][2]["parts"][1] == "agent middleware"
    assert talk["points"][0]["source"] == {
        "section": "Expert Insights",
        "paragraph": 3,
        "sentence": 1,
    }
    talk = json.loads(cli("talk", "liu-erhai", "-f", "json").stdout)
    assert talk["figures"] == [
        {
            "value": 11,
            "unit": "trillion RMB",
            "year": 2023,
            "label": "Output value of China's automotive sector",
        }
    ]
    recs = json.loads(cli("recommendations", "-f", "json").stdout)
    assert list(recs[0]) == [
        "id", "speaker_id", "speaker_name", "session_id", "text", "parts", "themes"
    ]  # fmt: skip
    overview = json.loads(cli("overview", "-f", "json").stdout)
    assert overview["counts"] == {
        "sessions": 3,
        "speakers": 10,
        "talks": 10,
        "points": 18,  # an enumeration in one sentence is one item, its parts listed
        "recommendations": 17,
        "themes": 14,
    }
    assert overview["event"]["source"]["published"] == "2025-11-04"


def test_fields_choose_and_order_columns_in_every_format(cli) -> None:
    assert cli("speakers", "--fields", "name,id", "-f", "csv").stdout.splitlines()[:2] == [
        "name,id",
        "Guo Xuhao,guo-xuhao",
    ]
    table = cli("speakers", "--fields", "name,themes", "-f", "table").stdout
    assert table.split()[:2] == ["name", "themes"] and "Deloitte" not in table
    assert list(json.loads(cli("themes", "--fields", "title", "-f", "json").stdout)[0]) == ["title"]


def test_unknown_field_is_a_usage_error_listing_valid_ones(cli) -> None:
    result = cli("sessions", "--fields", "id,colour")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "autosummit: unknown field 'colour' for --fields; valid fields: id,title,speakers\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    "name", ["liu-yurui", "Liu Yurui", "yurui liu", "YURUI", "yur", "liu_yurui", "  Liu   Yurui "]
)
def test_speaker_name_rules(cli, name: str) -> None:
    result = cli("talk", name, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["speaker_id"] == "liu-yurui"


@pytest.mark.parametrize(
    ("name", "speaker"),
    [
        ("cheng", "cheng-hai"),
        ("shen", "shen-xiaojie"),
        ("hou", "hou-hong"),
        ("Ziliang", "deng-ziliang"),
    ],
)
def test_family_or_given_name_alone(cli, name: str, speaker: str) -> None:
    assert json.loads(cli("talk", name, "-f", "json").stdout)["speaker_id"] == speaker


def test_accents_ignored(cli) -> None:
    result = cli("--data", str(MINI), "talk", "lopez", "-f", "json")
    assert json.loads(result.stdout)["speaker_id"] == "ana-lopez"


def test_ambiguous_name_exits_2_listing_candidates(cli) -> None:
    result = cli("talk", "liu")
    assert result.exit_code == ExitCode.AMBIGUOUS == 2
    assert result.stderr == (
        "autosummit: speaker 'liu' is ambiguous; it matches:\n"
        "  liu-erhai  (Liu Erhai)\n  liu-yurui  (Liu Yurui)\n"
        "Give more of the name or one of the ids.\n"
    )


def test_unknown_name_exits_1_with_did_you_mean(cli) -> None:
    result = cli("talk", "Deng Zilang")
    assert result.exit_code == ExitCode.NOT_FOUND == 1
    assert (
        result.stderr == "autosummit: no speaker named 'Deng Zilang'; did you mean Deng Ziliang?\n"
    )
    assert result.stdout == ""


def test_theme_and_session_resolve_the_same_way(cli) -> None:
    rows = cli("speakers", "--theme", "supply chains", "--session", "round", "-f", "json").stdout
    assert [r["id"] for r in json.loads(rows)] == ["shen-xiaojie", "wu-shaoge"]
    assert json.loads(cli("themes", "AI", "-f", "json").stdout)["id"] == "generative-ai"
    assert cli("themes", "brnad").exit_code == ExitCode.NOT_FOUND


def test_speaker_filters_and_sorts(cli) -> None:
    by_org = json.loads(cli("speakers", "--sort", "org", "-f", "json").stdout)
    assert by_org[0]["organisation"] == "Deloitte China"
    assert by_org[-1]["organisation"] == ""
    names = [r["name"] for r in json.loads(cli("speakers", "--sort", "name", "-f", "json").stdout)]
    assert names == sorted(names)
    assert [
        r["id"] for r in json.loads(cli("speakers", "--org", "deloitte", "-f", "json").stdout)
    ] == ["liu-yurui"]


def test_recommendation_filters(cli) -> None:
    rows = json.loads(cli("recommendations", "--speaker", "wu", "-f", "json").stdout)
    assert [r["id"] for r in rows] == [f"wu-shaoge-{n}" for n in range(1, 6)]
    rows = json.loads(cli("recommendations", "--theme", "responsibility", "-f", "json").stdout)
    assert [r["speaker_id"] for r in rows] == ["shen-xiaojie"]


def test_talk_shows_everything_with_pasteable_ids(cli) -> None:
    out = cli("talk", "wu shaoge").stdout
    for expected in (
        "Wu Shaoge: From product export to brand export",
        "[wu-shaoge]",
        "[round-table]",
        '1. Chinese NEV makers should seek a "value leap"',
        "(paragraph 2, sentence 1)",
        "\u201creverse joint ventures\u201d",
        "Round-table Discussion, paragraph 2",
        "brand-localisation",
    ):
        assert expected in out


def test_theme_summary_per_speaker(cli) -> None:
    view = json.loads(cli("themes", "responsibility", "-f", "json").stdout)
    assert view["speakers"] == ["shen-xiaojie"]
    assert view["by_speaker"][0]["recommendations"][0]["id"] == "shen-xiaojie-3"


def test_validate_prints_one_ok_line(cli) -> None:
    result = cli("validate", str(MINI))
    assert result.stdout == (
        f"OK: {MINI}: 3 speakers, 2 sessions, 3 talks, 2 points, 2 recommendations, 2 themes\n"
    )


def test_validate_uses_data_in_effect(cli) -> None:
    result = cli("validate", env={"AUTOSUMMIT_DATA": str(MINI)})
    assert result.stdout.startswith(f"OK: {MINI}: 3 speakers")


def test_data_from_stdin(cli) -> None:
    result = cli("--data", "-", "sessions", "-f", "json", input=MINI.read_text())
    assert [s["id"] for s in json.loads(result.stdout)] == ["morning", "evening"]


def test_bad_data_exits_2_on_stderr_only(cli, tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("speakers: [\n")
    result = cli("--data", str(bad), "speakers")
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stdout == ""
    assert result.stderr.startswith(f"{bad}:2:1: not valid YAML")
    assert "Traceback" not in result.stderr


def test_bad_option_is_a_usage_error(cli) -> None:
    result = cli("speakers", "--sort", "height")
    assert result.exit_code == ExitCode.USAGE
    assert "Invalid value for '--sort'" in result.stderr


def test_every_command_has_help_with_an_example(cli) -> None:
    for command in (
        "validate",
        "overview",
        "sessions",
        "speakers",
        "talk",
        "recommendations",
        "themes",
    ):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Example: autosummit" in result.stdout, command


def test_version(cli) -> None:
    from autosummit_cli import __version__

    assert cli("--version").stdout == f"autosummit {__version__}\n"


def test_filters_note_n_of_m_only_on_a_terminal(cli) -> None:
    result = cli("speakers", "--session", "summit", "-f", "table")
    assert result.stderr == ""  # CliRunner's stdout is not a terminal


def test_internal_error_is_one_line_unless_debugging(cli, monkeypatch) -> None:
    from autosummit_cli.domain import queries

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(queries, "talk_detail", broken)
    result = cli("talk", "yurui")
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr == (
        "autosummit: internal error (ZeroDivisionError: boom); this is a bug: "
        "rerun with AUTOSUMMIT_DEBUG=1 to see the traceback and report it\n"
    )
    with pytest.raises(ZeroDivisionError):
        cli("talk", "yurui", env={"AUTOSUMMIT_DEBUG": "1"})


def test_names_need_no_quotes(cli) -> None:
    assert json.loads(cli("talk", "Liu", "Yurui", "-f", "json").stdout)["speaker_id"] == "liu-yurui"
    assert json.loads(cli("themes", "supply", "chains", "-f", "json").stdout)["id"] == (
        "supply-chain-profitability"
    )


def test_validate_lists_every_problem_of_the_broken_fixture(cli) -> None:
    broken = str(MINI.parent / "broken.yaml")
    result = cli("validate", broken)
    assert result.exit_code == ExitCode.BAD_DATA and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{broken}:11:27: speakers[0].name: must not be empty",
        f"{broken}:12:10: speakers[1].id: duplicate id 'ana-lopez' in speakers (first at line 11)",
        f"{broken}:17:14: talks[0].speaker: unknown speaker 'ana-lopz'; did you mean 'ana-lopez'?",
        f"{broken}:19:12: talks[0].title: expected text, got the float 1.1; put the text in quotes",
        f"{broken}:21:5: talks[0].venue: unknown field; check its spelling against "
        "data/summit.yaml",
        f"{broken}:24:50: talks[0].recommendations[0].themes[0]: unknown theme 'batteris'; "
        "did you mean 'batteries'?",
    ]


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "TERM": "dumb"}, True),
        ([], {"TERM": "dumb"}, False),
        ([], {}, False),  # CliRunner's stdout is not a terminal
    ],
)
def test_colour_precedence(cli, args: list[str], env: dict[str, str], coloured: bool) -> None:
    out = cli(*args, "speakers", "-f", "table", env=env).stdout
    assert ("\x1b[" in out) is coloured
    assert "Liu Yurui" in out
