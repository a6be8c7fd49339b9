"""Several summits side by side. Ids are unique per event, so names resolve within each event;
with one summit loaded everything reads exactly as if there were no corpus at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from autosummit_cli.errors import Ambiguous, NotFound
from autosummit_cli.model import Summit
from autosummit_cli.names import Candidate, normalise, resolve
from autosummit_cli.render.rows import Rows

T = TypeVar("T")


@dataclass(frozen=True)
class Corpus:
    summits: tuple[Summit, ...]

    @property
    def several(self) -> bool:
        return len(self.summits) > 1

    def select(self, event: str | None) -> Corpus:
        if not event:
            return self
        wanted = resolve_event(self.summits, event)
        return Corpus(tuple(s for s in self.summits if s.event.id == wanted))

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
            events = ", ".join(s.event.id for s, _ in results)
            raise Ambiguous(
                f"{what} is in several events ({events}); choose one with "
                "--event ID (autosummit events lists them)"
            )
        return results[0]

    def ids(self, name: str | None, resolve: Callable[[Summit, str], str]) -> tuple[str, ...]:
        """What `name` resolves to in each event where it resolves (none for no name)."""
        if not name:
            return ()
        return tuple(dict.fromkeys(i for _, i in self.each(lambda s: resolve(s, name))))

    def rows(self, build: Callable[[Summit], Rows]) -> Rows:
        """One list across events: with several, each row starts with its event id."""
        parts = self.each(build)
        if not self.several:
            return parts[0][1]
        first = parts[0][1]
        records = [{"event": s.event.id, **r} for s, rows in parts for r in rows.records]
        totals = [rows.total for _, rows in parts]
        total = sum(t for t in totals if t is not None) if None not in totals else None
        table = ("event", *first.table_columns) if first.table_columns else ()
        return Rows(("event", *first.columns), records, total, first.name, table)


def resolve_event(summits: tuple[Summit, ...], query: str) -> str:
    pool = [
        Candidate(s.event.id, s.event.title, (normalise(s.event.id), normalise(s.event.title)))
        for s in summits
    ]
    return resolve(query, pool, "event")
