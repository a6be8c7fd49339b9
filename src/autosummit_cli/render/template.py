"""`autosummit new`: a commented summit file to start from, which validates as written.

Its first line points YAML-aware editors (VS Code's YAML extension and any other client of
yaml-language-server) at the JSON Schema, so they complete and check the file as it is typed.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from autosummit_cli.domain.errors import UsageError
from autosummit_cli.domain.model import Summit
from autosummit_cli.reading.json_schema import schema_path
from autosummit_cli.render.safe import one_line

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A summit for autosummit, to fill in from one source (an article, a report). Replace the
# examples; leave out whatever the source does not say (optional fields can simply go).
#   check it:    autosummit validate {name}
#   explore it:  autosummit --data {name} overview
# Ids are lower-case words joined by hyphens (like ana-lopez); talks, points and
# recommendations refer to speakers, sessions and themes by their ids.
format: 1

event:
  id: example-forum-2025      # unique among the summits you load together
  title: Example Forum 2025
  host: Example School of Management
  source:                     # the one source this file is built from
    publisher: Example News
    title: Example Forum 2025 report
    published: "2025-01-31"   # its publication date (ISO), in quotes
    # url: https://example.org/forum-report
  summary: >-
    A few sentences on what the forum was about, in your own words.

sessions:                     # in programme order
  - id: opening
    title: Opening Session

speakers:
  - id: ana-lopez
    name: Ana López
    family_name: López        # for sorting by name
    given_name: Ana
    # honorific: Professor    # shown before the name
    roles:
      - title: Chief Engineer
        organisation: Example Battery Works

themes:                       # what points and recommendations are tagged with
  - id: batteries
    title: Batteries and cells
    summary: Cheaper, safer battery cells.

talks:
  - id: ana-lopez-talk
    speaker: ana-lopez        # a speaker id from above
    session: opening          # a session id from above
    title: Solid-state cells
    summary: Ana López on when solid-state batteries reach production.
    source: {{section: Opening Session, paragraph: 1}}  # where the source reports it
    points:                   # what the speaker observes or argues, in your own words
      - text: Solid-state cells are close to mass production.
        themes: [batteries]   # theme ids from above; at least one
    recommendations:          # what the speaker recommends, in your own words
      - id: ana-lopez-1       # unique among all recommendations in the file
        text: Invest in pilot lines for solid-state cells.
        themes: [batteries]
    quotes:                   # only phrases the source itself puts in quotes, verbatim
      - cells first
    figures:                  # numbers the speaker cites
      - {{value: 2.5, unit: GWh, year: 2024, label: Pilot line capacity}}
"""

GLOSSARY = """
glossary:                     # what `autosummit search` also matches a term by
  - term: EV
    means: [electric vehicle, electric car]
"""


def template_text(schema: str, name: str) -> str:
    # Each stands in a comment: a newline in it would end the comment and start YAML.
    text = TEMPLATE.format(schema=one_line(schema), name=one_line(name))
    if "glossary" in {field.name for field in dataclasses.fields(Summit)}:
        text += GLOSSARY
    return text


def schema_reference(target: str, schema: str | None) -> str:
    """What the editor line names: `schema` as given, else this autosummit's schema file as a
    path relative to the new file (yaml-language-server resolves it from the file's folder)."""
    if schema:
        return schema
    shipped = schema_path()
    folder = Path(target).resolve().parent if target != "-" else Path.cwd()
    try:
        return Path(os.path.relpath(shipped, folder)).as_posix()
    except ValueError:  # another drive (Windows): only an absolute path reaches it
        return shipped.as_posix()


def write_new(target: str, text: str) -> None:
    """Create `target` with `text`; an existing file is never touched."""
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(
            f"{target} already exists; new never overwrites a file: choose another name, "
            "or remove it first"
        ) from None
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror or error}; choose a writable path"
        ) from None
