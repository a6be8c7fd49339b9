"""The summit as one self-contained HTML handout: read on screen, printed, or passed round.

Everything is linked: a table of contents; an anchor for every session (`session-ID`), talk
(`talk-ID`), theme (`theme-ID`) and speaker (`speaker-ID`); a talk links to its speaker, session
and themes, a theme to its speakers and their talks. People see names and titles; ids appear only
in the anchors. The matrix numbers its theme columns, with a legend, so it fits a 1200 px window
and an A4 or Letter page; its cells carry the count on a shade of the heat ramp (`heat.py`),
which prints in greyscale too. Inline CSS, no script, nothing fetched.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

from autosummit_cli.domain import matrix, queries
from autosummit_cli.domain.model import Summit, Talk
from autosummit_cli.domain.rows import cell
from autosummit_cli.render.heat import heat
from autosummit_cli.render.safe import one_line, visible
from autosummit_cli.render.views import inferred_fields

CSS = """
:root { --ink: #1b1f23; --muted: #57606a; --rule: #d0d7de; --accent: #0a5f7e; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }
h1 { border-bottom: 2px solid var(--accent); padding-bottom: .3rem; }
h2 { margin-top: 2.4rem; color: var(--accent); border-bottom: 1px solid var(--rule); }
h3 { margin: 1.6rem 0 .4rem; } h4 { margin: 1rem 0 .2rem; }
a { color: var(--accent); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
dt { font-weight: 600; } dd { margin: 0; }
.tags { color: var(--muted); font-size: .85rem; }
.tags a { color: var(--muted); }
nav.toc ol ol { columns: 2; column-gap: 3rem; font-size: .95rem; }
nav.toc li { break-inside: avoid; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .2rem .45rem; text-align: left; }
table.matrix { font-size: .85rem; font-variant-numeric: tabular-nums; }
table.matrix td, table.matrix thead th { text-align: center; min-width: 1.7em;
                                         padding: .2rem .3rem; }
table.matrix th[scope=row] { white-space: nowrap; font-weight: 600; }
table.matrix a { color: inherit; text-decoration: none; }
table.matrix a:hover, table.matrix a:focus { text-decoration: underline; }
table.matrix td.total, table.matrix tfoot td { font-weight: 700; }
table.matrix td.none { color: #8c959f; }
td.heat, .scale span { font-weight: 700; -webkit-print-color-adjust: exact;
                       print-color-adjust: exact; }
.scale span { display: inline-block; min-width: 1.7em; text-align: center; margin-right: 2px; }
ol.legend { columns: 2; column-gap: 3rem; font-size: .9rem; padding-left: 2rem; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: page; border: 0; } h2, h3, h4 { break-after: avoid; }
  nav.toc h2 { break-before: auto; }
  article.talk, section.theme, div.speaker, table, li { break-inside: avoid; }
  table.matrix { font-size: 10pt; } table.matrix td, table.matrix thead th { padding: 2pt 3pt; }
}
"""


def _text(value: object) -> str:
    return html.escape(visible(str(value)), quote=False)


def _attr(value: str) -> str:
    return html.escape(one_line(value), quote=True)


def _link(anchor: str, label: str, title: str | None = None) -> str:
    hint = f' title="{_attr(title)}"' if title else ""
    return f'<a href="#{_attr(anchor)}"{hint}>{_text(label)}</a>'


def _web_address(url: str | None) -> str | None:
    """Only an absolute http(s) address becomes a link (never `javascript:` and the like)."""
    if not url:
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


class Handout:
    """Names and anchors for one summit, and the sections that use them."""

    def __init__(self, summit: Summit) -> None:
        self.summit = summit
        self.names = {s.id: s.name for s in summit.speakers}
        self.themes = {t.id: t.title for t in summit.themes}
        self.sessions = {s.id: s.title for s in summit.sessions}

    def speaker(self, speaker_id: str) -> str:
        return _link(f"speaker-{speaker_id}", self.names[speaker_id])

    def theme(self, theme_id: str) -> str:
        return _link(f"theme-{theme_id}", self.themes[theme_id])

    def session(self, session_id: str) -> str:
        return _link(f"session-{session_id}", self.sessions[session_id])

    def talk(self, talk: Talk, label: str | None = None) -> str:
        return _link(f"talk-{talk.id}", label or talk.title)

    def theme_tags(self, theme_ids: list[str]) -> str:
        links = ", ".join(self.theme(t) for t in theme_ids)
        return f' <span class="tags">({links})</span>' if links else ""

    def document(self) -> str:
        title = self.summit.event.title
        body = [
            self.front(),
            self.contents(),
            self.session_section(),
            self.matrix_section(),
            self.talk_section(),
            self.theme_section(),
            self.speaker_section(),
        ]
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + "\n</body>\n</html>\n"
        )

    def front(self) -> str:
        view = queries.overview(self.summit)
        event, source = view["event"], view["event"]["source"]
        cited = f"{_text(source['publisher'])}, \u201c{_text(source['title'])}\u201d"
        address = _web_address(source.get("url"))
        if address:
            cited = f'<a href="{_attr(address)}">{cited}</a>'
        fields = [
            ("Host", _text(event["host"] or "not stated in the source")),
            *((label, _text(value)) for label, value in inferred_fields(event)),
            ("Source", cited),
            ("Published", _text(f"{source['published']} (the article gives no event date)")),
            ("Counts", _text(", ".join(f"{n} {what}" for what, n in view["counts"].items()))),
        ]
        parts = [f"<header>\n<h1>{_text(event['title'])}</h1>", _fields(fields)]
        if event.get("summary"):
            parts.append(f"<p>{_text(event['summary'])}</p>")
        if view["figures"]:
            items = "".join(
                f"<li>{_text(_figure(f))} "
                f"<span class='tags'>({self.speaker(f['speaker_id'])})</span></li>"
                for f in view["figures"]
            )
            parts.append(f"<h3>Headline figures</h3>\n<ul>{items}</ul>")
        return "\n".join(parts) + "\n</header>"

    def contents(self) -> str:
        def entry(anchor: str, label: str, children: list[str]) -> str:
            inner = (
                "<ol>" + "".join(f"<li>{c}</li>" for c in children) + "</ol>" if children else ""
            )
            return f"<li>{_link(anchor, label)}{inner}</li>"

        s = self.summit
        entries = [
            entry("sessions", "Sessions", [self.session(x.id) for x in s.sessions]),
            entry("matrix", "Who speaks to which theme", []),
            entry(
                "talks",
                "Talks",
                [self.talk(t, f"{self.names[t.speaker]}: {t.title}") for t in s.talks],
            ),
            entry("themes", "Themes", [self.theme(t.id) for t in s.themes]),
            entry("speakers", "Speakers", [self.speaker(x.id) for x in s.speakers]),
        ]
        return (
            '<nav class="toc" id="contents">\n<h2>Contents</h2>\n<ol>'
            + "".join(entries)
            + "</ol>\n</nav>"
        )

    def session_section(self) -> str:
        parts = ['<section id="sessions">\n<h2>Sessions</h2>']
        for session in self.summit.sessions:
            talks = [t for t in self.summit.talks if t.session == session.id]
            items = "".join(f"<li>{self.speaker(t.speaker)}: {self.talk(t)}</li>" for t in talks)
            heading = f'<h3 id="session-{_attr(session.id)}">{_text(session.title)}</h3>'
            parts.append(f"{heading}\n<ul>{items}</ul>")
        return "\n".join(parts) + "\n</section>"

    def talk_section(self) -> str:
        parts = ['<section id="talks">\n<h2>Talks</h2>']
        parts += [self.talk_article(t) for t in self.summit.talks]
        return "\n".join(parts) + "\n</section>"

    def talk_article(self, talk: Talk) -> str:
        record = queries.talk_record(self.summit, talk)
        speaker = self.summit.speaker(talk.speaker)
        fields = [("Speaker", _link(f"speaker-{speaker.id}", speaker.display_name))]
        fields += [("Role", _text(str(role))) for role in speaker.roles if str(role)]
        fields += [
            ("Session", self.session(talk.session)),
            ("Themes", ", ".join(self.theme(t) for t in record["themes"])),
            ("Source", _text(f"{talk.source.section}, paragraph {talk.source.paragraph}")),
        ]
        parts = [
            f'<article class="talk" id="talk-{_attr(talk.id)}">',
            f"<h3>{_text(speaker.name)}: {_text(talk.title)}</h3>",
            _fields(fields),
            f"<p>{_text(talk.summary)}</p>",
        ]
        lists = [
            ("Points", "ul", record["points"]),
            ("Recommendations", "ol", record["recommendations"]),
        ]
        for heading, tag, items in lists:
            if items:
                rows = "".join(self.item(item) for item in items)
                parts.append(f"<h4>{heading}</h4>\n<{tag}>{rows}</{tag}>")
        if talk.quotes:
            rows = "".join(f"<li>\u201c{_text(q)}\u201d</li>" for q in talk.quotes)
            parts.append(f"<h4>Quotes</h4>\n<ul>{rows}</ul>")
        if record["figures"]:
            rows = "".join(f"<li>{_text(_figure(f))}</li>" for f in record["figures"])
            parts.append(f"<h4>Figures</h4>\n<ul>{rows}</ul>")
        return "\n".join(parts) + "\n</article>"

    def item(self, item: dict[str, Any], prefix: str = "") -> str:
        """A point or recommendation: its text, the members it enumerates as a nested list,
        its themes and where in the article it comes from."""
        nested = "".join(f"<li>{_text(part)}</li>" for part in item.get("parts", ()))
        cite = item.get("source")
        where = (
            f' <span class="tags">(paragraph {cite["paragraph"]}, '
            f"sentence {cite['sentence']})</span>"
            if cite
            else ""
        )
        return (
            f"<li>{prefix}{_text(item['text'])}{self.theme_tags(item.get('themes', []))}{where}"
            + (f"<ol>{nested}</ol>" if nested else "")
            + "</li>"
        )

    def theme_section(self) -> str:
        parts = ['<section id="themes">\n<h2>Themes</h2>']
        for theme in self.summit.themes:
            detail = queries.theme_detail(self.summit, theme.id)
            who = ", ".join(self.speaker(s) for s in detail["speakers"]) or "nobody yet"
            parts += [
                f'<section class="theme" id="theme-{_attr(theme.id)}">',
                f"<h3>{_text(theme.title)}</h3>\n<p>{_text(theme.summary)}</p>",
                f"<p><strong>Speakers:</strong> {who}</p>",
            ]
            for entry in detail["by_speaker"]:
                talk = next(t for t in self.summit.talks if t.id == entry["talk_id"])
                items = [f"<li>Said: {_text(p)}</li>" for p in entry["points"]]
                items += [
                    self.item({"text": r["text"], "parts": r.get("parts", ())}, "Recommends: ")
                    for r in entry["recommendations"]
                ]
                parts.append(
                    f"<h4>{self.speaker(entry['speaker_id'])} "
                    f'<span class="tags">({self.talk(talk)})</span></h4>\n'
                    f"<ul>{''.join(items)}</ul>"
                )
            parts.append("</section>")
        return "\n".join(parts) + "\n</section>"

    def speaker_section(self) -> str:
        parts = ['<section id="speakers">\n<h2>Speakers</h2>']
        for speaker in self.summit.speakers:
            talks = self.summit.talks_by(speaker.id)
            themes = list(dict.fromkeys(t for talk in talks for t in talk.themes))
            fields = [("Role", _text(str(role))) for role in speaker.roles if str(role)]
            if speaker.emba_class:
                fields.append(("EMBA", _text(f"Class of {speaker.emba_class}")))
            fields += [
                ("Talk", ", ".join(self.talk(t) for t in talks) or "-"),
                ("Session", ", ".join(dict.fromkeys(self.session(t.session) for t in talks))),
                ("Themes", ", ".join(self.theme(t) for t in themes) or "-"),
            ]
            parts.append(
                f'<div class="speaker" id="speaker-{_attr(speaker.id)}">\n'
                f"<h3>{_text(speaker.display_name)}</h3>\n{_fields(fields)}\n</div>"
            )
        return "\n".join(parts) + "\n</section>"

    def matrix_section(self) -> str:
        rows = matrix.rows(self.summit)
        totals = matrix.totals(rows)
        themes = [t.id for t in self.summit.themes]
        keys = {t: matrix.key(t) for t in themes}  # the rows' column for each theme
        top = max((r[keys[t]] for r in rows.records for t in themes), default=1)
        head = "".join(
            f'<th scope="col">{_link(f"theme-{t}", str(n), self.themes[t])}</th>'
            for n, t in enumerate(themes, 1)
        )
        body = "".join(
            f'<tr><th scope="row">{self.speaker(r["speaker_id"])}</th>'
            + "".join(_heat_cell(r[keys[t]], top) for t in themes)
            + f'<td class="total">{r["total"]}</td></tr>'
            for r in rows.records
        )
        foot = "".join(f"<td>{totals[key]}</td>" for key in [*keys.values(), "total"])
        legend = "".join(f"<li>{self.theme(t)}</li>" for t in themes)
        scale = "".join(_heat_span(n, top) for n in range(1, top + 1))
        return (
            '<section id="matrix">\n<h2>Who speaks to which theme</h2>\n'
            "<p>How many of each speaker's points and recommendations touch each theme; the "
            "columns are the themes numbered in the legend below.</p>\n"
            f'<table class="matrix">\n<thead><tr><th scope="col">Speaker</th>{head}'
            '<th scope="col">Total</th></tr></thead>\n'
            f"<tbody>{body}</tbody>\n"
            f'<tfoot><tr><th scope="row">Total</th>{foot}</tr></tfoot>\n</table>\n'
            f'<p class="scale">Shades, from one to {top}: {scale}</p>\n'
            f'<ol class="legend">{legend}</ol>\n</section>'
        )


def _heat_cell(count: int, top: int) -> str:
    if not count:
        return '<td class="none">·</td>'
    fill, text = heat(count, top, "light")
    return f'<td class="heat" style="background:{fill};color:{text}">{count}</td>'


def _heat_span(count: int, top: int) -> str:
    fill, text = heat(count, top, "light")
    return f'<span style="background:{fill};color:{text}">{count}</span>'


def _fields(pairs: list[tuple[str, str]]) -> str:
    """Label and value pairs; the values are HTML already."""
    return "<dl>" + "".join(f"<dt>{_text(k)}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"


def _figure(f: dict[str, Any]) -> str:
    when = f" ({f['year']})" if f.get("year") else ""
    return f"{f['label']}{when}: {cell(f['value'])} {f['unit']}"


def handout_html(summit: Summit) -> str:
    return Handout(summit).document()
