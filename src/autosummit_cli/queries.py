"""Pure functions from a `Summit` to what a view shows: list rows or a detail record.

Nothing here prints or knows about formats; every id in the results can be pasted into the next
command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from autosummit_cli.render.rows import Rows

if TYPE_CHECKING:
    from autosummit_cli.model import Point, Recommendation, Speaker, Summit, Talk


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


SPEAKER_SORTS = ("session", "name", "org")


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
            "session": speaker_session(summit, speaker),
            "themes": speaker_themes(summit, speaker.id),
        }
        records.append(record)
    columns = ("id", "name", "honorific", "role", "organisation", "emba_class", "session", "themes")
    return Rows(
        columns,
        records,
        total=len(summit.speakers),
        name="speakers",
        table_columns=("id", "name", "role", "organisation", "session"),
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
                    "speaker": summit.speaker(talk.speaker).name,
                    "session": talk.session,
                    "text": rec.text,
                    "parts": list(rec.parts),
                    "themes": list(rec.themes),
                }
            )
    columns = ("id", "speaker_id", "speaker", "session", "text", "parts", "themes")
    return Rows(
        columns,
        records,
        total=len(records),
        name="recommendations",
        table_columns=("id", "speaker", "text", "parts", "themes"),
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
        "speaker": speaker.id,
        "speaker_name": speaker.name,
        "honorific": speaker.honorific,
        "roles": [{"title": r.title, "organisation": r.organisation} for r in speaker.roles],
        "emba_class": speaker.emba_class,
        "session": talk.session,
        "session_title": summit.session(talk.session).title,
        "summary": talk.summary,
        "points": [{"text": p.text, **_structure(talk, p)} for p in talk.points],
        "recommendations": [
            {"id": r.id, "text": r.text, **_structure(talk, r)} for r in talk.recommendations
        ],
        "quotes": list(talk.quotes),
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
    return {"speaker": speaker_id, "talks": talks}


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
                    "speaker": talk.speaker,
                    "speaker_name": summit.speaker(talk.speaker).name,
                    "session": talk.session,
                    "talk": talk.id,
                    "points": points,
                    "recommendations": recs,
                }
            )
    return {
        "id": theme.id,
        "title": theme.title,
        "summary": theme.summary,
        "speakers": list(dict.fromkeys(entry["speaker"] for entry in by_speaker)),
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
        "sessions": session_rows(summit).records,
        "figures": [
            {
                "speaker": talk.speaker,
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
            for theme_id, n in reach.most_common(top)
        ],
    }


SEARCH_COLUMNS = (
    "rank",
    "score",
    "kind",
    "id",
    "speaker_id",
    "speaker",
    "session",
    "text",
    "themes",
    "matches",
)


def search_rows(records: list[dict[str, Any]], several_events: bool = False) -> Rows:
    """Search results; with several events each names its event. No `total`: how many were
    left out is the search command's own note, which says how to see them."""
    event = ("event",) if several_events else ()
    columns = ("rank", "score", "kind", *event, *SEARCH_COLUMNS[3:])
    table = ("rank", *event, "kind", "speaker", "text")
    return Rows(columns, records, name="matches", table_columns=table)


def event_list(events: list[dict[str, Any]]) -> Rows:
    columns = ("id", "title", "host", "published", "speakers", "talks", "recommendations")
    return Rows(columns, events, name="events")


def cache_list(entries: list[dict[str, Any]]) -> Rows:
    columns = ("path", "bytes", "built", "valid_format", "files")
    return Rows(columns, entries, name="cache files", table_columns=("path", "bytes", "built"))


def quote_rows(summit: Summit) -> Rows:
    records = [
        {
            "speaker_id": t.speaker,
            "speaker": summit.speaker(t.speaker).name,
            "session": t.session,
            "talk": t.id,
            "quote": quote,
        }
        for t in summit.talks
        for quote in t.quotes
    ]
    return Rows(
        ("speaker_id", "speaker", "session", "talk", "quote"),
        records,
        name="quotes",
        table_columns=("speaker", "quote", "talk"),
    )


def theme_counts(summit: Summit, speaker_id: str) -> Counter[str]:
    """How many of the speaker's points and recommendations touch each theme."""
    counted: Counter[str] = Counter()
    for talk in summit.talks_by(speaker_id):
        for item in talk.items:
            counted.update(item.themes)
    return counted


def matrix_rows(summit: Summit) -> Rows:
    """Speakers x themes: one row per speaker, one column per theme id, and a total."""
    theme_ids = [t.id for t in summit.themes]
    records = []
    for speaker in summit.speakers:
        counted = theme_counts(summit, speaker.id)
        records.append(
            {
                "speaker_id": speaker.id,
                "speaker": speaker.name,
                **{theme: counted[theme] for theme in theme_ids},
                "total": sum(counted.values()),
            }
        )
    return Rows(
        ("speaker_id", "speaker", *theme_ids, "total"),
        records,
        name="speakers",
        table_columns=("speaker", *theme_ids, "total"),
    )


def matrix_totals(rows: Rows) -> dict[str, Any]:
    """The column totals of a matrix, as one more record."""
    numeric = [c for c in rows.columns if c not in ("speaker_id", "speaker")]
    return {
        "speaker_id": "",
        "speaker": "Total",
        **{c: sum(r[c] for r in rows.records) for c in numeric},
    }


def compare(summit: Summit, first: str, second: str) -> dict[str, Any]:
    """Two speakers side by side: the themes they share and what each says on them."""

    def said(speaker_id: str, theme: str) -> list[str]:
        return [
            item.whole_text
            for t in summit.talks_by(speaker_id)
            for item in t.items
            if theme in item.themes
        ]

    themes_a, themes_b = speaker_themes(summit, first), speaker_themes(summit, second)
    shared = [t for t in themes_a if t in themes_b]
    return {
        "a": {"id": first, "name": summit.speaker(first).name},
        "b": {"id": second, "name": summit.speaker(second).name},
        "shared": [
            {"theme": t, "title": summit.theme(t).title, "a": said(first, t), "b": said(second, t)}
            for t in shared
        ],
        "only_a": [t for t in themes_a if t not in themes_b],
        "only_b": [t for t in themes_b if t not in themes_a],
    }


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
