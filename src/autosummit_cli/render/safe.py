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

# The 66 Unicode noncharacters: never text, and U+FFFE/U+FFFF are not even allowed in XML, so
# one in a name would make an SVG or HTML file unreadable.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
# C0 except tab and newline, DEL, C1, the Unicode bidi controls and isolates, noncharacters.
CONTROLS = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069{NONCHARACTERS}]"
# The same with tab, newline and the Unicode line and paragraph separators.
CONTROLS_AND_LAYOUT = (
    f"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029{NONCHARACTERS}]"
)
# Raw in json.dumps(ensure_ascii=False) output, yet read by terminals as controls (or, for
# noncharacters, refused by XML-minded readers).
JSON_RAW_CONTROLS = f"[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029{NONCHARACTERS}]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


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
    return re.sub(JSON_RAW_CONTROLS, _json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes a character beyond the BMP as its UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# Markdown syntax that data could use to make links, images, emphasis, code, tables or HTML,
# anywhere in a line; and what makes a block (heading, quote, list, rule, code) at its start.
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]|~]|://")
_MARKDOWN_BLOCK = re.compile(r"^(?: +|[#>+=-]|\d+(?=[.)]))")


def markdown(text: str) -> str:
    """Text that Markdown shows as written, on one line: no links, images, headings, lists,
    reference definitions, emphasis, code, HTML or table breaks come from data.

    Every escape is CommonMark's own (a backslash before ASCII punctuation, an entity), so a
    renderer shows exactly the text; bare URLs lose their `://` so GFM's autolinks skip them.
    """
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_INLINE.sub(_inline_escape, text)
    return _MARKDOWN_BLOCK.sub(_block_escape, text)


def _inline_escape(match: re.Match[str]) -> str:
    found = match.group()
    return ":\\/\\/" if found == "://" else "\\" + found


def _block_escape(match: re.Match[str]) -> str:
    found = match.group()
    if found.startswith(" "):
        return "&#32;" * len(found)  # four spaces would start a code block
    return found + "\\" if found[0].isdigit() else "\\" + found
