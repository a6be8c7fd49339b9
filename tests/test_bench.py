"""The benchmark's stand-ins stay true to what they stand for (the timings live in bench/)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import click
import typer

from autosummit_cli.cli.app import app
from tests.conftest import ROOT


def _params(command: click.Command) -> dict[str, tuple[tuple[str, ...], bool, object]]:
    return {
        p.name or "": (tuple(p.opts), p.multiple, getattr(p.type, "choices", None))
        for p in command.params
        if p.name != "help"
    }


def test_shape_floor_has_the_options_of_the_real_command() -> None:
    spec = importlib.util.spec_from_file_location("shape_floor", ROOT / "bench" / "shape_floor.py")
    assert spec and spec.loader
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)
    real = typer.main.get_command(app)
    stand_in = typer.main.get_command(floor.app)
    assert isinstance(real, click.Group) and isinstance(stand_in, click.Group)
    assert _params(stand_in) == _params(real)
    context = click.Context(real)  # the real group builds a command when it is looked up
    speakers = real.get_command(context, "speakers")
    assert speakers is not None
    assert _params(stand_in.commands["speakers"]) == _params(speakers)


def test_shape_floor_runs() -> None:
    shown = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "shape_floor.py"), "speakers", "-f", "json"],
        capture_output=True,
        check=True,
    )
    assert shown.stdout.startswith(b"[")
