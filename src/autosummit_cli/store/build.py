"""The cold build of one data file's catalog entry: read (its identity taken first and again
after), hashed, and unless its content is already known, validated and made an entry."""

from __future__ import annotations

import time
from typing import NamedTuple

from autosummit_cli.domain.errors import DataError, Problem, data_error
from autosummit_cli.reading.batch import file_digest
from autosummit_cli.reading.loader import read_bytes
from autosummit_cli.reading.sources import Identity, identity_of
from autosummit_cli.reading.summit_file import summit_from_bytes
from autosummit_cli.search.index import TooMuchText
from autosummit_cli.store.catalog_entry import Entry, entry_of

# A file changed this recently may change again within the same tick of its clock, unseen by
# its size and stamps (git's "racy" files): its entry is kept, but checked by content next run.
RACY_NS = 2 * 10**9


class Read(NamedTuple):
    """One data file read for the catalog."""

    path: str
    identity: Identity | None  # None: it changed while read, or too recently to be sure
    digest: str
    entry: Entry | None  # None: it holds the content already known, or it has problems
    problems: list[Problem]


def read_entry(job: tuple[str, str | None]) -> Read:
    """Read one file (its identity taken first), and unless it holds the content `known`
    (a hash), validate it and make its catalog entry."""
    name, known = job
    before = identity_of(name)
    try:
        data = read_bytes(name)
    except DataError as error:
        return Read(name, None, "", None, error.problems)
    after = identity_of(name)
    settled = before == after and after is not None and time.time_ns() - max(after[1:3]) > RACY_NS
    digest = file_digest(data)
    if digest == known:
        return Read(name, after if settled else None, digest, None, [])
    try:
        entry = entry_of(summit_from_bytes(name, data))
    except DataError as error:
        return Read(name, None, digest, None, error.problems)
    except TooMuchText as error:
        return Read(name, None, digest, None, data_error(name, str(error)).problems)
    return Read(name, after if settled else None, digest, entry, [])
