"""Read a summit file safely, and parse its YAML into plain data with node marks.

Only plain data is accepted: mappings, sequences, strings, numbers, booleans and null. Tags that
would construct objects are refused before anything is constructed; nesting depth, alias
expansion and file size are bounded so that a hostile file fails fast with one clear line.
"""

from __future__ import annotations

import functools
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from autosummit_cli.domain.errors import DataError, Problem, data_error
from autosummit_cli.reading.limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_VALUES,
    could_be_deep,
    could_be_many,
)
from autosummit_cli.reading.sources import STDIN

if TYPE_CHECKING:
    import yaml


_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


def read_bytes(source: str) -> bytes:
    """The file's bytes, refusing anything that is not a readable regular file of sane size."""
    if source == STDIN:
        if sys.stdin is None or sys.stdin.isatty():
            raise data_error(
                "<stdin>",
                "--data - reads the summit from standard input, which is a terminal; "
                "pipe a file in (autosummit --data - speakers < summit.yaml)",
            )
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise data_error("<stdin>", f"input is larger than {MAX_FILE_BYTES // 2**20} MiB")
        return data
    path = Path(source)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise data_error(
            source, "no such file; check the path given to --data or AUTOSUMMIT_DATA"
        ) from None
    except OSError as error:
        raise data_error(source, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise data_error(source, "is a directory; give the path of a summit .yaml file")
    if not stat.S_ISREG(info.st_mode):
        raise data_error(
            source, "is not a regular file (a device, FIFO or socket); give a .yaml file"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise data_error(
            source,
            f"is {info.st_size / 2**20:.0f} MiB; summit files are capped at "
            f"{MAX_FILE_BYTES // 2**20} MiB",
        )
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise data_error(source, f"cannot read: {error.strerror or error}") from None


def decode(name: str, data: bytes) -> str:
    """UTF-8, with or without a BOM; the error names the line of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    1,
                    "",
                    f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        raise data_error(name, "contains NUL bytes: this is not a YAML text file")
    return text


class Document(NamedTuple):
    """Plain data from one YAML file, with the node tree kept to locate problems."""

    name: str
    data: Any
    root: yaml.Node
    blank: list[tuple[str | int, ...]]  # where text is empty or only spaces

    def locate(self, path: tuple[str | int, ...], at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the deepest node along `path` that exists.

        With `at_key`, a path that ends in a mapping key points at the key, not its value.
        """

        node: yaml.Node = self.root
        for depth, step in enumerate(path, 1):
            child = None
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == step), None)
                if pair is not None:
                    child = pair[0] if at_key and depth == len(path) else pair[1]
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node = child
        mark = node.start_mark
        return mark.line + 1, mark.column + 1


@functools.cache
def _loader_class() -> type:

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class PlainLoader(base):  # type: ignore[misc,valid-type]
        """YAML 1.2-like scalars: only true/false are booleans, dates stay text."""

    resolvers: dict[str | None, list[tuple[str, Any]]] = {}
    for first, pairs in base.yaml_implicit_resolvers.items():
        kept = [(tag, regexp) for tag, regexp in pairs if not tag.endswith(("timestamp", "bool"))]
        resolvers[first] = kept
    PlainLoader.yaml_implicit_resolvers = resolvers

    PlainLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return PlainLoader


def parse(name: str, text: str) -> Document:
    """Parse YAML text into plain data, refusing anything but plain data."""

    try:
        return _parse(name, text)
    except yaml.reader.ReaderError as error:
        at = min(max(error.position, 0), len(text))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        character = error.character if isinstance(error.character, int) else 0
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "",
                    f"character U+{character:04X} is not "
                    "allowed in YAML; remove it, or write it as an escape inside a "
                    "double-quoted string",
                )
            ]
        ) from None


def _parse(name: str, text: str) -> Document:

    if could_be_deep(text) or could_be_many(text):
        loader = _loader_class()(text)
        try:
            _check_events(name, loader, text)
        finally:
            loader.dispose()
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise data_error(
                name, "the file is empty; a summit file is a YAML mapping (see data/summit.yaml)"
            )
        builder = _Builder(name, loader, limit=10_000 + len(text))
        data = builder.build(root, 0, ())
    except yaml.MarkedYAMLError as error:
        raise _yaml_problem(name, error, text) from None
    except yaml.reader.ReaderError:
        raise  # parse() locates it
    except yaml.YAMLError as error:
        raise data_error(name, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    if builder.problems:
        raise DataError(builder.problems)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        raise DataError(
            [
                _at(
                    name,
                    root,
                    f"the top level is {kind}; a summit file is a mapping "
                    "with event, sessions, speakers, themes, talks",
                )
            ]
        )
    return Document(name, data, root, builder.blank)


def _at(name: str, node: yaml.Node, message: str) -> Problem:
    return Problem(name, node.start_mark.line + 1, node.start_mark.column + 1, "", message)


_STR, _MAP, _SEQ, _INT = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq", "int"))
_KIND = {_MAP: "mapping", _SEQ: "sequence"}  # what node each core tag needs; others: scalar
_MAX_DIGITS = 4300  # sys.get_int_max_str_digits()' default: the longest int Python reads


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def format_path(path: tuple[str | int, ...]) -> str:
    """`talks[0].title`: where a problem is, as people write it."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


class _Builder:
    """Plain data from the node tree in one walk, collecting every structural problem.

    It replaces PyYAML's constructor: one pass finds refused tags, duplicate keys, blank text,
    excessive nesting and alias bombs (aliases are expanded and counted: without aliases a value
    takes at least a character, so more values than characters can only come from them).
    """

    def __init__(self, name: str, loader: Any, limit: int) -> None:
        self.name, self.loader, self.limit = name, loader, limit
        self.visits = 0
        self.problems: list[Problem] = []
        self.blank: list[tuple[str | int, ...]] = []

    def build(self, node: Any, depth: int, path: tuple[str | int, ...]) -> Any:
        self.visits += 1
        if self.visits > self.limit:
            raise data_error(
                self.name,
                f"aliases expand to more than {self.limit:,} values "
                "(an alias bomb?); use fewer anchors and aliases",
            )
        if depth > MAX_DEPTH:
            raise DataError([_at(self.name, node, f"nesting deeper than {MAX_DEPTH} levels")])
        tag = node.tag
        kind = _KIND.get(tag, "scalar" if tag in _PLAIN_TAGS else None)
        if kind is not None and node.id != kind:  # `!!str [a, b]`, `!!map abc`
            wanted = {_MAP: "a mapping", _SEQ: "a list"}.get(tag, "a single value")
            return self._refuse(node, path, f"the tag {_short(tag)} needs {wanted} here")
        if tag == _STR:
            if not node.value.strip():
                self.blank.append(path)
            return node.value
        if tag == _MAP:
            mapping: dict[Any, Any] = {}
            first_line: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, depth + 1, path)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    self.problems.append(_at(self.name, key_node, "a key must be plain text"))
                elif key in first_line:
                    self.problems.append(
                        _at(
                            self.name,
                            key_node,
                            f"duplicate key {key!r} (first at line {first_line[key]})",
                        )
                    )
                else:
                    first_line[key] = key_node.start_mark.line + 1
                    step = key if isinstance(key, (str, int)) else str(key)
                    mapping[key] = self.build(value_node, depth + 1, (*path, step))
            return mapping
        if tag == _SEQ:
            return [self.build(item, depth + 1, (*path, i)) for i, item in enumerate(node.value)]
        if tag in _PLAIN_TAGS:  # numbers, booleans and null: PyYAML knows all their spellings
            return self._scalar(node, path)
        return self._refuse(
            node, path, f"YAML tag {tag!r} is not allowed; a summit file holds plain data only"
        )

    def _scalar(self, node: Any, path: tuple[str | int, ...]) -> Any:
        """A number, boolean or null; a value its tag cannot read (`!!int abc`) is a problem."""
        if node.tag == _INT and len(node.value.lstrip("+-0")) > _MAX_DIGITS:
            # Python refuses to read such an int (CVE-2020-10735); say so before it does.
            return self._refuse(
                node,
                path,
                f"a number of more than {_MAX_DIGITS:,} digits; put it in quotes if it is text",
            )
        try:
            return self.loader.construct_object(node)
        except (ValueError, KeyError, TypeError, ArithmeticError):
            return self._refuse(
                node, path, f"{node.value!r} is not a valid {_short(node.tag)} value"
            )

    def _refuse(self, node: Any, path: tuple[str | int, ...], message: str) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(self.name, line, column, format_path(path), message))
        return None


def _yaml_problem(name: str, error: yaml.MarkedYAMLError, text: str) -> DataError:
    mark = error.problem_mark or error.context_mark
    what = " ".join(part for part in (error.context, error.problem) if part)
    if "expected a single document" in what:
        what = "several YAML documents ('---'); a summit file holds exactly one"
    elif mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        what = "a tab character; YAML indents with spaces, not tabs"
    else:
        what = f"not valid YAML: {what}"
    if mark is None:
        return data_error(name, what)
    return DataError([Problem(name, mark.line + 1, mark.column + 1, "", what)])


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


def _check_events(name: str, loader: Any, text: str) -> None:
    """Refuse deep nesting and too many values from the event stream, before the composer
    (recursive, and holding a node per value) sees them."""

    depth = values = 0
    while True:
        try:
            event = loader.get_event()
        except yaml.MarkedYAMLError as error:
            raise _yaml_problem(name, error, text) from None
        if event is None:
            return
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if values > MAX_VALUES:
                raise data_error(
                    name,
                    f"more than {MAX_VALUES:,} values (items, keys and texts); "
                    "split it into several summit files",
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                assert mark is not None  # libyaml marks every event
                raise DataError(
                    [
                        Problem(
                            name,
                            mark.line + 1,
                            mark.column + 1,
                            "",
                            f"nesting deeper than {MAX_DEPTH} levels",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
