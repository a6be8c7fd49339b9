"""Resolve what people type (`yurui`, `Liu Yurui`, `liu-yurui`, `Yurui LIU`) to an id.

Matching is case-, accent- and hyphen-insensitive, in tiers: an exact name or id, then a
prefix of a whole name, then a prefix of any word in it. The first tier with matches decides;
several matches there are ambiguous, none anywhere is unknown with did-you-mean suggestions.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autosummit_cli.domain.errors import Ambiguous, NotFound, UsageError

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit


@dataclass(frozen=True)
class Candidate:
    id: str
    label: str  # what messages show
    keys: tuple[str, ...]  # normalised names it answers to


@functools.lru_cache(maxsize=65536)  # a corpus repeats its theme and session titles
def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def resolve(query: str, candidates: Iterable[Candidate], kind: str) -> str:
    pool = list(candidates)
    wanted = normalise(query)
    if not wanted:
        raise UsageError(f"empty {kind} name; try one of: {', '.join(c.id for c in pool)}")
    tiers = (
        lambda key: key == wanted,
        lambda key: key.startswith(wanted),
        lambda key: any(key[i:].startswith(wanted) for i in _word_starts(key)),
    )
    for matches_key in tiers:
        found = [c for c in pool if any(matches_key(k) for k in c.keys)]
        if len(found) == 1:
            return found[0].id
        if found:
            listed = "\n".join(f"  {c.id}  ({c.label})" for c in found)
            raise Ambiguous(
                f"{kind} {query!r} is ambiguous; it matches:\n{listed}\n"
                f"Give more of the name or one of the ids."
            )
    raise NotFound(f"no {kind} named {query!r}" + _did_you_mean(wanted, pool))


def _word_starts(key: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(" ", key)]


def _did_you_mean(wanted: str, pool: list[Candidate]) -> str:
    by_key = {key: c for c in pool for key in c.keys}
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    labels = list(dict.fromkeys(by_key[k].label for k in close))
    if labels:
        return "; did you mean " + " or ".join(labels) + "?"
    return "; try one of: " + ", ".join(c.id for c in pool)


def speaker_candidates(summit: Summit) -> list[Candidate]:
    out = []
    for s in summit.speakers:
        names = {s.id, s.name}
        if s.family_name and s.given_name:
            names |= {f"{s.given_name} {s.family_name}", f"{s.family_name} {s.given_name}"}
        names |= {n for n in (s.family_name, s.given_name) if n}
        out.append(Candidate(s.id, s.name, tuple(sorted({normalise(n) for n in names}))))
    return out


def session_candidates(summit: Summit) -> list[Candidate]:
    return [
        Candidate(s.id, s.title, (normalise(s.id), normalise(s.title))) for s in summit.sessions
    ]


def theme_candidates(summit: Summit) -> list[Candidate]:
    return [Candidate(t.id, t.title, (normalise(t.id), normalise(t.title))) for t in summit.themes]


# The names each kind answers to, per summit: the cache keeps them, so that a name can be
# resolved across a corpus before any summit is loaded.
CANDIDATES: dict[str, Callable[[Summit], list[Candidate]]] = {
    "speaker": speaker_candidates,
    "session": session_candidates,
    "theme": theme_candidates,
}


def resolve_speaker(summit: Summit, query: str) -> str:
    return resolve(query, speaker_candidates(summit), "speaker")


def resolve_session(summit: Summit, query: str) -> str:
    return resolve(query, session_candidates(summit), "session")


def resolve_theme(summit: Summit, query: str) -> str:
    return resolve(query, theme_candidates(summit), "theme")


def resolve_in_events(
    query: str, pools: Iterable[tuple[str, list[Candidate]]], kind: str
) -> list[tuple[str, str]]:
    """(event, id) for each event where `query` names one `kind`; a name that is nowhere raises
    the first event's NotFound, and an ambiguous one raises Ambiguous."""
    found, missing = [], []
    for event, pool in pools:
        try:
            found.append((event, resolve(query, pool, kind)))
        except NotFound as error:
            missing.append(error)
    if not found and missing:
        raise missing[0]
    return found
