"""The command line's conventions: one Environment, lazy commands, global options anywhere,
help the way gh and rg give it."""

from __future__ import annotations

import json
import re
import sys

import pytest
from rich.text import Text

from autosummit_cli.cli import app as cli
from autosummit_cli.domain.errors import ExitCode
from tests.conftest import MINI, run


def test_two_main_calls_in_one_process_both_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = []
    for argv in (
        ["autosummit", "sessions", "-f", "json"],
        ["autosummit", "speakers", "-f", "json"],
    ):
        monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as exited:
            cli.main()
        codes.append(exited.value.code)
    sessions, speakers = capsys.readouterr().out.split("]\n[", 1)
    assert codes == [0, 0]
    assert json.loads(sessions + "]")[0]["id"] == "summit"
    assert json.loads("[" + speakers)[0]["id"] == "guo-xuhao"


def test_commands_are_built_only_when_looked_up() -> None:
    import typer.main

    group = typer.main.get_command(cli.app)
    assert group.commands == {}  # nothing built yet; listing names builds nothing either
    assert "speakers" in group.list_commands(None)  # type: ignore[arg-type]
    assert group.commands == {}


@pytest.mark.parametrize(
    "args",
    [
        ["speakers", "--data", str(MINI), "-f", "json"],
        ["--data", str(MINI), "speakers", "-f", "json"],
    ],
)
def test_global_options_before_or_after_the_command(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert [s["id"] for s in json.loads(result.stdout)] == ["ana-lopez", "bo-chen", "chen-li"]


def test_matrix_help_example_works(cli, tmp_path) -> None:
    example = [
        line.split("Example: ")[1]
        for line in cli("matrix", "--help").stdout.splitlines()
        if "Example:" in line
    ][0]
    assert example == "autosummit matrix --svg matrix.svg"
    svg = tmp_path / "matrix.svg"
    result = cli("matrix", "--svg", str(svg))
    assert result.exit_code == 0 and svg.read_text(encoding="utf-8").startswith("<svg")


def test_colour_after_the_command(cli) -> None:
    assert "\x1b[" in cli("talk", "yurui", "-f", "table", "--color", "always").stdout
    assert "\x1b[" not in cli("talk", "yurui", "-f", "table", "--color", "never").stdout


def test_themes_svg_after_the_command(cli, tmp_path) -> None:
    svg = tmp_path / "t.svg"
    assert cli("themes", "--svg", str(svg)).exit_code == 0 and svg.exists()


def test_short_help_and_help_command(cli) -> None:
    assert cli("-h").stdout == cli("--help").stdout
    assert cli("search", "-h").stdout == cli("search", "--help").stdout
    assert cli("help", "search").stdout == cli("search", "--help").stdout
    assert cli("help", "cache", "info").stdout == cli("cache", "info", "--help").stdout
    unknown = cli("help", "nope")
    assert unknown.exit_code == ExitCode.USAGE and "no command 'nope'" in unknown.stderr


def test_bare_autosummit_prints_help_and_exits_0() -> None:
    result = run()
    assert result.returncode == 0 and b"Commands:" in result.stdout


def terminal(*args: str, columns: int = 100, lines: int = 500, **variables: str) -> str:
    """What a terminal of this size would show, from an Environment the test builds."""
    from typer.testing import CliRunner

    from autosummit_cli.render.environment import Environment

    env = Environment(stdout_tty=True, columns=columns, lines=lines, variables=variables)
    result = CliRunner().invoke(cli.app, list(args), obj=env, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_test_environment_decides_terminal_width_and_colour() -> None:
    table = terminal("speakers", "--color", "never", columns=120)
    assert "┏" not in table and "Guo Xuhao" in table and max(map(len, table.splitlines())) <= 120
    assert "\x1b[" in terminal("speakers", columns=120)  # a terminal: colour
    plain = terminal("speakers", columns=120, NO_COLOR="1")
    assert not re.search("\x1b\\[[0-9;]*3[0-7]m", plain)  # no colour, emphasis only


def test_a_test_environment_decides_the_colour_depth_and_background() -> None:
    """COLORTERM and COLORFGBG are read once, into the Environment, like every other variable:
    a test's Environment is obeyed, whatever the process's variables say."""
    from autosummit_cli.render.environment import Environment
    from autosummit_cli.render.formats import Output
    from autosummit_cli.render.screen import rich_text

    shades = terminal("matrix", "--color", "always")
    assert "48;5;" in shades and "48;2;" not in shades  # the 256-colour palette's shades
    light = terminal("matrix", "--color", "always", COLORFGBG="0;15")
    assert set(re.findall(r"48;5;\d+", light)) != set(re.findall(r"48;5;\d+", shades))
    # Colours the 256-colour palette lacks (two: rich keeps a style's codes once made).
    deep = Environment(stdout_tty=True, variables={"COLORTERM": "truecolor"})
    assert "38;2;18;52;86" in rich_text(Text("x", "#123456"), Output(color="always", env=deep))
    plain = rich_text(Text("x", "#123457"), Output(color="always", env=Environment()))
    assert "38;5;" in plain and "38;2;" not in plain
