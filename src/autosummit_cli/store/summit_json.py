"""A validated summit as plain JSON data and back, checked field by field on the way back.

The catalog keeps each summit as JSON, never as a pickle, so reading the cache can only ever
make data. What comes back is checked against the model's own type hints (every field there,
no other, each of its declared type) before a `Summit` is made of it: a damaged or foreign entry
is a `ValueError`, never a half-built summit. No validation library: pydantic checked the data
when the file was read, and importing it would cost a warm run about 100 ms.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from autosummit_cli.domain.model import Summit

Decoder = Callable[[Any], Any]


def to_plain(value: Any) -> Any:
    """Dataclasses as objects of their fields, tuples as lists; the rest is JSON already."""
    kind: Any = type(value)
    if kind is tuple:
        return [to_plain(item) for item in value]
    names = _field_names(kind)
    if names is None:
        return value
    return {name: to_plain(getattr(value, name)) for name in names}


@functools.cache
def _field_names(kind: Any) -> tuple[str, ...] | None:
    """The fields of a dataclass (None for any other type), looked up once per type: a cold
    build turns a hundred thousand values into plain data per 10,000 talks."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))


def summit_from_plain(value: Any) -> Summit:
    """The summit that `to_plain` made; ValueError if `value` is not one."""
    summit: Summit = _decoder(Summit)(value)
    return summit


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function that checks a plain value against a type of the model and builds it."""
    if dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple:
        item = _decoder(args[0])
        return lambda value: tuple(item(v) for v in _checked(value, list))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = _decoder(options[0])
        return lambda value: None if value is None else inner(value)
    if kind is float:
        return lambda value: float(_checked(value, (int, float)))
    if kind in (str, int):
        return lambda value: _checked(value, kind)
    raise TypeError(f"the model has a field of a type the catalog cannot read: {kind!r}")


def _checked(value: Any, kind: type | tuple[type, ...]) -> Any:
    # bool is an int to Python, never to the model.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"a stored value is not {kind}")
    return value


def _dataclass_decoder(kind: Any) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind)]
    names = {name for name, _ in fields}

    def decode(value: Any) -> Any:
        if not isinstance(value, dict) or value.keys() != names:
            raise ValueError(f"a stored {kind.__name__} does not have its fields")
        return kind(**{name: field(value[name]) for name, field in fields})

    return decode
