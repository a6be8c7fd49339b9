"""The texts of the search index: each summit's items as one compressed block, read back.

A block is the JSON list of [ref, text, themes, terms] of a summit's items (terms: the text in
the index's spelling, null when that is the text itself), in id order, compressed;
stored with its checksum (`seal`: the CRC-32 of its place and its data, so a block moved off
its items fails it too; `index.SCHEMA`, table `texts`). Short texts compress poorly one by one,
and a summit's together well, so each is kept once, at about a third of its size.

`item_texts` reads the ref, text and themes of the rows a search shows; `prepare` gives a
connection the function SQL calls to read a text in the index's spelling (`item_terms`: to
highlight, and to match short words of scripts without spaces). A block that does not match its
checksum or its shape is damage: `item_texts` raises `sqlite3.DatabaseError` (which the store
answers by rebuilding the catalog), and so does a query that `item_terms` found damage for.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import zlib
from typing import Any

# The block that holds an item: the last to begin at or before it; as a query, and as a join
# (`x`) on the items (`i`), for SQL that reads a text (`item_terms(x.first, x.data, x.checksum,
# i.id)`).
BLOCK_OF = "SELECT first, data, checksum FROM texts WHERE first <= ? ORDER BY first DESC LIMIT 1"
BLOCK_JOIN = "JOIN texts x ON x.first = (SELECT max(first) FROM texts WHERE first <= i.id)"


def block_of(items: list[tuple[str, str, str, str | None]]) -> bytes:
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 6)


def seal(first: int, data: bytes) -> int:
    """The checksum of a block of texts that begins at item `first`."""
    return zlib.crc32(data, zlib.crc32(b"%d:" % first))


def _read_block(data: Any) -> list[Any]:
    """A block's items, each checked when it is read (`item_of`); `sqlite3.DatabaseError` if
    it is not a list."""
    try:
        items = json.loads(zlib.decompress(data))
    except (TypeError, ValueError, zlib.error, RecursionError, MemoryError) as error:
        raise sqlite3.DatabaseError(f"a damaged block of texts ({error})") from None
    if not isinstance(items, list):
        raise sqlite3.DatabaseError("a block of texts of the wrong shape")
    return items


def item_of(block: list[Any], n: Any) -> list[str]:
    """[ref, text, themes, terms] of a block's item `n`, checked for shape (terms: the text
    itself when the block says null)."""
    if not isinstance(n, int) or not 0 <= n < len(block):
        raise sqlite3.DatabaseError("a block of texts without the item asked for")
    item = block[n]
    if not isinstance(item, list) or len(item) != 4:
        raise sqlite3.DatabaseError("a block of texts of the wrong shape")
    ref, text, themes, terms = item
    terms = text if terms is None else terms
    if not all(isinstance(s, str) for s in (ref, text, themes, terms)):
        raise sqlite3.DatabaseError("a block of texts of the wrong shape")
    return [ref, text, themes, terms]


def checked_block(first: Any, data: Any, checksum: Any) -> list[Any]:
    """The items of the block stored at `first`, if it is the one sealed there."""
    if not all(isinstance(n, int) for n in (first, checksum)) or not isinstance(data, bytes):
        raise sqlite3.DatabaseError("a block of texts of the wrong types")
    return _checked(first, data, checksum)


KEPT = 16  # blocks kept decoded: a search shows rows of a few summits, or reads them in order


@functools.lru_cache(maxsize=KEPT)
def _checked(first: int, data: bytes, checksum: int) -> list[Any]:
    if seal(first, data) != checksum:
        raise sqlite3.DatabaseError("a block of texts does not match its checksum")
    return _read_block(data)


def item_texts(connection: sqlite3.Connection, rowids: list[int]) -> dict[int, list[str]]:
    """[ref, text, themes, terms] of each item of `rowids`, each block read once."""
    found: dict[int, list[str]] = {}
    first, end, block = 0, 0, list[Any]()
    for rowid in sorted(set(rowids)):
        if not first <= rowid < end:
            row = connection.execute(BLOCK_OF, (rowid,)).fetchone()
            if row is None:
                raise sqlite3.DatabaseError(f"no block of texts holds item {rowid}")
            block = checked_block(*row)
            first = row[0]
            end = first + len(block)
        found[rowid] = item_of(block, rowid - first)
    return found


class Terms:
    """`item_terms(first, data, checksum, rowid)` for SQLite: the text in the index's spelling
    of item `rowid`, in the block stored at `first`.

    SQLite reports any error of the function as `sqlite3.OperationalError` ("user-defined
    function raised exception"), which could as well mean a locked database; so the damage
    found is kept here, for the caller to tell them apart (`damage`)."""

    def __init__(self) -> None:
        self.damage: str | None = None

    def __call__(self, first: Any, data: Any, checksum: Any, rowid: Any) -> str:
        try:
            return item_of(checked_block(first, data, checksum), rowid - first)[3]
        except sqlite3.DatabaseError as error:
            self.damage = str(error)
            raise


def prepare(connection: sqlite3.Connection) -> Terms:
    """Give the connection the function its SQL calls to read texts; what it returns says
    whether the function found damage."""
    terms = Terms()
    connection.create_function("item_terms", 4, terms, deterministic=True)
    return terms
