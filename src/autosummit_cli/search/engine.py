"""Full-text search over the summit with SQLite FTS5: the index, and the search that asks it.

What is searched: every kind of answer (recommendations, points, talk summaries, theme
summaries, quotes), each with who said it (name, honorific, titles, organisations: a column
weighted below the text). The text is indexed in one spelling (`search_words.fold_text`:
British folded to American), so `localisation` finds `localization`.

How (`search_plan`, `search_rank`): every word first; when no item has them all, the items
with most of them, said so in a note. Words in scripts without spaces (Chinese, Japanese,
Korean, Thai) are matched as substrings through a trigram index.

The index is built one summit at a time (`index_summit`, from the rows `index_rows` makes; the
summits added in one transaction are then made searchable together, `index_added`), and a
summit can be taken out again (`unindex_event`), so a catalog re-indexes only what changed.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from autosummit_cli.domain.errors import AutosummitError, NotFound
from autosummit_cli.search.hints import no_match_message
from autosummit_cli.search.plan import plan
from autosummit_cli.search.query import KINDS, UNSPACED, Filters, parse
from autosummit_cli.search.rank import run
from autosummit_cli.search.words import fold_text, phrase_key, scripts

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Speaker, Summit

# In this order: rows are inserted kind by kind, so ties in score (broken by rowid) put
# recommendations first, then points, summaries, theme summaries, quotes, each in article order.

SCHEMA = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY, kind TEXT, ref TEXT, event TEXT, talk TEXT, speaker_id TEXT,
    speaker TEXT, session TEXT, text TEXT, themes TEXT, terms TEXT
);
CREATE TABLE people (event TEXT, speaker_id TEXT, who TEXT, PRIMARY KEY (event, speaker_id))
    WITHOUT ROWID;
CREATE VIEW searched AS
    SELECT i.id AS id, coalesce(i.terms, i.text) AS text, p.who AS who, i.kind AS kind
    FROM items i LEFT JOIN people p ON p.event = i.event AND p.speaker_id = i.speaker_id;
CREATE VIRTUAL TABLE docs USING fts5(
    text, who, kind, content='searched', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE grams USING fts5(text, content='items', content_rowid='id',
                                      tokenize='trigram');
-- uses: how many events have the word (or script), so one event's can be taken out again
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, uses INTEGER) WITHOUT ROWID;
CREATE TABLE scripts (name TEXT PRIMARY KEY, uses INTEGER) WITHOUT ROWID;
CREATE TABLE synonyms (event TEXT, key TEXT, phrases TEXT, PRIMARY KEY (key, phrases, event))
    WITHOUT ROWID;
CREATE TABLE events (
    position INTEGER PRIMARY KEY, id TEXT, title TEXT, host TEXT, published TEXT,
    speakers INTEGER, talks INTEGER, recommendations INTEGER
);
"""
ITEM_COLUMNS = (
    "kind",
    "ref",
    "event",
    "talk",
    "speaker_id",
    "speaker",
    "session",
    "text",
    "themes",
    "terms",
)
_WORD = re.compile(r"\w+")


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


def who(speaker: Speaker) -> str:
    """What a search for who said it can name: honorific, name, titles and organisations."""
    parts = [speaker.honorific, speaker.name]
    parts += [part for role in speaker.roles for part in (role.title, role.organisation)]
    return " ".join(p for p in parts if p)


def item_rows(summit: Summit) -> Iterator[tuple[str, ...]]:
    """Every searchable text, kind by kind (`KINDS`), each in article order: (kind, ref, talk,
    speaker_id, speaker, session, text, themes)."""
    names = {s.id: s.name for s in summit.speakers}
    for kind in KINDS:
        if kind == "theme":
            for theme in summit.themes:
                yield ("theme", theme.id, "", "", "", "", f"{theme.title}: {theme.summary}", "")
            continue
        for talk in summit.talks:
            base = (talk.id, talk.speaker, names[talk.speaker], talk.session)
            if kind == "summary":
                yield ("summary", talk.id, *base, talk.summary, " ".join(talk.themes))
            elif kind == "point":
                for n, point in enumerate(talk.points, 1):
                    ref = f"{talk.id}#point-{n}"
                    yield ("point", ref, *base, point.whole_text, " ".join(point.themes))
            elif kind == "recommendation":
                for rec in talk.recommendations:
                    yield ("recommendation", rec.id, *base, rec.whole_text, " ".join(rec.themes))
            else:
                for n, quote in enumerate(talk.quotes, 1):
                    yield ("quote", f"{talk.id}#quote-{n}", *base, quote, "")


def summit_rows(summit: Summit) -> Iterator[tuple[str | None, ...]]:
    """The `items` rows of one summit, in `ITEM_COLUMNS` order (`terms`: the text in the
    index's spelling, None when that is the text itself)."""
    for kind, ref, *rest in item_rows(summit):
        yield (kind, ref, summit.event.id, *rest, fold_text(rest[4]))


def people_rows(summit: Summit) -> Iterator[tuple[str, str, str]]:
    for speaker in summit.speakers:
        yield (summit.event.id, speaker.id, fold_text(who(speaker)) or who(speaker))


def synonym_rows(summit: Summit) -> Iterator[tuple[str, str, str]]:
    """(event, key, phrases): for each phrase of a glossary entry, its light key and the
    entry's other phrases, so a query's words find their synonyms by one indexed lookup."""
    for entry in summit.glossary:
        phrases = [entry.term, *entry.means]
        for phrase in phrases:
            key = " ".join(phrase_key(phrase))
            others = [p for p in phrases if phrase_key(p) != phrase_key(phrase)]
            if key and others:
                yield (summit.event.id, key, json.dumps(others, ensure_ascii=False))


class SummitRows(NamedTuple):
    """What the index holds of one summit, made where the summit is read (a worker process on
    a large corpus), so the process that writes the index only inserts it."""

    event: tuple[Any, ...]  # its row of the events table, without the position
    items: list[tuple[Any, ...]]  # `summit_rows`
    people: list[tuple[str, str, str]]  # `people_rows`
    synonyms: list[tuple[str, str, str]]  # `synonym_rows`
    words: list[str]  # the words of its texts and people, for the vocabulary
    scripts: list[str]  # their writing systems


def index_rows(summit: Summit) -> SummitRows:
    event = (
        summit.event.id,
        summit.event.title,
        summit.event.host,
        summit.event.source.published,
        len(summit.speakers),
        len(summit.talks),
        sum(len(t.recommendations) for t in summit.talks),
    )
    items: list[tuple[Any, ...]] = list(summit_rows(summit))
    people = list(people_rows(summit))
    words = _words([row[7] for row in items] + [who for _, _, who in people])
    return SummitRows(
        event,
        items,
        people,
        list(synonym_rows(summit)),
        sorted(words),
        sorted(scripts("".join(set("".join(words))))),
    )


def build_index(connection: sqlite3.Connection, summits: Iterable[Summit]) -> None:
    create_index(connection)
    added = Added()
    for summit in summits:
        index_summit(connection, index_rows(summit), added)
    index_added(connection, added)
    connection.commit()


# The index is built one summit at a time, so that the catalog can replace one data file's
# summit without rebuilding the rest.
def create_index(connection: sqlite3.Connection) -> None:
    connection.executescript(SCHEMA)


@dataclass
class Added:
    """Summits added, not yet searchable: `index_added` makes them so together. FTS5 writes
    one segment per batch, and merging a segment per summit cost a large build most of its
    time; a batch of `BATCH` items keeps that rare, and lets a build index while its workers
    still parse."""

    BATCH = 50_000  # items

    first: int | None = None  # the first item id added
    items: int = 0
    words: Counter[str] = field(default_factory=Counter)  # how many summits use each word
    scripts: Counter[str] = field(default_factory=Counter)


def index_summit(connection: sqlite3.Connection, rows: SummitRows, added: Added) -> None:
    """Add one summit, after the others; searchable once `index_added` has run."""
    connection.execute(
        "INSERT INTO events (position, id, title, host, published, speakers, talks,"
        " recommendations) SELECT coalesce(max(position), -1) + 1, ?, ?, ?, ?, ?, ?, ? FROM events",
        rows.event,
    )
    first = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM items").fetchone()[0]
    connection.executemany(
        f"INSERT INTO items ({', '.join(ITEM_COLUMNS)}) VALUES ({', '.join('?' * 10)})",
        rows.items,
    )
    connection.executemany("INSERT OR IGNORE INTO people VALUES (?, ?, ?)", rows.people)
    connection.executemany("INSERT OR IGNORE INTO synonyms VALUES (?, ?, ?)", rows.synonyms)
    # Only texts in scripts without spaces need the (large) trigram index: a word from such a
    # script can only occur in them.
    unspaced = [(first + n, row[7]) for n, row in enumerate(rows.items) if UNSPACED.search(row[7])]
    connection.executemany("INSERT INTO grams(rowid, text) VALUES (?, ?)", unspaced)
    added.first = first if added.first is None else added.first
    added.items += len(rows.items)
    added.words.update(rows.words)
    added.scripts.update(rows.scripts)


def index_added(connection: sqlite3.Connection, added: Added) -> None:
    """Make the summits added since `added` began searchable."""
    if added.first is None:
        return
    connection.execute(
        "INSERT INTO docs(rowid, text, who, kind) SELECT id, text, who, kind FROM searched"
        " WHERE id >= ?",
        (added.first,),
    )
    _count(connection, "vocabulary", "word", added.words)
    _count(connection, "scripts", "name", added.scripts)


def unindex_event(connection: sqlite3.Connection, event: str) -> None:
    """Remove one summit's rows (the exact inverse of `index_summit`)."""
    indexed = connection.execute(
        "SELECT s.id, s.text, s.who, s.kind FROM searched s JOIN items i ON i.id = s.id"
        " WHERE i.event = ?",
        (event,),
    ).fetchall()
    connection.executemany(
        "INSERT INTO docs(docs, rowid, text, who, kind) VALUES ('delete', ?, ?, ?, ?)", indexed
    )
    originals = connection.execute(
        "SELECT id, text FROM items WHERE event = ?", (event,)
    ).fetchall()
    connection.executemany(
        "INSERT INTO grams(grams, rowid, text) VALUES ('delete', ?, ?)",
        [(rowid, text) for rowid, text in originals if UNSPACED.search(text)],
    )
    people = [
        who for (who,) in connection.execute("SELECT who FROM people WHERE event = ?", (event,))
    ]
    words = _words([text for _, text in originals] + people)
    gone = scripts("".join(set("".join(words))))
    _count(connection, "vocabulary", "word", Counter(dict.fromkeys(words, -1)))
    _count(connection, "scripts", "name", Counter(dict.fromkeys(gone, -1)))
    for table in ("items", "people", "synonyms"):
        connection.execute(f"DELETE FROM {table} WHERE event = ?", (event,))
    connection.execute("DELETE FROM events WHERE id = ?", (event,))


def _count(connection: sqlite3.Connection, table: str, column: str, steps: Counter[str]) -> None:
    """Count each key in (a step up) or out (down) of `table`; a key no event uses any more
    goes."""
    connection.executemany(
        f"INSERT INTO {table} VALUES (?, ?) ON CONFLICT ({column}) DO UPDATE SET uses = uses + ?",
        ((key, step, step) for key, step in sorted(steps.items())),
    )
    if any(step < 0 for step in steps.values()):
        connection.execute(f"DELETE FROM {table} WHERE uses <= 0")


def order_events(connection: sqlite3.Connection, events: list[str]) -> None:
    """Number the events in this order (the order of their data files)."""
    connection.execute("UPDATE events SET position = -1 - position")  # out of the way: all >= 0
    connection.executemany(
        "UPDATE events SET position = ? WHERE id = ?", ((n, e) for n, e in enumerate(events))
    )


def _words(texts: Iterable[str]) -> set[str]:
    return {w.casefold() for text in texts for w in _WORD.findall(text)}


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
class Found:
    """The best results as records, how many matched in all, and whether they hold only some
    of the words (no item had them all)."""

    records: list[dict[str, Any]]
    total: int
    partial: bool = False


def search(
    connection: sqlite3.Connection, text: str, filters: Filters, limit: int | None = None
) -> Found:
    """Every word first, then the items with most of them; raises NotFound with hints that
    work when nothing matches."""
    query = parse(text)
    planned = plan(connection, query)
    records, total = run(connection, planned, filters, limit)
    if total:
        return Found(records, total)
    wider = planned.fallback()
    if wider is not None:
        records, total = run(connection, wider, filters, limit)
        if total:
            return Found(records, total, partial=True)
    raise NotFound(no_match_message(connection, text, query, planned, filters))
