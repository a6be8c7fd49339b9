"""The words of search: stop words, British/American spelling, and a light word key.

SQLite's Porter stemmer meets most word forms (`localize` ~ `localization`), but not British
spellings (`localisation` stems to `localis`) nor `quality` ~ `qualitative`. So every text is
folded to one spelling before FTS5 sees it, on the index and on the query alike. The folding
never lengthens a word (the canonical spelling is the shorter or equal one, padded with spaces
that the tokenizer skips), so offsets in the folded text are offsets in the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Words that carry no subject: a query never requires them (a question in plain English works)
# and a did-you-mean never offers them. Conversational verbs are here too: "what did Deloitte
# say about AI" asks about Deloitte and AI.
_STOP_TEXT = """
    a about above after again against all also am an and any anyone anything are aren as at
    be been before being below between both but by can cannot could couldn did didn do does
    doesn doing don down during each even ever every few for from further had has have having
    he her here hers herself him himself his how i if in into is isn it its itself just let me
    more most much must my myself no nor not now of off on once one only or other others ought
    our ours ourselves out over own please same shall she should so some someone something such
    than that the their theirs them themselves then there these they this those through to too
    under until up us very was we were what whatever when where whether which while who whom
    whose why will with within without would you your yours yourself
    say said says tell told think thinks thought mention mentioned mentions discuss discussed
    discusses talk talked talks speak spoke spoken explain explained view views speaker speakers
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Each pattern rewrites a casefolded word to its canonical (American, or shorter) spelling.
_SPELLINGS = (
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|er|ers|ation|ations|ational|able)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (
        re.compile(
            r"^(arbo|ardo|armo|behavio|clamo|colo|endeavo|favo|fervo|flavo|glamo|harbo|hono|"
            r"humo|labo|neighbo|odo|parlo|rumo|savo|splendo|valo|vigo)ur"
        ),
        r"\1r",
    ),
    (re.compile(r"^(calib|cent|fib|kilomet|lit|lust|met|somb|spect|theat)re(s?)$"), r"\1er\2"),
    (re.compile(r"(?<=\w{3})ogue(s?)$"), r"og\1"),
    (re.compile(r"^(?=\w{8})(\w{3,}[ea])ll(ed|ing|er|ers)$"), r"\1l\2"),
    (re.compile(r"^(\w+)amme(s?)$"), r"\1am\2"),
)
# Whether any of them could apply: one search, so that a word none applies to (most words)
# costs one regular expression, not seven.
_ANY_SPELLING = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _SPELLINGS))
_WORDS = {
    "ageing": "aging",
    "aluminium": "aluminum",
    "amongst": "among",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "defence": "defense",
    "enrollment": "enrolment",
    "fulfill": "fulfil",
    "grey": "gray",
    "jewellery": "jewelry",
    "judgement": "judgment",
    "judgements": "judgments",
    "licence": "license",
    "licences": "licenses",
    "manoeuvre": "maneuver",
    "mould": "mold",
    "offence": "offense",
    "plough": "plow",
    "practise": "practice",
    "sceptical": "skeptical",
    "skillful": "skilful",
    "tyre": "tire",
    "tyres": "tires",
    "whilst": "while",
}
_WORD = re.compile(r"\w+")
_PAD = " "  # the tokenizer's separator, filling what a shorter spelling leaves
_LONGEST = 40  # no word with another spelling is longer: a longer one is left as it is


@functools.lru_cache(maxsize=65536)  # a corpus repeats its words: each is folded once
def fold_word(word: str) -> str:
    """The canonical spelling of a casefolded word (never longer than the word)."""
    if not word.isascii() or not 4 <= len(word) <= _LONGEST:
        return word
    if word in _WORDS:
        return _WORDS[word]
    if _ANY_SPELLING.search(word) is None:
        return word
    for pattern, replacement in _SPELLINGS:
        folded = pattern.sub(replacement, word)
        if folded != word:
            return folded
    return word


def fold_text(text: str) -> str | None:
    """`text` with every word in its canonical spelling, offsets kept; None if nothing changes."""
    pieces: list[str] = []
    end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        folded = fold_word(word.lower()) if word.isascii() else word
        if folded != word.lower():
            pieces += [text[end : match.start()], folded, _PAD * (len(word) - len(folded))]
            end = match.end()
    if not pieces:
        return None
    return "".join(pieces) + text[end:]


def word_key(word: str) -> str:
    """A light stem for comparing short phrases (the glossary's with the query's): plural and
    verb endings off, so `electric vehicles` meets `electric vehicle`, `going` meets `go`."""
    word = fold_word(word.casefold())
    for ending, replacement, shortest in (
        ("ies", "y", 5),
        ("ing", "", 5),
        ("ed", "", 5),
        ("es", "", 5),
        ("s", "", 3),
    ):
        if word.endswith(ending) and len(word) >= shortest and not word.endswith("ss"):
            word = word[: len(word) - len(ending)] + replacement
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in _WORD.findall(text))


# Word families Porter leaves apart: `quality` ~ `qualitative`, `strategy` ~ `strategic`,
# `organization` ~ `organizational`. Each: the endings that share a base.
FAMILIES = (
    ("atively", "ative", "ically", "ical", "ications", "ication", "ics", "ic", "ities", "ity")
    + ("ies", "y"),
    ("ionally", "ional", "ions", "ion"),
)
SHORTEST_BASE = 5


def family(word: str) -> tuple[str, tuple[str, ...]] | None:
    """The part of a word its family shares (`qualit` for quality) and the family's endings."""
    for endings in FAMILIES:
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_BASE:
                return word[: len(word) - len(ending)], endings
    return None


def scripts(text: str) -> set[str]:
    """The writing systems of the letters in `text` (LATIN, CJK, CYRILLIC, ...)."""
    found = set()
    for char in set(text):
        if char.isalpha():
            name = unicodedata.name(char, "")
            found.add(name.split(" ")[0] if name else "UNKNOWN")
    return found
