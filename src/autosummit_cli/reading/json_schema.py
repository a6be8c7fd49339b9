"""The summit format as a JSON Schema (draft 2020-12), generated from the model that validates it.

pydantic generates the shapes (types, required fields, no unknown fields) from the same
dataclasses `validation.py` validates with, so a field added to the model is in the schema at
once. What pydantic cannot know is added here at generation time: a description for every field,
the id pattern, "text must not be blank" and "tag every item with a theme". The descriptions live
in this module rather than on the dataclasses: `model.py` keeps pydantic out of its imports (a
warm start must not pay for it), and attribute docstrings would make every cold validation read
the module's source.

What a JSON Schema cannot check, the validator still does: cross-references (a talk's speaker and
session, an item's themes must be ids defined in the file) and unique ids. The descriptions of
those fields say so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema

from autosummit_cli.domain.model import Summit
from autosummit_cli.reading.validation import FORMAT_VERSION, ID_PATTERN

NOT_BLANK = r"\S"  # the loader refuses text that is empty or only spaces
CROSS_REFERENCE = " The validator also checks that it names one defined in this file."
EACH_THEME = " The validator also checks that each is a theme defined in this file."
UNIQUE = " Unique among them in this file (the validator checks; a JSON Schema cannot)."

# Every field of the format, by dataclass: "" describes the dataclass itself.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Summit": {
        "": "One summit (forum, conference) as structured data, read by autosummit.",
        "format": f"Version of this file format; this autosummit reads format {FORMAT_VERSION}.",
        "event": "The event: its id, title, host and the article it is built from.",
        "sessions": "The sessions (panels, tracks) in programme order.",
        "speakers": "Everyone who speaks, in the order the source presents them.",
        "themes": "The themes the points and recommendations are tagged with.",
        "talks": "One entry per talk: who spoke, in which session, and what they said.",
        "glossary": "Terms and what else people call them (abbreviations, synonyms, other "
        "spellings): search finds each through the others.",
    },
    "GlossaryEntry": {
        "": "A term of the summit's vocabulary and what else it is called.",
        "term": "The term as the data writes it, like 'NEV'; each term once.",
        "means": "The other words or phrases for it, like 'electric vehicle'; at least one.",
    },
    "Event": {
        "": "The event the file describes.",
        "id": "The event's id; unique across the summits loaded together (`--event ID`).",
        "title": "The event's name.",
        "host": "Who hosted or organised the event; leave it out when the source does not say "
        "(and record a worked-out host under `inferred`).",
        "inferred": "What the source does not state but the data works out from it; views show "
        "each as an inference, never as a fact.",
        "source": "The article or report the data is built from.",
        "summary": "A few sentences on what the event was about, in your own words.",
    },
    "Source": {
        "": "Where the data comes from: the one article or report it is built from.",
        "publisher": "Who published the source (a newsroom, a school, a blog).",
        "title": "The source's title, as published.",
        "published": "The source's publication date (ISO 8601, like 2025-11-04), "
        "not the event's own date.",
        "url": "Where the source can be read.",
    },
    "Session": {
        "": "A session of the event: a panel, track or round table.",
        "id": "The session's id, lower-case words joined by hyphens." + UNIQUE,
        "title": "The session's title, as the programme gives it.",
    },
    "Speaker": {
        "": "A person who speaks at the event.",
        "id": "The speaker's id, lower-case words joined by hyphens, like 'liu-yurui'." + UNIQUE,
        "name": "The name as it is usually written (and searched for).",
        "family_name": "Family name, for sorting by name.",
        "given_name": "Given name.",
        "honorific": "A title shown before the name, like 'Professor' or 'Dr'.",
        "emba_class": "The speaker's EMBA class year, where the source gives it.",
        "roles": "The speaker's positions, as the source gives them.",
    },
    "Role": {
        "": "One position a speaker holds.",
        "title": "The position, like 'Vice President'.",
        "organisation": "Where the speaker holds it.",
    },
    "Theme": {
        "": "A theme that runs through the talks.",
        "id": "The theme's id, lower-case words joined by hyphens." + UNIQUE,
        "title": "The theme's short title.",
        "summary": "What the theme covers, in a sentence or two.",
    },
    "Talk": {
        "": "One talk: a speaker's contribution to a session.",
        "id": "The talk's id, lower-case words joined by hyphens." + UNIQUE,
        "speaker": "The id of the speaker giving the talk." + CROSS_REFERENCE,
        "session": "The id of the session the talk is in." + CROSS_REFERENCE,
        "title": "A short title for the talk.",
        "summary": "What the talk says, in a few sentences of your own.",
        "source": "Where in the source the talk is reported.",
        "points": "What the speaker observes or argues, in your own words.",
        "recommendations": "What the speaker recommends, in your own words.",
        "quotes": "Phrases the source itself puts in quotation marks, verbatim.",
        "figures": "Numbers the speaker cites.",
    },
    "Provenance": {
        "": "Where in the source a talk is reported.",
        "section": "The source's section (heading) the talk is reported under.",
        "paragraph": "The paragraph within that section, counting from 1.",
    },
    "Inference": {
        "": "Something the source does not state, worked out from what it does.",
        "field": "The event field it stands in for, left empty (like 'host').",
        "value": "The worked-out value.",
        "basis": "What in the source it is worked out from.",
    },
    "Cite": {
        "": "Where in the source an item comes from.",
        "paragraph": "The paragraph within the talk's section, counting from 1.",
        "sentence": "The sentence within that paragraph, counting from 1.",
    },
    "Point": {
        "": "Something the speaker observes or argues.",
        "text": "The point, in your own words.",
        "parts": "The members of an enumeration the point introduces (two or more), in order.",
        "source": "The paragraph and sentence of the source it comes from.",
        "themes": "The ids of the themes it touches; at least one." + EACH_THEME,
    },
    "Recommendation": {
        "": "Something the speaker recommends.",
        "id": "The recommendation's id, like 'liu-yurui-1'; unique among all recommendations "
        "in this file (the validator checks; a JSON Schema cannot).",
        "text": "The recommendation, in your own words.",
        "parts": "The members of an enumeration it introduces (two or more), in order.",
        "source": "The paragraph and sentence of the source it comes from.",
        "themes": "The ids of the themes it touches; at least one." + EACH_THEME,
    },
    "Figure": {
        "": "A number the speaker cites.",
        "value": "The number, like 11 or 2.5 (a finite number).",
        "unit": "Its unit, like 'trillion RMB' or 'GWh'.",
        "label": "What the number measures.",
        "year": "The year it refers to, where the source gives one.",
    },
}

# JSON Schema patterns search (ECMA-262), so the whole-value rule needs anchors; ECMA's `$` has
# no trailing-newline exception, unlike Python's.
ANCHORED_ID = f"^{ID_PATTERN.pattern}$"
ID_FIELDS = {
    ("Event", "id"),
    ("Session", "id"),
    ("Speaker", "id"),
    ("Theme", "id"),
    ("Talk", "id"),
    ("Recommendation", "id"),
    ("Talk", "speaker"),
    ("Talk", "session"),
}
TAGGED = {"Point", "Recommendation"}  # the validator wants at least one theme on each
FINITE = 1.7976931348623157e308  # the largest float: bounds refuse .inf as the validator does


class SummitSchema(GenerateJsonSchema):
    """pydantic's generator, plus what the validator checks beyond types."""

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        generated = super().generate(schema, mode)
        return {"$schema": self.schema_dialect, **generated}

    def str_schema(self, schema: Any) -> JsonSchemaValue:
        return {**super().str_schema(schema), "pattern": NOT_BLANK}

    def float_schema(self, schema: Any) -> JsonSchemaValue:
        return {**super().float_schema(schema), "minimum": -FINITE, "maximum": FINITE}

    def dataclass_schema(self, schema: Any) -> JsonSchemaValue:
        generated = super().dataclass_schema(schema)
        name = schema["cls"].__name__
        _annotate(generated, name, DESCRIPTIONS.get(name, {}))
        return generated


def _annotate(generated: JsonSchemaValue, name: str, described: dict[str, str]) -> None:
    if "" in described:
        generated["description"] = described[""]
    for field, prop in generated.get("properties", {}).items():
        prop.pop("title", None)  # pydantic's "Family Name" says less than the description
        if field in described:
            prop["description"] = described[field]
        if (name, field) in ID_FIELDS:
            prop["pattern"] = ANCHORED_ID
        if field == "themes" and name in TAGGED:
            prop.pop("default", None)
            prop["minItems"] = 1
            prop["items"]["pattern"] = ANCHORED_ID
    if name in TAGGED:
        generated["required"] = [*generated.get("required", []), "themes"]
    if name == "Summit":
        generated["properties"]["format"] = {
            "const": FORMAT_VERSION,
            "description": described["format"],
        }


def summit_schema() -> dict[str, Any]:
    """The JSON Schema of a summit file."""
    schema = TypeAdapter(Summit).json_schema(schema_generator=SummitSchema)
    schema["title"] = "autosummit summit file"
    return schema


def schema_text() -> str:
    return json.dumps(summit_schema(), indent=2, ensure_ascii=False) + "\n"


SCHEMA_FILE = "summit.schema.json"


def schema_path() -> Path:
    """The schema file shipped with this autosummit: inside the package once installed from a
    wheel, else the repository's `schema/` (an editable install or a checkout)."""
    here = Path(__file__).resolve().parent.parent  # the package: reading/ is one level down
    packaged = here / "schema" / SCHEMA_FILE
    if packaged.is_file():
        return packaged
    return here.parent.parent / "schema" / SCHEMA_FILE
