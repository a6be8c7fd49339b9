"""`autosummit new FILE`: a template that validates as written, and never overwrites a file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from autosummit_cli.reading.loader import decode, parse
from tests.conftest import ROOT, run

SCHEMA_LINE = "# yaml-language-server: $schema="


def schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE)
    return (path.parent / first[len(SCHEMA_LINE) :]).resolve()


def test_new_writes_a_template_that_validates_under_both(cli, tmp_path: Path) -> None:
    target = tmp_path / "forums" / "my-forum.yaml"
    target.parent.mkdir()
    result = cli("new", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    checked = cli("validate", str(target))
    assert checked.exit_code == 0, checked.output
    assert (
        "1 speakers, 1 sessions, 1 talks, 1 points, 1 recommendations, 1 themes" in checked.stdout
    )
    # The editor line leads to the schema, and the schema accepts the template too.
    schema_file = schema_of(target)
    assert schema_file == ROOT / "schema" / "summit.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = parse(str(target), decode(str(target), target.read_bytes())).data
    jsonschema.Draft202012Validator(schema).validate(data)


def test_the_template_has_one_of_each_and_explains_itself(cli, tmp_path: Path) -> None:
    target = tmp_path / "forum.yaml"
    assert cli("new", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    data = parse(str(target), text).data
    assert [len(data[k]) for k in ("sessions", "speakers", "themes", "talks")] == [1, 1, 1, 1]
    assert f"autosummit validate {target}" in text
    assert sum(line.lstrip().startswith("#") or " # " in line for line in text.splitlines()) > 15
    overview = cli("--data", str(target), "overview")
    assert overview.exit_code == 0 and "Example Forum 2025" in overview.stdout


def test_new_never_overwrites(cli, tmp_path: Path) -> None:
    target = tmp_path / "forum.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = cli("new", str(target))
    assert result.exit_code == 2
    assert f"{target} already exists; new never overwrites a file" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_new_says_when_it_cannot_write(cli, tmp_path: Path) -> None:
    result = cli("new", str(tmp_path / "missing" / "forum.yaml"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "No such file or directory" in result.stderr


def test_a_schema_of_your_own(cli, tmp_path: Path) -> None:
    target = tmp_path / "forum.yaml"
    url = "https://example.org/summit.schema.json"
    assert cli("new", str(target), "--schema", url).exit_code == 0
    assert target.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE + url
    sneaky = tmp_path / "sneaky.yaml"
    assert cli("new", str(sneaky), "--schema", "x\nformat: 2").exit_code == 0
    assert cli("validate", str(sneaky)).exit_code == 0  # the newline stayed in the comment


def test_new_to_standard_output(tmp_path: Path) -> None:
    result = run("new", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert text.startswith(SCHEMA_LINE)
    assert list(tmp_path.iterdir()) == []
    checked = run("validate", "-", input=result.stdout, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
