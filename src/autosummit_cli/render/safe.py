"""Make text safe for a human's terminal or file: control characters become visible escapes.

Escape sequences (ESC, CSI, OSC), C0 and C1 controls, DEL and bidirectional overrides in data
could restyle, retitle or reorder a terminal (the kubectl and git CVEs of this kind); they are
shown as `\\x1b`, `\\u202e` and so on instead.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the Unicode bidi controls and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_AND_LAYOUT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control characters as visible escapes; tab and newline kept."""
    return _CONTROLS.sub(_escape, text)


def one_line(text: str) -> str:
    """Every control character escaped, newline and tab too: one value, one line."""
    return _CONTROLS_AND_LAYOUT.sub(_escape, text)


def tsv_field(text: str) -> str:
    """Backslash, tab and newline escaped so one record is one line; other controls visible."""
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return one_line(text)


# Raw in json.dumps(ensure_ascii=False) output, yet read by terminals as controls.
_JSON_RAW_CONTROLS = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def escape_json_controls(text: str) -> str:
    """Escape DEL, C1 and bidi controls in JSON text (they can only stand inside strings)."""
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
