"""`show ID`: any id the tool prints, found in its summit and shown in the context of its talk
(or as its theme or session)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autosummit_cli.domain import queries
from autosummit_cli.domain.errors import NotFound

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit, Talk


def _in_talk(summit: Summit, ident: str) -> tuple[Talk, str, str] | None:
    """(talk, kind, text) of the talk, speaker, point, recommendation or quote `ident` names."""
    for talk in summit.talks:
        if ident == talk.id:
            return talk, "talk", talk.title
        if ident == talk.speaker:
            return talk, "speaker", summit.speaker(talk.speaker).name
        for item_id, item in queries.item_ids(talk):
            if ident == item_id:
                return talk, "point" if "#point-" in item_id else "recommendation", item.text
        for n, quote in enumerate(talk.quotes, 1):
            if ident == queries.quote_id(talk.id, n):
                return talk, "quote", quote
    return None


def find(summit: Summit, ident: str) -> dict[str, Any]:
    """The record `ident` names: `{id, kind, text, talk}` for anything in a talk, `{id, kind,
    theme}` for a theme, `{id, kind, session}` for a session; NotFound otherwise."""
    found = _in_talk(summit, ident)
    if found:
        talk, kind, text = found
        return {
            "id": ident,
            "kind": kind,
            "text": text,
            "talk": queries.talk_record(summit, talk),
        }
    if any(t.id == ident for t in summit.themes):
        return {"id": ident, "kind": "theme", "theme": queries.theme_detail(summit, ident)}
    for row in queries.session_rows(summit).records:
        if row["id"] == ident:
            names = [summit.speaker(s).name for s in row["speakers"]]
            return {"id": ident, "kind": "session", "session": {**row, "speaker_names": names}}
    raise NotFound(
        f"no record with id {ident!r}; ids are the `id` column of any list (speakers, "
        "recommendations, search, quotes, themes, sessions) or a talk's [ids]"
    )
