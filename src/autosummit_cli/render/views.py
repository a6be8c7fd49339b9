"""The blocks each detail view is made of, from the records `queries` returns."""

from __future__ import annotations

from typing import Any

from autosummit_cli.domain.rows import Rows, cell
from autosummit_cli.render.document import Block, Fields, Heading, Items, Paragraph, Table


def _figure(f: dict[str, Any]) -> str:
    when = f" ({f['year']})" if f.get("year") else ""
    return f"{f['label']}{when}: {cell(f['value'])} {f['unit']}"


def _item(item: dict[str, Any]) -> str:
    """An item's text, its themes, its id (what `show ID` opens) and, where known, the sentence
    of the source it comes from."""
    line = f"{item['text']}  [{', '.join(item['themes'])}]"
    if item.get("id"):
        line += f"  ({item['id']})"
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
    who = [("Speaker", f"{name}  [{talk['speaker_id']}]"), ("Talk", talk["id"])]
    who += [
        ("Role", ", ".join(p for p in (r["title"], r["organisation"]) if p)) for r in talk["roles"]
    ]
    if talk["emba_class"]:
        who.append(("EMBA", f"Class of {talk['emba_class']}"))
    who += [
        ("Session", f"{talk['session_title']}  [{talk['session_id']}]"),
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
        blocks += [
            Heading("Quotes"),
            Items([f"\u201c{q['text']}\u201d  ({q['id']})" for q in talk["quotes"]]),
        ]
    if talk["figures"]:
        blocks += [Heading("Figures"), Items([_figure(f) for f in talk["figures"]])]
    return blocks


def theme_blocks(theme: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"{theme['title']}  [{theme['id']}]", 1),
        Paragraph(theme["summary"]),
    ]
    for entry in theme["by_speaker"]:
        blocks.append(
            Heading(f"{entry['speaker_name']}  [{entry['speaker_id']}, {entry['session_id']}]")
        )
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
    sessions = Rows(("id", "title", "speaker_names"), view["sessions"])
    blocks += [Heading("Sessions"), Table(sessions)]
    if view["figures"]:
        blocks += [
            Heading("Headline figures"),
            Items([f"{_figure(f)}  ({f['speaker_name']})" for f in view["figures"]]),
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
    """One column per speaker: for each shared theme, what each said, item beside item; then
    the themes only one of them touches."""
    a, b = view["a"], view["b"]
    left, right = (f"{s['speaker_name']} [{s['speaker_id']}]" for s in (a, b))
    blocks: list[Block] = [
        Heading(f"{a['speaker_name']} and {b['speaker_name']}", 1),
        Paragraph(f"Left: {left}; right: {right}."),  # plain text shows no table header
    ]
    if not view["shared"]:
        blocks.append(Paragraph("They share no theme."))
    for entry in view["shared"]:
        said = [[f"{s['text']} ({s['id']})" for s in entry[side]] for side in ("a", "b")]
        pairs = [
            {
                left: said[0][n] if n < len(said[0]) else "",
                right: said[1][n] if n < len(said[1]) else "",
            }
            for n in range(max(map(len, said)))
        ]
        blocks += [
            Heading(f"{entry['title']}  [{entry['theme_id']}]"),
            Table(Rows((left, right), pairs, name="compare")),
        ]
    only = {left: ", ".join(view["only_a"]) or "-", right: ", ".join(view["only_b"]) or "-"}
    return [
        *blocks,
        Heading("Only one of them"),
        Table(Rows((left, right), [only], name="compare")),
    ]


def session_blocks(session: dict[str, Any], names: dict[str, str]) -> list[Block]:
    """A tour's title card for a session."""
    return [
        Heading(session["title"], 1),
        Items([f"{names[s]}  [{s}]" for s in session["speakers"]]),
    ]


def record_blocks(found: dict[str, Any]) -> list[Block]:
    """`show ID`: what the id names, then the talk, theme or session it belongs to."""
    kind, ident = found["kind"], found["id"]
    if kind == "theme":
        return theme_blocks(found["theme"])
    if kind == "session":
        session = found["session"]
        names = dict(zip(session["speakers"], session["speaker_names"], strict=True))
        return session_blocks(session, names)
    talk = found["talk"]
    head: list[Block] = []
    if kind not in ("talk", "speaker"):
        head = [
            Heading(f"{kind.capitalize()} {ident}, in {talk['speaker_name']}'s talk", 1),
            Paragraph(found["text"]),
        ]
    return [*head, *talk_blocks(talk)]
