"""What to say when nothing matches: only hints that work.

A did-you-mean is offered only when the query it suggests finds something (it is run first),
never a stop word, never for a word of fewer than four letters (`go` is not a typo of `Guo`);
a query in a script the data does not use says so; a hint to widen the kinds only when --kind
narrowed them and the other kinds hold matches.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from typing import TYPE_CHECKING

from autosummit_cli.search.plan import Plan, plan
from autosummit_cli.search.query import Query, parse
from autosummit_cli.search.rank import count, run
from autosummit_cli.search.words import STOP_WORDS, scripts

if TYPE_CHECKING:
    from autosummit_cli.search.query import Filters

MIN_TYPO = 4  # shorter words have too many close neighbours to guess from
_SCRIPT_NAMES = {"CJK": "Han (Chinese)", "HANGUL": "Hangul (Korean)"}


def no_match_message(
    connection: sqlite3.Connection, text: str, query: Query, planned: Plan, filters: Filters
) -> str:
    message = f"no matches for {text.strip()[:200]!r}"
    foreign = _foreign_scripts(connection, text)
    if foreign:
        message += foreign
    suggestions = _did_you_mean(connection, text, query, filters)
    if suggestions:
        message += "; did you mean " + " or ".join(suggestions[:4]) + "?"
    if filters.kinds != filters.every_kind().kinds and _matches(
        connection, planned, filters.every_kind()
    ):
        kinds = ", ".join(filters.kinds)
        message += f"\nThere are matches in other kinds than {kinds}: leave out --kind to see them"
    elif len(planned.groups) > 1 and not suggestions:
        present = [
            g.label
            for g in planned.groups
            if count(connection, Plan((g,), (), planned.excluded, ()), filters)
        ]
        if present:
            message += (
                f"\nOnly some of the words occur in the data ({', '.join(present)}), too few of"
                " them in any one item; try fewer words, or OR between them"
            )
    return message


def _matches(connection: sqlite3.Connection, planned: Plan, filters: Filters) -> bool:
    if count(connection, planned, filters):
        return True
    wider = planned.fallback()
    return wider is not None and bool(_held_count(connection, wider, filters))


def _held_count(connection: sqlite3.Connection, planned: Plan, filters: Filters) -> int:
    return run(connection, planned, filters, 1)[1]


def _did_you_mean(
    connection: sqlite3.Connection, text: str, query: Query, filters: Filters
) -> list[str]:
    """Words of the data (or of its glossary) close to the query's unknown words. With all of
    them in place the query must find every word; else each is kept only if the query with it
    in place finds something."""
    vocabulary: list[str] | None = None
    fixes: dict[str, list[str]] = {}
    for term in query.positive[:8]:
        if not term.bare or term.stop or len(term.words) != 1 or len(term.words[0]) < MIN_TYPO:
            continue
        if count(connection, plan(connection, Query(((term,),), ())), filters):
            continue
        vocabulary = vocabulary if vocabulary is not None else _vocabulary(connection)
        close = difflib.get_close_matches(term.words[0], vocabulary, n=3, cutoff=0.75)
        fixes[term.words[0]] = [c for c in close if c not in text.casefold()]
    best = {word: close[0] for word, close in fixes.items() if close}
    if best and count(connection, plan(connection, parse(_corrected(text, best))), filters):
        # several words corrected: the query as corrected
        return list(best.values()) if len(best) == 1 else [" ".join(_corrected(text, best).split())]
    offered: list[str] = []
    for word, close in fixes.items():
        for candidate in close:
            corrected = _corrected(text, {word: candidate})
            if candidate not in offered and _matches(
                connection, plan(connection, parse(corrected)), filters
            ):
                offered.append(candidate)
                break
    return offered


def _corrected(text: str, fixes: dict[str, str]) -> str:
    for word, candidate in fixes.items():
        text = re.sub(rf"(?i)\b{re.escape(word)}\b", candidate, text, count=1)
    return text


def _vocabulary(connection: sqlite3.Connection) -> list[str]:
    """What a did-you-mean may offer: the data's words and its glossary's, no stop words."""
    words = {w for (w,) in connection.execute("SELECT word FROM vocabulary")}
    for (phrases,) in connection.execute("SELECT phrases FROM synonyms"):
        words.update(w.casefold() for p in json.loads(phrases) for w in re.findall(r"\w+", p))
    return sorted(w for w in words if w not in STOP_WORDS and len(w) >= MIN_TYPO - 1)


def _foreign_scripts(connection: sqlite3.Connection, text: str) -> str:
    """'; the data has no text in ... script' when the query's letters are in a script that no
    word of the data uses."""
    used = {name for (name,) in connection.execute("SELECT name FROM scripts")}
    foreign = sorted(scripts(text) - used)
    if not foreign or not used:
        return ""
    names = " or ".join(_SCRIPT_NAMES.get(s, s.title()) for s in foreign)
    known = ", ".join(_SCRIPT_NAMES.get(s, s.title()) for s in sorted(used))
    return f"; the data has no text in {names} script (its words are in {known} script)"
