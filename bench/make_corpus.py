"""Write a synthetic corpus of summits for benchmarks: one valid summit file per event.

    python bench/make_corpus.py --talks 10000 --out /tmp/corpus

Each event has about ten talks (three sessions, five recommendations and three points per talk)
whose sentences are recombined from the bundled summit's own phrases, so search behaves as on
real text. The output is deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = [
    "Chinese automakers",
    "Suppliers",
    "Dealers",
    "Battery makers",
    "Software teams",
    "Policy makers",
    "Carmakers abroad",
    "Industrial software firms",
    "Universities",
    "Joint ventures",
    "Start-ups",
    "Platform teams",
]
VERBS = [
    "should prioritize",
    "must rethink",
    "need to invest in",
    "should build",
    "can scale",
    "ought to localize",
    "must protect",
    "should measure",
    "can share",
    "need to restructure",
]
GIVEN = ["Wei", "Lan", "Jun", "Mei", "Hao", "Ling", "Tao", "Yan", "Bo", "Qing", "Rui", "Xin"]
FAMILY = ["Zhang", "Wang", "Li", "Zhao", "Chen", "Yang", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma"]


def phrases() -> list[str]:
    """Noun phrases cut from the bundled summit's recommendations and points."""
    data = yaml.safe_load((ROOT / "data" / "summit.yaml").read_text(encoding="utf-8"))
    texts = [
        item["text"]
        for talk in data["talks"]
        for item in (*talk.get("points", []), *talk.get("recommendations", []))
    ]
    pieces = set()
    for text in texts:
        for part in re.split(r"[,.;:]| by | to | and | with | from ", text):
            words = part.strip().split()
            if 2 <= len(words) <= 8:
                pieces.add(" ".join(words).strip("\"'"))
    return sorted(pieces)


def sentence(rng: random.Random, pool: list[str]) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(pool).lower()} "
        f"and {rng.choice(pool).lower()}."
    )


def event(number: int, talks: int, rng: random.Random, pool: list[str], themes: list[dict]) -> dict:
    sessions = [
        {"id": f"session-{n}", "title": f"Session {n}: {rng.choice(pool)}"} for n in range(1, 4)
    ]
    speakers, talk_list = [], []
    for t in range(talks):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        speaker_id = f"{family.lower()}-{given.lower()}-{t + 1}"
        speakers.append(
            {
                "id": speaker_id,
                "name": f"{family} {given}",
                "family_name": family,
                "given_name": given,
                "roles": [{"title": "Director", "organisation": f"Org {rng.randint(1, 400)}"}],
            }
        )
        tags = lambda: sorted(rng.sample([th["id"] for th in themes], 2))  # noqa: E731
        talk_list.append(
            {
                "id": f"{speaker_id}-talk",
                "speaker": speaker_id,
                "session": f"session-{t % 3 + 1}",
                "title": rng.choice(pool),
                "summary": sentence(rng, pool) + " " + sentence(rng, pool),
                "source": {"section": f"Session {t % 3 + 1}", "paragraph": t // 3 + 1},
                "points": [{"text": sentence(rng, pool), "themes": tags()} for _ in range(3)],
                "recommendations": [
                    {"id": f"{speaker_id}-{n}", "text": sentence(rng, pool), "themes": tags()}
                    for n in range(1, 6)
                ],
                "quotes": [rng.choice(pool).lower()],
            }
        )
    return {
        "format": 1,
        "event": {
            "id": f"forum-{number:05d}",
            "title": f"Auto Forum {number}",
            "host": "Synthetic Host",
            "source": {
                "publisher": "Bench",
                "title": f"Forum {number}",
                "published": f"2025-{number % 12 + 1:02d}-01",
            },
        },
        "sessions": sessions,
        "speakers": speakers,
        "themes": themes,
        "talks": talk_list,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=10_000, help="talks in all (default 10000)")
    parser.add_argument("--per-event", type=int, default=10, help="talks per event file")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = phrases()
    bundled = yaml.safe_load((ROOT / "data" / "summit.yaml").read_text(encoding="utf-8"))
    themes = bundled["themes"]
    args.out.mkdir(parents=True, exist_ok=True)
    remaining, number = args.talks, 0
    while remaining > 0:
        number += 1
        count = min(args.per_event, remaining)
        text = yaml.safe_dump(
            event(number, count, rng, pool, themes), allow_unicode=True, sort_keys=False, width=100
        )
        (args.out / f"forum-{number:05d}.yaml").write_text(text, encoding="utf-8")
        remaining -= count
    print(f"wrote {number} summit files, {args.talks} talks, into {args.out}")


if __name__ == "__main__":
    main()
