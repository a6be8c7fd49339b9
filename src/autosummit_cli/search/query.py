"""The user's search syntax, parsed and translated for SQLite FTS5.

Users write plain words, "exact phrases", prefix*, -exclusions and OR. Nothing they type is
passed to the engine as syntax: every word is re-quoted, so `NEAR`, `AND`, `:`, `^`, `(` or a
stray quote are just text, and a query either means something or is a usage error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.search.words import STOP_WORDS, fold_word

MAX_TERMS = 64
EXCLUDE = "\u2212"  # a typographic minus excludes too; the CLI marks `-word` with it
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'([-\u2212]?)"([^"]*)"?(\*?)|(\S+)')
# Scripts written without spaces between words: the word tokenizer cannot split them, so these
# terms are matched as substrings (FTS5 trigram index) instead.
UNSPACED = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\u0e00-\u0e7f\U00020000-\U0002fa1f]"
)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False
    quoted: bool = False  # typed in quotes: an exact phrase, never reworded

    @property
    def bare(self) -> bool:
        """Typed as plain word(s): the search may respell it, add synonyms, or leave it out."""
        return not (self.quoted or self.prefix or self.negated or self.unspaced)

    @property
    def stop(self) -> bool:
        return self.bare and len(self.words) == 1 and self.words[0] in STOP_WORDS

    @property
    def unspaced(self) -> bool:
        return any(UNSPACED.search(w) for w in self.words)

    def fts(self) -> str:
        """This term as one quoted FTS5 phrase, in the index's spelling: safe whatever its words
        are."""
        words = self.words if self.prefix else tuple(map(fold_word, self.words))
        phrase = " ".join(words).replace('"', '""')
        return f'"{phrase}"' + (" *" if self.prefix else "")

    def text(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    """All of `groups` must match (each group: any of its terms); none of `excluded` may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def positive(self) -> list[Term]:
        return [term for group in self.groups for term in group]


def parse(text: str) -> Query:
    if not text.strip():
        raise UsageError(
            'empty query; give words to search for, e.g. autosummit search "supply chain"'
        )
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = negate_next = False
    for match in _TOKEN.finditer(text):
        minus, phrase, star, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                join_next = bool(groups)
                continue
            if bare in ("AND", "NOT"):
                negate_next = negate_next or bare == "NOT"
                continue
            minus = "-" if bare[0] in ("-", EXCLUDE) and len(bare) > 1 else ""
            star = "*" if bare.endswith("*") else ""
            phrase = bare
        words = tuple(w.casefold() for w in _WORD.findall(phrase))
        if not words:
            continue
        negated = bool(minus) or negate_next
        term = Term(words, bool(star), negated, quoted=bare is None)
        negate_next = False
        if term.negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    count = sum(map(len, groups)) + len(excluded)
    if count > MAX_TERMS:
        raise UsageError(f"the query has {count} terms; use at most {MAX_TERMS}")
    if not groups:
        if excluded:
            raise UsageError("the query only excludes (-word); add a word to search for")
        raise UsageError(f"nothing to search for in {text[:60]!r}: use letters or numbers")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


# Every kind of item the index holds, in the order results tie-break on.
KINDS = ("recommendation", "point", "summary", "theme", "quote")


@dataclass(frozen=True)
class Filters:
    """Each filter is the ids it allows (several where a name resolves in several events)."""

    kinds: tuple[str, ...] = KINDS
    speaker: tuple[str, ...] = ()
    session: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    event: tuple[str, ...] = ()

    def fts(self) -> str:
        """The kinds as an FTS5 filter (the index answers it without reading the items); empty
        when every kind is searched."""
        if set(KINDS) <= set(self.kinds):
            return ""
        return " AND kind : (" + " OR ".join(Term((k,)).fts() for k in self.kinds) + ")"

    def sql(self, kinds: bool = True) -> tuple[str, list[Any]]:
        """The filters on the items (`i`) and their talks (`t`), without the kinds when the index
        applies them."""
        clauses = [f"i.kind IN ({', '.join('?' * len(self.kinds))})"] if kinds else []
        params: list[Any] = list(self.kinds) if kinds else []
        for column, values in (
            ("speaker_id", self.speaker),
            ("session", self.session),
            ("event", self.event),
        ):
            if values:
                clauses.append(f"t.{column} IN ({', '.join('?' * len(values))})")
                params += values
        if self.theme:  # the items hold their themes' codes, each as " CODE "
            code = "(SELECT ' ' || code || ' ' FROM theme_codes WHERE theme = ?)"
            either = " OR ".join([f"instr(i.themes, {code}) > 0"] * len(self.theme))
            clauses.append(f"({either})")
            params += list(self.theme)
        return " AND ".join(clauses), params

    def every_kind(self) -> Filters:
        return Filters(KINDS, self.speaker, self.session, self.theme, self.event)
