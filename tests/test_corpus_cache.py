"""Several summits side by side, and the persistent cache: correct first, fast second."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import ExitCode
from autosummit_cli.reading.sources import bundled_data_path
from autosummit_cli.search.texts import item_texts
from autosummit_cli.store.store import cache_dir
from tests.conftest import MINI, mini_data, run, write_summit


@pytest.fixture
def forums(tmp_path: Path) -> Path:
    """Two summits whose speaker ids overlap (bo-chen speaks at both)."""
    folder = tmp_path / "forums"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    second = mini_data()
    second["event"]["id"] = "spring-forum"
    second["event"]["title"] = "Spring Forum"
    second["talks"][1]["recommendations"][0]["text"] = "Recycle every battery pack."
    write_summit(folder / "b.yaml", second)
    (folder / "notes.txt").write_text("not a summit")
    return folder


def test_events_lists_each_summit(cli, forums: Path) -> None:
    rows = json.loads(cli("--data", str(forums), "events", "-f", "json").stdout)
    assert [(r["id"], r["speaker_count"], r["talk_count"]) for r in rows] == [
        ("mini-forum", 3, 3),
        ("spring-forum", 3, 3),
    ]


def test_hidden_yaml_files_in_a_directory_are_not_summits(cli, forums: Path) -> None:
    (forums / "._a.yaml").write_bytes(b"\x00\x05\x16\x07 macOS metadata")
    (forums / ".draft.yml").write_text("speakers: [\n")
    rows = json.loads(cli("--data", str(forums), "events", "-f", "json").stdout)
    assert [row["id"] for row in rows] == ["mini-forum", "spring-forum"]


def test_lists_gain_an_event_column_only_with_several_events(cli, forums: Path) -> None:
    several = cli("--data", str(forums), "speakers", "-f", "tsv").stdout.splitlines()
    assert several[0].startswith("event\tid\tname")
    assert len(several) == 7 and several[1].startswith("mini-forum\tana-lopez")
    one = cli("--data", str(MINI), "speakers", "-f", "tsv").stdout.splitlines()
    assert one[0].startswith("id\tname")


def test_event_filters_every_command(cli, forums: Path) -> None:
    result = cli("--data", str(forums), "--event", "spring", "recommendations", "-f", "json")
    assert {r["text"] for r in json.loads(result.stdout)} == {
        "Invest in solid-state cell pilot lines.",
        "Recycle every battery pack.",
    }
    talk = cli("--data", str(forums), "--event", "spring-forum", "talk", "bo", "-f", "json")
    assert json.loads(talk.stdout)["recommendations"][0]["text"] == "Recycle every battery pack."
    hits = cli("--data", str(forums), "--event", "mini-forum", "search", "battery", "-f", "json")
    # Ana López's recommendation is found by who said it: she works at Battery Works
    assert [h["id"] for h in json.loads(hits.stdout) if h["kind"] == "recommendation"] == [
        "bo-chen-1",
        "ana-lopez-1",
    ]


def test_same_speaker_in_two_events_asks_for_event(cli, forums: Path) -> None:
    result = cli("--data", str(forums), "talk", "bo chen")
    assert result.exit_code == ExitCode.AMBIGUOUS
    assert result.stderr == (
        "autosummit: speaker 'bo chen' is in several events (mini-forum, "
        "spring-forum); choose one with --event ID (autosummit events lists "
        "them)\n"
    )


def test_search_spans_events_and_names_them(cli, forums: Path) -> None:
    hits = json.loads(cli("--data", str(forums), "search", "battery", "-f", "json").stdout)
    hits = [h for h in hits if h["kind"] == "recommendation" and h["speaker_id"] != "ana-lopez"]
    assert {(h["event"], h["id"]) for h in hits} == {
        ("mini-forum", "bo-chen-1"),
        ("spring-forum", "bo-chen-1"),
    }


def test_several_data_options_and_env_list(cli, forums: Path) -> None:
    files = [str(forums / "a.yaml"), str(forums / "b.yaml")]
    by_option = cli("--data", files[0], "--data", files[1], "events", "-f", "json").stdout
    by_env = cli("events", "-f", "json", env={"AUTOSUMMIT_DATA": os.pathsep.join(files)}).stdout
    assert by_option == by_env and len(json.loads(by_env)) == 2


def test_duplicate_event_ids_are_a_data_error(cli, tmp_path: Path) -> None:
    result = cli(
        "--data", str(MINI), "--data", str(write_summit(tmp_path / "c.yaml", mini_data())), "events"
    )
    assert result.exit_code == ExitCode.BAD_DATA
    assert "event id 'mini-forum' is also used by" in result.stderr


def test_unknown_event(cli, forums: Path) -> None:
    result = cli("--data", str(forums), "--event", "autumn", "speakers")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("autosummit: no event named 'autumn'")


def cache_files() -> list[Path]:
    return sorted(cache_dir().glob("*.catalog"))


@pytest.fixture(autouse=True)
def settled_at_once(monkeypatch) -> None:
    """Files written by a test are seconds old at most: take their stamps as settled at once
    (the racy window has a test of its own)."""
    from autosummit_cli.store import build

    monkeypatch.setattr(build, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch):
    """Call it to start counting: it returns the files read, and those validated, from then on."""
    from autosummit_cli.store import build

    read_bytes, from_bytes = build.read_bytes, build.summit_from_bytes

    def start() -> tuple[list[str], list[str]]:
        read: list[str] = []
        validated: list[str] = []

        def reading(source):
            read.append(source)
            return read_bytes(source)

        def validating(source, data):
            validated.append(source)
            return from_bytes(source, data)

        monkeypatch.setattr(build, "read_bytes", reading)
        monkeypatch.setattr(build, "summit_from_bytes", validating)
        return read, validated

    return start


def test_cache_is_built_once_and_used(cli, tmp_path: Path) -> None:
    data = write_summit(tmp_path / "s.yaml", mini_data())
    first = cli("--data", str(data), "speakers", "-f", "json").stdout
    (cached,) = cache_files()
    built = cached.stat().st_mtime_ns
    assert cli("--data", str(data), "speakers", "-f", "json").stdout == first
    assert cached.stat().st_mtime_ns == built


def test_cache_rebuilt_when_data_changes(cli, tmp_path: Path) -> None:
    data = write_summit(tmp_path / "s.yaml", mini_data())
    cli("--data", str(data), "speakers")
    changed = mini_data()
    changed["speakers"][0]["name"] = "Ana María López"
    write_summit(data, changed)
    rows = json.loads(cli("--data", str(data), "speakers", "-f", "json").stdout)
    assert rows[0]["name"] == "Ana María López"


def test_touched_but_unchanged_file_is_read_but_not_validated_again(
    cli, tmp_path: Path, reads
) -> None:
    data = write_summit(tmp_path / "s.yaml", mini_data())
    cli("--data", str(data), "speakers")
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns - 10**9))
    read, validated = reads()
    cli("--data", str(data), "speakers")
    assert (read, validated) == ([str(data)], [])
    cli("--data", str(data), "speakers")  # its new stamps are now the entry's
    assert (read, validated) == ([str(data)], [])


def test_a_same_size_edit_with_its_mtime_put_back_is_seen(cli, tmp_path: Path) -> None:
    data = write_summit(tmp_path / "s.yaml", mini_data())
    cli("--data", str(data), "speakers")
    before = data.stat()
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("Ana López", "Ana Lópex"), encoding="utf-8")  # same size
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` would
    assert data.stat().st_size == before.st_size
    rows = json.loads(cli("--data", str(data), "speakers", "-f", "json").stdout)
    assert rows[0]["name"] == "Ana Lópex"


def test_one_edited_file_is_the_only_one_read_again(cli, tmp_path: Path, reads) -> None:
    folder = tmp_path / "year"
    folder.mkdir()
    for n in range(12):
        data = mini_data()
        data["event"]["id"] = f"forum-{n}"
        write_summit(folder / f"{n:02d}.yaml", data)
    cli("--data", str(folder), "events")  # builds the catalog
    edited = mini_data()
    edited["event"]["id"] = "forum-5"
    edited["speakers"][0]["name"] = "Ana Edited"
    write_summit(folder / "05.yaml", edited)
    read, validated = reads()
    rows = json.loads(cli("--data", str(folder), "speakers", "-f", "json").stdout)
    assert read == validated == [str(folder / "05.yaml")]
    assert [r["name"] for r in rows if r["event"] == "forum-5"][0] == "Ana Edited"
    assert len({r["event"] for r in rows}) == 12
    (folder / "12.yaml").write_text((folder / "00.yaml").read_text().replace("forum-0", "forum-x"))
    (folder / "03.yaml").unlink()
    events = json.loads(cli("--data", str(folder), "events", "-f", "json").stdout)
    assert read == [str(folder / "05.yaml"), str(folder / "12.yaml")]
    expected = [f"forum-{n}" for n in range(12) if n != 3] + ["forum-x"]
    assert [e["id"] for e in events] == expected
    fresh = cli("--data", str(folder), "events", "-f", "json", env={"AUTOSUMMIT_NO_CACHE": "1"})
    assert json.loads(fresh.stdout) == events
    hits = cli("--data", str(folder), "search", "battery", "-f", "json").stdout
    assert {h["event"] for h in json.loads(hits)} == set(expected)


def _index_of(catalog: Path) -> dict[str, list[tuple[object, ...]]]:
    """What the catalog's search index holds, without its row numbers."""
    with sqlite3.connect(catalog) as connection:
        rows = connection.execute(
            "SELECT i.id, i.kind, t.event FROM items i JOIN talks t ON t.id = i.talk"
        ).fetchall()
        texts = item_texts(connection, [rowid for rowid, _, _ in rows])
        found = {rowid: (event, texts[rowid][0]) for rowid, _, event in rows}
        matched = connection.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ?",
            ("battery OR zeppelin OR electrification OR ana",),
        )
        return {
            "items": sorted((kind, event, *texts[rowid]) for rowid, kind, event in rows),
            "vocabulary": sorted(connection.execute("SELECT word, uses FROM vocabulary")),
            "scripts": sorted(connection.execute("SELECT name, uses FROM scripts")),
            "matched": sorted(found[rowid] for (rowid,) in matched),
        }


def test_an_updated_catalog_has_the_index_of_a_fresh_one(cli, tmp_path: Path) -> None:
    # Summits are taken out of the index and added again (all of one run's together): the
    # words each is counted under, and what each word finds, must come out as a new build's.
    folder = tmp_path / "year"
    folder.mkdir()
    for n in range(6):
        data = mini_data()
        data["event"]["id"] = f"forum-{n}"
        write_summit(folder / f"{n:02d}.yaml", data)
    cli("--data", str(folder), "events")
    edited = mini_data()
    edited["event"]["id"] = "forum-2"
    edited["talks"][0]["recommendations"][0]["text"] = "Zeppelin pilot lines for everyone."
    write_summit(folder / "02.yaml", edited)
    (folder / "04.yaml").unlink()
    (folder / "07.yaml").write_text((folder / "00.yaml").read_text().replace("forum-0", "forum-7"))
    hits = json.loads(cli("--data", str(folder), "search", "zeppelin", "-f", "json").stdout)
    assert [(h["event"], h["text"]) for h in hits] == [
        ("forum-2", "Zeppelin pilot lines for everyone.")
    ]
    (updated,) = cache_dir().glob("*.catalog")
    index = _index_of(updated)
    updated.unlink()
    cli("--data", str(folder), "events")
    assert _index_of(updated) == index
    assert ("zeppelin", 1) in index["vocabulary"] and index["matched"]


def test_an_edit_made_while_the_file_is_read_is_seen_next_run(
    cli, tmp_path: Path, monkeypatch
) -> None:
    from autosummit_cli.store import build

    data = write_summit(tmp_path / "s.yaml", mini_data())
    read_bytes = build.read_bytes

    def edited_meanwhile(source):
        found = read_bytes(source)
        text = data.read_text(encoding="utf-8").replace("Ana López", "Ana Later")
        data.write_text(text, encoding="utf-8")
        return found

    monkeypatch.setattr(build, "read_bytes", edited_meanwhile)
    first = json.loads(cli("--data", str(data), "speakers", "-f", "json").stdout)
    assert first[0]["name"] == "Ana López"  # what was read
    monkeypatch.setattr(build, "read_bytes", read_bytes)
    again = json.loads(cli("--data", str(data), "speakers", "-f", "json").stdout)
    assert again[0]["name"] == "Ana Later"


def test_a_file_changed_too_recently_to_tell_is_checked_by_content_next_run(
    cli, tmp_path: Path, reads, monkeypatch
) -> None:
    from autosummit_cli.store import build

    monkeypatch.setattr(build, "RACY_NS", 3600 * 10**9)  # everything is recent
    data = write_summit(tmp_path / "s.yaml", mini_data())
    cli("--data", str(data), "speakers")
    read, validated = reads()
    cli("--data", str(data), "speakers")
    assert (read, validated) == ([str(data)], [])  # read again, but the same content


def corrupt(path: Path, damage) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(damage)


def test_results_identical_with_and_without_cache(cli) -> None:
    for args in (
        ["speakers", "-f", "json"],
        ["search", "--all", "ai", "-f", "json"],
        ["talk", "yurui", "-f", "json"],
        ["overview", "-f", "md"],
    ):
        cached = cli(*args).stdout
        assert cli(*args, env={"AUTOSUMMIT_NO_CACHE": "1"}).stdout == cached


@pytest.fixture
def unpickled(monkeypatch):
    """Call it once the catalog is built: it returns the list of the events whose summits are
    read from then on (None for all of them at once)."""
    from autosummit_cli.store.catalog import Catalog

    read = Catalog.summits

    def start() -> list[str | None]:
        asked: list[str | None] = []

        def recording(self, event=None):
            asked.append(event)
            return read(self, event)

        monkeypatch.setattr(Catalog, "summits", recording)
        return asked

    return start


LIST_VIEWS = (
    ["sessions"],
    ["speakers"],
    ["speakers", "--sort", "name"],
    ["speakers", "--sort", "org"],
    ["recommendations"],
    ["themes"],
    ["quotes"],
    ["overview"],
    ["overview", "-f", "md"],
    ["overview", "-f", "table"],
)


@pytest.mark.parametrize(
    "scope", [[], ["--event", "spring"], ["--event", "new quality"]], ids=["all", "mini", "bundled"]
)
def test_list_views_come_from_the_cache_without_unpickling(
    cli, forums: Path, unpickled, scope: list[str]
) -> None:
    # The two mini summits and the bundled one, whose speakers no sort leaves in session order.
    data = ["--data", str(forums), "--data", str(bundled_data_path()), *scope]
    expected = {}
    for view in LIST_VIEWS:
        args = [*data, *view, *([] if "-f" in view else ["-f", "json"])]
        expected[tuple(view)] = cli(*args, env={"AUTOSUMMIT_NO_CACHE": "1"}).stdout
        assert cli(*args).exit_code == 0  # builds the cache file
    if scope != ["--event", "spring"]:
        orders = {
            expected[("speakers", *sort)] for sort in ([], ["--sort", "name"], ["--sort", "org"])
        }
        assert len(orders) == 3  # so that a sort left undone would show
    asked = unpickled()
    for view in LIST_VIEWS:
        args = [*data, *view, *([] if "-f" in view else ["-f", "json"])]
        assert cli(*args).stdout == expected[tuple(view)], view
    assert asked == []


def test_event_loads_only_its_own_summit_from_the_cache(cli, forums: Path, unpickled) -> None:
    commands = (["talk", "bo"], ["matrix"], ["themes", "batteries"])
    expected = {}
    for command in commands:
        args = ["--data", str(forums), "--event", "spring", *command, "-f", "json"]
        expected[tuple(command)] = cli(*args, env={"AUTOSUMMIT_NO_CACHE": "1"}).stdout
        cli(*args)  # builds the cache file
    asked = unpickled()
    for command in commands:
        args = ["--data", str(forums), "--event", "spring", *command, "-f", "json"]
        assert cli(*args).stdout == expected[tuple(command)], command
    assert asked == ["spring-forum"] * len(commands)


def test_names_resolve_before_any_summit_is_loaded(cli, forums: Path, unpickled) -> None:
    # Two mini summits (the same speakers) and the bundled one (its own speakers).
    data = ["--data", str(forums), "--data", str(bundled_data_path())]
    commands = (
        ["talk", "yurui"],
        ["compare", "yurui", "wu-shaoge"],
        ["themes", "going global"],
        ["search", "--speaker", "yurui", "--all", "ai"],
        ["search", "--theme", "batteries", "--all", "battery"],
        ["talk", "bo"],  # in both mini summits: ask which
        ["talk", "nobody"],
        ["talk", "yur"],  # a prefix
        ["themes", "chain"],  # a later word: in all three summits, so ask which
    )
    expected = {}
    for command in commands:
        uncached = cli(*data, *command, "-f", "json", env={"AUTOSUMMIT_NO_CACHE": "1"})
        expected[tuple(command)] = (uncached.exit_code, uncached.stdout, uncached.stderr)
        cli(*data, *command, "-f", "json")  # builds the cache file
    asked = unpickled()
    for command in commands:
        result = cli(*data, *command, "-f", "json")
        assert (result.exit_code, result.stdout, result.stderr) == expected[tuple(command)]
    assert expected[("talk", "bo")][0] == ExitCode.AMBIGUOUS
    assert expected[("talk", "nobody")][0] == ExitCode.NOT_FOUND
    bundled = "nqpf-auto-summit-2025"
    assert expected[("themes", "chain")][0] == ExitCode.AMBIGUOUS
    everywhere = ["mini-forum", "spring-forum", bundled]
    assert asked == [bundled, bundled, bundled, "mini-forum", "spring-forum", bundled, *everywhere]


def test_completion_reads_names_without_loading_a_summit() -> None:
    run("speakers")  # warm the cache
    completed = run(
        env={
            "_AUTOSUMMIT_COMPLETE": "complete_bash",
            "COMP_WORDS": "autosummit talk yu",
            "COMP_CWORD": "2",
            "PYTHONPROFILEIMPORTTIME": "1",
        }
    )
    assert completed.stdout.split() == [b"yurui"]
    imported = {line.split("|")[-1].strip() for line in completed.stderr.decode().splitlines()}
    assert "autosummit_cli.store.store" in imported
    assert not {"autosummit_cli.domain.model", "pickle", "yaml", "pydantic"} & imported


def test_one_summit_commands_ask_for_an_event_before_loading_any(
    cli, tmp_path: Path, unpickled
) -> None:
    folder = tmp_path / "year"
    folder.mkdir()
    for n in range(10):
        data = mini_data()
        data["event"]["id"] = f"forum-{n}"
        write_summit(folder / f"{n}.yaml", data)
    cli("--data", str(folder), "events")  # builds the cache file
    asked = unpickled()
    for command in (["matrix"], ["export"], ["tour", "--no-pause"]):
        result = cli("--data", str(folder), *command)
        assert result.exit_code == ExitCode.AMBIGUOUS
        assert result.stderr.startswith("autosummit: ")
        listed = "forum-0, forum-1, forum-2, forum-3, forum-4, forum-5, forum-6, forum-7"
        assert f"({listed} and 2 more)" in result.stderr
        assert "choose one with --event ID" in result.stderr
    assert asked == []  # no summit loaded only to say that an event must be chosen


def test_a_line_separator_in_the_data_survives_the_catalog(cli, tmp_path: Path) -> None:
    data = mini_data()
    data["speakers"][0]["role"] = "Chair\u2028of the board\x85"
    path = write_summit(tmp_path / "s.yaml", data)
    fresh = cli("--data", str(path), "speakers", "-f", "json", env={"AUTOSUMMIT_NO_CACHE": "1"})
    cli("--data", str(path), "speakers")  # builds the cache
    assert cli("--data", str(path), "speakers", "-f", "json").stdout == fresh.stdout


def test_a_warm_list_loads_no_yaml_validation_rich_or_summits() -> None:
    """The lean start-up path, checked by what the process imports rather than by a clock."""
    run("speakers", "-f", "json")  # warm the cache
    traced = run("speakers", "-f", "json", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert traced.returncode == 0
    imported = {line.split("|")[-1].strip() for line in traced.stderr.decode().splitlines()}
    assert "autosummit_cli.store.store" in imported  # the trace is real
    assert json.loads(traced.stdout)
    for heavy in ("yaml", "pydantic", "rich", "pickle", "autosummit_cli.domain.model", "hashlib"):
        assert heavy not in imported, heavy


def test_no_cache_env_writes_nothing(cli) -> None:
    cli("speakers", env={"AUTOSUMMIT_NO_CACHE": "1"})
    assert cache_files() == []


def test_unwritable_cache_falls_back_silently(cli, tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    result = cli("speakers", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert len(json.loads(result.stdout)) == 10


def test_a_failed_build_leaves_no_half_written_cache(cli, monkeypatch) -> None:
    from autosummit_cli.store.catalog import Catalog

    stamp = Catalog.stamp

    def full_disk(self, built):
        if self.connection.execute("PRAGMA database_list").fetchone()[2]:  # a file, not memory
            self.connection.execute("CREATE TABLE half (x)")
            raise sqlite3.OperationalError("database or disk is full")
        stamp(self, built)

    monkeypatch.setattr(Catalog, "stamp", full_disk)
    result = cli("speakers", "-f", "json")  # still answers, from memory
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 10
    assert list(cache_dir().iterdir()) == []


def test_cache_info_and_clear(cli) -> None:
    cli("speakers")
    (entry,) = json.loads(cli("cache", "info", "-f", "json").stdout)
    assert entry["valid_format"] and entry["files"][0].endswith("summit.yaml")
    assert entry["bytes"] == Path(entry["path"]).stat().st_size and entry["built"]
    (cached,) = cache_files()
    left = [
        cached.with_name(cached.name + "-journal"),  # a run stopped mid-update
        cached.with_name(cached.name + ".k3_9xq0a.tmp"),  # a build killed mid-way
        cached.with_name("0123456789abcdef.rows"),  # an older release's
        cached.with_name("0123456789abcdef.sqlite"),
    ]
    for path in left:
        path.write_bytes(b"ours")
    kept = [cache_dir() / "notes.txt", cache_dir() / "0123456789abcdef.catalog.bak"]
    for path in kept:
        path.write_text("not ours")
    cleared = cli("cache", "clear")
    assert cleared.stderr.startswith("removed 5 cache files from ")
    assert sorted(cache_dir().iterdir()) == sorted(kept)


def test_caches_of_deleted_data_files_are_pruned(cli, tmp_path: Path) -> None:
    (tmp_path / "gone").mkdir()
    gone = write_summit(tmp_path / "gone" / "gone.yaml", mini_data())
    cli("--data", str(gone), "speakers")
    assert len(cache_files()) == 1
    gone.unlink()
    cli("speakers")  # building another catalog prunes the orphan
    (left,) = cache_files()
    assert json.loads(cli("cache", "info", "-f", "json").stdout)[0]["files"][0].endswith(
        "summit.yaml"
    )


def test_parallel_parse_gives_the_same_corpus_and_errors(cli, forums: Path, monkeypatch) -> None:
    from autosummit_cli.reading import batch

    sequential = cli(
        "--data", str(forums), "speakers", "-f", "json", env={"AUTOSUMMIT_NO_CACHE": "1"}
    ).stdout
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    parallel = cli(
        "--data", str(forums), "speakers", "-f", "json", env={"AUTOSUMMIT_NO_CACHE": "1"}
    ).stdout
    assert parallel == sequential
    (forums / "c.yaml").write_text("speakers: [\n")
    result = cli("--data", str(forums), "speakers")
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stderr.startswith(f"{forums / 'c.yaml'}:2:1: not valid YAML")


@pytest.mark.parametrize(("after", "shown"), [(0.0, True), (60.0, False)])
def test_a_slow_build_shows_progress_on_a_terminal_only(monkeypatch, after, shown) -> None:
    import io
    import pty
    import select

    from autosummit_cli.reading.batch import _Progress

    leader, follower = pty.openpty()
    with os.fdopen(follower, "w", encoding="utf-8") as terminal:
        monkeypatch.setattr("sys.stderr", terminal)
        progress = _Progress(3, after=after)
        for _ in range(3):
            progress.step()
        progress.done()
        terminal.flush()
    # Linux hands what was written to a pty over to its other end in pieces, some later: read
    # until the closed end says so (EIO), not only what has arrived (the bar could be missed).
    chunks = []
    while select.select([leader], [], [], 10)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: everything written has been read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    written = b"".join(chunks).decode(errors="replace")
    assert ("Reading summit files" in written) is shown
    # Not a terminal: never a bar, however slow.
    monkeypatch.setattr("sys.stderr", io.StringIO())
    quiet = _Progress(3, after=0.0)
    quiet.step()
    quiet.done()
    assert quiet._progress is None


def test_filters_name_the_name_that_is_nowhere(cli, forums: Path) -> None:
    # yurui speaks only in the bundled summit; no event has a session called 'nowhere'.
    data = ["--data", str(forums), "--data", str(bundled_data_path())]
    result = cli(*data, "recommendations", "--speaker", "yurui", "--session", "nowhere")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("autosummit: no session named 'nowhere'")
    # Each known somewhere, never together: the first event says what it lacks.
    result = cli(*data, "recommendations", "--speaker", "yurui", "--session", "morning")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("autosummit: no speaker named 'yurui'")
    rows = json.loads(cli(*data, "speakers", "--theme", "batteries", "-f", "json").stdout)
    assert {r["event"] for r in rows} == {"mini-forum", "spring-forum"}
