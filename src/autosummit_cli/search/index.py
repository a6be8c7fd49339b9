"""The search index: its tables, and how a summit is put in and taken out again.

What is searched: every kind of answer (recommendations, points, talk summaries, theme
summaries, quotes), each with who said it (name, honorific, titles, organisations: a column
weighted below the text). The text is indexed in one spelling (`words.fold_text`: British
folded to American), so `localisation` finds `localization`.

What is kept: each item's kind, talk and themes in small tables the filters read, and each
summit's texts (ref, text, themes of every item) as one compressed block (`texts`), read back
by `search.texts`. The word index itself (`docs`) keeps no copy of the texts: it reads them
from that block when it highlights a match. So the catalog holds each text once, compressed.

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

from autosummit_cli.reading.limits import MAX_UNSPACED_CHARACTERS, MAX_WORDS
from autosummit_cli.search.query import KINDS, UNSPACED
from autosummit_cli.search.texts import BLOCK_JOIN, block_of, checked_block, item_of, seal
from autosummit_cli.search.words import fold_text, phrase_key, scripts

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Speaker, Summit

# In this order: rows are inserted kind by kind, so ties in score (broken by rowid) put
# recommendations first, then points, summaries, theme summaries, quotes, each in article order.
SCHEMA = f"""
-- A talk's (or, for a theme's summary, an event's) columns, once for all its items
CREATE TABLE talks (
    id INTEGER PRIMARY KEY, event TEXT, talk TEXT, speaker_id TEXT, speaker TEXT, session TEXT
);
CREATE INDEX talks_by_event ON talks (event);
-- themes: the codes (`theme_codes`) of the item's themes, each between spaces
CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT, talk INTEGER, themes TEXT);
CREATE TABLE theme_codes (code INTEGER PRIMARY KEY, theme TEXT UNIQUE);
-- Each summit's [ref, text, themes, terms] of its items, ids first .. first + n - 1
-- (`search.texts`)
CREATE TABLE texts (
    first INTEGER PRIMARY KEY, event TEXT UNIQUE, data BLOB NOT NULL, checksum INTEGER NOT NULL
);
CREATE TABLE people (event TEXT, speaker_id TEXT, who TEXT, PRIMARY KEY (event, speaker_id))
    WITHOUT ROWID;
-- What the word index reads to highlight (`texts.prepare`: the text in the index's spelling)
CREATE VIEW searched AS
    SELECT i.id AS id, item_terms(x.first, x.data, x.checksum, i.id) AS text, p.who AS who,
        i.kind AS kind
    FROM items i JOIN talks t ON t.id = i.talk
    {BLOCK_JOIN}
    LEFT JOIN people p ON p.event = t.event AND p.speaker_id = t.speaker_id;
CREATE VIRTUAL TABLE docs USING fts5(
    text, who, kind, content='searched', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE grams USING fts5(text, content='', tokenize='trigram');
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
_WORD = re.compile(r"\w+")


def who(speaker: Speaker) -> str:
    """What a search for who said it can name: honorific, name, titles and organisations."""
    parts = [speaker.honorific, speaker.name]
    parts += [part for role in speaker.roles for part in (role.title, role.organisation)]
    return " ".join(p for p in parts if p)


class Item(NamedTuple):
    kind: str
    ref: str
    talk: tuple[str, str, str, str]  # (talk, speaker_id, speaker, session); all "" for a theme
    text: str
    themes: str  # space-separated


def items_of(summit: Summit) -> Iterator[Item]:
    """Every searchable text, kind by kind (`KINDS`), each in article order."""
    names = {s.id: s.name for s in summit.speakers}
    for kind in KINDS:
        if kind == "theme":
            for theme in summit.themes:
                text = f"{theme.title}: {theme.summary}"
                yield Item("theme", theme.id, ("", "", "", ""), text, "")
            continue
        for talk in summit.talks:
            base = (talk.id, talk.speaker, names[talk.speaker], talk.session)
            if kind == "summary":
                yield Item("summary", talk.id, base, talk.summary, " ".join(talk.themes))
            elif kind == "point":
                for n, point in enumerate(talk.points, 1):
                    themes = " ".join(point.themes)
                    yield Item("point", f"{talk.id}#point-{n}", base, point.whole_text, themes)
            elif kind == "recommendation":
                for rec in talk.recommendations:
                    yield Item("recommendation", rec.id, base, rec.whole_text, " ".join(rec.themes))
            else:
                for n, quote in enumerate(talk.quotes, 1):
                    yield Item("quote", f"{talk.id}#quote-{n}", base, quote, "")


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
    talks: list[tuple[str, str, str, str]]  # (talk, speaker_id, speaker, session), each once
    items: list[tuple[str, int, str]]  # (kind, its talk's place in `talks`, themes)
    block: bytes  # the items' texts (`texts.block_of`)
    docs: list[tuple[str, str | None, str]]  # what the word index is given: (terms, who, kind)
    unspaced: list[tuple[int, str]]  # (place, text) of the texts the trigram index is given
    people: list[tuple[str, str, str]]  # `people_rows`
    synonyms: list[tuple[str, str, str]]  # `synonym_rows`
    words: list[str]  # the words of its texts and people, for the vocabulary
    scripts: list[str]  # their writing systems


class TooMuchText(ValueError):
    """A summit whose texts would cost the index more than a file may (`reading.limits`)."""


def index_rows(summit: Summit) -> SummitRows:
    """What the index holds of a summit; TooMuchText (before the costly part) if its texts
    hold more words, or more characters of scripts without spaces, than a file may."""
    event = (
        summit.event.id,
        summit.event.title,
        summit.event.host,
        summit.event.source.published,
        len(summit.speakers),
        len(summit.talks),
        sum(len(t.recommendations) for t in summit.talks),
    )
    found = list(items_of(summit))
    talks = list(dict.fromkeys(item.talk for item in found))
    place = {talk: n for n, talk in enumerate(talks)}
    people = list(people_rows(summit))
    whos = {speaker: who for _, speaker, who in people}
    words = _words([item.text for item in found] + [who for _, _, who in people])
    unspaced = _unspaced(0, [item.text for item in found])
    _check_bounds(words, unspaced)
    terms = [fold_text(item.text) for item in found]
    return SummitRows(
        event,
        talks,
        [(item.kind, place[item.talk], item.themes) for item in found],
        block_of([(i.ref, i.text, i.themes, t) for i, t in zip(found, terms, strict=True)]),
        [(t or i.text, whos.get(i.talk[1]), i.kind) for i, t in zip(found, terms, strict=True)],
        unspaced,
        people,
        list(synonym_rows(summit)),
        sorted(words),
        sorted(scripts("".join(set("".join(words))))),
    )


def _check_bounds(words: set[str], unspaced: list[tuple[int, str]]) -> None:
    if len(words) > MAX_WORDS:
        raise TooMuchText(
            f"its texts hold more than {MAX_WORDS:,} different words; "
            "split it into several summit files"
        )
    if sum(len(text) for _, text in unspaced) > MAX_UNSPACED_CHARACTERS:
        raise TooMuchText(
            f"its texts in Chinese, Japanese, Korean or Thai hold more than "
            f"{MAX_UNSPACED_CHARACTERS:,} characters; split it into several summit files"
        )


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

    # (id, *SummitRows.docs) of each item added
    docs: list[tuple[int, str, str | None, str]] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)  # how many summits use each word
    scripts: Counter[str] = field(default_factory=Counter)

    @property
    def items(self) -> int:
        return len(self.docs)


def index_summit(connection: sqlite3.Connection, rows: SummitRows, added: Added) -> None:
    """Add one summit, after the others; searchable once `index_added` has run."""
    event = rows.event[0]
    connection.execute(
        "INSERT INTO events (position, id, title, host, published, speakers, talks,"
        " recommendations) SELECT coalesce(max(position), -1) + 1, ?, ?, ?, ?, ?, ?, ? FROM events",
        rows.event,
    )
    first_talk = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM talks").fetchone()[0]
    connection.executemany(
        "INSERT INTO talks VALUES (?, ?, ?, ?, ?, ?)",
        [(first_talk + n, event, *talk) for n, talk in enumerate(rows.talks)],
    )
    codes = _theme_codes(connection, {t for _, _, themes in rows.items for t in themes.split()})
    first = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM items").fetchone()[0]
    connection.executemany(
        "INSERT INTO items VALUES (?, ?, ?, ?)",
        [
            (first + n, kind, first_talk + talk, "".join(f" {codes[t]} " for t in themes.split()))
            for n, (kind, talk, themes) in enumerate(rows.items)
        ],
    )
    connection.execute(
        "INSERT INTO texts VALUES (?, ?, ?, ?)", (first, event, rows.block, seal(first, rows.block))
    )
    connection.executemany("INSERT OR IGNORE INTO people VALUES (?, ?, ?)", rows.people)
    connection.executemany("INSERT OR IGNORE INTO synonyms VALUES (?, ?, ?)", rows.synonyms)
    # Only texts in scripts without spaces need the (large) trigram index: a word from such a
    # script can only occur in them.
    connection.executemany(
        "INSERT INTO grams(rowid, text) VALUES (?, ?)",
        [(first + n, text) for n, text in rows.unspaced],
    )
    added.docs += [(first + n, *doc) for n, doc in enumerate(rows.docs)]
    added.words.update(rows.words)
    added.scripts.update(rows.scripts)


def _theme_codes(connection: sqlite3.Connection, themes: set[str]) -> dict[str, int]:
    """Each theme's code (catalog-wide, so a theme filter is one code for every event)."""
    # One parameter a theme: MAX_VALUES keeps a file's themes below 20,000, under SQLite's
    # 32,766 (a theme and an item naming it take at least 15 values).
    wanted = sorted(themes)
    connection.executemany(
        "INSERT OR IGNORE INTO theme_codes (theme) VALUES (?)", [(t,) for t in wanted]
    )
    found = connection.execute(
        f"SELECT theme, code FROM theme_codes WHERE theme IN ({', '.join('?' * len(wanted))})",
        wanted,
    )
    return dict(found.fetchall())


def _unspaced(first: int, texts: list[str]) -> list[tuple[int, str]]:
    return [(first + n, text) for n, text in enumerate(texts) if UNSPACED.search(text)]


def index_added(connection: sqlite3.Connection, added: Added) -> None:
    """Make the summits added since `added` began searchable."""
    connection.executemany(
        "INSERT INTO docs(rowid, text, who, kind) VALUES (?, ?, ?, ?)", added.docs
    )
    _count(connection, "vocabulary", "word", added.words)
    _count(connection, "scripts", "name", added.scripts)


def unindex_event(connection: sqlite3.Connection, event: str) -> None:
    """Remove one summit's rows (the exact inverse of `index_summit`)."""
    found = connection.execute(
        "SELECT first, data, checksum FROM texts WHERE event = ?", (event,)
    ).fetchone()
    first, block = (found[0], checked_block(*found)) if found else (0, [])
    texts = [item_of(block, n) for n in range(len(block))]
    last = first + len(texts) - 1
    indexed = connection.execute(
        "SELECT i.id, p.who, i.kind FROM items i JOIN talks t ON t.id = i.talk"
        " LEFT JOIN people p ON p.event = t.event AND p.speaker_id = t.speaker_id"
        " WHERE i.id BETWEEN ? AND ? ORDER BY i.id",
        (first, last),
    ).fetchall()
    connection.executemany(
        "INSERT INTO docs(docs, rowid, text, who, kind) VALUES ('delete', ?, ?, ?, ?)",
        [
            (rowid, terms, who, kind)
            for (rowid, who, kind), (_, _, _, terms) in zip(indexed, texts, strict=True)
        ],
    )
    connection.executemany(
        "INSERT INTO grams(grams, rowid, text) VALUES ('delete', ?, ?)",
        _unspaced(first, [text for _, text, _, _ in texts]),
    )
    people = [
        who for (who,) in connection.execute("SELECT who FROM people WHERE event = ?", (event,))
    ]
    words = _words([text for _, text, _, _ in texts] + people)
    gone = scripts("".join(set("".join(words))))
    _count(connection, "vocabulary", "word", Counter(dict.fromkeys(words, -1)))
    _count(connection, "scripts", "name", Counter(dict.fromkeys(gone, -1)))
    connection.execute("DELETE FROM items WHERE id BETWEEN ? AND ?", (first, last))
    for table in ("talks", "texts", "people", "synonyms"):
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
