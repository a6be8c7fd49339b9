"""The catalog trusts nothing in the cache directory, repairs what is damaged, and its worker
processes end with the run that started them."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from autosummit_cli.search.texts import seal
from autosummit_cli.store.cache_files import cache_dir
from autosummit_cli.store.store import catalog_path
from tests.conftest import mini_data, run, script, write_summit

NOBODY = 65534


@pytest.fixture(autouse=True)
def settled_at_once(monkeypatch) -> None:
    from autosummit_cli.store import build

    monkeypatch.setattr(build, "RACY_NS", 0)


@pytest.fixture
def summit(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return write_summit(folder / "s.yaml", mini_data())


def the_catalog() -> Path:
    (found,) = cache_dir().glob("*.catalog")
    return found


COMMANDS = (
    ["speakers", "-f", "json"],
    ["search", "battery", "-f", "json"],
    ["talk", "ana", "-f", "json"],
    ["overview", "-f", "json"],
)


def answers(cli, data: Path) -> list[str]:
    return [cli("--data", str(data), *command).stdout for command in COMMANDS]


def forge(path: Path, name: str = "Mallory") -> None:
    """Rewrite the stored speakers rows, checksum and all, as an attacker would."""
    with sqlite3.connect(path) as connection:
        (data,) = connection.execute(
            "SELECT data FROM parts WHERE name = 'view:speakers'"
        ).fetchone()
        forged = zlib.compress(zlib.decompress(data).replace("Ana López".encode(), name.encode()))
        connection.execute(
            "UPDATE parts SET data = ?, checksum = ? WHERE name = 'view:speakers'",
            (forged, zlib.crc32(forged)),
        )


class Planted:
    """Unpickling this would leave a file behind."""

    marker = ""

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_a_planted_pickle_is_never_loaded(cli, summit: Path, tmp_path: Path) -> None:
    good = answers(cli, summit)
    path = the_catalog()
    path.unlink()
    Planted.marker = str(tmp_path / "ran")
    with sqlite3.connect(path) as connection:  # the catalog of an older release, planted
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('format', '9-0.1.0')")
        connection.execute("CREATE TABLE summits (position INTEGER, event TEXT, data BLOB)")
        connection.execute(
            "INSERT INTO summits VALUES (0, 'mini-forum', ?)", (pickle.dumps(Planted()),)
        )
    assert answers(cli, summit) == good
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("how", ["foreign-owner", "group-writable", "symlink"])
def test_a_catalog_that_is_not_ours_alone_is_never_read(
    cli, summit: Path, tmp_path: Path, how: str
) -> None:
    good = answers(cli, summit)
    path = the_catalog()
    forge(path)
    assert "Mallory" in cli("--data", str(summit), "speakers").stdout  # forged, ours: read
    if how == "foreign-owner":
        os.chown(path, NOBODY, NOBODY)
    elif how == "group-writable":
        os.chmod(path, 0o620)
    else:
        elsewhere = tmp_path / "elsewhere.catalog"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    planted = path.read_bytes()
    assert answers(cli, summit) == good
    assert path.read_bytes() == planted  # never written either
    assert path.is_symlink() == (how == "symlink")


@pytest.mark.parametrize("how", ["foreign-owner", "world-writable"])
def test_a_cache_directory_that_is_not_ours_alone_is_never_used(
    cli, summit: Path, how: str
) -> None:
    good = answers(cli, summit)
    forge(the_catalog())
    if how == "foreign-owner":
        os.chown(cache_dir(), NOBODY, NOBODY)
    else:
        os.chmod(cache_dir(), 0o777)
    before = sorted(cache_dir().iterdir())
    assert answers(cli, summit) == good
    assert sorted(cache_dir().iterdir()) == before
    assert "Mallory" not in cli("--data", str(summit), "speakers").stdout


def test_a_symlinked_temporary_name_is_never_followed(
    cli, summit: Path, tmp_path: Path, monkeypatch
) -> None:
    import tempfile

    victim = tmp_path / "victim"
    victim.write_text("precious")
    cache_dir().mkdir(parents=True, mode=0o700)
    final = catalog_path(cache_dir(), [str(summit)])
    planted = final.with_name(f"{final.name}.planted.tmp")
    planted.symlink_to(victim)
    # The name tempfile would draw first is the planted one.
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: iter(["planted", "fresh"]))
    assert cli("--data", str(summit), "speakers").exit_code == 0
    assert victim.read_text() == "precious" and planted.is_symlink()
    assert the_catalog() == final and not final.is_symlink()


def test_the_cache_is_private(cli, summit: Path) -> None:
    os.chmod(summit, 0o644)
    cli("--data", str(summit), "speakers")
    assert cache_dir().stat().st_mode & 0o777 == 0o700
    assert the_catalog().stat().st_mode & 0o777 == 0o600
    summit.write_text(summit.read_text().replace("Ana López", "Ana Updated"))
    assert "Ana Updated" in cli("--data", str(summit), "speakers").stdout  # updated in place
    assert [p.name for p in cache_dir().iterdir()] == [the_catalog().name]
    assert the_catalog().stat().st_mode & 0o777 == 0o600


def zero_page(number: int):
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        pages = len(data) // 4096
        page = min(number, pages - 1) if number >= 0 else pages + number
        data[page * 4096 : (page + 1) * 4096] = bytes(4096)
        path.write_bytes(bytes(data))

    return damage


def sql(*statements: str):
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as connection:
            for statement in statements:
                connection.execute(statement)

    return damage


def stored(value: bytes):
    """Every stored part replaced by `value` (compressed), with its right checksum."""

    def damage(path: Path) -> None:
        packed = zlib.compress(value)
        with sqlite3.connect(path) as connection:
            connection.execute(
                "UPDATE parts SET data = ?, checksum = ?", (packed, zlib.crc32(packed))
            )

    return damage


def flip(table: str, column: str):
    """One bit flipped in the middle of every value of a column."""

    def damage(path: Path) -> None:
        with sqlite3.connect(path) as connection:
            for rowid, data in connection.execute(f"SELECT rowid, {column} FROM {table}"):
                changed = bytearray(data)
                changed[len(changed) // 2] ^= 0x10
                connection.execute(
                    f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (bytes(changed), rowid)
                )

    return damage


def sealed(value: bytes):
    """Every block of texts replaced by `value` (compressed), sealed as the index seals it."""

    def damage(path: Path) -> None:
        packed = zlib.compress(value)
        with sqlite3.connect(path) as connection:
            for (first,) in connection.execute("SELECT first FROM texts").fetchall():
                connection.execute(
                    "UPDATE texts SET data = ?, checksum = ? WHERE first = ?",
                    (packed, seal(first, packed), first),
                )

    return damage


DAMAGE = {
    "empty": lambda path: path.write_bytes(b""),
    "garbage": lambda path: path.write_bytes(b"garbage" * 1000),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    # Pages as the mini summit's catalog lays them out: the schema, the files, the parts, the
    # search index's data, the events.
    "zeroed-first-page": zero_page(0),
    "zeroed-files-page": zero_page(2),
    "zeroed-parts-page": zero_page(4),
    "zeroed-search-page": zero_page(9),
    "zeroed-last-page": zero_page(-1),
    "flipped-bit-in-rows": flip("parts", "data"),
    "flipped-bit-in-summits": flip("summits", "data"),
    "flipped-bit-in-names": flip("names", "data"),
    "zeroed-summits": sql("UPDATE summits SET data = zeroblob(length(data))"),
    "a-summit-missing": sql("DELETE FROM summits"),
    "wrong-types": sql("UPDATE files SET size = 'big', inode = x'00'"),
    "absurd-sizes": sql("UPDATE files SET size = 1e300"),
    "bad-shape-with-its-checksum": stored(b"[7]"),
    "not-json-with-its-checksum": stored(b"\xff["),
    "deep-json-with-its-checksum": stored(b"[" * 200_000 + b"]" * 200_000),
    "huge-json-with-its-checksum": stored(b"[" + b"0," * 5_000_000 + b"0]"),
    "another-release": sql("UPDATE meta SET value = '0' WHERE key = 'format'"),
    "a-table-dropped": sql("DROP TABLE parts"),
    "search-index-emptied": sql("DELETE FROM docs_data"),
    "flipped-bit-in-texts": flip("texts", "data"),
    "texts-of-another-item": sql("UPDATE texts SET first = first + 1"),
    "texts-missing": sql("DELETE FROM texts"),
    "texts-of-the-wrong-shape": sealed(b"[[1]]"),
    "texts-of-the-wrong-types": sealed(b"[[1, 2, 3, 4]]"),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_catalog_is_rebuilt_once_silently(cli, summit: Path, damage) -> None:
    good = answers(cli, summit)
    damage(the_catalog())
    results = [cli("--data", str(summit), *command) for command in COMMANDS]
    assert [r.stdout for r in results] == good
    assert all(r.exit_code == 0 and r.stderr == "" for r in results)
    with sqlite3.connect(the_catalog()) as connection:  # repaired, so the next run is warm
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM items").fetchone()[0] > 0


def test_damaged_texts_found_by_a_short_unspaced_word_are_rebuilt(cli, tmp_path: Path) -> None:
    # A word of one or two Chinese characters is too short for the trigram index, so it is
    # matched against the texts themselves: damage found there rebuilds the catalog too.
    data = mini_data()
    data["talks"][0]["recommendations"][0]["text"] = "扩大电池试点线。"
    summit = write_summit(tmp_path / "s.yaml", data)
    command = ["--data", str(summit), "search", "电池", "-f", "json"]
    good = cli(*command)
    assert good.exit_code == 0 and json.loads(good.stdout)[0]["id"] == "ana-lopez-1"
    for damage in (flip("texts", "data"), sql("UPDATE texts SET first = first + 1")):
        damage(the_catalog())
        again = cli(*command)
        assert (again.stdout, again.stderr, again.exit_code) == (good.stdout, "", 0)


def test_damage_found_only_by_an_update_is_rebuilt_too(cli, summit: Path) -> None:
    cli("--data", str(summit), "speakers")
    zero_page(3)(the_catalog())  # the index of the files' paths, used only by updates
    summit.write_text(summit.read_text().replace("Ana López", "Ana Updated"))
    result = cli("--data", str(summit), "speakers", "-f", "json")
    assert result.stderr == "" and json.loads(result.stdout)[0]["name"] == "Ana Updated"
    with sqlite3.connect(the_catalog()) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_damage_in_one_catalog_never_affects_another(cli, summit: Path, tmp_path: Path) -> None:
    cli("--data", str(summit), "speakers")
    damaged = the_catalog()
    with sqlite3.connect(damaged) as connection:
        connection.execute("UPDATE meta SET value = 'soon' WHERE key = 'built'")
        connection.execute("UPDATE files SET path = x'ff'")
    (tmp_path / "other").mkdir()
    other = write_summit(tmp_path / "other" / "o.yaml", {**mini_data()})
    result = cli("--data", str(other), "speakers", "-f", "json")  # a cold build, which prunes
    assert result.exit_code == 0 and result.stderr == ""
    info = json.loads(cli("cache", "info", "-f", "json").stdout)
    assert sorted(e["path"] for e in info) == sorted(str(p) for p in cache_dir().glob("*.catalog"))
    assert {e["path"]: e["built"] for e in info}[str(damaged)] is None
    assert len(info) == 2 and damaged.exists()


def test_what_is_not_a_file_of_ours_is_skipped(cli, summit: Path) -> None:
    cache_dir().mkdir(parents=True, mode=0o700)
    odd = {
        "0000000000000000.catalog": lambda p: p.symlink_to(cache_dir() / "nowhere"),
        "1111111111111111.catalog": lambda p: p.mkdir(),
        "2222222222222222.rows": lambda p: p.mkdir(),
        "3333333333333333.catalog-journal": lambda p: p.symlink_to("/etc/passwd"),
    }
    for name, make in odd.items():
        make(cache_dir() / name)
    assert cli("--data", str(summit), "speakers").exit_code == 0
    assert cli("cache", "info").exit_code == 0
    assert cli("cache", "clear").stderr.startswith("removed 1 cache files")
    assert sorted(p.name for p in cache_dir().iterdir()) == sorted(odd)
    assert Path("/etc/passwd").exists()


def test_a_data_file_deleted_while_read_is_a_data_error(cli, summit: Path, monkeypatch) -> None:
    from autosummit_cli.store import build

    read_bytes = build.read_bytes

    def deleted_first(source):
        Path(source).unlink()
        return read_bytes(source)

    monkeypatch.setattr(build, "read_bytes", deleted_first)
    result = cli("--data", str(summit), "speakers")
    assert result.exit_code == ExitCode.BAD_DATA
    assert (
        result.stderr
        == f"{summit}: no such file; check the path given to --data or AUTOSUMMIT_DATA\n"
    )


def test_a_file_of_too_many_values_is_refused_at_once(cli, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    data = write_summit(tmp_path / "base.yaml", mini_data()).read_text()
    path.write_text(data + "quotes: [" + "a, " * 300_000 + "a]\n")
    result = cli("--data", str(path), "speakers")
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stderr == (
        f"{path}: more than 250,000 values (items, keys and texts); "
        "split it into several summit files\n"
    )


def test_a_file_of_too_many_different_words_is_refused_before_it_is_indexed(
    cli, tmp_path: Path
) -> None:
    # Random words under the size cap took 25 to 50 s and 600 MiB to index.
    data = mini_data()
    words = (f"w{n:x}" for n in range(210_000))
    talk = data["talks"][0]
    talk["recommendations"] = [
        {**talk["recommendations"][0], "id": f"ana-lopez-{n + 1}", "text": " ".join(chunk)}
        for n, chunk in enumerate(zip(*[words] * 30_000, strict=True))
    ]
    path = write_summit(tmp_path / "words.yaml", data)
    for _ in range(2):  # and nothing of it is kept as if it were current
        result = cli("--data", str(path), "speakers")
        assert (result.exit_code, result.stdout) == (ExitCode.BAD_DATA, "")
        assert result.stderr == (
            f"{path}: its texts hold more than 200,000 different words; "
            "split it into several summit files\n"
        )


def test_a_file_of_too_much_text_without_spaces_is_refused(cli, tmp_path: Path) -> None:
    # Each character of Chinese, Japanese, Korean or Thai begins a term of the trigram index:
    # random Chinese under the size cap took 17 to 30 s and up to 1 GiB to index.
    data = mini_data()
    talk = data["talks"][0]
    talk["recommendations"] = [
        {**talk["recommendations"][0], "id": f"ana-lopez-{n + 1}", "text": "电池" * 250_001}
        for n in range(4)
    ]
    path = write_summit(tmp_path / "cjk.yaml", data)
    result = cli("--data", str(path), "speakers")
    assert (result.exit_code, result.stdout) == (ExitCode.BAD_DATA, "")
    assert result.stderr == (
        f"{path}: its texts in Chinese, Japanese, Korean or Thai hold more than 2,000,000 "
        "characters; split it into several summit files\n"
    )
    talk["recommendations"] = talk["recommendations"][:3]  # 1,500,006 characters: indexed
    write_summit(path, data)
    found = cli("--data", str(path), "search", "电池", "--limit", "1", "-f", "tsv")
    assert found.exit_code == 0 and found.stdout.count("\n") == 2


def children(pid: int) -> set[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(c) for c in found.read_text().split()} if found.exists() else set()


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


# How long the workers may outlive their parent. Generous (a worker looks for its parent every
# 0.2 s; a loaded machine may take a while to schedule it), yet far shorter than the build left
# undone: workers that did not watch their parent would block on the pool's queue for ever.
WORKERS_OUTLIVE = 5.0


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process tree from /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_workers_end_promptly_with_their_parent(tmp_path: Path, stop: signal.Signals) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    base = write_summit(tmp_path / "base.yaml", mini_data()).read_text()
    slow = "quotes: [" + ", ".join(["a"] * 60_000) + "]\n"  # each file takes a while to parse
    for n in range(70):
        text = base.replace("id: mini-forum", f"id: forum-{n}", 1)
        (folder / f"{n:02d}.yaml").write_text(text + slow)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    parent = subprocess.Popen(
        [script(), "--data", str(folder), "events"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        workers = _workers_of(parent)
        assert parent.poll() is None and len(workers) >= 2, "the build ended before its workers"
        os.kill(parent.pid, stop)
        parent.wait(timeout=60)
        gone_by = time.monotonic() + WORKERS_OUTLIVE
        while any(alive(pid) for pid in workers) and time.monotonic() < gone_by:
            time.sleep(0.02)
        left = [pid for pid in workers if alive(pid)]
        assert not left, f"workers {left} outlived their parent by {WORKERS_OUTLIVE} s"
        assert not list((tmp_path / "cache").rglob("*.catalog")), "the build was not cut short"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # a failed test leaves no process behind
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _workers_of(parent: subprocess.Popen[bytes]) -> set[int]:
    """The build's worker processes, once they have all started and are parsing."""
    workers: set[int] = set()
    for _ in range(600):
        workers = children(parent.pid)
        if len(workers) >= 2 or parent.poll() is not None:
            break
        time.sleep(0.05)
    return workers


def test_two_sets_of_files_from_one_folder_never_mix(tmp_path: Path) -> None:
    # Both sets share a catalog (it is named after the folder): the files of one set must not
    # count as part of the other, e.g. as a second file with the same event id.
    first = write_summit(tmp_path / "first.yaml", mini_data())
    second = write_summit(tmp_path / "second.yaml", mini_data())
    for path in (first, second, first):
        result = run("--data", str(path), "speakers", "-f", "json")
        assert result.returncode == 0, result.stderr


def test_a_word_too_long_to_have_another_spelling_is_left_as_it_is(cli, tmp_path: Path) -> None:
    # Each spelling rule is a regular expression run over a word: over a word of megabytes that
    # took seconds per rule. No word with another spelling is longer than 40 letters.
    from autosummit_cli.search.words import fold_text

    long = "y" * 100 + "isation"
    assert fold_text(f"colour {long}") == f"color  {long}"
    data = mini_data()
    data["talks"][0]["recommendations"][0]["text"] = "Organise " + "y" * 2_000_000 + "isation."
    path = write_summit(tmp_path / "long.yaml", data)
    found = cli("--data", str(path), "search", "organize", "-f", "json")
    assert found.exit_code == 0 and json.loads(found.stdout)[0]["id"] == "ana-lopez-1"
