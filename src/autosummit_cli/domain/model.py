"""The summit as typed, immutable values.

Plain frozen dataclasses, so a warm start never pays for a validation library; `validation.py`
builds them from YAML with pydantic. Defining them is not free (about 5 ms: each frozen dataclass
compiles six methods), so other modules import this one for type checking only, and a list view
answered from the cache never imports it. No `slots`: pickling slotted dataclasses goes through a
per-field Python hook that made the cache three times slower.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

# pydantic reads this when it validates the dataclasses; a plain dict keeps pydantic out of
# this module's imports.
_STRICT_SHAPE: dict[str, object] = {"extra": "forbid", "allow_inf_nan": False}


@dataclass(frozen=True)
class Source:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    publisher: str
    title: str
    published: str  # the article's publication date (ISO), not the event's own date
    url: str | None = None


@dataclass(frozen=True)
class Inference:
    """Something the source does not state, worked out from what it does (`basis`); views show
    it as an inference, never as a fact."""

    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    field: str  # the event field it stands in for, left empty, e.g. "host"
    value: str
    basis: str


@dataclass(frozen=True)
class Event:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    id: str
    title: str
    source: Source
    host: str | None = None  # only when the source names the host
    summary: str | None = None
    inferred: tuple[Inference, ...] = ()

    def inference(self, field: str) -> Inference | None:
        return next((i for i in self.inferred if i.field == field), None)


@dataclass(frozen=True)
class Session:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    id: str
    title: str


@dataclass(frozen=True)
class Role:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    title: str | None = None
    organisation: str | None = None

    def __str__(self) -> str:
        return ", ".join(part for part in (self.title, self.organisation) if part)


@dataclass(frozen=True)
class Speaker:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    id: str
    name: str
    family_name: str | None = None
    given_name: str | None = None
    honorific: str | None = None
    emba_class: int | None = None
    roles: tuple[Role, ...] = ()

    @property
    def role(self) -> str:
        return "; ".join(r.title for r in self.roles if r.title)

    @property
    def organisation(self) -> str:
        return "; ".join(r.organisation for r in self.roles if r.organisation)

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


@dataclass(frozen=True)
class Theme:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Cite:
    """Where in the source an item comes from: the paragraph (numbered within its talk's
    section, as `Provenance.paragraph` is) and the sentence within that paragraph, from 1."""

    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    paragraph: int
    sentence: int

    def __str__(self) -> str:
        return f"paragraph {self.paragraph}, sentence {self.sentence}"


# A point or recommendation whose sentence enumerates ("four core modules: a, b, c and d")
# keeps the enumeration as `parts`, so it counts as one item, as the source does.


def spelled_out(text: str, parts: tuple[str, ...]) -> str:
    """The item as one line of text, its parts numbered: for lists, search and comparisons."""
    if not parts:
        return text
    return text + " " + "; ".join(f"({n}) {part}" for n, part in enumerate(parts, 1))


@dataclass(frozen=True)
class Point:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    text: str
    themes: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    source: Cite | None = None

    @property
    def whole_text(self) -> str:
        return spelled_out(self.text, self.parts)


@dataclass(frozen=True)
class Recommendation:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    id: str
    text: str
    themes: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    source: Cite | None = None

    @property
    def whole_text(self) -> str:
        return spelled_out(self.text, self.parts)


@dataclass(frozen=True)
class Figure:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    value: float
    unit: str
    label: str
    year: int | None = None


@dataclass(frozen=True)
class Provenance:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    section: str
    paragraph: int


@dataclass(frozen=True)
class Talk:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    id: str
    speaker: str
    session: str
    title: str
    summary: str
    source: Provenance
    points: tuple[Point, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    quotes: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def items(self) -> tuple[Point | Recommendation, ...]:
        """What the speaker observed, then what they recommend."""
        return (*self.points, *self.recommendations)

    @functools.cached_property
    def themes(self) -> tuple[str, ...]:
        """Every theme the talk touches, in first-mention order (worked out once per talk:
        building a corpus's stored rows asks each talk several times)."""
        seen: dict[str, None] = {}
        for item in self.items:
            seen.update(dict.fromkeys(item.themes))
        return tuple(seen)


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the summit's vocabulary and what else people call it: search finds each
    through the others (`NEV` ~ `EV` ~ `new energy vehicle`)."""

    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    term: str
    means: tuple[str, ...]


@dataclass(frozen=True)
class Summit:
    __pydantic_config__: ClassVar[dict[str, object]] = _STRICT_SHAPE
    format: int
    event: Event
    sessions: tuple[Session, ...]
    speakers: tuple[Speaker, ...]
    themes: tuple[Theme, ...]
    talks: tuple[Talk, ...]
    glossary: tuple[GlossaryEntry, ...] = ()

    def speaker(self, speaker_id: str) -> Speaker:
        return next(s for s in self.speakers if s.id == speaker_id)

    def session(self, session_id: str) -> Session:
        return next(s for s in self.sessions if s.id == session_id)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def talks_by(self, speaker_id: str) -> tuple[Talk, ...]:
        return tuple(t for t in self.talks if t.speaker == speaker_id)
