from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from autosummit_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
BUNDLED = ROOT / "data" / "summit.yaml"
ARTICLE = ROOT.parent / "shared" / "source" / "summit-article.txt"
SPEAKERS = [
    "Guo Xuhao",
    "Huang Zhuo",
    "Liu Erhai",
    "Deng Ziliang",
    "Yang Yongping",
    "Liu Yurui",
    "Shen Xiaojie",
    "Wu Shaoge",
    "Hou Hong",
    "Cheng Hai",
]  # in article order

# Variables that change how output looks; each test starts without them.
_STYLE_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "AUTOSUMMIT_DATA",
    "AUTOSUMMIT_DEBUG",
    "COLUMNS",
    "PYTHONIOENCODING",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _STYLE_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # Nothing a test runs may write outside its temp dirs, whatever the caller's environment.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def cli():
    """Run the app in-process, as the console script would: returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


def script() -> str:
    """The installed console script (the real thing, not the module), from the environment that
    runs the tests: beside `sys.executable`, so an unactivated venv finds its own script."""
    beside = Path(sys.executable).parent / "autosummit"
    if beside.is_file():
        return str(beside)
    found = shutil.which("autosummit")
    if found is None:
        pytest.fail(
            f"no autosummit script beside {sys.executable} nor on PATH: "
            'install the package first (python -m pip install -e ".[test]")'
        )
    return found


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Subprocess tests share one cache (it is keyed by content, so sharing cannot leak results
    # between tests) and so pay the cold build once rather than in every run.
    global SHARED_CACHE, SHARED_HOME
    SHARED_CACHE = str(tmp_path_factory.mktemp("shared-cache"))
    SHARED_HOME = str(tmp_path_factory.mktemp("home"))
    # Byte-compile once, as a wheel install would: where PYTHONDONTWRITEBYTECODE is set, each
    # subprocess would otherwise compile the whole package again.
    compileall.compile_dir(str(ROOT / "src" / "autosummit_cli"), quiet=1)
    # For the whole session too, not only inside each test (clean_env), so nothing that runs
    # between tests can reach the real ~/.cache.
    with pytest.MonkeyPatch.context() as session:
        session.setenv("XDG_CACHE_HOME", SHARED_CACHE)
        session.setenv("HOME", SHARED_HOME)
        yield


SHARED_CACHE = SHARED_HOME = ""


def _process_env(env: dict[str, str] | None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in _STYLE_ENV}
    assert SHARED_CACHE and SHARED_HOME, "the shared_cache fixture has not run"
    base["XDG_CACHE_HOME"] = SHARED_CACHE
    base["HOME"] = SHARED_HOME
    base.update(env or {})
    return base


def run(
    *args: str,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 30,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed script in a real process with a clean, deterministic environment."""
    base = _process_env(env)
    return subprocess.run(
        [script(), *args],
        env=base,
        input=input,
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def run_shell(command: str, env: dict[str, str] | None = None, timeout: float = 30):
    base = _process_env(env)
    base.setdefault("AUTOSUMMIT", script())
    return subprocess.run(
        ["bash", "-c", command], env=base, capture_output=True, timeout=timeout, check=False
    )


PYTHON = sys.executable


def mini_data() -> dict:
    import yaml

    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


def write_summit(path: Path, data: dict) -> Path:
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def inject(data: dict, text: str) -> dict:
    """The mini summit with `text` in every kind of text field people see."""
    data["event"]["title"] = text
    data["sessions"][0]["title"] = text
    data["speakers"][0]["name"] = text
    data["speakers"][0]["roles"][0]["organisation"] = text
    data["themes"][0]["title"] = text
    data["themes"][0]["summary"] = text
    talk = data["talks"][0]
    talk["title"] = talk["summary"] = text
    talk["points"][0]["text"] = text
    talk["recommendations"][0]["text"] = text + " pilot lines"
    talk["quotes"] = [text]
    talk["figures"][0]["label"] = text
    return data
