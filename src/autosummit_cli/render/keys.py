"""The one key map: what each key does in the paced tour and in `browse`.

Keys are named as Textual names them (`space`, `pagedown`, `question_mark`), so the browser binds
these names directly and the tour, which reads a raw terminal, turns the bytes a terminal sends
into the same names (`key_names`). A presenter's clicker sends Space, PgDn or Right; less, vim and
VisiData users expect `q`, `/`, Escape and `?`: both are served from this one table.
"""

from __future__ import annotations

TOUR_KEYS: dict[str, tuple[str, ...]] = {
    "next": ("space", "enter", "right", "down", "pagedown", "n", "l"),
    "back": ("left", "up", "pageup", "backspace", "p", "b", "h"),
    "first": ("home",),
    "last": ("end",),
    "quit": ("q", "escape"),
}
TOUR_MEANINGS = {
    "next": "Next slide (or the next part of a tall one)",
    "back": "Previous slide",
    "first": "First slide",
    "last": "Last slide",
    "quit": "End the tour",
}
TOUR_HELP = "Space →: next · ← b: back · 7 Enter: slide 7 · q: quit"
TOUR_LAST = "the last slide · ← b: back · Home: first · q: quit"

# The browser: (keys, action, footer label, what it does), in the order `?` lists them; the
# footer shows the actions in FOOTER_ACTIONS.
BROWSE_KEYS: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    (("slash",), "search", "Search", "Search: type to find; Down or Enter goes to the results"),
    (("enter",), "open", "Open", "Open the highlighted item or link"),
    (("escape", "backspace"), "back", "Back", "Back to the previous screen (a history)"),
    (("m",), "matrix", "Matrix", "The speaker x theme heat map; Enter on a cell opens it"),
    (("question_mark",), "keys", "Keys", "This list of keys"),
    (("q",), "quit", "Quit", "Quit (when no text box has focus)"),
    (("e",), "events", "Events", "Choose another event (when several are loaded)"),
    (("tab", "shift+tab"), "focus", "Pane", "Next / previous pane"),
    (("down", "j"), "down", "Down", "Next row"),
    (("up", "k"), "up", "Up", "Previous row"),
    (("home", "g"), "first", "First", "First row"),
    (("end", "G"), "last", "Last", "Last row"),
    (("ctrl+c",), "interrupt", "Interrupt", "Quit at once (exit status 130)"),
)
FOOTER_ACTIONS = ("search", "open", "back", "matrix", "keys", "quit")

# What a terminal sends for the keys above that are not one printable character.
_SEQUENCES: dict[bytes, str] = {
    b"\x1b[A": "up",
    b"\x1b[B": "down",
    b"\x1b[C": "right",
    b"\x1b[D": "left",
    b"\x1bOA": "up",
    b"\x1bOB": "down",
    b"\x1bOC": "right",
    b"\x1bOD": "left",
    b"\x1b[5~": "pageup",
    b"\x1b[6~": "pagedown",
    b"\x1b[H": "home",
    b"\x1b[F": "end",
    b"\x1bOH": "home",
    b"\x1bOF": "end",
    b"\x1b[1~": "home",
    b"\x1b[4~": "end",
    b"\x1b[7~": "home",
    b"\x1b[8~": "end",
}
_SINGLE: dict[bytes, str] = {
    b" ": "space",
    b"\r": "enter",
    b"\n": "enter",
    b"\x7f": "backspace",
    b"\x08": "backspace",
    b"\x1b": "escape",
}


def tour_action(key: str) -> str | None:
    """What `key` does in the tour: next, back, first, last, quit, or nothing."""
    for action, keys in TOUR_KEYS.items():
        if key in keys:
            return action
    return None


def key_names(data: bytes) -> list[str]:
    """The keys in what a terminal sent, by name; unknown escape sequences are skipped whole."""
    names: list[str] = []
    at = 0
    while at < len(data):
        if data[at : at + 1] == b"\x1b" and data[at + 1 : at + 2] in (b"[", b"O"):
            for sequence, name in _SEQUENCES.items():
                if data.startswith(sequence, at):
                    names.append(name)
                    at += len(sequence)
                    break
            else:
                at = _skip_sequence(data, at)
            continue
        byte = data[at : at + 1]
        if byte in _SINGLE:
            names.append(_SINGLE[byte])
        elif byte.isalnum():
            names.append(byte.decode())
        at += 1
    return names


def _skip_sequence(data: bytes, at: int) -> int:
    """Past an escape sequence nobody asked for (a function key, a mouse report)."""
    end = at + 2
    while end < len(data) and not 0x40 <= data[end] <= 0x7E:
        end += 1
    return end + 1
