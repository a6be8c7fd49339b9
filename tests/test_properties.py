"""Property-based tests: arbitrary text in every field and arbitrary bytes in the file."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autosummit_cli.domain.errors import DataError
from autosummit_cli.reading.summit_file import load_summit
from tests.conftest import MINI, inject, mini_data, write_summit

# Anything PyYAML can write and read back unchanged: no surrogates, and not the characters YAML
# counts as line breaks (NEL, LS, PS), which its emitter leaves raw. Blank text is invalid data.
TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x85\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and "\ufeff" not in s)
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
VIEWS = [
    ["overview"],
    ["sessions"],
    ["speakers"],
    ["talk", "ana-lopez"],
    ["recommendations"],
    ["themes"],
    ["themes", "batteries"],
    ["search", "--all", "pilot"],
]
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=TEXT)
def test_any_text_in_any_field(cli, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = write_summit(tmp_path_factory.mktemp("p") / "s.yaml", inject(mini_data(), text))
    for view in VIEWS:
        is_list = view[0] in ("sessions", "speakers", "recommendations", "search") or view == [
            "themes"
        ]
        for fmt in (
            ["table", "json", "csv", "tsv", "md"] if is_list else ["table", "json", "md"]
        ) + [None]:
            result = cli("--data", str(path), *view, *(["-f", fmt] if fmt else []))
            assert result.exit_code in (0, 1, 2), result.stderr
            assert "internal error" not in result.stderr
            if result.exit_code != 0:
                continue
            out = result.stdout
            if fmt in (None, "table", "md", "csv", "tsv"):
                assert not RAW_CONTROLS.search(out), (view, fmt)
            if fmt == "json" and view == ["speakers"]:
                assert json.loads(out)[0]["name"] == text
            if view == ["speakers"] and fmt in ("csv", "tsv") and not ANY_CONTROL.search(text):
                if fmt == "csv":
                    assert list(csv.reader(io.StringIO(out)))[1][1] == text
                else:
                    field = out.splitlines()[1].split("\t")[1]
                    assert field.replace("\\\\", "\\") == text


MUTATION = st.tuples(
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=3),
    st.binary(min_size=0, max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MUTATION, min_size=1, max_size=6))
def test_mutated_yaml_only_ever_gives_clean_errors(tmp_path_factory, mutations) -> None:
    data = bytearray(MINI.read_bytes())
    for position, length, replacement in mutations:
        at = position % (len(data) + 1)
        data[at : at + length] = replacement
    path: Path = tmp_path_factory.mktemp("f") / "m.yaml"
    path.write_bytes(bytes(data))
    try:
        load_summit(str(path))
    except DataError as error:
        assert error.problems and all(str(p).startswith(str(path)) for p in error.problems)


# Any text at all but surrogates, NEL, LS and PS included: written to the source file with
# every non-ASCII character escaped, so that the source itself holds it exactly.
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda s: s.strip() and "\ufeff" not in s)


@SETTINGS
@given(text=ANY_TEXT)
def test_yaml_export_round_trips_any_text(cli, tmp_path_factory, text: str) -> None:
    import yaml

    folder = tmp_path_factory.mktemp("y")
    source = folder / "s.yaml"
    source.write_text(
        yaml.safe_dump(inject(mini_data(), text), allow_unicode=False, sort_keys=False)
    )
    exported = folder / "e.yaml"
    assert cli("--data", str(source), "export", "-f", "yaml", "-o", str(exported)).exit_code == 0
    assert load_summit(str(exported)) == load_summit(str(source))


def test_every_escaped_character_is_one_isprintable_rejects() -> None:
    # safe.py returns printable text untouched without running its patterns: that is only
    # right if no character a pattern escapes is printable.
    from autosummit_cli.render import safe

    for pattern in (safe.CONTROLS, safe.CONTROLS_AND_LAYOUT, safe.JSON_RAW_CONTROLS):
        escaped = [chr(c) for c in range(0x3000) if re.fullmatch(pattern, chr(c))]
        assert len(escaped) > 30
        assert not any(ch.isprintable() for ch in escaped), pattern


@given(text=st.text(max_size=30))
def test_escaping_is_the_same_with_or_without_the_fast_path(text: str) -> None:
    from autosummit_cli.render import safe

    assert safe.visible(text) == re.sub(safe.CONTROLS, safe._escape, text)
    assert safe.one_line(text) == re.sub(safe.CONTROLS_AND_LAYOUT, safe._escape, text)
