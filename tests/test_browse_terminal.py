"""`browse` and the paced tour in a real terminal (tmux), and Textual kept out of every other
command."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINI, _process_env, run, script


class Terminal:
    """A shell in its own tmux server (a private socket: nothing shared with other sessions)."""

    def __init__(self, columns: int, rows: int) -> None:
        self.socket = f"browse-{uuid.uuid4().hex[:10]}"
        self.env = _process_env(
            {"TERM": "xterm-256color", "PS1": "$ ", "PATH": _path(), "AUTOSUMMIT_DATA": str(MINI)}
        )
        shell = "env PS1='$ ' bash --norc --noprofile"
        self.tmux(
            "new-session", "-d", "-s", self.socket, "-x", str(columns), "-y", str(rows), shell
        )

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return done.stdout

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.socket, "-l", text)

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time, as a presenter presses them
            self.tmux("send-keys", "-t", self.socket, key)
            time.sleep(0.15)

    def resize(self, columns: int, rows: int) -> None:
        self.tmux("resize-window", "-t", self.socket, "-x", str(columns), "-y", str(rows))

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.socket)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            assert time.monotonic() < deadline, f"never saw {text!r}; the screen:\n{screen}"
            time.sleep(0.2)

    def cursor(self) -> tuple[int, bool]:
        """The cursor's column, and whether it is shown."""
        x, shown = self.tmux(
            "display", "-p", "-t", self.socket, "#{cursor_x} #{cursor_flag}"
        ).split()
        return int(x), shown == "1"

    def close(self) -> None:
        path = self.tmux("display", "-p", "#{socket_path}").strip()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        Path(path).unlink(missing_ok=True)  # the server leaves its socket behind


def _path() -> str:
    import os

    return os.path.dirname(script()) + os.pathsep + os.environ.get("PATH", "")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("these tests need tmux, which the project's development setup installs")
    made = Terminal(100, 30)
    try:
        made.wait_for("$")
        yield made
    finally:
        made.close()


def _ends_cleanly(terminal: Terminal, status: int, gone: str) -> None:
    screen = terminal.wait_for(f"status={status}")
    assert "Traceback" not in screen and gone not in screen  # the app's screen is gone
    lines = screen.rstrip("\n").splitlines()
    assert lines[-2] == f"status={status}" and lines[-1] == "$"  # each on its own line
    assert terminal.cursor() == (2, True)  # after "$ ", and visible


def test_browse_in_a_terminal_keys_then_q(terminal: Terminal) -> None:
    terminal.type("autosummit browse; echo status=$?\n")
    screen = terminal.wait_for("q Quit")  # the footer, drawn last
    assert "Mini Forum" in screen and "Sessions" in screen and "Speakers" in screen
    terminal.keys("Space", "Right", "NPage", "Left")  # PgDn: the last speaker, previewed
    terminal.wait_for("Chen Li: Dealers")
    terminal.keys("Up")
    terminal.wait_for("Bo Chen: Chains that hold")
    terminal.keys("/")
    terminal.type("dealers")
    terminal.wait_for("Dealers are under pressure.")
    terminal.keys("Enter", "Enter")
    terminal.wait_for("Links")
    terminal.keys("Escape", "Escape", "q")  # back, empty the search box, quit
    _ends_cleanly(terminal, 0, "Speakers")


def test_browse_ctrl_c_exits_130(terminal: Terminal) -> None:
    terminal.type("autosummit browse; echo status=$?\n")
    terminal.wait_for("q Quit")
    terminal.keys("/", "C-c")
    _ends_cleanly(terminal, 130, "Speakers")


def test_tour_in_a_terminal_clicker_keys(terminal: Terminal) -> None:
    terminal.type("autosummit tour; echo status=$?\n")
    assert "Mini Forum" in terminal.wait_for("[1/7]")
    terminal.resize(60, 16)  # too small for the overview: shown in parts, cut anew
    assert terminal.wait_for("[1/7] part 1/").splitlines()[0].strip(" ─") == "Mini Forum"
    terminal.resize(100, 30)
    terminal.wait_for("[1/7]  Space")
    terminal.keys("Space")
    assert "Morning Session" in terminal.wait_for("[2/7]")
    terminal.keys("Right")
    assert "Ana López: Solid-state cells" in terminal.wait_for("[3/7]")
    terminal.keys("NPage")
    assert "Evening Panel" in terminal.wait_for("[4/7]")
    terminal.keys("Left")
    screen = terminal.wait_for("[3/7]")
    assert "^[" not in screen  # no key echoed as text
    terminal.keys("End")
    assert "Themes at a glance" in terminal.wait_for("[7/7]  the last slide")
    terminal.keys("2", "Enter")
    terminal.wait_for("[2/7]")
    terminal.keys("q")
    _ends_cleanly(terminal, 0, "[2/7]")


def test_tour_ctrl_c_exits_130(terminal: Terminal) -> None:
    terminal.type("autosummit tour --session evening; echo status=$?\n")
    assert "Evening Panel" in terminal.wait_for("[1/4]")
    terminal.keys("C-c")
    _ends_cleanly(terminal, 130, "[1/4]")


@pytest.mark.parametrize(
    "command",
    [
        ["speakers", "-f", "json"],
        ["search", "pilot"],
        ["tour", "--no-pause"],
        ["talk", "ana"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_no_other_command_imports_textual(command: list[str]) -> None:
    result = run("--data", str(MINI), *command, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.decode().splitlines()]
    assert "autosummit_cli.cli.app" in imported  # the profile is there to read
    assert not [m for m in imported if m.split(".")[0] in ("textual", "autosummit_cli.browse")]
    assert not [m for m in imported if m.startswith("autosummit_cli.browse")]
