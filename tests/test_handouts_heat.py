"""The heat map's colours: one shade per count, lightness in order, readable text on each."""

from __future__ import annotations

import json
import re

import pytest
from rich.color import Color

from autosummit_cli.render.heat import heat, luminance
from tests.conftest import SPEAKERS


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("xterm", [False, True])
@pytest.mark.parametrize("background", ["dark", "light"])
@pytest.mark.parametrize("top", [2, 3, 5, 8, 9, 15, 40])
def test_every_count_has_its_own_shade_in_lightness_order(
    top: int, background: str, xterm: bool
) -> None:
    cells = [heat(count, top, background, xterm) for count in range(1, top + 1)]  # type: ignore[arg-type]
    lightness = [luminance(_rgb(fill)) for fill, _ in cells]
    ordered = lightness if background == "dark" else lightness[::-1]
    assert all(a < b for a, b in zip(ordered, ordered[1:], strict=False)), lightness
    # WCAG AA for normal text, on every cell.
    assert min(contrast(fill, text) for fill, text in cells) >= 4.5


def test_the_ramp_runs_away_from_the_background() -> None:
    # On a dark screen the largest count is the lightest; on paper, the darkest.
    assert luminance(_rgb(heat(8, 8, "dark")[0])) > 0.7
    assert luminance(_rgb(heat(8, 8, "light")[0])) < 0.05
    assert luminance(_rgb(heat(1, 8, "light")[0])) > 0.5


def _cell_backgrounds(out: str) -> dict[int, set[str]]:
    """Each count in the matrix and the background colours it was drawn on."""
    found: dict[int, set[str]] = {}
    for codes, count in re.findall(r"\x1b\[([0-9;]*48;[0-9;]+)m (\d+) \x1b\[0m", out):
        found.setdefault(int(count), set()).add(codes)
    return found


def _cells(row: dict) -> list[int]:
    return [v for k, v in row.items() if k not in ("speaker_id", "speaker_name", "total")]


@pytest.mark.parametrize(
    ("env", "lighter_is_more"),
    [({}, True), ({"COLORFGBG": "15;0"}, True), ({"COLORFGBG": "0;15"}, False)],
)
def test_the_terminal_heat_map_on_256_colours(cli, env: dict[str, str], lighter_is_more) -> None:
    out = cli("--color", "always", "matrix", "-f", "table", env=env).stdout
    grid, scale = out.split("cell shades:")
    by_count = _cell_backgrounds(grid)
    counts = {n for row in json.loads(cli("matrix", "-f", "json").stdout) for n in _cells(row)}
    assert sorted(by_count) == sorted(counts - {0})  # every count of the bundled summit's
    shades = {}
    for count, codes in by_count.items():
        assert len(codes) == 1, codes  # one count, one shade
        palette = re.search(r"48;5;(\d+)", next(iter(codes)))
        assert palette, codes
        shades[count] = Color.from_ansi(int(palette.group(1))).get_truecolor()
    lightness = [luminance((c.red, c.green, c.blue)) for _, c in sorted(shades.items())]
    ordered = lightness if lighter_is_more else lightness[::-1]
    assert all(a < b for a, b in zip(ordered, ordered[1:], strict=False)), lightness
    assert sorted(_cell_backgrounds(scale)) == list(range(1, max(counts) + 1))  # every step


@pytest.mark.parametrize("columns", range(70, 90, 3))
def test_the_terminal_matrix_never_folds_a_name(cli, columns: int) -> None:
    out = cli("matrix", "-f", "table", env={"COLUMNS": str(columns)}).stdout
    assert max(len(line) for line in out.splitlines()) <= columns
    assert all(re.search(rf"^ ?{name}[ :]", out, re.M) for name in SPEAKERS), out
