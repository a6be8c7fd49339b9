"""Several summits side by side. Ids are unique per event, so names resolve within each event;
with one summit loaded everything reads exactly as if there were no corpus at all.

A `Scope` is what one run works on: the summits of its data, or the one --event names. It
answers from what the cache keeps wherever it can (list rows, overviews, names), and unpickles
only the summits a command needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from autosummit_cli.domain.errors import Ambiguous, NotFound
from autosummit_cli.domain.names import Candidate, normalise, resolve, resolve_in_events
from autosummit_cli.domain.queries import matching
from autosummit_cli.domain.rows import Rows, join_rows

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit
    from autosummit_cli.store.store import Store

T = TypeVar("T")


class Corpus:
    """Summits whose names resolve each in its own event."""

    def __init__(self, summits: tuple[Summit, ...]) -> None:
        self.summits = summits

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


class Scope:
    """What one run works on: the summits of its data, or the one --event names."""

    def __init__(self, store: Store, event: str | None) -> None:
        self.store, self.event = store, event

    @functools.cached_property
    def event_ids(self) -> list[str]:
        """The events in effect: the one --event names, or all."""
        events = self.store.events()
        if self.event:
            return [resolve_event(events, self.event)]
        return [event for event, _ in events]

    def corpus(self) -> Corpus:
        """The summits in effect: with --event, only that event's is loaded."""
        if self.event:
            return Corpus((self.store.summit(self.event_ids[0]),))
        return Corpus(self.store.summits)

    def one_event(self, what: str) -> Corpus:
        """The one summit a command needs; with several events and no --event, says so before
        loading any."""
        if len(self.event_ids) > 1:
            raise in_several_events(what, self.event_ids)
        return Corpus((self.store.summit(self.event_ids[0]),))

    def named(self, *names: tuple[str, str | None]) -> Corpus:
        """The summits of the events where every (kind, name) resolves, and only those are
        loaded: on a corpus of a thousand summits, `talk NAME` unpickles one or two."""
        events: list[str] | None = None
        for kind, name in names:
            if name:
                found = [event for event, _ in self._resolve(kind, name)]
                events = found if events is None else [e for e in events if e in found]
        if not events:  # no names, or none together in one event: the whole corpus decides
            return self.corpus()
        return Corpus(tuple(self.store.summit(event) for event in events))

    def ids(self, kind: str, name: str | None) -> tuple[str, ...]:
        """What `name` resolves to in each event in effect where it resolves (none for no
        name), answered from the names the cache keeps."""
        if not name:
            return ()
        return tuple(dict.fromkeys(ident for _, ident in self._resolve(kind, name)))

    def records(self, name: str) -> list[dict[str, Any]]:
        """A detail record (the overview) for each event in effect, from the catalog."""
        wanted = set(self.event_ids)
        return [record for event, record in self.store.records(name) if event in wanted]

    def list_rows(
        self,
        view: str,
        names: Sequence[tuple[str, str, str | None]] = (),
        each: Callable[[Rows], Rows] = lambda rows: rows,
    ) -> Rows:
        """A list view across the events in effect.

        Each event's unfiltered rows come from the catalog, without reading a summit; `names`
        filter them: (column, kind, name) keeps a row whose column is, or holds, what the name
        resolves to in the row's own event, and leaves out the events where it is unknown.
        `each` then applies to every event's rows.
        """

        wanted: dict[str, dict[str, str]] = {event: {} for event in self.event_ids}
        for column, kind, name in names:
            if name:
                found = dict(self._resolve(kind, name))
                wanted = {e: {**w, column: found[e]} for e, w in wanted.items() if e in found}
        if not wanted:  # every name is known somewhere, but never all in one event
            self._resolve_all_in(self.event_ids[0], names)
        return join_rows(
            [
                (event, each(matching(rows, wanted[event])))
                for event, rows in self._view(view, list(wanted))
            ],
            len(self.event_ids) > 1,
        )

    def _view(self, view: str, events: list[str]) -> list[tuple[str, Rows]]:
        """The unfiltered rows of `view` for these events, in order."""
        return self.store.view(view, events)

    def _resolve(self, kind: str, name: str) -> list[tuple[str, str]]:
        """(event, id) where `name` names a `kind` among the events in effect.

        Only the events the cache says have a name with a word starting with it are asked (the
        others could only answer NotFound); when none has, the first event gives the message.
        """
        events = self.event_ids
        wanted = normalise(name)
        having = self.store.events_naming(kind, wanted) if wanted else None
        if having is not None:
            events = [event for event in events if event in having] or events[:1]
        return resolve_in_events(name, self.store.candidates(kind, events), kind)

    def _resolve_all_in(self, event: str, names: Sequence[tuple[str, str, str | None]]) -> None:
        """Raise the error of the first name unknown in `event`, as the summits would."""

        for _, kind, name in names:
            if name:
                ((_, pool),) = self.store.candidates(kind, [event])
                resolve(name, pool, kind)
