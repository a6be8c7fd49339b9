"""The README's JSON key table is the contract: each row is checked against real output."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import ROOT

# What to run for each row of the table (bundled data).
COMMANDS = {
    "speakers": ["speakers"],
    "sessions": ["sessions"],
    "themes": ["themes"],
    "themes THEME": ["themes", "generative-ai"],
    "talk": ["talk", "shen-xiaojie"],
    "recommendations": ["recommendations"],
    "search": ["search", "localize", "--all"],
    "quotes": ["quotes"],
    "glossary": ["glossary"],
    "matrix": ["matrix"],
    "compare": ["compare", "wu", "yang"],
    "overview": ["overview"],
    "events": ["events"],
}


def readme_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### JSON keys", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, re.MULTILINE)
    return dict(rows)


def parse_keys(spec: str) -> list[tuple[str, Any]]:
    """`a, b[c, d]` -> [("a", None), ("b", [("c", None), ("d", None)])]."""
    tokens = re.findall(r"[A-Za-z_][A-Za-z_0-9]*|\[|\]", spec)
    at = 0

    def level() -> list[tuple[str, Any]]:
        nonlocal at
        found: list[tuple[str, Any]] = []
        while at < len(tokens) and tokens[at] != "]":
            name = tokens[at]
            at += 1
            inner = None
            if at < len(tokens) and tokens[at] == "[":
                at += 1
                inner = level()
                at += 1  # the closing bracket
            found.append((name, inner))
        return found

    return level()


def check(value: Any, keys: list[tuple[str, Any]], where: str) -> int:
    """How many records were checked (every one of a list, so an empty one cannot pass)."""
    records = value if isinstance(value, list) else [value]
    checked = 0
    for record in records:
        assert isinstance(record, dict), where
        assert list(record) == [name for name, _ in keys], where
        checked += 1
        for name, inner in keys:
            if inner is not None:
                checked += check(record[name], inner, f"{where}.{name}")
    return checked


def test_the_table_has_a_row_for_every_command() -> None:
    assert set(readme_table()) == set(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_readme_json_keys_match_the_output(cli, command: str) -> None:
    spec = readme_table()[command]
    result = cli(*COMMANDS[command], "-f", "json")
    assert result.exit_code == 0, result.stderr
    value = json.loads(result.stdout)
    if command == "matrix":
        record = value[0]
        assert list(record)[:2] == ["speaker_id", "speaker_name"] and list(record)[-1] == "total"
        assert "going_global" in record and all("-" not in key for key in record)
        return
    keys = parse_keys(spec.replace("`", ""))
    nested = sum(1 for _, inner in keys if inner is not None)
    assert check(value, keys, command) > nested  # the nested records were there to check
