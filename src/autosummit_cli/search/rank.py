"""Ask the index for a plan's matches, ranked, with the offsets of the words found.

Score: BM25 (the text counts, who said it a little), times a boost when the query's words stand
together in the order typed (3x) or near each other (2x), times a discount for items found only
through a wider wording (word family 0.85, glossary synonym 0.7); in a fallback, times the
square of the share of the words an item holds. Ties keep the index's order (kind, then
article order).
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from itertools import combinations
from typing import TYPE_CHECKING, Any

from autosummit_cli.search.query import Term
from autosummit_cli.search.texts import BLOCK_JOIN, KEPT, item_texts

if TYPE_CHECKING:
    from autosummit_cli.search.plan import Plan
    from autosummit_cli.search.query import Filters

PHRASE_BOOST, NEAR_BOOST, NEAR_DISTANCE = 3.0, 2.0, 6
TEXT_WEIGHT, WHO_WEIGHT = 1.0, 0.25
FAMILY_WEIGHT, SYNONYM_WEIGHT = 0.85, 0.7
# In a fallback, how much a word counts found as typed, through a wider wording, or only in
# who said it.
HELD_TYPED, HELD_WIDER, HELD_WHO = 1.0, 0.7, 0.5
# What people search: the kind column only filters (`kind : recommendation`), so a query for
# "point" finds the word, not every point.
SEARCHED = "{text who}"
# In a fallback, the most groups and sets of them that `candidates` narrows the matches by.
MOST_GROUPS, MOST_SETS = 8, 64
SHOWN_BY_ID = 500  # rows read one by one after ranking; more are read in one pass
_OPEN, _CLOSE = "\ue000", "\ue001"  # highlight() markers: private-use, never shown
# An item's columns the index keeps in tables; its ref, text and themes are in its summit's
# block of texts (`texts`).
_COLUMNS = "i.id, i.kind, t.event, t.talk, t.speaker_id, t.speaker, t.session"
_ITEMS = " JOIN items i ON i.id = docs.rowid JOIN talks t ON t.id = i.talk"
_TEXTS = " " + BLOCK_JOIN
_INSIDE = "docs.rowid IN (SELECT rowid FROM docs WHERE docs MATCH ?)"


def expression(plan: Plan, width: str = "full", column: str = SEARCHED) -> str:
    """The FTS5 expression every match satisfies (in a fallback: the required groups and any
    optional one)."""
    required = [getattr(g, width) for g in plan.groups if not (plan.minimum and g.optional)]
    if plan.minimum:
        required.append("(" + " OR ".join(g.full for g in plan.optional) + ")")
    return f"{column} : (" + " AND ".join(required) + ")"


def where(plan: Plan, filters: Filters, items: bool = False) -> tuple[str, list[Any], bool]:
    """FROM ... WHERE ... for the plan, its parameters, and whether FTS5 ranks it.

    With words to rank, the index alone answers unless a filter (or `items`, for the columns)
    needs the items table: reading each match there costs a lookup, most of a search on a large
    corpus.
    """
    if plan.groups:
        clauses, params = filters.sql(kinds=False)
        params = [expression(plan) + filters.fts(), *params]
        sql = "FROM docs"
        if plan.minimum:  # docs first (CROSS JOIN): the index's matches, each looked up in held
            held, held_params = _held(plan)
            sql += f" CROSS JOIN ({held}) h ON h.rowid = docs.rowid"
            params = [*held_params, *params]
        if items or clauses or plan.unspaced or any(t.unspaced for t in plan.excluded):
            sql += _ITEMS + (_TEXTS if _liked(plan) else "")
        sql += " WHERE docs MATCH ?" + (f" AND {clauses}" if clauses else "")
    else:
        clauses, params = filters.sql()
        sql = "FROM items i JOIN talks t ON t.id = i.talk" + (_TEXTS if _liked(plan) else "")
        sql += f" WHERE {clauses}"
    rowid = "docs.rowid" if plan.groups else "i.id"
    for group in plan.unspaced:
        sql += " AND (" + " OR ".join(_unspaced_clause(t) for t in group) + ")"
        params += [_unspaced_param(t) for t in group]
    for term in plan.excluded:
        if term.unspaced:
            sql += f" AND NOT ({_unspaced_clause(term)})"
            params.append(_unspaced_param(term))
        else:
            sql += f" AND {rowid} NOT IN (SELECT rowid FROM docs WHERE docs MATCH ?)"
            params.append(f"{SEARCHED} : ({term.fts()})")
    return sql, params, bool(plan.groups)


def _liked(plan: Plan) -> bool:
    """Whether a word is matched with LIKE (`_unspaced_clause`), which reads the texts."""
    terms = [*(t for g in plan.unspaced for t in g), *(t for t in plan.excluded if t.unspaced)]
    return any(len(t.text()) < 3 for t in terms)


def count(connection: sqlite3.Connection, plan: Plan, filters: Filters) -> int:
    sql, params, _ = where(plan, filters)
    return int(connection.execute(f"SELECT count(*) {sql}", params).fetchone()[0])


def _held(plan: Plan) -> tuple[str, list[Any]]:
    """In a fallback, a table of (rowid, held): how much of the optional groups each item holds
    that holds enough of them (`plan.minimum`), and its parameters. Made from one pass over the
    matches of each wording, rather than asking for every match of any word whether it is
    among the matches of each wording: that cost a large corpus most of a fallback's time.
    Only the candidates (`candidates`) are counted: the others cannot hold enough."""
    narrowed = candidates(plan)
    among = " AND +rowid IN candidates" if narrowed else ""  # +: FTS5 reads its matches once
    arms, params, held = [], [], []
    for n, group in enumerate(plan.optional):
        cases = [(f"text : ({group.typed})", HELD_TYPED)]
        if group.full != group.typed:
            cases.append((f"text : ({group.full})", HELD_WIDER))
        # Only in who said it: the items with it in the text hold more through those above.
        cases.append((f"({SEARCHED} : ({group.full})) NOT (text : ({group.full}))", HELD_WHO))
        for wording, share in cases:  # its best wording counts (the shares are in that order)
            arms.append(f"SELECT rowid, {n} AS g, {group.words} * {share} AS credit, 0 AS part")
            params.append(wording)
        for part in group.parts:  # each of its words held alone counts too
            arms.append(f"SELECT rowid, {n}, 0, 1")
            params.append(f"text : ({part})")
        credit = f"max(CASE WHEN g = {n} THEN credit ELSE 0 END)"
        if group.parts:
            credit = f"max({credit}, sum(CASE WHEN g = {n} THEN part ELSE 0 END))"
        held.append(credit)
    hits = " UNION ALL ".join(f"{arm} FROM docs WHERE docs MATCH ?{among}" for arm in arms)
    # The groups added in order, as one expression: the same sums (to the last bit) as ever.
    sql = f"SELECT rowid, {' + '.join(held)} AS held FROM ({hits}) GROUP BY rowid HAVING held >= ?"
    if narrowed:
        sql = "WITH candidates AS MATERIALIZED (SELECT rowid FROM docs WHERE docs MATCH ?) " + sql
        params.insert(0, narrowed)
    return sql, [*params, plan.minimum]


def candidates(plan: Plan) -> str | None:
    """In a fallback, an FTS5 expression that every item holding enough of the words matches,
    and few others: for each smallest set of groups that could hold `plan.minimum` (a group
    holds at most its words), all of them. None when that is every item with any word (or
    the sets are too many to ask for: a lower minimum then gives a looser set, still a
    superset). So the index finds the few candidates, not every item holding any one word."""
    groups = plan.optional
    if len(groups) > MOST_GROUPS:
        return None
    weights = [g.words for g in groups]
    need = plan.minimum
    while need > min(weights):
        sets = _smallest_sets(weights, need)
        if len(sets) <= MOST_SETS:
            holds = ["(" + " OR ".join(dict.fromkeys([g.full, *g.parts])) + ")" for g in groups]
            ands = ["(" + " AND ".join(holds[n] for n in chosen) + ")" for chosen in sets]
            return f"{SEARCHED} : (" + " OR ".join(ands) + ")"
        need -= 1
    return None


def _smallest_sets(weights: list[int], need: float) -> list[tuple[int, ...]]:
    """Every set of indices whose weights reach `need` and would not without any one of them."""
    return [
        chosen
        for size in range(1, len(weights) + 1)
        for chosen in combinations(range(len(weights)), size)
        if (total := sum(weights[n] for n in chosen)) >= need
        and total - min(weights[n] for n in chosen) < need
    ]


def _score(plan: Plan) -> tuple[str, list[str]]:
    """`base` (BM25 x proximity x wording) and `held` (in a fallback, how much of the optional
    groups an item holds) as SQL columns, and their parameters."""
    boost, params = _proximity(plan.proximity)
    base = f"-bm25(docs, {TEXT_WEIGHT}, {WHO_WEIGHT}, 0) * {boost}"
    if plan.minimum:
        return f"{base} AS base, h.held AS held", params
    typed, family, full = (expression(plan, w) for w in ("typed", "family", "full"))
    if full != typed:
        wording = f"WHEN {_INSIDE} THEN 1.0 "
        params.append(typed)
        if family not in (typed, full):
            wording += f"WHEN {_INSIDE} THEN {FAMILY_WEIGHT} "
            params.append(family)
        last = SYNONYM_WEIGHT if family != full else FAMILY_WEIGHT
        base += f" * (CASE {wording}ELSE {last} END)"
    return f"{base} AS base, 0 AS held", params


def run(
    connection: sqlite3.Connection, plan: Plan, filters: Filters, limit: int | None
) -> tuple[list[dict[str, Any]], int]:
    """The best `limit` matches as records, and how many there are in all."""
    few = limit is not None and 0 < limit <= SHOWN_BY_ID  # else one pass reads them all
    sql, params, ranked = where(plan, filters, items=not few)
    matched = expression(plan) + filters.fts()  # what highlights the rows shown
    unspaced = [t for g in plan.unspaced for t in g]
    if ranked:
        columns, score_params = _score(plan)
        share = f"(held / {float(plan.optional_words)})" if plan.minimum else "1.0"
        ranking = (
            f" SELECT *, base * {share} * {share} AS score FROM ({{}}) WHERE held >= ?"
            " ORDER BY score DESC, rowid"
        )
        if few and not plan.minimum:
            # The index counts the matches and ranks them, keeping only the best; only the
            # rows shown are then read from the items table and highlighted.
            total = int(connection.execute(f"SELECT count(*) {sql}", params).fetchone()[0])
            scored = connection.execute(
                f"SELECT docs.rowid AS rowid, {columns} {sql} ORDER BY base DESC, rowid LIMIT ?",
                [*score_params, *params, limit],
            ).fetchall()
            rows = _shown(connection, matched, [(rowid, base) for rowid, base, _ in scored])
        elif few:  # a fallback: how many hold enough of the words is known once all are scored
            inner = f"SELECT docs.rowid AS rowid, {columns} {sql}"
            scored = connection.execute(
                "SELECT rowid, score FROM (" + ranking.format(inner) + ")",
                [*score_params, *params, plan.minimum],
            ).fetchall()
            total = len(scored)
            rows = _shown(connection, matched, scored[:limit])
        else:  # many rows shown: one pass ranks them all; they are highlighted in id order
            inner = f"SELECT {_COLUMNS}, docs.rowid AS rowid, {columns} {sql}"
            found = connection.execute(
                ranking.format(inner), [*score_params, *params, plan.minimum]
            ).fetchall()
            total = len(found)
            found = found[:limit] if limit else found
            marks, texts = _marked(connection, matched, [row[0] for row in found])
            rows = [(*row[:7], row[-1], marks.get(row[0])) for row in found]
    else:  # only words from scripts without spaces: rank by how often they occur
        rows, total = _by_count(connection, sql, params, unspaced, limit)
    if not ranked or few:
        texts = item_texts(connection, [row[0] for row in rows])
    return [_record(rank, row, texts[row[0]], unspaced) for rank, row in enumerate(rows, 1)], total


def _marked(
    connection: sqlite3.Connection, expression: str, rowids: list[int]
) -> tuple[dict[int, str], dict[int, list[str]]]:
    """The highlighted text and the texts of many items, in the index's order, the items of
    `KEPT` summits at a time: so the highlighting and the records decode each summit's block
    of texts once, and only the matches of those summits are asked for."""
    firsts = [first for (first,) in connection.execute("SELECT first FROM texts ORDER BY first")]
    wanted = sorted(rowids)
    marks: dict[int, str] = {}
    texts: dict[int, list[str]] = {}
    for start in range(0, len(firsts), KEPT):
        low = bisect_left(wanted, firsts[start])
        high = bisect_left(wanted, firsts[start + KEPT]) if start + KEPT < len(firsts) else None
        chunk = wanted[low:high]
        if chunk:
            marks.update(
                connection.execute(
                    f"SELECT rowid, highlight(docs, 0, '{_OPEN}', '{_CLOSE}') FROM docs"
                    " WHERE docs MATCH ? AND rowid BETWEEN ? AND ?",
                    (expression, chunk[0], chunk[-1]),
                )
            )
            texts.update(item_texts(connection, chunk))
    return marks, texts


def _by_count(
    connection: sqlite3.Connection,
    sql: str,
    params: list[Any],
    unspaced: list[Term],
    limit: int | None,
) -> tuple[list[tuple[Any, ...]], int]:
    found = connection.execute(f"SELECT {_COLUMNS} {sql}", params).fetchall()
    texts = item_texts(connection, [row[0] for row in found])
    rows = [(*row, _count(texts[row[0]][1], unspaced), None) for row in found]
    rows.sort(key=lambda row: (-row[7], row[0]))
    return (rows[:limit] if limit else rows), len(rows)


def _record(
    rank: int, row: tuple[Any, ...], item: list[str], unspaced: list[Term]
) -> dict[str, Any]:
    _, kind, event, talk, speaker_id, speaker, session, score, marked = row
    ref, body, themes, _ = item
    return {
        "rank": rank,
        "score": round(score, 3),
        "kind": kind,
        "id": ref,
        "event": event,
        "talk": talk or None,
        "speaker_id": speaker_id or None,
        "speaker": speaker or None,
        "session": session or None,
        "text": body,
        "themes": themes.split(),
        "matches": _spans(body, marked, unspaced),
    }


def _shown(
    connection: sqlite3.Connection, expression: str, scored: list[tuple[int, float]]
) -> list[tuple[Any, ...]]:
    """The items' columns, score and highlighted text of `scored` (rowid, score), in order.

    One row at a time: FTS5 seeks straight to a rowid it is given as `rowid = ?`, but reads
    every match of the expression to find those of a list."""
    found = []
    for rowid, score in scored:
        row = connection.execute(
            f"SELECT {_COLUMNS}, highlight(docs, 0, '{_OPEN}', '{_CLOSE}')"
            f" FROM docs{_ITEMS} WHERE docs MATCH ? AND docs.rowid = ?",
            (expression, rowid),
        ).fetchone()
        found.append((*row[:-1], score, row[-1]))
    return found


def _unspaced_clause(term: Term) -> str:
    # The trigram index needs three characters; shorter words are matched with LIKE.
    if len(term.text()) >= 3:
        return "i.id IN (SELECT rowid FROM grams WHERE grams MATCH ?)"
    return "item_terms(x.first, x.data, x.checksum, i.id) LIKE ? ESCAPE '\\'"


def _unspaced_param(term: Term) -> str:
    if len(term.text()) >= 3:
        return term.fts()
    escaped = term.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _count(body: str, terms: list[Term]) -> float:
    folded = body.casefold()
    return float(sum(folded.count(" ".join(t.words)) for t in terms))


def _proximity(words: tuple[str, ...]) -> tuple[str, list[str]]:
    """A score multiplier: 3 where the query's plain words stand together in the order typed,
    2 where they stand near each other, else 1."""
    if len(words) < 2 or any(Term((w,)).unspaced for w in words):
        return "1.0", []
    quoted = " ".join(Term((w,)).fts() for w in words)
    return (
        f"(CASE WHEN {_INSIDE} THEN {PHRASE_BOOST} WHEN {_INSIDE} THEN {NEAR_BOOST} ELSE 1.0 END)",
        [f"text : ({Term(tuple(words)).fts()})", f"text : (NEAR({quoted}, {NEAR_DISTANCE}))"],
    )


def _spans(body: str, marked: str | None, unspaced: list[Term]) -> list[list[int]]:
    """[start, end) character offsets of every match in `body`, for highlighting. The marked
    text is in the index's spelling, offsets kept; a word spelled shorter there (`colour` as
    `color`) is marked to its end in `body`."""
    spans: list[list[int]] = []
    if marked and _OPEN not in body and _CLOSE not in body:
        offset = start = 0
        for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
            if piece == _OPEN:
                start = offset
            elif piece == _CLOSE:
                end = offset
                while end < len(body) and body[end].isalnum():
                    end += 1
                spans.append([start, end])
            else:
                offset += len(piece)
    folded = body.casefold()
    for term in unspaced:
        needle = " ".join(term.words)
        spans += [[m.start(), m.end()] for m in re.finditer(re.escape(needle), folded)]
    return sorted(spans)
