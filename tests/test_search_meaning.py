"""Search that finds what people mean: fallback, who said it, scope, vocabulary, glossary, hints."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from tests.conftest import BUNDLED, MINI, ROOT

FALLBACK_NOTE = "no item has every word; showing items with most of them\n"


def search(cli, *args: str):
    return cli("search", *args, "-f", "json", "--limit", "0")


def found(cli, *args: str) -> list[dict]:
    result = search(cli, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# 1. Matching that degrades gracefully


def test_stop_words_are_never_required(cli) -> None:
    result = search(cli, "profits", "of", "dealers")
    assert result.exit_code == 0 and result.stderr == ""  # every word that matters is there
    assert "dealers" in json.loads(result.stdout)[0]["text"]
    first = found(cli, "what", "are", "the", "four", "core", "modules")[0]
    assert first["speaker_id"] == "liu-yurui" and "four core modules" in first["text"]


def test_a_query_of_stop_words_only_requires_them(cli) -> None:
    results = found(cli, "is", "the")
    assert results
    assert all({"is", "the"} <= set(re.findall(r"\w+", r["text"].lower())) for r in results)


def test_a_question_in_plain_english_finds_its_answer(cli) -> None:
    first = found(cli, "how", "should", "chinese", "carmakers", "go", "global?")[0]
    assert "chinese" in first["text"].lower() and "global" in first["text"].lower()


def test_without_every_word_the_items_with_most_of_them_come_with_a_note(cli) -> None:
    result = search(cli, "middleware", "dealers", "profits")
    assert result.exit_code == 0
    assert result.stderr == FALLBACK_NOTE
    limited = cli("search", "middleware", "dealers", "profits", "--limit", "1")
    assert limited.stderr.startswith(FALLBACK_NOTE + "showing 1 of ")


def test_the_fallback_ranks_items_holding_more_words_first(cli) -> None:
    results = found(cli, "middleware", "dealers", "profits")
    first = results[0]["text"].lower()
    assert "dealers" in first and "profits" in first
    assert all(r["score"] <= results[0]["score"] for r in results)


@pytest.mark.parametrize(
    ("words", "narrows"),
    [
        (("middleware", "dealers", "profits"), True),
        (("profits", "of", "dealers", "in", "a", "price", "war"), True),
        (("new", "energy", "vehicle", "dealers", "profits", "talent"), True),  # a glossary phrase
        # eight words, none holding enough of them: the hint's fallback asks too
        (("quality", "quantity", "talent", "gap", "overseas", "localisation", "software"), True),
        # two plain words, one of which is enough: every item with either is a candidate
        (('"core modules"', "dealers", "middleware", "-platform"), False),
    ],
)
def test_the_fallback_asks_for_its_candidates_only_and_finds_the_same(
    cli, monkeypatch: pytest.MonkeyPatch, words: tuple[str, ...], narrows: bool
) -> None:
    # The candidates (the items that could hold enough of the words) are what the fallback
    # counts; counting every item with any word instead must give the very same answer.
    from autosummit_cli.search import rank

    narrowed = search(cli, *words)
    asked: list[str] = []
    real = rank.candidates
    monkeypatch.setattr(rank, "candidates", lambda plan: asked.append(real(plan) or "") or None)
    widest = search(cli, *words)
    assert narrowed.stderr.startswith((FALLBACK_NOTE, "autosummit: no matches"))
    assert (narrowed.exit_code, narrowed.stdout, narrowed.stderr) == (
        widest.exit_code,
        widest.stdout,
        widest.stderr,
    )
    assert asked and all((" AND " in expression) == narrows for expression in asked)


def test_the_fallback_narrows_long_queries_by_a_looser_minimum(cli) -> None:
    from autosummit_cli.search.plan import Group, Plan
    from autosummit_cli.search.rank import MOST_SETS, candidates

    groups = tuple(Group(f'"w{n}"', f'"w{n}"', f'"w{n}"', True, f"w{n}") for n in range(8))
    expression = candidates(Plan(groups, (), (), (), minimum=4.0))
    assert expression is not None  # 70 sets of four are too many: the 56 of three are asked
    assert expression.count(" OR ") + 1 == 56 <= MOST_SETS
    many = tuple(Group(f'"w{n}"', f'"w{n}"', f'"w{n}"', True, f"w{n}") for n in range(9))
    assert candidates(Plan(many, (), (), (), minimum=4.0)) is None  # every item with a word


def test_an_off_topic_query_with_one_common_word_finds_nothing(cli) -> None:
    result = search(cli, "battery", "recycling", "in", "china")
    assert result.exit_code == ExitCode.NOT_FOUND and json.loads(result.stdout) == []
    assert result.stderr == (
        "autosummit: no matches for 'battery recycling in china'\n"
        "Only some of the words occur in the data (china), too few of them in any one item;"
        " try fewer words, or OR between them\n"
    )
    assert search(cli, "Tesla").stderr == "autosummit: no matches for 'Tesla'\n"


def test_explicit_syntax_keeps_its_meaning_in_the_fallback(cli) -> None:
    # The phrase stays required and exact; only the plain words may be left out.
    results = found(cli, '"core modules"', "dealers", "middleware")
    assert results and all("core modules" in r["text"] for r in results)
    assert all(
        "platform" not in r["text"] for r in found(cli, "dealers", "generative", "-platform")
    )
    phrase = found(cli, '"supply chain"')
    assert all("supply chain" in r["text"].lower() for r in phrase)


# 2. Who said it


def test_who_said_it_is_searchable(cli) -> None:
    for query, speaker in [
        (["Deloitte"], "liu-yurui"),
        (["Pera", "Global"], "cheng-hai"),
        (["Joy", "Capital"], "liu-erhai"),
        (["Professor", "Hou"], "hou-hong"),
        (["what", "did", "Deloitte", "say", "about", "AI?"], "liu-yurui"),
    ]:
        assert found(cli, *query)[0]["speaker_id"] == speaker, query


def test_who_said_it_ranks_below_the_text(cli) -> None:
    results = found(cli, "Deloitte", "AI")
    assert {r["speaker_id"] for r in results} == {"liu-yurui"}
    # "global" in Pera Global's name counts less than "global" in the text
    firsts = found(cli, "global")[:5]
    assert all("global" in r["text"].lower() for r in firsts)


def test_a_prefix_never_matches_who_said_it(cli) -> None:
    # generat* would meet "General Manager" in a title through Porter's stem
    assert all("generat" in r["text"].lower() for r in found(cli, "generat*"))


# 3. Scope: see test_search.py (every kind by default, --kind, --all)


def test_kind_is_checked_and_documented(cli) -> None:
    help_text = cli("search", "--help").stdout
    assert "--kind" in help_text and "--all" in help_text
    result = cli("search", "ai", "--kind")
    assert result.exit_code == ExitCode.USAGE


# 4. Vocabulary


@pytest.mark.parametrize(
    ("typed", "in_first"),
    [
        (["localisation"], "locali"),
        (["organisation", "restructuring"], "restructur"),
        (["homogenised", "competition"], "homogenized competition"),
        (["multimodal"], "multi-modal"),
        (["multi", "modal"], "multi-modal"),
        (["homegrown"], "home-grown"),
        (["quality"], "qualit"),
        (["electrify"], "electrif"),
        (["EV"], "EV"),
        (["electric", "cars"], "vehicles"),
        (["artificial", "intelligence"], "AI"),
        (["GenAI"], "generative AI"),
        (["research", "and", "development"], "R&D"),
        (["going", "abroad"], "abroad"),
    ],
)
def test_other_spellings_compounds_and_synonyms_find_the_data(
    cli, typed: list[str], in_first: str
) -> None:
    result = search(cli, *typed)
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert in_first.lower() in json.loads(result.stdout)[0]["text"].lower()


def test_synonyms_rank_below_the_words_typed(cli) -> None:
    # "NEV" is typed: items saying NEV come before those saying "electric vehicle"
    results = found(cli, "NEV")
    says = ["nev" in r["text"].lower().split() for r in results]
    assert says[0] and says == sorted(says, reverse=True)
    assert any(not s for s in says)  # the synonyms found more


def test_match_offsets_cover_a_folded_word(cli, tmp_path: Path) -> None:
    data = tmp_path / "colour.yaml"
    text = MINI.read_text(encoding="utf-8").replace(
        "Dealers are under pressure.", "Dealers favour colour choices."
    )
    data.write_text(text, encoding="utf-8")
    (hit,) = json.loads(cli("--data", str(data), "search", "color", "-f", "json").stdout)
    assert [hit["text"][a:b] for a, b in hit["matches"]] == ["colour"]


# 4. The glossary in the data format


def glossary_file(tmp_path: Path, glossary: str) -> str:
    path = tmp_path / "glossary.yaml"
    path.write_text(MINI.read_text(encoding="utf-8") + glossary, encoding="utf-8")
    return str(path)


def test_a_summit_brings_its_own_synonyms(cli, tmp_path: Path) -> None:
    data = glossary_file(tmp_path, "glossary:\n  - {term: SSB, means: [solid-state battery]}\n")
    assert cli("--data", str(MINI), "search", "SSB").exit_code == ExitCode.NOT_FOUND
    hits = json.loads(cli("--data", data, "search", "SSB", "-f", "json").stdout)
    assert hits and all("solid-state" in h["text"].lower() for h in hits)


@pytest.mark.parametrize(
    ("glossary", "message"),
    [
        (
            "glossary:\n  - {term: SSB, means: []}\n",
            ":49:24: glossary[0].means: lists nothing; give the words or phrases this term",
        ),
        (
            "glossary:\n  - {term: SSB}\n",
            ":49:5: glossary[0].means: required field is missing",
        ),
        (
            "glossary:\n  - {term: SSB, means: [x]}\n  - {term: ssb, means: [y]}\n",
            ":50:12: glossary[1].term: duplicate glossary term 'ssb' (first at line 49)",
        ),
        (
            "glossary:\n  - {term: '--', means: [x]}\n",
            ":49:12: glossary[0].term: needs a word or number to search for",
        ),
        (
            "glossary:\n  - {term: SSB, means: [x], see: y}\n",
            ":49:29: glossary[0].see: unknown field",
        ),
    ],
)
def test_a_bad_glossary_is_a_data_error_with_its_place(
    cli, tmp_path: Path, glossary: str, message: str
) -> None:
    data = glossary_file(tmp_path, glossary)
    result = cli("--data", data, "glossary")
    assert result.exit_code == ExitCode.USAGE
    assert f"{data}{message}" in result.stderr, result.stderr


def test_glossary_lists_the_entries_in_every_list_format(cli) -> None:
    entries = json.loads(cli("glossary", "-f", "json").stdout)
    nev = next(e for e in entries if e["term"] == "NEV")
    assert "electric vehicle" in nev["means"]
    assert cli("glossary", "-f", "tsv").stdout.splitlines()[0] == "term\tmeans"
    assert cli("glossary", "-f", "csv").stdout.startswith("term,means\nNEV,")
    assert cli("glossary", "-f", "md").stdout.startswith("| term | means |\n|---|---|\n")
    lines = cli("glossary", "-f", "jsonl").stdout.splitlines()
    assert len(lines) == len(entries)
    assert cli("glossary", "--fields", "term").stdout.splitlines()[1] == "NEV"


def test_glossary_of_data_without_one_says_so(cli) -> None:
    result = cli("--data", str(MINI), "glossary", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "the data has no glossary" in result.stderr


def test_the_bundled_glossary_ends_the_data_file() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.rstrip().splitlines()[-1].startswith("    means:") or "glossary:" in text
    assert text.index("\nglossary:") > text.index("\ntalks:")


# 5. Hints that help


def test_did_you_mean_only_what_finds_something(cli) -> None:
    result = search(cli, "electrificaton")
    assert result.stderr == (
        "autosummit: no matches for 'electrificaton'; did you mean electrification?\n"
    )
    # short words are never "corrected" to a name (go -> Guo), stop words never offered
    for query in (["gox"], ["thr"], ["teh"]):
        assert "did you mean" not in search(cli, *query).stderr


def test_did_you_mean_corrects_every_misspelt_word_at_once(cli) -> None:
    # the glossary's words count: the data says AI, its glossary "artificial intelligence"
    assert search(cli, "artifical", "inteligence").stderr == (
        "autosummit: no matches for 'artifical inteligence';"
        " did you mean artificial intelligence?\n"
    )
    assert search(cli, "quanity", "over", "qualty").stderr.endswith(
        "did you mean quantity over quality?\n"
    )


def test_did_you_mean_is_run_before_it_is_offered(cli) -> None:
    assert "did you mean profitability?" in search(cli, "profitabilty").stderr
    result = search(cli, "profitabilty", "--kind", "quote")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "did you mean" not in result.stderr  # no quote says profitability


def test_a_query_in_a_script_the_data_does_not_use_says_so(cli) -> None:
    result = search(cli, "电动汽车")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "autosummit: no matches for '电动汽车'; the data has no text in Han (Chinese) script"
        " (its words are in Latin script)\n"
    )


def test_no_hint_to_widen_the_kinds_when_every_kind_is_searched(cli) -> None:
    for args in (["--all"], [], ["--kind", "recommendation", "--all"]):
        assert "--kind" not in search(cli, "electrificaton", *args).stderr


# 6. The relevance benchmark


def test_the_relevance_benchmark_ends_with_a_one_line_summary() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "relevance.py")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith("relevance: search top-1 ") and "| baseline top-1 " in last
