"""Search: ranking on the bundled data, the query language, filters, messages and CJK data."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autosummit_cli.domain.errors import ExitCode
from tests.conftest import FIXTURES


def found(cli, *args: str) -> list[dict]:
    result = cli("search", *args, "-f", "json", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids(cli, *args: str) -> list[str]:
    return [r["id"] for r in found(cli, *args)]


# A phrase (typed as plain words) that only one talk uses, for each talk.
DISTINCTIVE = {
    "guo-xuhao": "quantitative to qualitative growth",
    "huang-zhuo": "traditional pillar industries headwinds",
    "liu-erhai": "output value trillion",
    "deng-ziliang": "tailor strategies industries objectives",
    "yang-yongping": "going overseas synonymous with globalization",
    "liu-yurui": "agent middleware",
    "shen-xiaojie": "doing no harm ethical baseline",
    "wu-shaoge": "reverse joint ventures lightweight expansion",
    "hou-hong": "human machine complementarity",
    "cheng-hai": "seamless data chains",
}


@pytest.mark.parametrize(("speaker", "phrase"), DISTINCTIVE.items())
def test_a_distinctive_phrase_puts_its_talk_first(cli, speaker: str, phrase: str) -> None:
    # A theme's summary may retell the talk's words; the first item with a speaker is the talk's.
    results = [r for r in found(cli, "--all", *phrase.split()) if r["kind"] != "theme"]
    assert results[0]["speaker_id"] == speaker


def test_words_together_rank_above_scattered_words(cli) -> None:
    results = found(cli, "--all", "supply", "chain")
    first = results[0]["text"].lower()
    assert "supply chain" in first
    scattered = [r for r in results if "supply chain" not in r["text"].lower()]
    assert all(r["score"] < results[0]["score"] for r in scattered)


def test_results_are_ranked_and_deterministic(cli) -> None:
    first = cli("search", "--all", "ai", "-f", "json").stdout
    assert first == cli("search", "--all", "ai", "-f", "json").stdout
    results = json.loads(first)
    assert [r["rank"] for r in results] == list(range(1, len(results) + 1))
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


@pytest.mark.parametrize(
    ("typed", "in_text"),
    [
        ("localize", "localization"),
        ("automating", "automate"),
        ("collaborate", "collaborations"),
        ("profitable", "profitability"),
        ("GLOBALISATION", "globalization"),  # British spelling folded to American
        ("organization", "organisation"),  # and American finds British
        ("homogenised", "homogenized"),
        ("quality", "qualitative"),  # a word family Porter leaves apart
        ("quantitative", "quantity"),
    ],
)
def test_other_word_forms_find_the_article_words(cli, typed: str, in_text: str) -> None:
    results = found(cli, typed)
    assert any(in_text in r["text"] for r in results)


def test_accents_and_case_are_ignored(cli) -> None:
    assert ids(cli, "LOCALIZATION") == ids(cli, "localizatión")


def test_phrase_versus_words(cli) -> None:
    words = ids(cli, "--all", "core", "technology")
    phrase = ids(cli, "--all", '"core technology"')
    assert set(phrase) < set(words) or phrase != words
    assert all("core technology" in r["text"] for r in found(cli, "--all", '"core technology"'))


def test_prefix_finds_stemmed_words(cli) -> None:
    texts = [r["text"] for r in found(cli, "generat*")]
    assert texts and all("generat" in t.lower() for t in texts)


def test_exclusion_with_a_leading_dash(cli) -> None:
    with_platform = ids(cli, "generative")
    without = ids(cli, "generative", "-platform")
    assert "liu-yurui-3" in with_platform and "liu-yurui-3" not in without
    assert set(without) < set(with_platform)
    assert ids(cli, "generative", "NOT", "platform") == without


def test_or_between_alternatives(cli) -> None:
    either = set(ids(cli, "dealers", "OR", "middleware"))
    assert either == set(ids(cli, "dealers")) | set(ids(cli, "middleware"))


def test_filters_use_the_name_rules(cli) -> None:
    results = found(cli, "--all", "ai", "--speaker", "yurui", "--theme", "talent")
    assert {r["speaker_id"] for r in results} == {"liu-yurui"}
    assert all("talent-organisation" in r["themes"] for r in results)
    assert {r["session_id"] for r in found(cli, "--all", "ai", "--session", "round")} == {
        "round-table"
    }


def test_every_kind_is_searched_by_default_and_all_is_an_alias(cli) -> None:
    results = found(cli, "export")
    assert {r["kind"] for r in results} == {"recommendation", "summary", "theme", "quote"}
    assert found(cli, "--all", "export") == results
    assert "point" in {r["kind"] for r in found(cli, "localization")}


def test_each_result_says_its_kind_and_ties_put_recommendations_first(cli) -> None:
    order = ["recommendation", "point", "summary", "theme", "quote"]
    results = found(cli, "export")
    for before, after in zip(results, results[1:], strict=False):
        if before["score"] == after["score"]:
            assert order.index(before["kind"]) <= order.index(after["kind"])
    table = cli("search", "middleware", "--limit", "1").stdout.splitlines()
    assert table[1].split("\t")[2] == "recommendation"


def test_kind_narrows_the_search_and_repeats(cli) -> None:
    assert {r["kind"] for r in found(cli, "export", "--kind", "quote")} == {"quote"}
    both = found(cli, "export", "-k", "quote", "--kind", "Theme")
    assert {r["kind"] for r in both} == {"quote", "theme"}
    result = cli("search", "export", "--kind", "speech")
    assert result.exit_code == ExitCode.USAGE
    assert "'speech' is not one of" in result.stderr


def test_a_theme_summary_is_found_by_its_title(cli) -> None:
    (first, *_) = found(cli, "quality", "over", "quantity")
    assert (first["kind"], first["id"], first["speaker_id"]) == ("theme", "quality-growth", None)
    assert first["text"].startswith("Quality over quantity: ")


def test_match_offsets_point_at_the_words(cli) -> None:
    (result,) = found(cli, "middleware")
    assert [result["text"][a:b] for a, b in result["matches"]] == ["middleware"]


def test_no_match_suggests_words_from_the_data(cli) -> None:
    result = cli("search", "--all", "electrificaton")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert result.stderr == (
        "autosummit: no matches for 'electrificaton'; did you mean electrification?\n"
    )


def test_no_match_hint_points_outside_the_kinds_asked_for(cli) -> None:
    result = cli("search", "electrification", "--kind", "recommendation")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "autosummit: no matches for 'electrification'\n"
        "There are matches in other kinds than recommendation: leave out --kind to see them\n"
    )
    for every in (["--all"], []):  # every kind searched: no hint to widen them
        result = cli("search", "tesla", *every)
        assert result.stderr == "autosummit: no matches for 'tesla'\n"


@pytest.mark.parametrize("query", ["", "   ", "***", '""', "-", "AND OR NOT"])
def test_nothing_to_search_for_is_a_usage_error(cli, query: str) -> None:
    result = cli("search", "--", query)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("autosummit: ")


def test_only_exclusions_is_a_usage_error(cli) -> None:
    result = cli("search", "-platform")
    assert result.exit_code == ExitCode.USAGE
    assert "add a word to search for" in result.stderr


def test_limit_notes_how_many_were_left_out(cli) -> None:
    result = cli("search", "--all", "ai", "--limit", "2", "-f", "json")
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr.startswith("showing 2 of ")


def test_search_rows_in_list_formats(cli) -> None:
    tsv = cli("search", "middleware").stdout.splitlines()
    assert (
        tsv[0] == "rank\tscore\tkind\tid\ttalk_id\tspeaker_id\tspeaker_name\tsession_id"
        "\ttext\tthemes\tmatches"
    )
    # A recommendation's parts are searched and shown with it, numbered.
    assert "four core modules: (1) infrastructure; (2) agent middleware;" in tsv[1]
    assert tsv[1].endswith("\tgenerative-ai; industrial-software-data\t100-110")


def test_chinese_data_is_searchable(cli) -> None:
    data = str(FIXTURES / "cjk.yaml")
    result = cli("--data", data, "search", "品牌出口", "-f", "json")
    (hit,) = json.loads(result.stdout)
    assert hit["id"] == "wang-fang-1" and hit["text"][slice(*hit["matches"][0])] == "品牌出口"
    two = json.loads(cli("--data", data, "search", "汽车", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in two] == [
        ("recommendation", "wang-fang-1"),
        ("theme", "export"),
    ]
    assert cli("--data", data, "search", "人工智能", "-汽车", "-f", "json").exit_code == 0
    assert cli("--data", data, "search", "飞机").exit_code == ExitCode.NOT_FOUND


ODD_QUERIES = [
    '"unterminated',
    "NEAR(a b)",
    "a AND OR NOT",
    "col:umn",
    "^start",
    "back\\slash",
    "(paren",
    "*",
    "emoji 🚗",
    "汽车",
    "\x1b[31mred",
    "x" * 5000,
    "a " * 3000,
    "'single'",
    "{braces}",
    "-",
    "--",
    "OR",
    "OR supply",
    "supply OR",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_queries_never_break(cli, query: str) -> None:
    result = cli("search", "--all", "--", query)
    assert result.exit_code in (0, 1, 2)
    assert "internal error" not in result.stderr


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80))
def test_no_query_string_breaks_search(cli, query: str) -> None:
    result = cli("search", "--all", "--", query)
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_python_without_fts5_is_told_so(cli, monkeypatch) -> None:
    import sqlite3

    from autosummit_cli.search import engine as search

    class NoFts5(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[override]
            if "fts5" in sql:
                raise sqlite3.OperationalError("no such module: fts5")
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(
        search.sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=NoFts5, **k)
    )
    assert cli("speakers", "-f", "json").exit_code == 0  # only search needs FTS5
    result = cli("search", "supply")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(
        "autosummit: search needs SQLite's FTS5 with the trigram tokenizer"
    )
    assert "no such module: fts5" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--all", "supply", "chain"],
        ["generative", "-platform"],
        ["--all", "ai", "--speaker", "yurui"],
        ["dealers", "OR", "middleware"],
        ["gener*"],
    ],
)
def test_rows_read_after_ranking_equal_rows_read_in_one_pass(cli, args: list[str]) -> None:
    # --limit 0 reads every match in one pass; a small limit ranks in the index first, then
    # reads only the rows shown. Both must give the same rows, scores and highlights.
    every = found(cli, *args)
    assert len(every) > 1
    for limit in (1, 2, len(every)):
        shown = cli("search", *args, "-f", "json", "--limit", str(limit))
        assert json.loads(shown.stdout) == every[:limit]


def test_an_event_filter_ranks_as_without_it(cli) -> None:
    # With a filter the items table joins the ranking; without one the index ranks alone.
    event = json.loads(cli("events", "-f", "json").stdout)[0]["id"]
    alone = cli("search", "--all", "supply", "-f", "json").stdout
    assert cli("--event", event, "search", "--all", "supply", "-f", "json").stdout == alone


def test_the_names_of_kinds_are_searched_as_words(cli) -> None:
    # The index keeps each item's kind in a column of its own, to filter by; a query must never
    # match that column. None of these words is in the article.
    for word in ("quote", "quotes", "summary", "recommendation", "theme"):
        assert cli("search", "--all", word).exit_code == ExitCode.NOT_FOUND, word
    assert ids(cli, "--all", "supply", "-quote") == ids(cli, "--all", "supply")
    assert ids(cli, "--all", "supply", "-summary") == ids(cli, "--all", "supply")
