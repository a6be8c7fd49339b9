"""The browser, driven through Textual's pilot: every key path, the mouse, and its screens."""

from __future__ import annotations

import asyncio
import html
import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from autosummit_cli.browse import _colour
from autosummit_cli.browse.app import BrowseApp, MainScreen, make_app
from autosummit_cli.browse.pages import Page
from autosummit_cli.browse.screens import DetailScreen, EventsScreen, KeysScreen, MatrixScreen
from autosummit_cli.browse.widgets import PageView, Pane
from autosummit_cli.domain.errors import ExitCode
from autosummit_cli.reading.sources import data_sources
from autosummit_cli.render.keys import BROWSE_KEYS
from autosummit_cli.search.engine import search
from autosummit_cli.search.query import KINDS, Filters
from autosummit_cli.search.texts import seal
from autosummit_cli.store.corpus import Scope
from autosummit_cli.store.store import Store
from tests.conftest import BUNDLED, MINI, inject, mini_data, write_summit

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = "AUTOSUMMIT_UPDATE_SNAPSHOTS"  # set to 1 to rewrite the expected screens


def browser(*data: Path, event: str | None = None) -> BrowseApp:
    return make_app(Scope(Store(data_sources(tuple(str(d) for d in data))), event))


def drive(
    app: BrowseApp,
    steps: Callable[[Pilot[Any]], Awaitable[None]],
    size: tuple[int, int] = (100, 30),
) -> None:
    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(run())


def shown(app: BrowseApp) -> Page:
    screen = app.screen
    assert isinstance(screen, DetailScreen), type(screen).__name__
    return screen.shown


def screen_text(app: BrowseApp) -> str:
    """What the screen shows, as text: the characters of Textual's own SVG screenshot, placed
    by their x position (so the comparison ignores colours and the SVG's generated ids)."""
    svg = app.export_screenshot()
    width = app.size.width
    lines = [[" "] * width for _ in range(app.size.height)]
    pattern = r'<text [^>]*x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)"[^>]*line-(\d+)\)">([^<]*)'
    for x, length, line, text in re.findall(pattern, svg):
        chars = html.unescape(text).replace("\xa0", " ")
        column = round(float(x) / (float(length) / len(chars))) if chars else 0
        for offset, char in enumerate(chars):
            if 0 <= column + offset < width and int(line) < len(lines):
                lines[int(line)][column + offset] = char
    return "\n".join("".join(line).rstrip() for line in lines).rstrip() + "\n"


def test_search_opens_the_talk_with_the_hit_in_view() -> None:
    app = browser(BUNDLED)
    index = Store(data_sources((str(BUNDLED),))).index()
    (first,) = search(index, "decentralized", Filters(KINDS), 1).records

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", *"decentralized")
        await pilot.pause()
        results = app.screen.query_one("#results", Pane)
        assert results.display and results.border_title.startswith("Results: ")
        await pilot.press("enter")  # to the results
        assert app.focused is results
        await pilot.press("enter")  # open the best one
        await pilot.pause()
        page_view = app.screen.query_one("#page", PageView)
        hit = page_view.hit()
        assert hit is not None and first["text"] in page_view.hit_text
        top, height = page_view.scroll_offset.y, page_view.scrollable_content_region.height
        assert top <= hit.virtual_region.y < top + height
        assert any(link.label.startswith("Session: ") for link in shown(app).links)

    drive(app, steps, (80, 24))


def test_follow_a_theme_link_then_go_back_twice() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        assert app.focused is app.screen.query_one("#speakers", Pane)
        await pilot.press("enter")  # Ana López's talk
        await pilot.pause()
        assert shown(app).title == "Ana López: Solid-state cells"
        labels = [link.label for link in shown(app).links]
        assert labels == ["Session: Morning Session", "Theme: Batteries and cells"]
        await pilot.press("j", "enter")  # down to the theme, and open it
        await pilot.pause()
        theme = shown(app)
        assert theme.title == "Batteries and cells"
        assert "Speaker: Bo Chen" in [link.label for link in theme.links]
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app).title == "Ana López: Solid-state cells"
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

    drive(app, steps)


def test_a_theme_item_opens_its_talk_at_that_item() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("tab")  # from the speakers to the themes
        assert app.focused is app.screen.query_one("#themes", Pane)
        await pilot.press("G", "enter")  # the last theme: Supply chain
        await pilot.pause()
        assert shown(app).title == "Supply chain"
        labels = [link.label for link in shown(app).links]
        item = labels.index("  • Dealers are under pressure.")
        await pilot.press(*["down"] * item, "enter")
        await pilot.pause()
        assert shown(app).title == "Chen Li: Dealers"
        page_view = app.screen.query_one("#page", PageView)
        assert page_view.hit() is not None
        assert page_view.hit_text.startswith("Dealers are under pressure.")

    drive(app, steps)


def test_matrix_cell_opens_the_items_behind_it() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one(DataTable)
        assert [str(table.get_cell_at((0, c))) for c in range(4)] == ["Ana López", "2", "·", "2"]
        await pilot.press("right", "enter")  # Ana López x Batteries and cells
        await pilot.pause()
        cell = shown(app)
        assert cell.title == "Ana López on Batteries and cells"
        assert [link.label for link in cell.links][:2] == [
            "Solid-state cells are close to production.",
            "Invest in solid-state cell pilot lines.",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        page_view = app.screen.query_one("#page", PageView)
        assert page_view.hit() is not None and "pilot lines" in page_view.hit_text
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)
        await pilot.press("k", "end", "enter")  # a speaker's total opens the talk
        await pilot.pause()
        assert shown(app).title.startswith("Ana López:")

    drive(app, steps)


def test_q_quits_with_0_but_types_in_the_search_box() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", "q", "question_mark")
        assert app.screen.query_one("#search", Input).value == "q?"
        assert app.is_running
        await pilot.press("escape")  # empties the box and leaves it
        assert app.screen.query_one("#search", Input).value == ""
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    drive(app, steps)
    assert app.return_code == ExitCode.OK


def test_ctrl_c_quits_with_130_even_from_the_search_box() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", "a", "ctrl+c")
        await pilot.pause()

    drive(app, steps)
    assert app.return_code == ExitCode.INTERRUPTED


def test_slash_from_a_page_goes_back_to_the_search_box() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "down", "enter")  # a talk, then its theme
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.query_one("#search", Input)

    drive(app, steps)


def test_a_search_without_matches_says_why() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", *"xylophone")
        await pilot.pause()
        results = app.screen.query_one("#results", Pane)
        assert results.border_title == "Results: none"
        assert "no matches for 'xylophone'" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter")  # nothing to open: focus stays in the box
        assert isinstance(app.focused, Input)

    drive(app, steps)


def test_question_mark_lists_every_key() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        for _, _, _, what in BROWSE_KEYS:
            assert what in text
        assert "Space Enter → ↓ PgDn n l" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    drive(app, steps, (120, 40))


def test_the_mouse_opens_what_it_clicks() -> None:
    app = browser(MINI)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.click("#themes", offset=(2, 1))  # the first theme, inside the border
        await pilot.pause()
        assert shown(app).title == "Batteries and cells"
        await pilot.click("#links", offset=(2, 1))
        await pilot.pause()
        assert shown(app).title == "Ana López: Solid-state cells"

    drive(app, steps)


def test_an_event_picker_when_several_summits_are_loaded(tmp_path: Path) -> None:
    other = mini_data()
    other["event"]["id"], other["event"]["title"] = "second-forum", "Second Forum"
    app = browser(MINI, write_summit(tmp_path / "second.yaml", other))

    async def steps(pilot: Pilot[Any]) -> None:
        assert isinstance(app.screen, EventsScreen)
        text = screen_text(app)
        assert "Second Forum  [second-forum]" in text and "3 speakers, 3 talks" in text
        await pilot.press("m")  # no event chosen yet: no matrix
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.event_id == "second-forum"
        title = app.screen.query_one("#event-title", Static)
        assert str(title.render()) == "Second Forum"
        await pilot.press("slash", *"dealers", "enter", "enter")
        await pilot.pause()
        assert shown(app).title == "Chen Li: Dealers"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)

    drive(app, steps)
    assert browser(MINI, tmp_path / "second.yaml", event="second-forum").events == [
        ("second-forum", "Second Forum")
    ]


def test_data_is_shown_as_written_never_as_markup(tmp_path: Path) -> None:
    text = "[b]bold[/b] [@click=quit]x \x1b[31mred"
    data = write_summit(tmp_path / "markup.yaml", inject(mini_data(), text))
    app = browser(data)
    written = "[b]bold[/b] [@click=quit]x \\x1b[31mred"  # the escape shown, not obeyed

    async def steps(pilot: Pilot[Any]) -> None:
        assert written in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert written in screen_text(app)

    drive(app, steps, (160, 40))


def test_color_option_decides_over_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert browser(MINI).no_color
    _colour("always")
    assert "NO_COLOR" not in os.environ and not browser(MINI).no_color
    _colour("never")
    assert browser(MINI).no_color


def test_browse_outside_a_terminal_says_it_needs_one(cli) -> None:
    result = cli("browse")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("autosummit: browse needs a terminal")


SCREENS = {
    "main": (),
    "search": ("slash", *"cells"),
    "talk": ("enter",),
    "theme": ("enter", "down", "enter"),
    "matrix": ("m",),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screens_match_their_snapshots(name: str, size: tuple[int, int]) -> None:
    app = browser(MINI)
    texts: list[str] = []

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*SCREENS[name])
        await pilot.pause()
        texts.append(screen_text(app))

    drive(app, steps, size)
    expected = SNAPSHOTS / f"browse-{name}-{size[0]}x{size[1]}.txt"
    if os.environ.get(UPDATE):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(texts[0], encoding="utf-8")
    assert texts[0] == expected.read_text(encoding="utf-8")
    assert all(len(line) <= size[0] for line in texts[0].splitlines())


def test_a_damaged_block_of_texts_found_by_a_search_is_rebuilt(tmp_path: Path) -> None:
    # A block of texts is read only when a search shows its rows: the damage is found as the
    # explorer searches, and the catalog is rebuilt then, as for the `search` command.
    summit = write_summit(tmp_path / "s.yaml", mini_data())
    catalog = Store(data_sources((str(summit),))).index()
    good = search(catalog, "battery", Filters(KINDS), 50).total
    with catalog:
        for first, data in catalog.execute("SELECT first, data FROM texts").fetchall():
            flipped = bytes([data[0] ^ 0x10]) + data[1:]
            catalog.execute("UPDATE texts SET data = ? WHERE first = ?", (flipped, first))
    app = browser(summit)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", *"battery")
        await pilot.pause()
        results = app.screen.query_one("#results", Pane)
        assert results.border_title == f"Results: {good} of {good}"

    drive(app, steps)
    blocks = (
        Store(data_sources((str(summit),)))
        .index()
        .execute("SELECT first, data, checksum FROM texts")
    )
    assert all(seal(first, data) == checksum for first, data, checksum in blocks)  # repaired
