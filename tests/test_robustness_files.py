"""Robustness, second round: output files, data files and data paths, through the installed
script. Each test is one way the first round's guarantees broke."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINI, mini_data, run, run_shell, script, write_summit

# --- output files --------------------------------------------------------------------------


def test_a_character_device_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    # A private /dev/null (same device numbers): replacing the real one would break the machine.
    if os.geteuid() != 0:
        pytest.skip("making a character device needs root")
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = run("--data", str(MINI), "export", "-o", str(device))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("--data", str(MINI), "export", "-f", "yaml", "-o", str(fifo))
    reader.join(timeout=20)
    if reader.is_alive():  # nothing opened the FIFO to write: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and yaml.safe_load(received[0])["event"]["id"] == "mini-forum"


def test_a_link_to_our_own_stdout_writes_to_stdout_in_order(tmp_path: Path) -> None:
    # /dev/stdout is such a link; a private one, so that the real one is never at risk.
    link = tmp_path / "stdout"
    os.symlink("/proc/self/fd/1", link)
    result = run("--data", str(MINI), "--svg", str(link), "sessions", "-f", "table")
    assert result.returncode == 0, result.stderr
    assert os.path.islink(link)
    out = result.stdout.decode()
    assert (
        out.startswith("<svg") and "</svg>" in out and "Morning Session" in out.split("</svg>")[1]
    )


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = run("--data", str(MINI), "export", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"autosummit: cannot write {tmp_path}: Is a directory; "
        "choose a writable path for the file\n"
    )


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target, link, dangling = tmp_path / "real.md", tmp_path / "link.md", tmp_path / "new.md"
    target.write_text("old\n")
    os.symlink(target.name, link)
    os.symlink("made.md", dangling)
    assert run("--data", str(MINI), "export", "-o", str(link)).returncode == 0
    assert run("--data", str(MINI), "export", "-o", str(dangling)).returncode == 0
    assert os.path.islink(link) and os.path.islink(dangling)
    assert target.read_text().startswith("# Mini Forum")
    assert (tmp_path / "made.md").read_text().startswith("# Mini Forum")


def test_a_replaced_file_keeps_its_mode_and_owner(tmp_path: Path) -> None:
    path = tmp_path / "private.md"
    path.write_text("secret\n")
    path.chmod(0o600)
    owner = (os.getuid(), os.getgid())
    if os.geteuid() == 0:  # root may give the file away; then it must stay given away
        owner = (54321, 54321)
        os.chown(path, *owner)
    result = run("--data", str(MINI), "export", "-o", str(path))
    assert result.returncode == 0, result.stderr
    info = os.stat(path)
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert (info.st_uid, info.st_gid) == owner
    assert path.read_text().startswith("# Mini Forum")


def test_export_to_dash_writes_to_stdout(tmp_path: Path) -> None:
    result = run("--data", str(MINI), "export", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"# Mini Forum")
    assert not (tmp_path / "-").exists()


# --- data files ----------------------------------------------------------------------------

TITLE_LINE, TITLE_COLUMN = 43, 12  # `    title: Dealers` in tests/fixtures/mini.yaml


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' is not a valid !!int value"),
        ("!!float abc", "'abc' is not a valid !!float value"),
        ("!!bool maybe", "'maybe' is not a valid !!bool value"),
        ("!!map abc", "the tag !!map needs a mapping here"),
        ("!!seq abc", "the tag !!seq needs a list here"),
        ("!!str [a, b]", "the tag !!str needs a single value here"),
        ("!!int 0x", "'0x' is not a valid !!int value"),
        ("1" * 4301, "a number of more than 4,300 digits; put it in quotes if it is text"),
    ],
    ids=lambda v: v[:12],
)
def test_bad_tagged_values_and_huge_numbers_are_located(
    tmp_path: Path, value: str, message: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(MINI.read_text().replace("title: Dealers", f"title: {value}"))
    for command in (["speakers"], ["validate", str(path)]):
        result = run("--data", str(path), *command)
        assert result.returncode == 2
        assert result.stderr.decode() == (
            f"{path}:{TITLE_LINE}:{TITLE_COLUMN}: talks[2].title: {message}\n"
        )


def test_a_huge_number_in_a_number_field_is_located(tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text(MINI.read_text().replace("year: 2023", "year: " + "9" * 5000))
    result = run("--data", str(path), "speakers")
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"{path}:31:")
    assert "talks[0].figures[0].year: a number of more than 4,300 digits" in result.stderr.decode()


@pytest.mark.parametrize(
    ("where", "ident", "field"),
    [
        ("event", "../../-rf\x1b[2J", "event.id"),
        ("speaker", "bo-chen\n", "speakers[1].id"),
        ("session", "Morning", "sessions[0].id"),
        ("theme", "batteries-", "themes[0].id"),
        ("recommendation", "ana--lopez-1", "talks[0].recommendations[0].id"),
        ("talk", "ana-lópez-talk", "talks[0].id"),
    ],
)
def test_every_id_follows_the_id_rule(tmp_path: Path, where: str, ident: str, field: str) -> None:
    data = mini_data()
    record = {
        "event": data["event"],
        "speaker": data["speakers"][1],
        "session": data["sessions"][0],
        "theme": data["themes"][0],
        "recommendation": data["talks"][0]["recommendations"][0],
        "talk": data["talks"][0],
    }[where]
    record["id"] = ident
    path = write_summit(tmp_path / "i.yaml", data)
    result = run("validate", str(path))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert f": {field}: id {ident!r} must be lower-case words joined by hyphens" in err, err
    assert "\x1b" not in err


# --- data paths ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["speakers"], ["validate"]])
def test_a_data_variable_that_names_no_file_is_a_usage_error(command: list[str]) -> None:
    result = run(*command, env={"AUTOSUMMIT_DATA": ":"})
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (
        "autosummit: AUTOSUMMIT_DATA=':' names no file; give paths joined with ':', "
        "or unset it to use the bundled summit\n"
    )


def test_an_empty_data_option_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "here.yaml")  # what reading the current directory would find
    result = run("--data", "", "speakers", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr == b"autosummit: --data needs a path; it was given an empty one\n"


def test_a_relative_data_path_after_the_working_directory_vanished(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    shutil.copy(MINI, folder / "m.yaml")
    result = run_shell(f'cd {folder} && rm -r {folder} && "$AUTOSUMMIT" --data m.yaml speakers')
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (
        "autosummit: the current directory no longer exists, so relative data paths cannot be "
        "found; cd to a directory that exists, or give an absolute path\n"
    )


def _without_root_powers(*args: str, cache: Path) -> subprocess.CompletedProcess[bytes]:
    """The script as root without the power to read what it may not (CAP_DAC_*): what an
    ordinary user meets with a directory that is not theirs."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to take away root's power to read anything")
    caps = "-dac_override,-dac_read_search"
    return subprocess.run(
        ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", script(), *args],
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("inside", [False, True], ids=["directory", "file-inside"])
def test_an_unreadable_directory_is_one_clear_line(tmp_path: Path, inside: bool) -> None:
    folder = tmp_path / "private"
    folder.mkdir()
    shutil.copy(MINI, folder / "m.yaml")
    os.chown(folder, 54321, 54321)
    folder.chmod(0o700)
    target = folder / "m.yaml" if inside else folder
    for command in (["--data", str(target), "speakers"], ["validate", str(target)]):
        result = _without_root_powers(*command, cache=tmp_path / "cache")
        assert result.returncode == 2 and result.stdout == b""
        assert result.stderr.decode() == (
            f"{target}: cannot read: Permission denied; check its permissions\n"
        )


def test_no_home_and_no_passwd_entry_means_no_cache() -> None:
    uid = 54321
    with pytest.raises(KeyError):
        pwd.getpwuid(uid)  # the point: a uid the system does not know
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as an unknown uid")
    workdir = Path(tempfile.mkdtemp(prefix="autosummit-nohome-"))  # reachable by that uid
    try:
        workdir.chmod(0o777)
        env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
        keep_reading = "+dac_read_search"  # the venv lives under /root; reading it is all it may
        result = subprocess.run(
            [
                "setpriv",
                f"--reuid={uid}",
                f"--regid={uid}",
                "--clear-groups",
                f"--inh-caps={keep_reading}",
                f"--ambient-caps={keep_reading}",
                script(),
                "--data",
                str(MINI),
                "sessions",
            ],
            env=env,
            cwd=workdir,
            capture_output=True,
            timeout=30,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(b"id\ttitle\tspeakers\n")
        assert list(workdir.iterdir()) == []  # never ./~/.cache
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
