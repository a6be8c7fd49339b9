"""Enumerations keep their structure, and items their source, in every view and format."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from tests.conftest import mini_data, write_summit

MODULES = ["infrastructure", "agent middleware", "a repository of data and knowledge"]


def test_talk_numbers_the_parts_under_their_recommendation(cli) -> None:
    lines = cli("talk", "yurui").stdout.splitlines()
    at = lines.index(
        "3. Build a technology platform for generative AI with four core modules:  "
        "[generative-ai, industrial-software-data]  (liu-yurui-3)  (paragraph 3, sentence 3)"
    )
    assert lines[at + 1 : at + 5] == [
        "   3.1 infrastructure",
        "   3.2 agent middleware",
        "   3.3 a repository of data and knowledge",
        "   3.4 application-core capabilities",
    ]
    table = cli("talk", "yurui", "-f", "table").stdout
    assert "3.2 agent middleware" in table and "(paragraph 3, sentence 3)" in table


def test_points_keep_their_parts_too(cli) -> None:
    out = cli("talk", "shen").stdout
    assert "face four problems:  [paradigm-shifts" in out
    assert "\n  - too little talent\n  - falling profits" in out


def test_markdown_nests_the_parts(cli) -> None:
    md = cli("talk", "yurui", "-f", "md").stdout
    assert "3. Build a technology platform" in md
    assert "\n   1. infrastructure\n   1. agent middleware\n" in md


class _Lists(HTMLParser):
    """The text of every <li> and how deeply it is nested."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.items = 0, []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.depth += tag in ("ol", "ul")
        if tag == "li":
            self.items.append([self.depth, ""])

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in ("ol", "ul")

    def handle_data(self, data: str) -> None:
        if self.items and not self.items[-1][1]:
            self.items[-1][1] = data


def test_html_handout_nests_the_parts(cli) -> None:
    parser = _Lists()
    parser.feed(cli("export", "-f", "html").stdout)
    nested = [text for depth, text in parser.items if depth == 2]
    assert all(m in nested for m in MODULES)
    assert [d for d, t in parser.items if t.startswith("Build a technology platform")] == [1]


def test_json_carries_parts_and_sources(cli) -> None:
    talk = json.loads(cli("talk", "hou", "-f", "json").stdout)
    assert [len(r["parts"]) for r in talk["recommendations"]] == [3, 4]
    assert talk["recommendations"][1]["source"] == {
        "section": "Round-table Discussion",
        "paragraph": 3,
        "sentence": 3,
    }
    document = json.loads(cli("export", "-f", "json").stdout)
    recs = [r for t in document["talks"] for r in t["recommendations"]]
    assert len(recs) == 17 and all(r["source"] for r in recs)


def test_theme_view_shows_parts_under_the_recommendation(cli) -> None:
    out = cli("themes", "ecosystems").stdout
    assert (
        "- Recommends: Rebuild automotive ecosystems in four dimensions:\n  - trans-national\n"
        in out
    )
    view = json.loads(cli("themes", "ecosystems", "-f", "json").stdout)
    hou = next(e for e in view["by_speaker"] if e["speaker_id"] == "hou-hong")
    assert hou["recommendations"][0]["parts"][0] == "trans-national"


def test_recommendation_list_has_a_parts_column(cli) -> None:
    rows = json.loads(cli("recommendations", "--speaker", "yurui", "-f", "json").stdout)
    assert [len(r["parts"]) for r in rows] == [0, 0, 4]
    tsv = cli("recommendations", "--speaker", "yurui", "--fields", "id,parts").stdout
    assert tsv.splitlines()[-1] == (
        "liu-yurui-3\tinfrastructure; agent middleware; a repository of data and knowledge; "
        "application-core capabilities"
    )


def test_search_finds_a_part_and_shows_it_in_place(cli) -> None:
    (hit,) = json.loads(cli("search", "agent", "middleware", "-f", "json").stdout)
    assert hit["id"] == "liu-yurui-3"
    assert "(2) agent middleware; (3) a repository" in hit["text"]


def test_counts_count_what_the_article_enumerates(cli) -> None:
    counts = json.loads(cli("overview", "-f", "json").stdout)["counts"]
    assert (counts["points"], counts["recommendations"]) == (18, 17)
    matrix = {r["speaker_id"]: r for r in json.loads(cli("matrix", "-f", "json").stdout)}
    assert matrix["hou-hong"]["ecosystems"] == 1  # one recommendation of four dimensions


def test_overview_says_the_host_is_inferred(cli) -> None:
    out = cli("overview").stdout
    assert "Host:      not stated in the source\n" in out
    assert "Inferred:  host: National School of Development, Peking University (" in out
    assert "Source:    News Center," in out
    event = json.loads(cli("overview", "-f", "json").stdout)["event"]
    assert event["host"] is None and event["inferred"][0]["field"] == "host"


def test_yaml_export_keeps_parts_sources_and_inferences(cli, tmp_path: Path) -> None:
    target = tmp_path / "again.yaml"
    cli("export", "-f", "yaml", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "inferred:" in text and "sentence: 3" in text and "- agent middleware" in text
    assert cli("--data", str(target), "talk", "yurui").stdout == cli("talk", "yurui").stdout


def _broken(tmp_path: Path, change) -> str:
    data = mini_data()
    change(data)
    return str(write_summit(tmp_path / "bad.yaml", data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["talks"][0]["recommendations"][0].update(parts=["only one"]),
            "talks[0].recommendations[0].parts: an enumeration has at least two parts",
        ),
        (
            lambda d: d["talks"][0]["points"][0].update(parts=["a", 7]),
            "talks[0].points[0].parts[1]: expected text, got the int 7",
        ),
        (
            lambda d: d["talks"][0]["points"][0].update(source={"paragraph": 1, "sentence": 0}),
            "talks[0].points[0].source.sentence: sentence numbers start at 1, got 0",
        ),
        (
            lambda d: d["talks"][0]["points"][0].update(source={"paragraph": 1}),
            "talks[0].points[0].source.sentence: required field is missing",
        ),
        (
            lambda d: d["event"].update(inferred=[{"field": "host", "value": "X", "basis": "Y"}]),
            "event.inferred[0].field: event.host is given, so it is not an inference",
        ),
        (
            lambda d: d["event"].update(inferred=[{"field": "venue", "value": "X", "basis": "Y"}]),
            "event.inferred[0].field: cannot infer 'venue'",
        ),
    ],
)
def test_bad_structure_is_reported_with_its_place(cli, tmp_path: Path, change, message) -> None:
    path = _broken(tmp_path, change)
    result = cli("validate", path)
    assert result.exit_code == ExitCode.USAGE
    (line,) = [x for x in result.stderr.splitlines() if message in x]
    place, _ = line.split(f": {message.split(': ')[0]}: ", 1)
    file, row, column = place.rsplit(":", 2)
    assert file == path and int(row) > 0 and int(column) > 0


def test_a_host_left_out_is_valid(cli, tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["event"].pop("host"))
    assert cli("validate", path).exit_code == 0
    assert "Host:      not stated in the source" in cli("--data", path, "overview").stdout
