"""The bundled data says what the article says, in our own words, and shows where it says it.

These read the article (`../shared/source/summit-article.txt`, beside the project); without it
they skip, saying so. The numbering of paragraphs and sentences is `tests/article.py`'s, the
one docs/fidelity.md documents.
"""

from __future__ import annotations

import re

import pytest

from autosummit_cli.reading.summit_file import load_summit
from tests.article import longest_shared, sections, sentence
from tests.conftest import ARTICLE, BUNDLED

LIMIT = 12  # consecutive words shared with the article (quotations aside) that make a copy


@pytest.fixture(scope="module")
def summit():
    return load_summit(str(BUNDLED))


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"the article is not beside the project (looked for {ARTICLE})")
    return ARTICLE.read_text(encoding="utf-8")


def our_words(summit) -> list[tuple[str, str]]:
    """Every text the data writes in its own words, named so a failure says which."""
    texts = [("event.summary", summit.event.summary or "")]
    texts += [(f"event.inferred.{i.field}", f"{i.value}. {i.basis}") for i in summit.event.inferred]
    texts += [(f"themes.{t.id}.summary", t.summary) for t in summit.themes]
    for talk in summit.talks:
        texts += [(f"{talk.id}.title", talk.title), (f"{talk.id}.summary", talk.summary)]
        for n, item in enumerate(talk.items, 1):
            name = getattr(item, "id", f"{talk.id}#point-{n}")
            texts.append((name, item.text))
            texts += [(f"{name}.{k}", part) for k, part in enumerate(item.parts, 1)]
    return texts


def test_the_numbering_finds_every_sentence(article: str) -> None:
    counted = {name: [len(p) for p in paragraphs] for name, paragraphs in sections(article).items()}
    assert counted == {
        "Summit: Clash of Ideas, Industry Insights": [1, 1, 3],
        "Expert Insights": [2, 2, 3],
        "Round-table Discussion": [3, 3, 3, 3],
    }


def test_the_overlap_measure_sets_quotations_aside() -> None:
    source = 'Brands must move from "product export" to "brand export" to raise premium value.'
    assert longest_shared("They move from product export to brand export.", source) == (
        2,
        "move from",
    )
    assert longest_shared("Brands must move from x", source)[0] == 4
    assert longest_shared("to raise premium value", source)[0] == 4


def test_no_text_copies_twelve_words_of_the_article(summit, article: str) -> None:
    copies = {}
    for name, text in our_words(summit):
        n, words = longest_shared(text, article)
        if n >= LIMIT:
            copies[name] = f"{n} words: {words}"
    assert copies == {}


def test_every_point_and_recommendation_cites_a_sentence_of_its_talk(summit, article: str) -> None:
    for talk in summit.talks:
        family = summit.speaker(talk.speaker).family_name
        for item in talk.items:
            cite = item.source
            assert cite is not None, (talk.id, item.text)
            # An item comes from its talk's own paragraph, where the speaker is named.
            assert cite.paragraph == talk.source.paragraph, (talk.id, item.text)
            found = sentence(article, talk.source.section, cite.paragraph, cite.sentence)
            assert found is not None, (talk.id, item.text, str(cite))
            paragraph = sections(article)[talk.source.section][cite.paragraph - 1]
            assert family and family in " ".join(paragraph), (talk.id, cite)


def test_every_sentence_of_a_talk_is_carried_by_an_item(summit, article: str) -> None:
    for talk in summit.talks:
        paragraph = sections(article)[talk.source.section][talk.source.paragraph - 1]
        cited = {item.source.sentence for item in talk.items if item.source}
        assert cited == set(range(1, len(paragraph) + 1)), talk.id


def test_quotations_in_items_are_verbatim(summit, article: str) -> None:
    for name, text in our_words(summit):
        for quoted in re.findall(r"\"([^\"]+)\"", text):
            # The inference quotes the article's header; everything else only its quotations.
            wanted = quoted if name.startswith("event.inferred") else f'"{quoted}"'
            assert wanted in article, (name, quoted)


def test_each_theme_summary_sentence_names_speakers_who_touch_the_theme(summit) -> None:
    """Theme summaries are synthesis: each sentence names the talks it rests on, and each talk
    it names has an item tagged with the theme (docs/fidelity.md lists which)."""
    for theme in summit.themes:
        tagged = {
            talk.speaker for talk in summit.talks for item in talk.items if theme.id in item.themes
        }
        for said in re.split(r"(?<=\.)\s+", theme.summary):
            named = {s.id for s in summit.speakers if s.name in said}
            assert named, (theme.id, said)
            assert named <= tagged, (theme.id, said, named - tagged)


def test_the_host_is_an_inference_not_a_fact(summit, article: str) -> None:
    assert summit.event.host is None
    assert summit.event.source.publisher == article.splitlines()[0] == "News Center"
    inference = summit.event.inference("host")
    assert inference is not None and "News Center" in inference.basis
    assert "Peking University" not in article.split("\n\n")[0]


DOC = BUNDLED.parent.parent / "docs" / "fidelity.md"
SECTION_KEYS = {
    "Summit": "Summit: Clash of Ideas, Industry Insights",
    "Expert": "Expert Insights",
    "Round-table": "Round-table Discussion",
}
ITEM = re.compile(r"[a-z]+(?:-[a-z]+)*(?:-talk#point-\d+|-\d+)(?: \((?:\d+ parts|part \d+)\))?")


def _table(heading: str) -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def _named_items(summit) -> dict[str, tuple[str, object, object]]:
    """Every item by the name docs/fidelity.md uses: (speaker, talk, item)."""
    named = {}
    for talk in summit.talks:
        for n, point in enumerate(talk.points, 1):
            named[f"{talk.id}#point-{n}"] = (talk.speaker, talk, point)
        for rec in talk.recommendations:
            named[rec.id] = (talk.speaker, talk, rec)
    return named


def test_the_audit_table_lists_what_carries_each_sentence(summit) -> None:
    expected: dict[str, set[str]] = {}
    for name, (_, talk, item) in _named_items(summit).items():
        short = next(k for k, v in SECTION_KEYS.items() if v == talk.source.section)
        key = f"{short} ¶{item.source.paragraph} s{item.source.sentence}"
        expected.setdefault(key, set()).add(
            f"{name} ({len(item.parts)} parts)" if item.parts else name
        )
    rows = {
        row[0]: set(ITEM.findall(row[2]))
        for row in _table("The article, sentence by sentence")
        if row[0].split(" ¶")[0] in SECTION_KEYS
    }
    assert rows == expected


def test_the_theme_table_cites_items_tagged_with_the_theme(summit) -> None:
    named = _named_items(summit)
    themes = {t.id: t for t in summit.themes}
    covered: dict[str, set[int]] = {}
    for theme, said, carried in _table("Theme summaries and what carries them"):
        number = int(said.split(".", 1)[0])
        covered.setdefault(theme, set()).add(number)
        sentences = re.split(r"(?<=\.)\s+", themes[theme].summary)
        speakers = {s.id for s in summit.speakers if s.name in sentences[number - 1]}
        for ref in ITEM.findall(carried):
            speaker, _, item = named[ref.split(" (")[0]]
            assert theme in item.themes and speaker in speakers, (theme, number, ref)
    assert covered == {
        t.id: set(range(1, len(re.split(r"(?<=\.)\s+", t.summary)) + 1)) for t in summit.themes
    }
