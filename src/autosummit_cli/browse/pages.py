"""What each page of the browser shows: the blocks of the matching CLI view, and its links.

Nothing here knows about Textual: a page is the same `Block`s that `talk`, `themes THEME` and
the tour print, plus the references on it as `Link`s to other pages, so the browser and the
command line never disagree about what a talk or a theme says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from autosummit_cli.domain import queries
from autosummit_cli.render.document import Block, Heading, Items, Paragraph
from autosummit_cli.render.views import session_blocks, talk_blocks, theme_blocks

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from autosummit_cli.domain.model import Summit

T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """A page to open: a talk, speaker, theme, session, or one matrix cell (`other` is its
    theme). `focus` is a text on the page to bring into view, `spans` the matches in it."""

    kind: str
    ident: str
    other: str = ""
    focus: str = ""
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Link:
    label: str
    target: Target


@dataclass(frozen=True)
class Page:
    title: str
    blocks: list[Block]
    links: list[Link] = field(default_factory=list)


def hit_target(record: dict[str, Any]) -> Target:
    """A search result opens its talk with the matching text in view; a theme summary, its
    theme."""
    if record["kind"] == "theme":
        return Target("theme", record["id"])
    spans = tuple((int(s), int(e)) for s, e in record.get("matches") or ())
    return Target("talk", record["talk"], focus=record["text"], spans=spans)


def page(summit: Summit, target: Target) -> Page:
    """The page a target names; a speaker with one talk is that talk."""
    if target.kind == "speaker":
        talks = summit.talks_by(target.ident)
        if len(talks) == 1:
            return page(summit, Target("talk", talks[0].id))
        return _speaker_page(summit, target.ident)
    build = {"talk": _talk_page, "theme": _theme_page, "session": _session_page}
    if target.kind == "cell":
        return _cell_page(summit, target.ident, target.other)
    return build[target.kind](summit, target.ident)


def _talk_page(summit: Summit, talk_id: str) -> Page:
    talk = next(t for t in summit.talks if t.id == talk_id)
    record = queries.talk_record(summit, talk)
    links = [Link(f"Session: {record['session_title']}", Target("session", talk.session))]
    links += [
        Link(f"Theme: {summit.theme(theme).title}", Target("theme", theme)) for theme in talk.themes
    ]
    return Page(f"{record['speaker_name']}: {record['title']}", talk_blocks(record), links)


def _speaker_page(summit: Summit, speaker_id: str) -> Page:
    view = queries.talk_detail(summit, speaker_id)
    links = [Link(f"Talk: {t.title}", Target("talk", t.id)) for t in summit.talks_by(speaker_id)]
    return Page(summit.speaker(speaker_id).name, talk_blocks(view), links)


def _theme_page(summit: Summit, theme_id: str) -> Page:
    view = queries.theme_detail(summit, theme_id)
    links: list[Link] = []
    for entry in view["by_speaker"]:
        name = entry["speaker_name"]
        links.append(Link(f"Speaker: {name}", Target("talk", entry["talk_id"])))
        texts = [*entry["points"], *(r["text"] for r in entry["recommendations"])]
        links += [
            Link(f"  • {text}", Target("talk", entry["talk_id"], focus=text)) for text in texts
        ]
    return Page(view["title"], theme_blocks(view), links)


def _session_page(summit: Summit, session_id: str) -> Page:
    row = next(r for r in queries.session_rows(summit).records if r["id"] == session_id)
    names = {s.id: s.name for s in summit.speakers}
    links = [
        Link(f"Talk: {names[t.speaker]}: {t.title}", Target("talk", t.id))
        for t in summit.talks
        if t.session == session_id
    ]
    return Page(row["title"], session_blocks(row, names), links)


def _cell_page(summit: Summit, speaker_id: str, theme_id: str) -> Page:
    """The items behind one matrix cell: what the speaker said and recommended on the theme."""
    name, theme = summit.speaker(speaker_id).name, summit.theme(theme_id)
    links: list[Link] = []
    said: list[str] = []
    for talk in summit.talks_by(speaker_id):
        for item in talk.items:
            if theme_id in item.themes:
                said.append(item.text)
                links.append(Link(item.text, Target("talk", talk.id, focus=item.text)))
    links += [
        Link(f"Theme: {theme.title}", Target("theme", theme_id)),
        Link(f"Speaker: {name}", Target("speaker", speaker_id)),
    ]
    blocks: list[Block] = [Heading(f"{name} on {theme.title}  [{theme_id}]", 1)]
    blocks.append(Items(said) if said else Paragraph("Nothing on this theme."))
    return Page(f"{name} on {theme.title}", blocks, links)


class Browser(Protocol):
    """What the screens ask of the app (`app.BrowseApp`), so that they need not import it."""

    def searching(self, run: Callable[[sqlite3.Connection], T]) -> T:
        """`run` on the search index (`store.Store.searching`: a damaged index is rebuilt)."""
        ...

    def open(self, target: Target) -> None: ...

    def choose_event(self, event_id: str) -> None: ...
