"""The speakers x themes matrix: who speaks to what, one row per speaker, one column per theme."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autosummit_cli.domain import queries
from autosummit_cli.domain.rows import Rows

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit

FIXED = ("speaker_id", "speaker_name", "total")


def key(theme_id: str) -> str:
    """A theme's column in the matrix: its id in snake_case (`jq .going_global`), kept apart
    from the fixed columns."""
    key = theme_id.replace("-", "_")
    return f"theme_{key}" if key in FIXED else key


def rows(summit: Summit, session: str | None = None, theme: str | None = None) -> Rows:
    """Speakers x themes: one row per speaker, one column per theme, and a total; with a
    session, only its speakers; with a theme, only the speakers who touch it."""
    keys = {t.id: key(t.id) for t in summit.themes}
    in_session = set(queries.session_speakers(summit, session)) if session else None
    records = []
    for speaker in summit.speakers:
        counted = queries.theme_counts(summit, speaker.id)
        if (in_session is not None and speaker.id not in in_session) or (
            theme and not counted[theme]
        ):
            continue
        records.append(
            {
                "speaker_id": speaker.id,
                "speaker_name": speaker.name,
                **{key: counted[theme] for theme, key in keys.items()},
                "total": sum(counted.values()),
            }
        )
    return Rows(
        ("speaker_id", "speaker_name", *keys.values(), "total"),
        records,
        name="speakers",
        table_columns=("speaker_name", *keys.values(), "total"),
    )


def titles(summit: Summit) -> dict[str, tuple[str, str]]:
    """Each theme column's title and theme id, for the legend."""
    return {key(t.id): (t.title, t.id) for t in summit.themes}


def totals(rows: Rows) -> dict[str, Any]:
    """The column totals of a matrix, as one more record."""
    numeric = [c for c in rows.columns if c not in ("speaker_id", "speaker_name")]
    return {
        "speaker_id": "",
        "speaker_name": "Total",
        **{c: sum(r[c] for r in rows.records) for c in numeric},
    }
