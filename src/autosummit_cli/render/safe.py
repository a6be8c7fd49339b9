"""Make text safe for a human's terminal or file: control characters become visible escapes.

Escape sequences (ESC, CSI, OSC), C0 and C1 controls, DEL and bidirectional overrides in data
could restyle, retitle or reorder a terminal (the kubectl and git CVEs of this kind); they are
shown as `\\x1b`, `\\u202e` and so on instead.

Every character escaped here is one `str.isprintable` rejects, so printable text (nearly all of
it) returns at C speed, and a pattern is compiled, through `re`'s own cache, only for a text
that needs it: compiling the three of them costs more than the rest of a warm start's rendering.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the Unicode bidi controls and isolates.
CONTROLS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# The same with tab, newline and the Unicode line and paragraph separators.
CONTROLS_AND_LAYOUT = "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
# Raw in json.dumps(ensure_ascii=False) output, yet read by terminals as controls.
JSON_RAW_CONTROLS = "[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control characters as visible escapes; tab and newline kept."""
    return text if text.isprintable() else re.sub(CONTROLS, _escape, text)


def one_line(text: str) -> str:
    """Every control character escaped, newline and tab too: one value, one line."""
    return text if text.isprintable() else re.sub(CONTROLS_AND_LAYOUT, _escape, text)


def tsv_field(text: str) -> str:
    """Backslash, tab and newline escaped so one record is one line; other controls visible."""
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return one_line(text)


def escape_json_controls(text: str) -> str:
    """Escape DEL, C1 and bidi controls in JSON text (they can only stand inside strings)."""
    if text.isprintable():
        return text
    return re.sub(JSON_RAW_CONTROLS, lambda m: f"\\u{ord(m.group()):04x}", text)
