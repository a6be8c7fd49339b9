"""`autosummit schema`: the JSON Schema agrees with `autosummit validate` on every file here."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from autosummit_cli.reading.json_schema import SCHEMA_FILE, schema_path
from autosummit_cli.reading.loader import decode, parse
from tests.conftest import BUNDLED, FIXTURES, ROOT, mini_data, write_summit

COMMITTED = ROOT / "schema" / SCHEMA_FILE


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def schema_accepts(schema: dict[str, Any], path: Path) -> bool:
    """Whether the schema accepts the file's data, read as YAML the way the loader reads it (as
    YAML-aware editors do: dates stay text)."""
    document = parse(str(path), decode(str(path), path.read_bytes()))
    return jsonschema.Draft202012Validator(schema).is_valid(document.data)


def validate_accepts(cli: Callable[..., Any], path: Path) -> bool:
    result = cli("validate", str(path))
    assert result.exit_code in (0, 2), result.output
    return bool(result.exit_code == 0)


def test_the_committed_schema_is_what_the_command_prints(cli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), (
        "schema/summit.schema.json is stale: run `autosummit schema > schema/summit.schema.json`"
    )
    assert schema_path() == COMMITTED  # what `new` points editors at, from a checkout


def test_the_schema_is_draft_2020_12_and_well_formed(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, definition in [("Summit", schema), *schema["$defs"].items()]:
        for field, prop in definition.get("properties", {}).items():
            yield name, field, prop


def test_every_field_and_record_has_a_description(schema: dict[str, Any]) -> None:
    missing = [
        f"{name}.{field}"
        for name, field, prop in _properties(schema)
        if not prop.get("description")
    ]
    missing += [name for name, d in schema["$defs"].items() if not d.get("description")]
    assert not missing, f"add descriptions in json_schema.py DESCRIPTIONS for: {missing}"


def test_ids_and_references_carry_the_id_pattern(schema: dict[str, Any]) -> None:
    from autosummit_cli.reading.validation import ID_PATTERN

    whole = f"^{ID_PATTERN.pattern}$"  # JSON Schema patterns search: anchored, the whole value
    defs = schema["$defs"]
    for name in ("Event", "Session", "Speaker", "Theme", "Talk", "Recommendation"):
        assert defs[name]["properties"]["id"]["pattern"] == whole
    assert defs["Talk"]["properties"]["speaker"]["pattern"] == whole
    assert defs["Point"]["properties"]["themes"]["items"]["pattern"] == whole
    # What only the validator can check is said where an editor shows it.
    assert "validator also checks" in defs["Talk"]["properties"]["session"]["description"]


def test_the_bundled_data_names_the_schema_on_its_first_line() -> None:
    first = BUNDLED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/summit.schema.json"
    assert (BUNDLED.parent / "../schema/summit.schema.json").resolve() == COMMITTED


@pytest.mark.parametrize("path", [BUNDLED, *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_schema_and_validator_agree_on_every_file(cli, schema: dict[str, Any], path: Path) -> None:
    assert schema_accepts(schema, path) == validate_accepts(cli, path)


def test_the_broken_fixture_fails_under_both(cli, schema: dict[str, Any]) -> None:
    broken = FIXTURES / "broken.yaml"
    assert not schema_accepts(schema, broken)
    assert not validate_accepts(cli, broken)


def _talk(data: dict[str, Any]) -> dict[str, Any]:
    return data["talks"][0]  # type: ignore[no-any-return]


MISTAKES: dict[str, Callable[[dict[str, Any]], None]] = {
    "missing required field": lambda d: d["event"].pop("title"),
    "unknown field": lambda d: _talk(d).update(venue="Hall 2"),
    "unknown nested field": lambda d: d["event"]["source"].update(link="x"),
    "blank text": lambda d: d["speakers"][0].update(name="   "),
    "blank optional text": lambda d: d["event"].update(summary=""),
    "id not lower-case hyphenated": lambda d: d["themes"][0].update(id="Batteries"),
    "unsupported format": lambda d: d.update(format=2),
    "number where text belongs": lambda d: _talk(d).update(title=1.1),
    "text where a number belongs": lambda d: _talk(d)["source"].update(paragraph="first"),
    "point without themes": lambda d: _talk(d)["points"][0].pop("themes"),
    "recommendation with no themes": lambda d: _talk(d)["recommendations"][0].update(themes=[]),
    "infinite figure": lambda d: _talk(d)["figures"][0].update(value=float("inf")),
    "list where a mapping belongs": lambda d: d.update(event=["x"]),
    "missing talks": lambda d: d.pop("talks"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_a_schema_can_see_fails_under_both(
    cli, schema: dict[str, Any], tmp_path: Path, mistake: str
) -> None:
    data = copy.deepcopy(mini_data())
    MISTAKES[mistake](data)
    path = write_summit(tmp_path / "summit.yaml", data)
    assert not validate_accepts(cli, path)
    assert not schema_accepts(schema, path)


# What a JSON Schema cannot express: these pass the schema and only `validate` catches them,
# as the schema's descriptions say.
CROSS_REFERENCES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown speaker": lambda d: _talk(d).update(speaker="ana-lopz"),
    "unknown session": lambda d: _talk(d).update(session="noon"),
    "unknown theme": lambda d: _talk(d)["points"][0].update(themes=["batteris"]),
    "duplicate speaker id": lambda d: d["speakers"][1].update(id="ana-lopez"),
    "duplicate recommendation id": lambda d: d["talks"][1]["recommendations"][0].update(
        id="ana-lopez-1"
    ),
}


@pytest.mark.parametrize("mistake", CROSS_REFERENCES)
def test_cross_references_are_the_validators_alone(
    cli, schema: dict[str, Any], tmp_path: Path, mistake: str
) -> None:
    data = copy.deepcopy(mini_data())
    CROSS_REFERENCES[mistake](data)
    path = write_summit(tmp_path / "summit.yaml", data)
    assert schema_accepts(schema, path)
    assert not validate_accepts(cli, path)
