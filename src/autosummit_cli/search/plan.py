"""From a parsed query to what FTS5 is asked: each group of words with its other wordings.

A group is one thing the user asked for (a word, a "phrase", a prefix*, words joined by OR),
at three widths, each a safe FTS5 expression:

- `typed`: the words in any form Porter meets, in the index's spelling, written as one word or
  two (`multimodal` ~ `multi-modal` ~ `multi modal`), prefixes expanded to the data's words;
- `family`: also the word families Porter leaves apart (`quality` ~ `qualitative`);
- `full`: also the synonyms of the data's glossary (`EV` ~ `NEV` ~ `new energy vehicle`).

Items matched only through a wider wording rank below those matched as typed. Stop words are
never required; plain words may be left out by the fallback (`Plan.fallback`), the explicit
syntax never: a "phrase" stays a phrase, a prefix* a prefix, an exclusion an exclusion.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from dataclasses import dataclass, replace

from autosummit_cli.search.query import Query, Term
from autosummit_cli.search.words import family, phrase_key

MAX_EXPANSIONS = 50  # prefix and family alternatives per word
MAX_SPAN = 4  # the longest run of words looked up in the glossary
HELD_SHARE = 0.4  # in a fallback, the share of the words typed that an item must hold
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Group:
    typed: str
    family: str
    full: str
    optional: bool  # plain words only: the fallback may leave it out
    label: str  # as typed, for messages
    words: int = 1  # how many words typed it stands for: what holding it counts in a fallback
    parts: tuple[str, ...] = ()  # several words: each one's `typed`, for partial credit


@dataclass(frozen=True)
class Plan:
    groups: tuple[Group, ...]  # matched by the word index
    unspaced: tuple[tuple[Term, ...], ...]  # matched as substrings (trigram index)
    excluded: tuple[Term, ...]
    proximity: tuple[str, ...]  # plain words in the order typed, for the proximity boost
    minimum: float = 0.0  # in a fallback: how much of the optional groups an item must hold

    @property
    def optional(self) -> list[Group]:
        return [g for g in self.groups if g.optional] if self.minimum else []

    @property
    def optional_words(self) -> int:
        return sum(g.words for g in self.optional)

    def fallback(self) -> Plan | None:
        """The same query with its plain words made optional: an item must hold 40% of the
        words (so one common word of an off-topic query finds nothing)."""
        optional = [g for g in self.groups if g.optional]
        if self.minimum or len(optional) < 2:
            return None
        words = sum(g.words for g in optional)
        return replace(self, minimum=float(max(1, math.ceil(words * HELD_SHARE))))


def plan(connection: sqlite3.Connection, query: Query) -> Plan:
    spaced = [g for g in query.groups if not any(t.unspaced for t in g)]
    unspaced = tuple(g for g in query.groups if any(t.unspaced for t in g))
    every_word_stop = all(len(g) == 1 and g[0].stop for g in spaced) and not unspaced
    lookup = _Lookup(connection, spaced)
    groups = [
        group
        for unit in _units(spaced, lookup)
        if (group := _group(unit, every_word_stop, lookup)) is not None
    ]
    proximity = tuple(
        w
        for g in spaced
        if len(g) == 1 and not g[0].prefix and (every_word_stop or not g[0].stop)
        for w in g[0].words
    )
    if any(len(g) > 1 for g in spaced):
        proximity = ()
    return Plan(tuple(groups), unspaced, query.excluded, proximity)


class _Lookup:
    """The data's words that the query's words may stand for, asked in a few indexed queries."""

    def __init__(self, connection: sqlite3.Connection, groups: list[tuple[Term, ...]]) -> None:
        self.connection = connection
        wanted: set[str] = set()
        for term in (t for g in groups for t in g if t.bare):
            wanted.update(_splits(term.words[0]) if len(term.words) == 1 else [])
            wanted.add("".join(term.words))
        singles = [g[0].words[0] for g in groups if len(g) == 1 and g[0].bare]
        wanted.update(a + b for a, b in zip(singles, singles[1:], strict=False))
        self.known = _present(connection, sorted(wanted))

    def synonyms(self, keys: list[str]) -> dict[str, list[str]]:
        found: dict[str, dict[str, None]] = {}
        for key, phrases in _select(
            self.connection, "SELECT key, phrases FROM synonyms WHERE key IN ({})", keys
        ):
            found.setdefault(key, {}).update(dict.fromkeys(json.loads(phrases)))
        return {key: list(phrases) for key, phrases in found.items()}

    def family(self, word: str) -> list[str]:
        found = family(word)
        if found is None:
            return []
        base, endings = found
        rows = self.connection.execute(
            "SELECT word FROM vocabulary WHERE word >= ? AND word < ? LIMIT ?",
            (base, base + "\U0010ffff", MAX_EXPANSIONS),
        )
        return [w for (w,) in rows if w != word and w[len(base) :] in endings]

    def prefixed(self, prefix: str) -> list[str]:
        rows = self.connection.execute(
            "SELECT word FROM vocabulary WHERE word >= ? AND word < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", MAX_EXPANSIONS),
        )
        return [w for (w,) in rows]


def _select(connection: sqlite3.Connection, sql: str, values: list[str]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for start in range(0, len(values), 500):  # within SQLite's limit on parameters
        chunk = values[start : start + 500]
        rows += connection.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _present(connection: sqlite3.Connection, words: list[str]) -> set[str]:
    sql = "SELECT word, word FROM vocabulary WHERE word IN ({})"
    return {word for word, _ in _select(connection, sql, words)}


def _splits(word: str) -> list[str]:
    if len(word) < 5 or not word.isalpha():
        return []
    return [part for i in range(2, len(word) - 1) for part in (word[:i], word[i:])]


@dataclass(frozen=True)
class _Unit:
    """Groups asked for as one: a glossary phrase (with its entry's other phrases), or two
    words the data writes as one (`joined`), or a single group."""

    groups: tuple[tuple[Term, ...], ...]
    synonyms: tuple[str, ...] = ()
    joined: str | None = None

    @property
    def single_word(self) -> bool:
        if self.synonyms or self.joined or len(self.groups) != 1 or len(self.groups[0]) != 1:
            return False
        term = self.groups[0][0]
        return term.bare and len(term.words) == 1 and not term.stop


def _units(groups: list[tuple[Term, ...]], lookup: _Lookup) -> list[_Unit]:
    """Runs of plain words that a glossary entry names become one unit with that entry's
    other phrases (the longest run first); every other group is a unit of its own."""
    plain = [len(g) == 1 and g[0].bare for g in groups]
    spans: dict[tuple[int, int], str] = {}
    for start in range(len(groups)):
        words: list[str] = []
        for end in range(start, min(len(groups), start + MAX_SPAN)):
            if not plain[end]:
                break
            words += groups[end][0].words
            spans[(start, end + 1)] = " ".join(phrase_key(" ".join(words)))
    synonyms = lookup.synonyms(sorted(set(spans.values())))
    units: list[_Unit] = []
    start = 0
    while start < len(groups):
        ends = [e for (s, e), key in spans.items() if s == start and key in synonyms]
        end = max(ends) if ends else start + 1
        found = synonyms.get(spans.get((start, end), ""), [])
        units.append(_Unit(tuple(groups[start:end]), tuple(found)))
        start = end
    return _joined(units, lookup)


def _joined(units: list[_Unit], lookup: _Lookup) -> list[_Unit]:
    """Two plain words that the data writes as one (`multi modal` ~ `multimodal`): one unit."""
    out: list[_Unit] = []
    for unit in units:
        if out and out[-1].single_word and unit.single_word:
            joined = out[-1].groups[0][0].words[0] + unit.groups[0][0].words[0]
            if joined in lookup.known:
                out[-1] = _Unit((*out[-1].groups, *unit.groups), joined=joined)
                continue
        out.append(unit)
    return out


def _group(unit: _Unit, every_word_stop: bool, lookup: _Lookup) -> Group | None:
    """One unit's expressions; several groups in one unit must all match as typed, or be
    found as the unit's synonyms (or the words written as one) instead."""
    groups = [g for g in unit.groups if every_word_stop or not (len(g) == 1 and g[0].stop)]
    if not groups:
        return None
    typed_all = _all([_any([_typed(t, lookup) for t in g]) for g in groups])
    family_all = _all([_any([_typed(t, lookup) + _family(t, lookup) for t in g]) for g in groups])
    if unit.joined:  # the same word, written as one: as good as typed
        joined = Term((unit.joined,)).fts()
        typed_all, family_all = _any([[typed_all, joined]]), _any([[family_all, joined]])
    spelled = [Term(tuple(w.casefold() for w in _WORD.findall(p))) for p in unit.synonyms]
    alternatives = [t.fts() for t in spelled if t.words]
    full = _any([[family_all, *alternatives]]) if alternatives else family_all
    optional = all(t.bare for g in groups for t in g)
    label = " ".join(t.text() for g in groups for t in g)
    words = sum(len(g[0].words) for g in groups)
    parts = tuple(_any([_typed(g[0], lookup)]) for g in groups) if len(groups) > 1 else ()
    return Group(typed_all, family_all, full, optional, label, words, parts)


def _typed(term: Term, lookup: _Lookup) -> list[str]:
    alternatives = [term.fts()]
    if term.prefix and len(term.words) == 1:
        # Only in the text: the data's words for a prefix stem as Porter does, and who said
        # it would otherwise match too (`generat*` -> generative ~ "General Manager").
        alternatives += [Term((w,)).fts() for w in lookup.prefixed(term.words[0])]
        return ["text : " + _any([alternatives])]
    elif term.bare and len(term.words) > 1 and "".join(term.words) in lookup.known:
        alternatives.append(Term(("".join(term.words),)).fts())  # multi-modal ~ multimodal
    elif term.bare and len(term.words) == 1:
        word = term.words[0]
        for i in range(2, len(word) - 1):
            if word[:i] in lookup.known and word[i:] in lookup.known:
                alternatives.append(Term((word[:i], word[i:])).fts())  # multimodal ~ multi modal
    return alternatives


def _family(term: Term, lookup: _Lookup) -> list[str]:
    if not term.bare or len(term.words) != 1:
        return []
    return [Term((w,)).fts() for w in lookup.family(term.words[0])]


def _any(alternatives: list[list[str]]) -> str:
    flat = list(dict.fromkeys(a for group in alternatives for a in group))
    return flat[0] if len(flat) == 1 else "(" + " OR ".join(flat) + ")"


def _all(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
