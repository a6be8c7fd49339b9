"""Turn a parsed YAML document into a `Summit`, reporting every problem in one pass.

pydantic checks shapes and types (imported here only, so a warm cache never pays for it); the
cross-references it cannot see (ids, duplicates, unknown speakers, sessions and themes) are
checked on the raw data, so a file with both kinds of problem gets both reported at once.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import urlsplit

from pydantic import TypeAdapter, ValidationError

from autosummit_cli.domain.errors import DataError, Problem
from autosummit_cli.domain.model import Summit
from autosummit_cli.reading.loader import Document, format_path

# The id rule (README, "The data"): lower-case ASCII letters and digits, in words joined by
# single hyphens. Matched whole (`fullmatch`: `$` alone would let a trailing newline through).
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FORMAT_VERSION = 1

Path = tuple[str | int, ...]


@functools.cache
def _adapter() -> Any:
    return TypeAdapter(Summit)


def validate(document: Document) -> Summit:
    problems = [
        *_shape_problems(document),
        *_reference_problems(document),
        *_structure_problems(document),
        *_glossary_problems(document),
    ]
    summit = None
    try:
        summit = _adapter().validate_python(document.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            loc = tuple(detail["loc"])
            at_key = detail["type"] in UNKNOWN_FIELD
            problems.append(_problem(document, loc, _message(detail), at_key))
    if problems or summit is None:
        raise DataError(_dedupe(problems))
    return cast(Summit, summit)


UNKNOWN_FIELD = {"extra_forbidden", "unexpected_keyword_argument"}


def _problem(document: Document, path: Path, message: str, at_key: bool = False) -> Problem:
    line, column = document.locate(path, at_key)
    return Problem(document.name, line, column, format_path(path), message)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _message(detail: Any) -> str:
    kind, value = detail["type"], detail.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind in UNKNOWN_FIELD:
        return "unknown field; check its spelling against data/summit.yaml"
    if kind == "string_type":
        if isinstance(value, (bool, int, float)) or value is None:
            shown = "empty" if value is None else f"the {type(value).__name__} {value!r}"
            return f"expected text, got {shown}; put the text in quotes"
        return f"expected text, got {type(value).__name__}"
    if kind in {"finite_number"}:
        return "expected a finite number (not .nan or .inf)"
    return str(detail["msg"])


def _shape_problems(document: Document) -> Iterator[Problem]:
    data = document.data
    version = data.get("format")
    if version not in (None, FORMAT_VERSION):
        yield _problem(
            document,
            ("format",),
            f"unsupported format {version!r}; this autosummit reads format {FORMAT_VERSION}",
        )
    for path in document.blank:
        yield _problem(document, path, "must not be empty")
    yield from _source_url_problems(document)


def _source_url_problems(document: Document) -> Iterator[Problem]:
    """`event.source.url` (optional) must be a web address: the HTML handout links to it."""
    event = document.data.get("event")
    source = event.get("source") if isinstance(event, dict) else None
    url = source.get("url") if isinstance(source, dict) else None
    if isinstance(url, str) and url.strip():
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            yield _problem(
                document,
                ("event", "source", "url"),
                f"{url!r} is not a web address; write it in full, like https://example.org/news",
            )


def _records(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _reference_problems(document: Document) -> Iterator[Problem]:
    data = document.data
    event = data.get("event")
    if isinstance(event, dict) and isinstance(event.get("id"), str):
        yield from _check_id(document, ("event", "id"), event["id"], {}, "event")
    known: dict[str, list[str]] = {}
    for key in ("sessions", "speakers", "themes", "talks"):
        known[key] = []
        first_at: dict[str, Path] = {}
        for index, item in _records(data, key):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            yield from _check_id(document, (key, index, "id"), ident, first_at, key)
            known[key].append(ident)
    rec_first: dict[str, Path] = {}
    for t, talk in _records(data, "talks"):
        for field, table in (("speaker", "speakers"), ("session", "sessions")):
            ref = talk.get(field)
            if isinstance(ref, str) and ref.strip() and ref not in known[table]:
                yield _problem(
                    document,
                    ("talks", t, field),
                    f"unknown {field} {ref!r}" + _suggest(ref, known[table]),
                )
        for kind in ("points", "recommendations"):
            items = talk.get(kind)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                ident = item.get("id")
                if kind == "recommendations" and isinstance(ident, str):
                    yield from _check_id(
                        document, ("talks", t, kind, i, "id"), ident, rec_first, "recommendations"
                    )
                themes = item.get("themes")
                if not themes and "text" in item:
                    yield _problem(
                        document,
                        ("talks", t, kind, i),
                        "no themes; tag every point and recommendation with a theme id",
                    )
                for j, theme in enumerate(themes if isinstance(themes, list) else []):
                    if isinstance(theme, str) and theme not in known["themes"]:
                        yield _problem(
                            document,
                            ("talks", t, kind, i, "themes", j),
                            f"unknown theme {theme!r}" + _suggest(theme, known["themes"]),
                        )


def _check_id(
    document: Document, path: Path, ident: str, first_at: dict[str, Path], table: str
) -> Iterator[Problem]:
    if ident.strip() and not ID_PATTERN.fullmatch(ident):
        yield _problem(
            document,
            path,
            f"id {ident!r} must be lower-case words joined by hyphens (only a-z, 0-9 and "
            "single hyphens), like 'liu-yurui'",
        )
    if ident in first_at:
        line, _ = document.locate(first_at[ident])  # located only when needed: it walks nodes
        yield _problem(document, path, f"duplicate id {ident!r} in {table} (first at line {line})")
    else:
        first_at[ident] = path


# Event fields an `inferred` entry may stand in for: text fields a source may leave unsaid.
INFERABLE = ("host", "summary")


def _structure_problems(document: Document) -> Iterator[Problem]:
    """What pydantic's shapes cannot say: an enumeration has at least two parts, a citation
    counts from 1, and an inference stands in for a field the data leaves empty."""
    data = document.data
    for t, talk in _records(data, "talks"):
        for kind in ("points", "recommendations"):
            items = talk.get(kind)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict):
                    yield from _item_problems(document, ("talks", t, kind, i), item)
    event = data.get("event")
    inferred = event.get("inferred") if isinstance(event, dict) else None
    seen: set[str] = set()
    for i, entry in enumerate(inferred if isinstance(inferred, list) else []):
        field = entry.get("field") if isinstance(entry, dict) else None
        if not isinstance(field, str) or not field.strip():
            continue
        path: Path = ("event", "inferred", i, "field")
        if field not in INFERABLE:
            yield _problem(
                document,
                path,
                f"cannot infer {field!r}; an inference stands in for one of "
                f"{', '.join(INFERABLE)}" + _suggest(field, list(INFERABLE)),
            )
        elif field in event:
            yield _problem(
                document,
                path,
                f"event.{field} is given, so it is not an inference; "
                f"remove event.{field} or this entry",
            )
        elif field in seen:
            yield _problem(document, path, f"{field!r} is inferred twice; keep one")
        seen.add(field)


def _item_problems(document: Document, at: Path, item: dict[str, Any]) -> Iterator[Problem]:
    parts = item.get("parts")
    if isinstance(parts, list) and len(parts) < 2:
        yield _problem(
            document,
            (*at, "parts"),
            "an enumeration has at least two parts; put a single part in the text instead",
        )
    source = item.get("source")
    for key in ("paragraph", "sentence"):
        value = source.get(key) if isinstance(source, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            yield _problem(document, (*at, "source", key), f"{key} numbers start at 1, got {value}")


def _glossary_problems(document: Document) -> Iterator[Problem]:
    """What types cannot see in a glossary: an entry with nothing it means, a term or phrase
    without a word to search for, a term listed twice."""
    first_at: dict[str, Path] = {}
    for index, entry in _records(document.data, "glossary"):
        term, means = entry.get("term"), entry.get("means")
        if isinstance(means, list) and not means:
            yield _problem(
                document,
                ("glossary", index, "means"),
                "lists nothing; give the words or phrases this term also goes by",
            )
        phrases = [("term", term)] + [
            (j, phrase) for j, phrase in enumerate(means if isinstance(means, list) else [])
        ]
        for step, phrase in phrases:
            path: Path = (
                ("glossary", index, "term")
                if step == "term"
                else ("glossary", index, "means", step)
            )
            if isinstance(phrase, str) and phrase.strip() and not re.search(r"\w", phrase):
                yield _problem(document, path, "needs a word or number to search for")
        if not isinstance(term, str) or not term.strip():
            continue
        key = " ".join(term.casefold().split())
        if key in first_at:
            line, _ = document.locate(first_at[key])
            yield _problem(
                document,
                ("glossary", index, "term"),
                f"duplicate glossary term {term!r} (first at line {line}); merge the two entries",
            )
        else:
            first_at[key] = ("glossary", index, "term")
