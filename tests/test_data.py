"""The bundled summit is faithful to the article: who spoke, where, and what they were quoted as."""

from __future__ import annotations

import re

import pytest

from autosummit_cli.reading.sources import bundled_data_path
from autosummit_cli.reading.summit_file import load_summit
from tests.conftest import ARTICLE, BUNDLED, SPEAKERS


@pytest.fixture(scope="module")
def summit():
    return load_summit(str(BUNDLED))


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip("../shared/source/summit-article.txt is not beside the project")
    return ARTICLE.read_text(encoding="utf-8")


def test_bundled_path_is_the_repository_file() -> None:
    assert bundled_data_path().resolve() == BUNDLED.resolve()


def test_ten_speakers_in_article_order(summit) -> None:
    assert [s.name for s in summit.speakers] == SPEAKERS
    assert [t.speaker for t in summit.talks] == [s.id for s in summit.speakers]


def test_three_sessions_in_order(summit) -> None:
    assert [s.title for s in summit.sessions] == [
        "Summit: Clash of Ideas, Industry Insights",
        "Expert Insights",
        "Round-table Discussion",
    ]
    assert [len([t for t in summit.talks if t.session == s.id]) for s in summit.sessions] == [
        3,
        3,
        4,
    ]


def test_roles_and_honorifics_as_the_article_gives_them(summit) -> None:
    by_id = {s.id: s for s in summit.speakers}
    assert by_id["guo-xuhao"].emba_class == 2008
    assert by_id["liu-erhai"].emba_class == 2001
    assert by_id["deng-ziliang"].honorific == "Professor"
    assert by_id["hou-hong"].honorific == "Professor"
    assert by_id["hou-hong"].roles == ()
    assert by_id["yang-yongping"].organisation == "EqualOcean; EOAuto"
    assert by_id["liu-yurui"].organisation == "Deloitte China"
    for silent in ("shen-xiaojie", "wu-shaoge"):
        assert by_id[silent].roles == () and by_id[silent].honorific is None


def test_every_point_and_recommendation_is_tagged(summit) -> None:
    known = {t.id for t in summit.themes}
    assert 8 <= len(known) <= 14
    for talk in summit.talks:
        for item in (*talk.points, *talk.recommendations):
            assert item.themes and set(item.themes) <= known, item


def test_enumerations_keep_their_structure(summit) -> None:
    """What the article enumerates as separate recommendations stays separate; what it lists
    inside one sentence ("four core modules: ...") is one item with parts."""
    by_speaker = {t.speaker: t for t in summit.talks}

    def shape(speaker: str, kind: str = "recommendations") -> list[int]:
        return [len(item.parts) for item in getattr(by_speaker[speaker], kind)]

    assert shape("liu-yurui") == [0, 0, 4]  # three pathways, the third a four-module platform
    assert shape("shen-xiaojie") == [0, 0, 0]  # three development recommendations
    assert shape("hou-hong") == [3, 4]  # AI deployment's three musts; four dimensions
    assert shape("cheng-hai") == [3, 3]  # three dimensions; the three steps the strategy includes
    assert shape("liu-erhai", "points")[-1] == 3  # three paradigm shifts
    assert shape("shen-xiaojie", "points") == [0, 4]  # four problems
    yurui = by_speaker["liu-yurui"].recommendations
    assert [r.id for r in yurui] == ["liu-yurui-1", "liu-yurui-2", "liu-yurui-3"]
    assert yurui[2].parts[1] == "agent middleware"


def test_the_output_value_figure(summit) -> None:
    (figure,) = [f for t in summit.talks for f in t.figures]
    assert (figure.value, figure.unit, figure.year) == (11, "trillion RMB", 2023)


def test_quotes_are_verbatim_and_complete(summit, article: str) -> None:
    ours = [q for t in summit.talks for q in t.quotes]
    for quote in ours:
        assert quote in article, quote
    # Single quotes only where they open and close a phrase, not in "China's".
    quoted = re.findall(r"\"([^\"]+)\"|(?<![A-Za-z])'([^']+)'(?![A-Za-z])", article)
    in_article = [a or b for a, b in quoted]
    assert sorted(ours) == sorted(in_article)


def test_names_and_organisations_appear_in_the_article(summit, article: str) -> None:
    for speaker in summit.speakers:
        assert speaker.name in article
        for role in speaker.roles:
            for part in (role.title, role.organisation):
                assert part is None or part in article, part


def test_provenance_points_at_the_speakers_paragraph(summit, article: str) -> None:
    sections = re.split(r"\n(?=Expert Insights\n|Round-table Discussion\n)", article)
    for talk in summit.talks:
        index = [s.id for s in summit.sessions].index(talk.session)
        paragraphs = [p for p in sections[index].split("\n\n")[1:] if len(p) > 80]
        if index == 0:  # the first section's heading sits below the article's own header
            paragraphs = [p for p in paragraphs if "Summit: Clash" not in p]
        family = summit.speaker(talk.speaker).name
        assert family in paragraphs[talk.source.paragraph - 1], (talk.id, talk.source)
