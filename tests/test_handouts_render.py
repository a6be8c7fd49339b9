"""The handout and the pictures as a presenter meets them: in Chromium, on paper, in librsvg.

These render real files with the real tools (headless Chromium, pdftotext, rsvg-convert) and
check what a reader would see: the matrix fits the window and the page, printed text holds
every theme and total, every link lands, and an SVG shows the same words in every renderer.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml

from autosummit_cli.render.svg import CELL
from tests.conftest import BUNDLED, SPEAKERS

SVG = "{http://www.w3.org/2000/svg}"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return found


def chromium(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    binary = _tool("chromium")
    with tempfile.TemporaryDirectory(prefix="handouts-chromium-") as profile:
        return subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def pdf_text(pdf: Path, *options: str) -> str:
    result = subprocess.run(
        [_tool("pdftotext"), *options, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


@pytest.fixture
def handout(cli, tmp_path: Path) -> Path:
    target = tmp_path / "summit.html"
    assert cli("export", "-f", "html", "-o", str(target)).exit_code == 0
    return target


# Run inside the page (a test copy of it; the handout itself has no script): how wide the matrix
# and the page are next to the window, written into the DOM for --dump-dom to hand back.
MEASURE = """<script>
const table = document.querySelector("table.matrix"), root = document.documentElement;
const cells = [...table.querySelectorAll("td, th")];
document.body.insertAdjacentHTML("beforeend", "<pre id='measured'>" + JSON.stringify({
  window: root.clientWidth, page: root.scrollWidth,
  right: Math.max(...cells.map(c => c.getBoundingClientRect().right)),
  overflowing: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length
}) + "</pre>");
</script>"""


@pytest.mark.parametrize("window", [1200, 800])
def test_the_matrix_fits_the_window(handout: Path, tmp_path: Path, window: int) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text(handout.read_text().replace("</body>", MEASURE + "</body>"))
    result = chromium(f"--window-size={window},900", "--dump-dom", probe.as_uri())
    found = re.search(r"<pre id=\"measured\">(.*?)</pre>", result.stdout)
    assert found, result.stderr[-500:]
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["window"] <= window and measured["page"] <= measured["window"], measured
    assert measured["right"] <= measured["window"], measured
    assert measured["overflowing"] == 0, measured


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printed_handout_has_every_theme_and_the_totals(
    handout: Path, tmp_path: Path, paper: str
) -> None:
    sized = tmp_path / f"{paper}.html"
    sized.write_text(handout.read_text().replace("</style>", f"@page {{ size: {paper}; }}</style>"))
    pdf = tmp_path / f"{paper}.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", sized.as_uri())
    assert pdf.exists()
    text = pdf_text(pdf)
    summit = yaml.safe_load(BUNDLED.read_text())
    assert all(t["title"] in text.replace("\n", " ") for t in summit["themes"])
    assert all(name in text for name in SPEAKERS)
    # The matrix's totals row, left to right and nothing cut: every column's total, then the sum.
    layout = pdf_text(pdf, "-layout")
    totals = next(line for line in layout.splitlines() if line.split()[:1] == ["Total"])
    assert totals.split() == ["Total", *map(str, matrix_totals(summit))]
    # Page breaks fall between talks: each page of the Talks section starts with a talk.
    pages = [page.strip().splitlines() for page in text.split("\f") if page.strip()]
    names = {s["id"]: s["name"] for s in summit["speakers"]}
    headings = {f"{names[t['speaker']]}: {t['title']}" for t in summit["talks"]}
    starts = [page[0] for page in pages]
    talk_pages = pages[starts.index("Talks") + 1 : starts.index("Themes")]
    assert talk_pages and all(page[0] in headings for page in talk_pages), starts
    # Nothing printed beyond the paper's edge.
    boxes = pdf_text(pdf, "-bbox")
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    assert right < width


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, the innermost id-bearing element's id)
        self.within: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag in ("article", "section", "div", "tr", "nav"):
            self.within.append(str(found.get("id") or ""))
        if tag == "a" and found.get("href"):
            self.links.append(
                (str(found["href"]), next((w for w in reversed(self.within) if w), ""))
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in ("article", "section", "div", "tr", "nav"):
            self.within.pop()


def test_every_link_in_the_handout_lands_and_each_thing_has_an_anchor(handout: Path) -> None:
    page = handout.read_text()
    parsed = _Links()
    parsed.feed(page)
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate ids"
    hrefs = [href for href, _ in parsed.links]
    assert all(h.startswith("#") for h in hrefs), "a link leaves the page"
    assert {h[1:] for h in hrefs} <= set(parsed.ids)
    summit = yaml.safe_load(BUNDLED.read_text())
    for kind in ("sessions", "talks", "themes", "speakers"):
        for item in summit[kind]:
            assert f"{kind[:-1]}-{item['id']}" in parsed.ids
    links_from = {}
    for href, owner in parsed.links:
        links_from.setdefault(owner, set()).add(href)
    talk = next(t for t in summit["talks"] if t["id"] == "liu-yurui-talk")
    talk_themes = {th for item in talk["recommendations"] + talk["points"] for th in item["themes"]}
    assert {f"#theme-{t}" for t in talk_themes} | {"#session-expert-insights"} <= links_from[
        "talk-liu-yurui-talk"
    ]
    assert {"#speaker-liu-yurui", "#speaker-hou-hong"} <= links_from["theme-generative-ai"]
    assert "#talk-liu-yurui-talk" in links_from["theme-generative-ai"]
    assert len(links_from["contents"]) >= 3 + 10 + 14 + 10


def matrix_totals(summit: dict) -> list[int]:
    """Each theme's column total and the grand total, from the data itself: how many points and
    recommendations of all speakers touch each theme."""
    items = [
        item
        for talk in summit["talks"]
        for item in (*talk.get("points", []), *talk.get("recommendations", []))
    ]
    columns = [sum(theme["id"] in i["themes"] for i in items) for theme in summit["themes"]]
    return [*columns, sum(columns)]


def test_the_handout_shows_names_not_ids(handout: Path) -> None:
    text = re.sub(r"<[^>]+>", " ", handout.read_text().split("<body>")[1])
    assert "[" not in text and "speaker_id" not in text
    assert "liu-yurui" not in text and "generative-ai" not in text
    titles = {t["id"]: t["title"] for t in yaml.safe_load(BUNDLED.read_text())["themes"]}
    assert "Liu Yurui" in text and titles["generative-ai"] in text


def test_the_source_link_appears_when_the_data_has_a_web_address(cli, tmp_path: Path) -> None:
    data = yaml.safe_load(BUNDLED.read_text())
    data["event"]["source"]["url"] = "https://example.org/news/summit?id=1&lang=en"
    path = tmp_path / "linked.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    page = cli("--data", str(path), "export", "-f", "html").stdout
    assert '<a href="https://example.org/news/summit?id=1&amp;lang=en">News Center' in page
    assert 'href="https' not in cli("export", "-f", "html").stdout

    data["event"]["source"]["url"] = "javascript:alert(1)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = cli("validate", str(path))
    assert result.exit_code == 2
    assert "event.source.url: 'javascript:alert(1)' is not a web address" in result.stderr


def svg_words(svg: Path) -> Counter[str]:
    """The words a reader sees in an SVG: each line rebuilt from where its characters are put
    (two runs that touch make one word, as they do on screen), and the title bar's words."""
    root = ET.parse(svg).getroot()
    title, *texts = root.iter(f"{SVG}text")
    lines: dict[str, dict[int, str]] = {}
    for text in texts:
        columns = [round(float(x) / CELL) for x in text.get("x", "").split()]
        line = lines.setdefault(text.get("y", ""), {})
        for i, char in enumerate(text.text or ""):
            line[columns[i] if i < len(columns) else columns[-1] + i - len(columns) + 1] = char
    shown = [
        "".join(line.get(c, " ") for c in range(max(line) + 1)) for line in lines.values() if line
    ]
    return Counter((title.text or "").split() + " ".join(shown).split())


def rendered_words(pdf: Path) -> Counter[str]:
    return Counter(pdf_text(pdf).split())


@pytest.fixture
def pictures(cli, tmp_path: Path) -> list[Path]:
    """A heat map, a search with highlighted words inside sentences, and a tour slide."""
    made = []
    for name, command in (
        ("matrix", ["matrix"]),
        ("search", ["search", "consumers"]),
        ("slide", ["tour", "--session", "expert"]),
    ):
        target = tmp_path / f"{name}.svg"
        assert cli("--svg", str(target), *command).exit_code == 0
        made.append(target if target.exists() else tmp_path / f"{name}-04.svg")
    return made


def test_svgs_show_the_same_words_in_librsvg_and_chromium(pictures: list[Path]) -> None:
    for svg in pictures:
        words = svg_words(svg)
        assert words and "https:" not in svg.read_text()
        librsvg = svg.with_suffix(".rsvg.pdf")
        subprocess.run(
            [_tool("rsvg-convert"), "-f", "pdf", "-o", str(librsvg), str(svg)],
            check=True,
            timeout=60,
        )
        assert rendered_words(librsvg) == words, svg.name
        blink = svg.with_suffix(".chromium.pdf")
        chromium("--no-pdf-header-footer", f"--print-to-pdf={blink}", svg.as_uri())
        assert rendered_words(blink) == words, svg.name


def test_svg_columns_stay_right_aligned_in_librsvg(pictures: list[Path]) -> None:
    matrix = pictures[0]
    pdf = matrix.with_suffix(".pdf")
    subprocess.run(
        [_tool("rsvg-convert"), "-f", "pdf", "-o", str(pdf), str(matrix)], check=True, timeout=60
    )
    boxes = pdf_text(pdf, "-bbox")
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]+)<', boxes)
    # The "total" column: the last number on each speaker's line, right edges all equal.
    lines: dict[float, list[tuple[float, str]]] = {}
    for _, y, x_max, word in words:
        lines.setdefault(round(float(y)), []).append((float(x_max), word))
    ends = [
        max(row)[0]
        for row in lines.values()
        if any(w in SPEAKERS[0] + " ".join(SPEAKERS) for _, w in row) and max(row)[1].isdigit()
    ]
    assert len(ends) >= len(SPEAKERS)
    assert max(ends) - min(ends) < 0.5, ends
