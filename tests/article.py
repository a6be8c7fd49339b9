"""The source article as the data's provenance numbers it, and the word-overlap measure.

Numbering (documented in docs/fidelity.md): the article is split into sections at its three
headings; the header above the first heading ("News Center", the title, the date) is no section.
Paragraphs are numbered from 1 within their section, the heading not counted; sentences from 1
within their paragraph, a sentence ending at `.`, `!` or `?` followed by a space and a capital
letter or a quotation mark (a colon or semicolon never ends one).
"""

from __future__ import annotations

import re

HEADINGS = (
    "Summit: Clash of Ideas, Industry Insights",
    "Expert Insights",
    "Round-table Discussion",
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
# A quoted phrase: double quotes, or single quotes that open and close (not the one in "China's").
QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<![A-Za-z])'[^']+'(?![A-Za-z])")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def sections(article: str) -> dict[str, list[list[str]]]:
    """Each section's paragraphs, each paragraph as its sentences."""
    blocks = [b.strip() for b in article.split("\n\n") if b.strip()]
    found: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for block in blocks:
        if block in HEADINGS:
            current = found.setdefault(block, [])
        elif current is not None:
            current.append(SENTENCE_END.split(block))
    return found


def sentence(article: str, section: str, paragraph: int, number: int) -> str | None:
    paragraphs = sections(article).get(section, [])
    if not 1 <= paragraph <= len(paragraphs) or not 1 <= number <= len(paragraphs[paragraph - 1]):
        return None
    return paragraphs[paragraph - 1][number - 1]


def runs(text: str) -> list[list[str]]:
    """The text's words, lower-cased, in runs broken at every quoted phrase."""
    return [WORD.findall(piece.lower().replace("\u2019", "'")) for piece in QUOTED.split(text)]


def longest_shared(text: str, article: str) -> tuple[int, str]:
    """The longest run of consecutive words `text` shares with `article`, quotations aside."""
    spans = runs(article)
    best: tuple[int, str] = (0, "")
    for words in runs(text):
        for start in range(len(words)):
            n = best[0] + 1
            while start + n <= len(words) and _occurs(words[start : start + n], spans):
                best = (n, " ".join(words[start : start + n]))
                n += 1
    return best


def _occurs(needle: list[str], spans: list[list[str]]) -> bool:
    size = len(needle)
    return any(span[i : i + size] == needle for span in spans for i in range(len(span) - size + 1))
