"""`compare`: two speakers side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autosummit_cli.domain.queries import item_ids, speaker_themes

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit


def compare(summit: Summit, first: str, second: str) -> dict[str, Any]:
    """Two speakers side by side: the themes they share and what each says on them."""

    def said(speaker_id: str, theme: str) -> list[dict[str, str]]:
        return [
            {"id": ident, "text": item.whole_text}
            for t in summit.talks_by(speaker_id)
            for ident, item in item_ids(t)
            if theme in item.themes
        ]

    def who(speaker_id: str) -> dict[str, str]:
        return {"speaker_id": speaker_id, "speaker_name": summit.speaker(speaker_id).name}

    themes_a, themes_b = speaker_themes(summit, first), speaker_themes(summit, second)
    shared = [t for t in themes_a if t in themes_b]
    return {
        "a": who(first),
        "b": who(second),
        "shared": [
            {
                "theme_id": t,
                "title": summit.theme(t).title,
                "a": said(first, t),
                "b": said(second, t),
            }
            for t in shared
        ],
        "only_a": [t for t in themes_a if t not in themes_b],
        "only_b": [t for t in themes_b if t not in themes_a],
    }
