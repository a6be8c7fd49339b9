"""Pure functions from a `Summit` to what a view shows: list rows or a detail record.

Nothing here prints or knows about formats; every id in the results can be pasted into the next
command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from autosummit_cli.domain.rows import Rows

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Point, Recommendation, Speaker, Summit, Talk


def speaker_session(summit: Summit, speaker: Speaker) -> str | None:
    talks = summit.talks_by(speaker.id)
    return talks[0].session if talks else None


def speaker_themes(summit: Summit, speaker_id: str) -> list[str]:
    seen: dict[str, None] = {}
    for talk in summit.talks_by(speaker_id):
        seen.update(dict.fromkeys(talk.themes))
    return list(seen)


def session_speakers(summit: Summit, session_id: str) -> list[str]:
    return list(dict.fromkeys(t.speaker for t in summit.talks if t.session == session_id))


def theme_speakers(summit: Summit) -> dict[str, list[str]]:
    """Each theme's speakers in talk order, from one walk over the talks."""
    found: dict[str, dict[str, None]] = {theme.id: {} for theme in summit.themes}
    for talk in summit.talks:
        for theme_id in talk.themes:
            found.setdefault(theme_id, {})[talk.speaker] = None
    return {theme_id: list(speakers) for theme_id, speakers in found.items()}


def counts(summit: Summit) -> dict[str, int]:
    return {
        "sessions": len(summit.sessions),
        "speakers": len(summit.speakers),
        "talks": len(summit.talks),
        "points": sum(len(t.points) for t in summit.talks),
        "recommendations": sum(len(t.recommendations) for t in summit.talks),
        "themes": len(summit.themes),
    }


def session_rows(summit: Summit) -> Rows:
    records = [
        {"id": s.id, "title": s.title, "speakers": session_speakers(summit, s.id)}
        for s in summit.sessions
    ]
    return Rows(("id", "title", "speakers"), records, name="sessions")


def speaker_rows(summit: Summit) -> Rows:
    """Every speaker, in article order; filters apply to these rows (`matching`)."""
    records = []
    for speaker in summit.speakers:
        record: dict[str, Any] = {
            "id": speaker.id,
            "name": speaker.name,
            "honorific": speaker.honorific,
            "role": speaker.role,
            "organisation": speaker.organisation,
            "emba_class": speaker.emba_class,
            "session_id": speaker_session(summit, speaker),
            "themes": speaker_themes(summit, speaker.id),
        }
        records.append(record)
    columns = (
        "id",
        "name",
        "honorific",
        "role",
        "organisation",
        "emba_class",
        "session_id",
        "themes",
    )
    return Rows(
        columns,
        records,
        total=len(summit.speakers),
        name="speakers",
        table_columns=("id", "name", "role", "organisation", "session_id"),
    )


def matching(rows: Rows, wanted: dict[str, str]) -> Rows:
    """The rows whose column is the wanted id, or for a list column holds it, for each column.
    `total` stays the count before filters, for the "N of M" note."""

    def keep(record: dict[str, Any]) -> bool:
        for column, ident in wanted.items():
            value = record[column]
            if not (ident in value if isinstance(value, list) else value == ident):
                return False
        return True

    if not wanted:
        return rows
    records = [r for r in rows.records if keep(r)]
    return rows._replace(records=records)


def at_organisation(rows: Rows, org: str | None) -> Rows:
    """Speaker rows whose organisation contains `org`, ignoring case."""
    if not org:
        return rows
    wanted = org.casefold()
    records = [r for r in rows.records if wanted in r["organisation"].casefold()]
    return rows._replace(records=records)


def sort_speakers(rows: Rows, sort: str) -> Rows:
    """Speaker rows in session (article) order, or by name, or by organisation."""
    if sort == "name":
        rows.records.sort(key=lambda r: r["name"].casefold())
    elif sort == "org":
        # Speakers with no organisation in the article go last rather than first.
        rows.records.sort(key=lambda r: (not r["organisation"], r["organisation"].casefold()))
    return rows


def recommendation_rows(summit: Summit) -> Rows:
    """Every recommendation, in article order; filters apply to these rows (`matching`)."""
    records = []
    for talk in summit.talks:
        for rec in talk.recommendations:
            records.append(
                {
                    "id": rec.id,
                    "speaker_id": talk.speaker,
                    "speaker_name": summit.speaker(talk.speaker).name,
                    "session_id": talk.session,
                    "text": rec.text,
                    "parts": list(rec.parts),
                    "themes": list(rec.themes),
                }
            )
    columns = ("id", "speaker_id", "speaker_name", "session_id", "text", "parts", "themes")
    return Rows(
        columns,
        records,
        total=len(records),
        name="recommendations",
        table_columns=("id", "speaker_name", "text", "parts", "themes"),
    )


def theme_rows(summit: Summit) -> Rows:
    # One walk over the talks, not one per theme: a corpus holds thousands of summits.
    recs: Counter[str] = Counter(
        theme for t in summit.talks for r in t.recommendations for theme in set(r.themes)
    )
    speakers_of = theme_speakers(summit)
    records = []
    for theme in summit.themes:
        speakers = speakers_of[theme.id]
        records.append(
            {
                "id": theme.id,
                "title": theme.title,
                "speaker_count": len(speakers),
                "recommendation_count": recs[theme.id],
                "speakers": speakers,
                "summary": theme.summary,
            }
        )
    columns = ("id", "title", "speaker_count", "recommendation_count", "speakers", "summary")
    return Rows(
        columns,
        records,
        name="themes",
        table_columns=("id", "title", "speaker_count", "recommendation_count", "summary"),
    )


def talk_record(summit: Summit, talk: Talk) -> dict[str, Any]:
    speaker = summit.speaker(talk.speaker)
    return {
        "id": talk.id,
        "title": talk.title,
        "speaker_id": speaker.id,
        "speaker_name": speaker.name,
        "honorific": speaker.honorific,
        "roles": [{"title": r.title, "organisation": r.organisation} for r in speaker.roles],
        "emba_class": speaker.emba_class,
        "session_id": talk.session,
        "session_title": summit.session(talk.session).title,
        "summary": talk.summary,
        "points": [
            {"id": point_id(talk.id, n), "text": p.text, **_structure(talk, p)}
            for n, p in enumerate(talk.points, 1)
        ],
        "recommendations": [
            {"id": r.id, "text": r.text, **_structure(talk, r)} for r in talk.recommendations
        ],
        "quotes": [{"id": quote_id(talk.id, n), "text": q} for n, q in enumerate(talk.quotes, 1)],
        "figures": [
            {"value": f.value, "unit": f.unit, "year": f.year, "label": f.label}
            for f in talk.figures
        ],
        "themes": list(talk.themes),
        "source": {"section": talk.source.section, "paragraph": talk.source.paragraph},
    }


def _structure(talk: Talk, item: Point | Recommendation) -> dict[str, Any]:
    """An item's themes, its enumerated parts and where in the source it comes from."""
    cite = item.source
    return {
        "themes": list(item.themes),
        "parts": list(item.parts),
        "source": None
        if cite is None
        else {
            "section": talk.source.section,
            "paragraph": cite.paragraph,
            "sentence": cite.sentence,
        },
    }


def talk_detail(summit: Summit, speaker_id: str) -> dict[str, Any]:
    """The speaker's talk; a speaker with several talks gets them all under `talks`."""
    talks = [talk_record(summit, t) for t in summit.talks_by(speaker_id)]
    if len(talks) == 1:
        return talks[0]
    return {"speaker_id": speaker_id, "talks": talks}


def theme_detail(summit: Summit, theme_id: str) -> dict[str, Any]:
    theme = summit.theme(theme_id)
    by_speaker = []
    for talk in summit.talks:
        points = [p.whole_text for p in talk.points if theme_id in p.themes]
        recs = [
            {"id": r.id, "text": r.text, "parts": list(r.parts)}
            for r in talk.recommendations
            if theme_id in r.themes
        ]
        if points or recs:
            by_speaker.append(
                {
                    "speaker_id": talk.speaker,
                    "speaker_name": summit.speaker(talk.speaker).name,
                    "session_id": talk.session,
                    "talk_id": talk.id,
                    "points": points,
                    "recommendations": recs,
                }
            )
    return {
        "id": theme.id,
        "title": theme.title,
        "summary": theme.summary,
        "speakers": list(dict.fromkeys(entry["speaker_id"] for entry in by_speaker)),
        "by_speaker": by_speaker,
    }


def overview(summit: Summit, top: int = 5) -> dict[str, Any]:
    event = summit.event
    speakers_of = theme_speakers(summit)
    reach = Counter({t.id: len(speakers_of[t.id]) for t in summit.themes})
    return {
        "event": {
            "id": event.id,
            "title": event.title,
            "host": event.host,
            "inferred": [
                {"field": i.field, "value": i.value, "basis": i.basis} for i in event.inferred
            ],
            "summary": event.summary,
            "source": {
                "publisher": event.source.publisher,
                "title": event.source.title,
                "published": event.source.published,
                "url": event.source.url,
            },
        },
        "counts": counts(summit),
        "sessions": [
            {**row, "speaker_names": [summit.speaker(s).name for s in row["speakers"]]}
            for row in session_rows(summit).records
        ],
        "figures": [
            {
                "speaker_id": talk.speaker,
                "speaker_name": summit.speaker(talk.speaker).name,
                "value": f.value,
                "unit": f.unit,
                "year": f.year,
                "label": f.label,
            }
            for talk in summit.talks
            for f in talk.figures
        ],
        "top_themes": [
            {"id": theme_id, "title": summit.theme(theme_id).title, "speaker_count": n}
            for theme_id, n in leading(reach, top)
        ],
    }


def leading(counted: Counter[str], top: int) -> list[tuple[str, int]]:
    """The `top` most common, and every one tied with the last of them: a cut never falls
    silently between equals."""
    ranked = counted.most_common()
    if len(ranked) <= top:
        return ranked
    floor = ranked[top - 1][1]
    return [(key, n) for key, n in ranked if n >= floor]


def point_id(talk_id: str, n: int) -> str:
    """The id search gives the talk's n-th point (from 1)."""
    return f"{talk_id}#point-{n}"


def quote_id(talk_id: str, n: int) -> str:
    return f"{talk_id}#quote-{n}"


def quote_rows(summit: Summit) -> Rows:
    records = [
        {
            "id": quote_id(t.id, n),
            "speaker_id": t.speaker,
            "speaker_name": summit.speaker(t.speaker).name,
            "session_id": t.session,
            "talk_id": t.id,
            "quote": quote,
        }
        for t in summit.talks
        for n, quote in enumerate(t.quotes, 1)
    ]
    return Rows(
        ("id", "speaker_id", "speaker_name", "session_id", "talk_id", "quote"),
        records,
        name="quotes",
        table_columns=("speaker_name", "quote", "id"),
    )


def theme_counts(summit: Summit, speaker_id: str) -> Counter[str]:
    """How many of the speaker's points and recommendations touch each theme."""
    counted: Counter[str] = Counter()
    for talk in summit.talks_by(speaker_id):
        for item in talk.items:
            counted.update(item.themes)
    return counted


def item_ids(talk: Talk) -> list[tuple[str, Point | Recommendation]]:
    """The talk's points and recommendations, each with the id the tool prints for it."""
    points = [(point_id(talk.id, n), p) for n, p in enumerate(talk.points, 1)]
    return [*points, *((r.id, r) for r in talk.recommendations)]


# The list views without filters, one `Rows` per summit: the cache keeps these ready to print.
LIST_VIEWS: dict[str, Callable[[Summit], Rows]] = {
    "sessions": session_rows,
    "speakers": speaker_rows,
    "recommendations": recommendation_rows,
    "themes": theme_rows,
    "quotes": quote_rows,
}

# Detail records kept in the cache per summit, ready to render.
STORED_RECORDS: dict[str, Callable[[Summit], dict[str, Any]]] = {"overview": overview}
