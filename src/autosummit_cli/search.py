"""Full-text search over the summit with SQLite FTS5: BM25 ranking, Porter stemming, phrases,
prefixes, exclusions, highlights and did-you-mean from the data's own words.

Ranking: BM25 (the text column counts, the speaker's name a little), then a boost when the
query's words stand together in the order typed (3x) or near each other (2x), ties broken by
article order. Words in scripts without spaces (Chinese, Japanese, Korean, Thai) are matched as
substrings through a trigram index, so a user's data file in Chinese is searchable too.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from autosummit_cli.errors import AutosummitError, NotFound
from autosummit_cli.search_query import UNSPACED, Query, Term, parse

if TYPE_CHECKING:
    from autosummit_cli.model import Summit

KINDS = ("recommendation", "point", "summary", "quote")
PHRASE_BOOST, NEAR_BOOST, NEAR_DISTANCE = 3.0, 2.0, 6
TEXT_WEIGHT, SPEAKER_WEIGHT = 1.0, 0.2
# What people search: the kind column only filters (`kind : recommendation`), so a query for
# "point" finds the word, not every point.
SEARCHED = "{text speaker}"
_OPEN, _CLOSE = "\ue000", "\ue001"  # highlight() markers: private-use, never shown

SCHEMA = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY, kind TEXT, ref TEXT, event TEXT, talk TEXT, speaker_id TEXT,
    speaker TEXT, session TEXT, text TEXT, themes TEXT
);
CREATE VIRTUAL TABLE docs USING fts5(
    text, speaker, kind, content='items', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE grams USING fts5(text, content='items', content_rowid='id',
                                      tokenize='trigram');
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, uses INTEGER) WITHOUT ROWID;  -- uses: events
CREATE TABLE events (
    position INTEGER PRIMARY KEY, id TEXT, title TEXT, host TEXT, published TEXT,
    speakers INTEGER, talks INTEGER, recommendations INTEGER
);
"""


class SearchUnavailable(AutosummitError):
    pass


def connect(path: str = ":memory:") -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x, tokenize='trigram')")
        connection.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError as error:
        raise SearchUnavailable(
            f"search needs SQLite's FTS5 with the trigram tokenizer (SQLite >= 3.34), which this "
            f"Python's sqlite3 (SQLite {sqlite3.sqlite_version}) lacks ({error}); use a Python "
            f"built with a current SQLite (python.org, pyenv and most distributions are)"
        ) from None
    return connection


def item_rows(summit: Summit) -> Iterable[tuple[str, str, str, str, str, str, str, str]]:
    """Every searchable text in article order: (kind, ref, talk, speaker_id, speaker, session,
    text, themes)."""
    for talk in summit.talks:
        who = summit.speaker(talk.speaker).name
        base = (talk.id, talk.speaker, who, talk.session)
        yield ("summary", talk.id, *base, talk.summary, " ".join(talk.themes))
        for n, point in enumerate(talk.points, 1):
            yield ("point", f"{talk.id}#point-{n}", *base, point.whole_text, " ".join(point.themes))
        for rec in talk.recommendations:
            yield ("recommendation", rec.id, *base, rec.whole_text, " ".join(rec.themes))
        for n, quote in enumerate(talk.quotes, 1):
            yield ("quote", f"{talk.id}#quote-{n}", *base, quote, "")


def event_values(summit: Summit) -> tuple[str, str, str, str, int, int, int]:
    """The summit's row of the events table (without its position)."""
    return (
        summit.event.id,
        summit.event.title,
        summit.event.host,
        summit.event.source.published,
        len(summit.speakers),
        len(summit.talks),
        sum(len(t.recommendations) for t in summit.talks),
    )


def build_index(connection: sqlite3.Connection, summits: Iterable[Summit]) -> None:
    create_index(connection)
    for summit in summits:
        index_summit(connection, event_values(summit), list(item_rows(summit)))
    connection.commit()


# The index is built one summit at a time, so that the catalog can replace one data file's
# summit without rebuilding the rest.
def create_index(connection: sqlite3.Connection) -> None:
    connection.executescript(SCHEMA)


def index_summit(
    connection: sqlite3.Connection, values: tuple[Any, ...], rows: list[tuple[str, ...]]
) -> None:
    """Add one summit, after the others: its `event_values` and its `item_rows`."""
    event = values[0]
    connection.execute(
        "INSERT INTO events (position, id, title, host, published, speakers, talks,"
        " recommendations) SELECT coalesce(max(position), -1) + 1, ?, ?, ?, ?, ?, ?, ? FROM events",
        values,
    )
    first = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM items").fetchone()[0]
    connection.executemany(
        "INSERT INTO items (kind, ref, event, talk, speaker_id, speaker, session, text, themes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(kind, ref, event, *rest) for kind, ref, *rest in rows],
    )
    added = connection.execute(
        "SELECT id, text, speaker, kind FROM items WHERE id >= ?", (first,)
    ).fetchall()
    connection.executemany(
        "INSERT INTO docs(rowid, text, speaker, kind) VALUES (?, ?, ?, ?)", added
    )
    # Only texts in scripts without spaces need the (large) trigram index: a word from such a
    # script can only occur in them.
    unspaced = [(rowid, text) for rowid, text, _, _ in added if UNSPACED.search(text)]
    connection.executemany("INSERT INTO grams(rowid, text) VALUES (?, ?)", unspaced)
    connection.executemany(
        "INSERT INTO vocabulary VALUES (?, 1) ON CONFLICT (word) DO UPDATE SET uses = uses + 1",
        ((w,) for w in sorted(_words(row[6] for row in rows))),
    )


def unindex_event(connection: sqlite3.Connection, event: str) -> None:
    """Remove one summit's rows (the exact inverse of `index_summit`)."""
    rows = connection.execute(
        "SELECT id, text, speaker, kind FROM items WHERE event = ?", (event,)
    ).fetchall()
    connection.executemany(
        "INSERT INTO docs(docs, rowid, text, speaker, kind) VALUES ('delete', ?, ?, ?, ?)", rows
    )
    connection.executemany(
        "INSERT INTO grams(grams, rowid, text) VALUES ('delete', ?, ?)",
        [(rowid, text) for rowid, text, _, _ in rows if UNSPACED.search(text)],
    )
    connection.executemany(
        "UPDATE vocabulary SET uses = uses - 1 WHERE word = ?",
        ((w,) for w in _words(text for _, text, _, _ in rows)),
    )
    connection.execute("DELETE FROM vocabulary WHERE uses <= 0")
    connection.execute("DELETE FROM items WHERE event = ?", (event,))
    connection.execute("DELETE FROM events WHERE id = ?", (event,))


def order_events(connection: sqlite3.Connection, events: list[str]) -> None:
    """Number the events in this order (the order of their data files)."""
    connection.execute("UPDATE events SET position = -1 - position")  # out of the way: all >= 0
    connection.executemany(
        "UPDATE events SET position = ? WHERE id = ?", ((n, e) for n, e in enumerate(events))
    )


def _words(texts: Iterable[str]) -> set[str]:
    return {w.casefold() for text in texts for w in re.findall(r"\w+", text)}


def several_events(connection: sqlite3.Connection) -> bool:
    return len(connection.execute("SELECT 1 FROM events LIMIT 2").fetchall()) > 1


def event_rows(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    cursor = connection.execute(
        "SELECT id, title, host, published, speakers, talks, recommendations FROM events"
        " ORDER BY position"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


@dataclass(frozen=True)
class Filters:
    """Each filter is the ids it allows (several where a name resolves in several events)."""

    kinds: tuple[str, ...] = ("recommendation",)
    speaker: tuple[str, ...] = ()
    session: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    event: tuple[str, ...] = ()

    def fts(self) -> str:
        """The kinds as an FTS5 filter: the index answers it without reading the items."""
        return "kind : (" + " OR ".join(Term((kind,)).fts() for kind in self.kinds) + ")"

    def sql(self, kinds: bool = True) -> tuple[str, list[Any]]:
        """The filters on the items table (without the kinds when the index applies them)."""
        clauses = [f"i.kind IN ({', '.join('?' * len(self.kinds))})"] if kinds else []
        params: list[Any] = list(self.kinds) if kinds else []
        for column, values in (
            ("speaker_id", self.speaker),
            ("session", self.session),
            ("event", self.event),
        ):
            if values:
                clauses.append(f"i.{column} IN ({', '.join('?' * len(values))})")
                params += values
        if self.theme:
            either = " OR ".join(["(' ' || i.themes || ' ') LIKE ?"] * len(self.theme))
            clauses.append(f"({either})")
            params += [f"% {theme} %" for theme in self.theme]
        return " AND ".join(clauses), params


def search(
    connection: sqlite3.Connection, text: str, filters: Filters, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The best `limit` results as records, and how many matched in all; raises NotFound with
    suggestions when nothing matches."""
    query = parse(text)
    records, total = _run(connection, query, filters, limit)
    if not total:
        raise NotFound(_no_match_message(connection, text, query, filters))
    return records, total


_COLUMNS = (
    "i.id, i.kind, i.ref, i.event, i.talk, i.speaker_id, i.speaker, i.session, i.text, i.themes"
)


def _where(
    connection: sqlite3.Connection, query: Query, filters: Filters, items: bool = False
) -> tuple[str, list[Any], bool]:
    """FROM ... WHERE ... for the query, its parameters, and whether FTS5 ranks it.

    With words to rank, the index alone answers unless a filter (or `items`, for the columns)
    needs the items table: reading each match there costs a lookup, most of a search on a large
    corpus.
    """
    spaced = [g for g in query.groups if not any(t.unspaced for t in g)]
    unspaced = [g for g in query.groups if any(t.unspaced for t in g)]
    if spaced:
        where, params = filters.sql(kinds=False)
        expression = f"{SEARCHED} : ({_expression(connection, spaced)}) AND {filters.fts()}"
        params = [expression, *params]
        if items or where or unspaced or any(t.unspaced for t in query.excluded):
            sql = "FROM docs JOIN items i ON i.id = docs.rowid WHERE docs MATCH ?"
            sql += f" AND {where}" if where else ""
        else:
            sql = "FROM docs WHERE docs MATCH ?"
    else:
        where, params = filters.sql()
        sql = f"FROM items i WHERE {where}"
    rowid = "docs.rowid" if spaced else "i.id"
    for group in unspaced:
        sql += " AND (" + " OR ".join(_unspaced_clause(t) for t in group) + ")"
        params += [_unspaced_param(t) for t in group]
    for term in query.excluded:
        if term.unspaced:
            sql += f" AND NOT ({_unspaced_clause(term)})"
            params.append(_unspaced_param(term))
        else:
            sql += f" AND {rowid} NOT IN (SELECT rowid FROM docs WHERE docs MATCH ?)"
            params.append(f"{SEARCHED} : ({term.fts()})")
    return sql, params, bool(spaced)


def _count_matches(connection: sqlite3.Connection, query: Query, filters: Filters) -> int:
    sql, params, _ = _where(connection, query, filters)
    return int(connection.execute(f"SELECT count(*) {sql}", params).fetchone()[0])


def _run(
    connection: sqlite3.Connection, query: Query, filters: Filters, limit: int | None
) -> tuple[list[dict[str, Any]], int]:
    few = limit is not None and 0 < limit <= SHOWN_BY_ID  # else one pass reads them all
    sql, params, ranked = _where(connection, query, filters, items=not few)
    unspaced = [t for g in query.groups for t in g if t.unspaced]
    if ranked:
        boost, boost_params = _proximity(query)
        score = f"-bm25(docs, {TEXT_WEIGHT}, {SPEAKER_WEIGHT}, 0) * {boost} AS score"
        if few:
            # One pass in the index ranks every match (their number is the total); only the
            # rows shown are then read from the items table and highlighted.
            scored = connection.execute(
                f"SELECT docs.rowid, {score} {sql} ORDER BY score DESC, docs.rowid",
                [*boost_params, *params],
            ).fetchall()
            total = len(scored)
            rows = _shown(connection, params[0], scored[:limit])
        else:  # many rows shown: one pass reads and highlights them all
            rows = connection.execute(
                f"SELECT {_COLUMNS}, {score}, highlight(docs, 0, '{_OPEN}', '{_CLOSE}') {sql}"
                " ORDER BY score DESC, i.id",
                [*boost_params, *params],
            ).fetchall()
            total = len(rows)
            rows = rows[:limit] if limit else rows
    else:  # only words from scripts without spaces: rank by how often they occur
        rows = [
            (*row, _count(row[8], unspaced), None)
            for row in connection.execute(f"SELECT {_COLUMNS} {sql}", params)
        ]
        total = len(rows)
        rows.sort(key=lambda row: (-row[10], row[0]))
        rows = rows[:limit] if limit else rows
    records = []
    for rank, row in enumerate(rows, 1):
        _, kind, ref, event, talk, speaker_id, speaker, session, body, themes, score, marked = row
        records.append(
            {
                "rank": rank,
                "score": round(score, 3),
                "kind": kind,
                "id": ref,
                "event": event,
                "talk": talk,
                "speaker_id": speaker_id,
                "speaker": speaker,
                "session": session,
                "text": body,
                "themes": themes.split(),
                "matches": _spans(body, marked, unspaced),
            }
        )
    return records, total


SHOWN_BY_ID = 500  # rows read one by one after ranking; more are read in one pass


def _shown(
    connection: sqlite3.Connection, expression: str, scored: list[tuple[int, float]]
) -> list[tuple[Any, ...]]:
    """The items' columns, score and highlighted text of `scored` (rowid, score), in order."""
    ids = [rowid for rowid, _ in scored]
    found = {
        row[0]: row
        for row in connection.execute(
            f"SELECT {_COLUMNS}, highlight(docs, 0, '{_OPEN}', '{_CLOSE}')"
            " FROM docs JOIN items i ON i.id = docs.rowid"
            f" WHERE docs MATCH ? AND docs.rowid IN ({', '.join('?' * len(ids))})",
            [expression, *ids],
        )
    }
    return [(*found[rowid][:-1], score, found[rowid][-1]) for rowid, score in scored]


MAX_EXPANSIONS = 50


def _expression(connection: sqlite3.Connection, groups: list[tuple[Term, ...]]) -> str:
    """The FTS5 expression, with one-word prefixes expanded to the data's own words.

    The index stores Porter stems ("generative" as "gener"), so the prefix "generat*" alone would
    miss it; each word of the data that starts with the prefix is added as an alternative.
    """
    parts = []
    for group in groups:
        alternatives = []
        for term in group:
            alternatives.append(term.fts())
            if term.prefix and len(term.words) == 1:
                stem = term.words[0]
                words = connection.execute(
                    "SELECT word FROM vocabulary WHERE word >= ? AND word < ? LIMIT ?",
                    (stem, stem + "\U0010ffff", MAX_EXPANSIONS),
                )
                alternatives += [Term((word,)).fts() for (word,) in words]
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def _unspaced_clause(term: Term) -> str:
    # The trigram index needs three characters; shorter words are matched with LIKE.
    if len(term.text()) >= 3:
        return "i.id IN (SELECT rowid FROM grams WHERE grams MATCH ?)"
    return "i.text LIKE ? ESCAPE '\\'"


def _unspaced_param(term: Term) -> str:
    if len(term.text()) >= 3:
        return term.fts()
    escaped = term.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _count(body: str, terms: list[Term]) -> float:
    folded = body.casefold()
    return float(sum(folded.count(" ".join(t.words)) for t in terms))


def _proximity(query: Query) -> tuple[str, list[str]]:
    """A score multiplier: 3 where the query's plain words stand together in the order typed,
    2 where they stand near each other, else 1."""
    words = query.plain_words()
    if len(words) < 2 or any(Term((w,)).unspaced for w in words):
        return "1.0", []
    quoted = " ".join(Term((w,)).fts() for w in words)
    inside = "docs.rowid IN (SELECT rowid FROM docs WHERE docs MATCH ?)"
    return (
        f"(CASE WHEN {inside} THEN {PHRASE_BOOST} WHEN {inside} THEN {NEAR_BOOST} ELSE 1.0 END)",
        [f"text : ({Term(tuple(words)).fts()})", f"text : (NEAR({quoted}, {NEAR_DISTANCE}))"],
    )


def _spans(body: str, marked: str | None, unspaced: list[Term]) -> list[list[int]]:
    """[start, end) character offsets of every match in `body`, for highlighting."""
    spans: list[list[int]] = []
    if marked and _OPEN not in body and _CLOSE not in body:
        offset = 0
        for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
            if piece == _OPEN:
                start = offset
            elif piece == _CLOSE:
                spans.append([start, offset])
            else:
                offset += len(piece)
    folded = body.casefold()
    for term in unspaced:
        needle = " ".join(term.words)
        spans += [[m.start(), m.end()] for m in re.finditer(re.escape(needle), folded)]
    return sorted(spans)


def _no_match_message(
    connection: sqlite3.Connection, text: str, query: Query, filters: Filters
) -> str:
    message = f"no matches for {text.strip()[:200]!r}"
    vocabulary = [w for (w,) in connection.execute("SELECT word FROM vocabulary")]
    suggestions: list[str] = []
    alone_hits = []
    for term in query.positive[:8]:
        found = bool(_count_matches(connection, Query(((term,),), ()), filters))
        alone_hits.append(found)
        if not found and not term.prefix:
            for word in term.words[:3]:
                suggestions += difflib.get_close_matches(word, vocabulary, n=2, cutoff=0.75)
    suggestions = [s for s in dict.fromkeys(suggestions) if s not in text.casefold()]
    if suggestions:
        message += "; did you mean " + " or ".join(suggestions[:4]) + "?"
    if len(query.positive) > 1 and all(alone_hits):
        message += (
            "\nEach word matches somewhere, but no single item has them all; "
            "try OR between words, or --all to search points, summaries and quotes too"
        )
    elif filters.kinds == ("recommendation",) and _count_matches(
        connection,
        query,
        Filters(KINDS, filters.speaker, filters.session, filters.theme, filters.event),
    ):
        message += "\nThere are matches outside the recommendations: add --all to see them"
    return message
