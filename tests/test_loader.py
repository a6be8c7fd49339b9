"""The loader and validator on good and bad files: every problem, located, in one pass."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autosummit_cli.domain.errors import DataError
from autosummit_cli.reading.summit_file import load_summit
from tests.conftest import MINI


def write(tmp_path: Path, text: str | bytes, name: str = "summit.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path | str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_summit(str(path))
    return [str(p) for p in caught.value.problems]


def mini_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text, old
    return write(tmp_path, text.replace(old, new, 1))


def test_mini_loads_into_frozen_model() -> None:
    summit = load_summit(str(MINI))
    assert [s.id for s in summit.speakers] == ["ana-lopez", "bo-chen", "chen-li"]
    assert summit.talks[0].figures[0].value == 2.5
    assert summit.talks[0].themes == ("batteries",)
    with pytest.raises(AttributeError):
        summit.speakers[0].name = "x"  # type: ignore[misc]


def test_every_problem_reported_at_once_with_line_and_column(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("speaker: bo-chen\n", "speaker: bo-chn\n")
    text = text.replace("themes: [batteries]}\n    quotes", "themes: [batteris]}\n    quotes")
    text = text.replace("name: Bo Chen", "name: ''")
    text = text.replace("{id: chen-li,", "{id: bo-chen,")
    text = text.replace("title: Dealers", "title: Dealers\n    venue: Hall 1")
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:13:25: speakers[1].name: must not be empty",
        f"{path}:14:10: speakers[2].id: duplicate id 'bo-chen' in speakers (first at line 13)",
        f"{path}:28:83: talks[0].recommendations[0].themes[0]: unknown theme 'batteris'; "
        "did you mean 'batteries'?",
        f"{path}:33:14: talks[1].speaker: unknown speaker 'bo-chn'; did you mean 'bo-chen'?",
        f"{path}:41:14: talks[2].speaker: unknown speaker 'chen-li'",
        f"{path}:44:5: talks[2].venue: unknown field; check its spelling against data/summit.yaml",
    ]


def test_missing_field_and_wrong_type(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "    title: Chains that hold\n", "")
    path = mini_with(tmp_path, "    title: Chains that hold\n", "    title: 1.10\n")
    found = problems(path)
    assert found == [
        f"{path}:35:12: talks[1].title: expected text, got the float 1.1; put the text in quotes"
    ]
    path = write(tmp_path, MINI.read_text().replace("    title: Chains that hold\n", ""), "m.yaml")
    assert problems(path) == [f"{path}:32:5: talks[1].title: required field is missing"]


def test_yaml_11_words_and_dates_stay_text(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "title: Dealers", "title: no")
    path = write(
        tmp_path,
        path.read_text().replace('published: "2024-01-02"', "published: 2024-01-02"),
        "d.yaml",
    )
    summit = load_summit(str(path))
    assert summit.talks[2].title == "no"
    assert summit.event.source.published == "2024-01-02"


def test_nan_figure_refused(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "value: 2.5", "value: .nan")
    assert problems(path) == [
        f"{path}:31:17: talks[0].figures[0].value: expected a finite number (not .nan or .inf)"
    ]


def test_bad_ids_and_untagged_items(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "{id: morning,", "{id: Morning Session,")
    path = write(
        tmp_path, path.read_text().replace("themes: [supply-chain]}", "themes: []}"), "x.yaml"
    )
    found = problems(path)
    assert any(
        "sessions[0].id: id 'Morning Session' must be lower-case words joined by hyphens" in p
        for p in found
    )
    assert any("talks[2].points[0]: no themes" in p for p in found)
    assert any("unknown session 'morning'" in p for p in found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("just a string\n", "the top level is a single value (str)"),
        ("- a\n- b\n", "the top level is a list"),
        ("a: 1\n---\nb: 2\n", "several YAML documents"),
        ("a:\n\t- b\n", "YAML indents with spaces, not tabs"),
        ("a: [1, 2\n", "not valid YAML"),
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)"),
        (
            "a: !!python/object/apply:os.system ['echo pwned']\n",
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("a: " + "[" * 200 + "]" * 200 + "\n", "nesting deeper than 64 levels"),
    ],
)
def test_bad_yaml_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    found = problems(write(tmp_path, content))
    assert len(found) == 1
    assert message in found[0]
    assert found[0].startswith(str(tmp_path / "summit.yaml"))


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    problems(write(tmp_path, f"a: !!python/object/apply:os.system ['touch {marker}']\n"))
    assert not marker.exists()


def test_alias_bomb_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        lines.append(
            f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]"
        )
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert path.stat().st_size < 400
    (found,) = problems(path)
    assert "alias bomb" in found


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"event:\n  title: caf\xe9\n")
    assert problems(path) == [f"{path}:2:1: not UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_bom_and_crlf_accepted(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_summit(str(path)).event.title == "Mini Forum"


def test_files_that_are_not_files(tmp_path: Path) -> None:
    assert problems(tmp_path / "missing.yaml")[0].endswith(
        "no such file; check the path given to --data or AUTOSUMMIT_DATA"
    )
    assert problems(tmp_path)[0].endswith("is a directory; give the path of a summit .yaml file")
    assert "is not a regular file" in problems("/dev/zero")[0]
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    assert "cannot read" in problems(loop)[0]
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert "is not a regular file" in problems(fifo)[0]


def test_oversized_file_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(100 * 2**20)
    assert problems(big) == [f"{big}: is 100 MiB; summit files are capped at 16 MiB"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    path.chmod(0)
    assert "cannot read: Permission denied" in problems(path)[0]
