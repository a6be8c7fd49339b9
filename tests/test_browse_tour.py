"""The paced tour's keys and pages, and the one key map it shares with the browser."""

from __future__ import annotations

import pytest

from autosummit_cli.reading.summit_file import load_summit
from autosummit_cli.render.formats import Output
from autosummit_cli.render.keys import BROWSE_KEYS, TOUR_KEYS, key_names, tour_action
from autosummit_cli.render.slideshow import Show, paginate
from autosummit_cli.render.tour import tour_screens
from tests.conftest import BUNDLED, MINI


@pytest.mark.parametrize(
    ("sent", "names"),
    [
        (b" ", ["space"]),
        (b"\r", ["enter"]),
        (b"\x1b[C\x1b[B\x1b[6~", ["right", "down", "pagedown"]),
        (b"\x1b[D\x1b[A\x1b[5~\x7f", ["left", "up", "pageup", "backspace"]),
        (b"\x1b[H\x1b[F\x1bOH\x1b[4~", ["home", "end", "home", "end"]),
        (b"\x1b", ["escape"]),
        (b"\x1bq", ["escape", "q"]),
        (b"12\n", ["1", "2", "enter"]),
        (b"\x1b[15~n", ["n"]),  # F5, unknown: skipped whole, not read as '~'
    ],
)
def test_terminal_bytes_become_key_names(sent: bytes, names: list[str]) -> None:
    assert key_names(sent) == names


def test_every_clicker_key_advances_and_every_back_key_goes_back() -> None:
    for key in ("space", "enter", "right", "down", "pagedown", "n", "l"):
        assert tour_action(key) == "next"
    for key in ("left", "up", "pageup", "backspace", "p", "b", "h"):
        assert tour_action(key) == "back"
    assert tour_action("q") == tour_action("escape") == "quit"
    assert tour_action("x") is None


def _show(rows: int = 200) -> Show:
    screens = list(tour_screens(load_summit(str(MINI))))
    return Show(paginate(screens, Output(color="never"), 80, rows), len(screens))


def test_show_moves_jumps_and_stops_at_either_end() -> None:
    show = _show()
    assert show.slides == 7 and "[1/7]" in show.screen(80, None)
    show.press("left")
    assert show.at == 0  # no slide before the first
    for key in ("space", "right", "pagedown"):
        show.press(key)
    assert show.at == 3
    show.press("b")
    assert show.at == 2
    show.press("end")
    assert show.at_end() and "[7/7]  the last slide" in show.screen(80, None)
    show.press("n")
    assert show.at == 6
    for key in ("3", "enter"):
        show.press(key)
    assert show.at == 2
    show.press("9")
    assert "go to slide 9_" in show.screen(80, None)
    show.press("enter")  # past the end: the last slide
    assert show.at == 6
    show.press("home")
    assert show.at == 0
    show.press("4")
    show.press("escape")  # forgets the number, and does not quit
    assert show.typed == "" and show.press("right") and show.at == 1
    assert not show.press("q")


def test_a_tall_slide_is_shown_in_parts_with_its_title_pinned() -> None:
    screens = list(tour_screens(load_summit(str(BUNDLED))))
    pages = paginate(screens, Output(color="never"), 80, 24)
    talk = [p for p in pages if p.slide == 4]  # a talk with many recommendations
    assert len(talk) > 1
    title = talk[0].text.splitlines()[0]
    assert "Liu Erhai:" in title
    for part in talk:
        lines = part.text.splitlines()
        assert lines[0] == title and len(lines) <= 24 - 2
    show = Show(pages, len(screens))
    show.jump(4)
    assert f"[5/{len(screens)}] part 1/{len(talk)}" in show.screen(80, 24)
    show.press("space")
    assert f"part 2/{len(talk)}" in show.screen(80, 24)
    page, status = show.screen(80, 24).split("\x1b[24;1H")  # the status on the last row
    assert len(status) < 80 and all(len(line) <= 80 for line in page.splitlines())


def test_a_session_tour_opens_with_the_session_and_closes_with_its_themes() -> None:
    screens = list(tour_screens(load_summit(str(MINI)), "evening"))
    titles = [screen[0].text for screen in screens]  # type: ignore[union-attr]
    assert titles == [
        "Evening Panel",
        "Bo Chen: Chains that hold",
        "Chen Li: Dealers",
        "Themes at a glance",
    ]
    closing = screens[-1][2].items  # type: ignore[union-attr]
    assert closing == [
        "Supply chain  [supply-chain]: 2 speakers",
        "Batteries and cells  [batteries]: 1 speaker",
    ]


def test_the_browser_binds_the_key_map_it_lists() -> None:
    from autosummit_cli.browse.app import BrowseApp
    from autosummit_cli.browse.widgets import Pane

    bound = {b.key for b in [*BrowseApp.BINDINGS, *Pane.BINDINGS]}  # type: ignore[union-attr]
    listed = {",".join(keys) for keys, action, _, _ in BROWSE_KEYS if action != "focus"}
    assert listed <= bound
    assert set(TOUR_KEYS) == {"next", "back", "first", "last", "quit"}
