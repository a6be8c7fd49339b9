"""The package as users get it: a wheel, installed, run from anywhere."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, ROOT, _process_env, run


def test_installed_script_runs_from_another_directory(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("OK: ")
    assert result.stdout.decode().endswith(
        ": 10 speakers, 3 sessions, 10 talks, 18 points, 17 recommendations, 14 themes\n"
    )


def test_importing_the_cli_leaves_the_garbage_collector_alone() -> None:
    # Compared with a bare interpreter's: Python 3.12.1 starts with objects already frozen.
    bare = "import gc; print(gc.isenabled(), gc.get_freeze_count())"
    probe = "import gc, autosummit_cli.cli.app; print(gc.isenabled(), gc.get_freeze_count())"
    found = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, env=_process_env(None)
        ).stdout.split()
        for code in (bare, probe)
    ]
    assert found[1] == found[0] and found[1][0] == b"True"


def test_the_command_runs_with_the_collector_on_and_start_up_frozen(monkeypatch) -> None:
    import gc

    from autosummit_cli import launch
    from autosummit_cli.cli import app as cli

    seen: list[tuple[bool, int]] = []
    monkeypatch.setattr(cli, "main", lambda: seen.append((gc.isenabled(), gc.get_freeze_count())))
    try:
        launch.main()
        assert gc.get_freeze_count() > 0  # and what the command made, at its end
    finally:
        gc.unfreeze()
    assert len(seen) == 1 and seen[0][0] and seen[0][1] > 0


def test_python_dash_m_and_version() -> None:
    from autosummit_cli import __version__

    result = subprocess.run(
        [sys.executable, "-m", "autosummit_cli", "--version"],
        capture_output=True,
        check=False,
        env=_process_env(None),
    )
    assert result.stdout.decode() == f"autosummit {__version__}\n"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        check=False,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {built.stderr.decode()[-300:]}")
    (found,) = out.glob("autosummit-*.whl")
    return found


def test_wheel_ships_the_bundled_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("autosummit_cli/data/summit.yaml") == BUNDLED.read_bytes()
        names = archive.namelist()
    assert "autosummit_cli/py.typed" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), names


def test_non_editable_install_finds_its_data_anywhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The child venv gets its dependencies from the environment running the tests (a .pth
    # line, read as a plain path: that environment's own .pth files, the editable install of
    # this checkout among them, are not processed), so the test needs no network and no
    # system-wide packages; the wheel itself is installed for real.
    child_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(child_site, "parent-environment.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _process_env(None)
    where = subprocess.run(
        [str(python), "-c", "import autosummit_cli; print(autosummit_cli.__file__)"],
        capture_output=True,
        check=True,
        cwd=elsewhere,
        env=env,
    )
    assert str(venv) in where.stdout.decode()
    result = subprocess.run(
        [str(venv / "bin" / "autosummit"), "validate"],
        capture_output=True,
        check=False,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "autosummit_cli/data/summit.yaml: 10 speakers" in result.stdout.decode()
