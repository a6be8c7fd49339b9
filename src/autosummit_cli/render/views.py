"""The blocks each detail view is made of, from the records `queries` returns."""

from __future__ import annotations

from typing import Any

from autosummit_cli.render.document import Block, Fields, Heading, Items, Paragraph, Table
from autosummit_cli.render.rows import Rows, cell


def _figure(f: dict[str, Any]) -> str:
    when = f" ({f['year']})" if f.get("year") else ""
    return f"{f['label']}{when}: {cell(f['value'])} {f['unit']}"


def _item(item: dict[str, Any]) -> str:
    """An item's text, its themes and, where known, the sentence of the source it comes from."""
    line = f"{item['text']}  [{', '.join(item['themes'])}]"
    cite = item.get("source")
    if cite:
        line += f"  (paragraph {cite['paragraph']}, sentence {cite['sentence']})"
    return line


def _parts(items: list[dict[str, Any]]) -> dict[int, list[str]]:
    return {n: item["parts"] for n, item in enumerate(items) if item.get("parts")}


def talk_blocks(talk: dict[str, Any]) -> list[Block]:
    if "talks" in talk:
        return [block for one in talk["talks"] for block in talk_blocks(one)]
    name = (
        f"{talk['honorific']} {talk['speaker_name']}" if talk["honorific"] else talk["speaker_name"]
    )
    who = [("Speaker", f"{name}  [{talk['speaker']}]")]
    who += [
        ("Role", ", ".join(p for p in (r["title"], r["organisation"]) if p)) for r in talk["roles"]
    ]
    if talk["emba_class"]:
        who.append(("EMBA", f"Class of {talk['emba_class']}"))
    who += [
        ("Session", f"{talk['session_title']}  [{talk['session']}]"),
        ("Themes", ", ".join(talk["themes"])),
        ("Source", f"{talk['source']['section']}, paragraph {talk['source']['paragraph']}"),
    ]
    blocks: list[Block] = [
        Heading(f"{talk['speaker_name']}: {talk['title']}", 1),
        Fields(who),
        Heading("Summary"),
        Paragraph(talk["summary"]),
    ]
    if talk["points"]:
        blocks += [
            Heading("Points"),
            Items([_item(p) for p in talk["points"]], parts=_parts(talk["points"])),
        ]
    if talk["recommendations"]:
        blocks += [
            Heading("Recommendations"),
            Items(
                [_item(r) for r in talk["recommendations"]],
                numbered=True,
                parts=_parts(talk["recommendations"]),
            ),
        ]
    if talk["quotes"]:
        blocks += [Heading("Quotes"), Items([f"\u201c{q}\u201d" for q in talk["quotes"]])]
    if talk["figures"]:
        blocks += [Heading("Figures"), Items([_figure(f) for f in talk["figures"]])]
    return blocks


def theme_blocks(theme: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"{theme['title']}  [{theme['id']}]", 1),
        Paragraph(theme["summary"]),
    ]
    for entry in theme["by_speaker"]:
        blocks.append(Heading(f"{entry['speaker_name']}  [{entry['speaker']}, {entry['session']}]"))
        items = [f"Said: {p}" for p in entry["points"]]
        items += [f"Recommends: {r['text']}" for r in entry["recommendations"]]
        parts = {len(entry["points"]) + n: p for n, p in _parts(entry["recommendations"]).items()}
        blocks.append(Items(items, parts=parts))
    return blocks


def inferred_fields(event: dict[str, Any]) -> list[tuple[str, str]]:
    """What the data works out rather than finds in the source, labelled as such."""
    return [
        ("Inferred", f"{i['field']}: {i['value']} ({i['basis']})")
        for i in event.get("inferred", ())  # rows cached before inferences have none
    ]


def overview_blocks(view: dict[str, Any]) -> list[Block]:
    event, source = view["event"], view["event"]["source"]
    blocks: list[Block] = [
        Heading(event["title"], 1),
        Fields(
            [
                ("Host", event["host"] or "not stated in the source"),
                *inferred_fields(event),
                ("Source", f"{source['publisher']}, \u201c{source['title']}\u201d"),
                (
                    "Published",
                    f"{source['published']} (publication date; the article gives no event date)",
                ),
                ("Counts", ", ".join(f"{n} {what}" for what, n in view["counts"].items())),
            ]
        ),
    ]
    if event.get("summary"):
        blocks.append(Paragraph(event["summary"]))
    blocks += [Heading("Sessions"), Table(Rows(("id", "title", "speakers"), view["sessions"]))]
    if view["figures"]:
        blocks += [
            Heading("Headline figures"),
            Items([f"{_figure(f)}  [{f['speaker']}]" for f in view["figures"]]),
        ]
    blocks += [
        Heading("Themes most speakers touch"),
        Items(
            [
                f"{t['title']}  [{t['id']}]: {t['speaker_count']} speakers"
                for t in view["top_themes"]
            ]
        ),
    ]
    return blocks


def compare_blocks(view: dict[str, Any]) -> list[Block]:
    a, b = view["a"], view["b"]
    blocks: list[Block] = [Heading(f"{a['name']} and {b['name']}", 1)]
    if not view["shared"]:
        blocks.append(Paragraph("They share no theme."))
    for entry in view["shared"]:
        blocks += [
            Heading(f"{entry['title']}  [{entry['theme']}]"),
            Fields([(a["name"], " / ".join(entry["a"])), (b["name"], " / ".join(entry["b"]))]),
        ]
    blocks += [
        Heading("Only one of them"),
        Fields(
            [
                (a["name"], ", ".join(view["only_a"]) or "-"),
                (b["name"], ", ".join(view["only_b"]) or "-"),
            ]
        ),
    ]
    return blocks


def session_blocks(session: dict[str, Any], names: dict[str, str]) -> list[Block]:
    """A tour's title card for a session."""
    return [
        Heading(session["title"], 1),
        Items([f"{names[s]}  [{s}]" for s in session["speakers"]]),
    ]
