"""Several summits side by side. Ids are unique per event, so names resolve within each event;
with one summit loaded everything reads exactly as if there were no corpus at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from autosummit_cli.errors import Ambiguous, NotFound
from autosummit_cli.names import Candidate, normalise, resolve

if TYPE_CHECKING:
    from autosummit_cli.model import Summit

T = TypeVar("T")


@dataclass(frozen=True)
class Corpus:
    summits: tuple[Summit, ...]

    def each(self, build: Callable[[Summit], T]) -> list[tuple[Summit, T]]:
        """`build` for every summit where it applies; a name unknown in all of them is an error."""
        results, missing = [], []
        for summit in self.summits:
            try:
                results.append((summit, build(summit)))
            except NotFound as error:
                missing.append(error)
        if not results and missing:
            raise missing[0]
        return results

    def one(self, build: Callable[[Summit], T], what: str) -> tuple[Summit, T]:
        """`build` in the one event where the name resolves; in several, ask for --event."""
        results = self.each(build)
        if len(results) > 1:
            raise in_several_events(what, [s.event.id for s, _ in results])
        return results[0]


def in_several_events(what: str, events: list[str], shown: int = 8) -> Ambiguous:
    listed = ", ".join(events[:shown])
    if len(events) > shown:
        listed += f" and {len(events) - shown} more"
    return Ambiguous(
        f"{what} is in several events ({listed}); choose one with "
        "--event ID (autosummit events lists them)"
    )


def resolve_event(events: Iterable[tuple[str, str]], query: str) -> str:
    """The id of the event `query` names, from (id, title) pairs."""
    pool = [
        Candidate(ident, title, (normalise(ident), normalise(title))) for ident, title in events
    ]
    return resolve(query, pool, "event")
