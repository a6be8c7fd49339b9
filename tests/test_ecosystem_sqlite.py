"""`export -f sqlite`: a database sqlite3, sqlite-utils and datasette read as their own."""

from __future__ import annotations

import copy
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUNDLED, FIXTURES, MINI, mini_data, write_summit

TABLES = [
    "events",
    "sessions",
    "speakers",
    "roles",
    "themes",
    "talks",
    "points",
    "recommendations",
    "quotes",
    "figures",
    "point_themes",
    "recommendation_themes",
]
QUERIES = [
    "supply chain", "talent", "generative AI", "brand", "localization", "industrial software"
]  # fmt: skip


def export(cli, target: Path, *data: Path, extra: tuple[str, ...] = ()) -> Any:
    options = [arg for path in data for arg in ("--data", str(path))]
    return cli(*options, "export", "-f", "sqlite", "-o", str(target), *extra)


@pytest.fixture
def database(cli, tmp_path: Path) -> Path:
    target = tmp_path / "summit.db"
    result = export(cli, target, BUNDLED)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # files only; the notes go to stderr
    assert f"wrote {target}" in result.stderr
    return target


def test_every_table_is_there_with_the_summits_rows(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master")}
        assert set(TABLES) <= names
        count = lambda table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        assert [count(t) for t in ("events", "sessions", "speakers", "talks")] == [1, 3, 10, 10]
        assert count("recommendations") == 17 and count("points") == 18
        row = connection.execute(
            "SELECT r.recommendation_id, s.name, t.talk_id FROM recommendations r"
            " JOIN speakers s ON s.key = r.speaker JOIN talks t ON t.key = r.talk"
            " WHERE r.recommendation_id = 'liu-yurui-1'"
        ).fetchone()
        assert row == ("liu-yurui-1", "Liu Yurui", "liu-yurui-talk")
        for table in TABLES:
            columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})")]
            assert "event_id" in columns, table


def test_foreign_keys_are_declared_and_hold(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        links = {
            (row[3], row[2], row[4]) for row in connection.execute("PRAGMA foreign_key_list(talks)")
        }
        assert links == {
            ("event_id", "events", "event_id"),
            ("speaker", "speakers", "key"),
            ("session", "sessions", "key"),
        }
        themed = {
            row[3]: row[2]
            for row in connection.execute("PRAGMA foreign_key_list(recommendation_themes)")
        }
        assert themed == {
            "recommendation": "recommendations",
            "theme": "themes",
            "event_id": "events",
        }


def test_a_corpus_of_summits_shares_one_database(cli, tmp_path: Path) -> None:
    # The same ids in two events: each row stays its own, keyed by its event.
    other = copy.deepcopy(mini_data())
    other["event"]["id"] = "mini-forum-2"
    second = write_summit(tmp_path / "second.yaml", other)
    target = tmp_path / "corpus.db"
    result = export(cli, target, MINI, second, FIXTURES / "cjk.yaml")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        events = [e for (e,) in connection.execute("SELECT event_id FROM events ORDER BY rowid")]
        assert events == ["mini-forum", "mini-forum-2", "cjk-forum"]
        speakers = connection.execute(
            "SELECT event_id, count(*) FROM speakers GROUP BY event_id ORDER BY event_id"
        ).fetchall()
        assert speakers == [("cjk-forum", 2), ("mini-forum", 3), ("mini-forum-2", 3)]
        keys = {
            k
            for (k,) in connection.execute(
                "SELECT key FROM speakers WHERE speaker_id = 'ana-lopez'"
            )
        }
        assert keys == {"mini-forum/ana-lopez", "mini-forum-2/ana-lopez"}
    metadata = json.loads((tmp_path / "corpus.metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == "3 summits"


def test_full_text_search_follows_sqlite_utils_conventions(cli, database: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is a test dependency")
    db = sqlite_utils.Database(database)
    for table in ("recommendations", "points", "quotes", "talks", "themes", "speakers"):
        assert db[table].detect_fts() == f"{table}_fts"
    for query in QUERIES:
        ours = cli(
            "--data", str(BUNDLED), "search", query, "-k", "recommendation", "-n", "1", "-f", "json"
        )
        assert ours.exit_code == 0, ours.output
        (theirs,) = db["recommendations"].search(query, limit=1)
        assert theirs["recommendation_id"] == json.loads(ours.stdout)[0]["id"], query


def test_the_search_index_keeps_step_with_changes(database: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is a test dependency")
    db = sqlite_utils.Database(database)
    added = {"key": "nqpf-auto-summit-2025/mine-1", "event_id": "nqpf-auto-summit-2025",
             "recommendation_id": "mine-1", "text": "Plant zeppelin orchards."}  # fmt: skip
    db["recommendations"].insert(added)
    assert [r["key"] for r in db["recommendations"].search("zeppelin")] == [added["key"]]
    db["recommendations"].delete(added["key"])
    assert list(db["recommendations"].search("zeppelin")) == []


def test_the_cli_search_of_sqlite_utils_finds_it(database: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "search", str(database), "recommendations",
         "supply chain", "--limit", "1"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if "No module named sqlite_utils" in found.stderr:
        pytest.skip("sqlite-utils is a test dependency and is not installed")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["recommendation_id"] == "shen-xiaojie-2"


def test_metadata_names_the_data_its_source_and_every_table(database: Path) -> None:
    metadata = json.loads(database.with_name("summit.metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == "New-Quality Productive Forces Auto Summit"
    assert metadata["source"].startswith("News Center, ")
    assert "2025-11-04" in metadata["source"]
    assert "license" not in metadata  # the data states none, so none is claimed
    tables = metadata["databases"]["summit"]["tables"]
    assert set(TABLES) <= set(tables)
    assert all(t["description"] for t in tables.values())
    assert tables["speakers"]["label_column"] == "name"


def test_metadata_goes_where_asked(cli, tmp_path: Path) -> None:
    chosen = tmp_path / "meta" / "datasette.json"
    chosen.parent.mkdir()
    result = export(cli, tmp_path / "x.db", MINI, extra=("--metadata", str(chosen)))
    assert result.exit_code == 0, result.output
    assert json.loads(chosen.read_text(encoding="utf-8"))["databases"]["x"]
    assert not (tmp_path / "x.metadata.json").exists()


def test_sqlite_needs_a_file(cli) -> None:
    result = cli("export", "-f", "sqlite")
    assert result.exit_code == 2
    assert "give it a file with -o" in result.stderr
    assert result.stdout == ""


def test_metadata_belongs_to_sqlite(cli, tmp_path: Path) -> None:
    result = cli("export", "-f", "md", "--metadata", str(tmp_path / "m.json"))
    assert result.exit_code == 2
    assert "--metadata goes with -f sqlite" in result.stderr


def test_written_atomically_or_not_at_all(cli, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "summit.db"
    target.write_bytes(b"an old export")
    assert export(cli, target, MINI).exit_code == 0
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT event_id FROM events").fetchall() == [("mini-forum",)]
    failed = export(cli, tmp_path / "missing" / "summit.db", MINI)
    assert failed.exit_code == 2
    assert "cannot write" in failed.stderr and "choose a writable path" in failed.stderr
    broken = write_summit(tmp_path / "broken.yaml", {"format": 1})
    kept = target.read_bytes()
    assert export(cli, target, broken).exit_code == 2  # bad data: the old file stays
    assert target.read_bytes() == kept
    assert sorted(p.name for p in folder.iterdir()) == [
        "summit.db",
        "summit.metadata.json",
    ]  # no temporary files left behind


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        assert response.status == 200
        return str(response.read().decode("utf-8"))


def test_datasette_serves_tables_links_and_search(database: Path) -> None:
    pytest.importorskip("datasette", reason="datasette is a test dependency")
    port = _free_port()
    metadata = database.with_name("summit.metadata.json")
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(database), "-m", str(metadata),
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/summit"
    try:
        for _ in range(150):  # up to 30 s for the server to start
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        page = _get(f"{base}/speakers")
        assert "Liu Yurui" in page and "Everyone who speaks" in page  # rows and the metadata
        talks = json.loads(
            _get(f"{base}/talks.json?_labels=on&_shape=array&talk_id=liu-yurui-talk")
        )
        expected = {"value": "nqpf-auto-summit-2025/liu-yurui", "label": "Liu Yurui"}
        assert [talk["speaker"] for talk in talks] == [expected]  # a link, labelled
        search = _get(
            f"{base}/recommendations?" + urllib.parse.urlencode({"_search": "supply chain"})
        )
        assert 'name="_search"' in search and "shen-xiaojie-2" in search
        found = json.loads(_get(f"{base}/recommendations.json?_search=dealers&_shape=array"))
        assert [r["recommendation_id"] for r in found] == ["shen-xiaojie-2"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@dataclass(frozen=True)
class Part:
    text: str
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Enumerated:  # a record as a later model might add one
    id: str
    text: str
    parts: tuple[Part, ...] = ()
    weight: float | None = None


def test_fields_added_to_the_model_become_columns_without_a_change() -> None:
    from autosummit_cli.domain.model import Event, Source
    from autosummit_cli.render.sqlite_tables import Table, cell, columns

    table = Table("things", "Things.", lambda summit: iter(()), ("key", "position"), Enumerated)
    assert [(name, kind) for name, kind, _ in columns(table)] == [
        ("key", "TEXT"),
        ("event_id", "TEXT"),
        ("position", "INTEGER"),
        ("text", "TEXT"),
        ("parts", "TEXT"),
        ("weight", "REAL"),
    ]
    thing = Enumerated("a-1", "A thing.", (Part("one", ("x",)),))
    cells = {name: cell(thing, path) for name, _, path in columns(table) if path}
    assert cells == {
        "text": "A thing.",
        "parts": '[{"text": "one", "themes": ["x"]}]',
        "weight": None,
    }
    events = Table(
        "events", "Events.", lambda summit: iter(()), ("event_id",), Event, pk=("event_id",)
    )
    event = Event(
        "e", "E", host="Host", source=Source("Press", "T", "2025-01-01", "https://example.org")
    )
    flat = {name: cell(event, path) for name, _, path in columns(events) if path}
    assert flat["source_url"] == "https://example.org" and flat["source_publisher"] == "Press"
