"""The heat map's colours: one perceptual ramp for the terminal, the SVG and the HTML handout.

The ramp is viridis (matplotlib's default map, designed so that lightness rises steadily from
end to end): a count is as easy to rank in greyscale, on a projector or for a colour-blind
reader as in colour. Every step of the data's range gets its own shade, and each cell's text is
black or white, whichever contrasts more with that shade.

The ramp runs away from the background: on a dark screen more is lighter, on paper more is
darker, so the largest counts always stand out most.
"""

from __future__ import annotations

from typing import Literal

Background = Literal["dark", "light"]

# viridis sampled at nine even steps (matplotlib's table); between them the ramp is linear.
VIRIDIS = (
    (0x44, 0x01, 0x54),
    (0x47, 0x2C, 0x7A),
    (0x3B, 0x51, 0x8B),
    (0x2C, 0x71, 0x8E),
    (0x21, 0x90, 0x8D),
    (0x27, 0xAD, 0x81),
    (0x5C, 0xC8, 0x63),
    (0xAA, 0xDC, 0x32),
    (0xFD, 0xE7, 0x25),
)
# Where on the ramp the smallest count sits: far enough from the background to be seen as a
# cell, and leaving most of the ramp for the steps above it.
NEAR, FAR = 0.1, 1.0


def ramp(t: float) -> tuple[int, int, int]:
    """The colour at `t` (0 dark purple .. 1 light yellow) as RGB."""
    t = min(max(t, 0.0), 1.0) * (len(VIRIDIS) - 1)
    low = min(int(t), len(VIRIDIS) - 2)
    share = t - low
    return tuple(  # type: ignore[return-value]
        round(a + (b - a) * share) for a, b in zip(VIRIDIS[low], VIRIDIS[low + 1], strict=True)
    )


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance (0 black .. 1 white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


# The same path through xterm's 256 colours (indexes 53, 55, 25, 31, 37, 42, 149, 220, 226), each
# clearly lighter than the last: on a 256-colour terminal, nearest-colour matching of the smooth
# ramp would repeat shades and break the order.
XTERM_VIRIDIS = (
    (0x5F, 0x00, 0x5F),
    (0x5F, 0x00, 0xAF),
    (0x00, 0x5F, 0xAF),
    (0x00, 0x87, 0xAF),
    (0x00, 0xAF, 0xAF),
    (0x00, 0xD7, 0x87),
    (0xAF, 0xD7, 0x5F),
    (0xFF, 0xD7, 0x00),
    (0xFF, 0xFF, 0x00),
)
# Steps of (FAR - NEAR) / (top - 1) along the palette are a whole entry apart up to this many.
XTERM_STEPS = len(XTERM_VIRIDIS) - 1


def heat(
    count: int, top: int, background: Background = "dark", xterm: bool = False
) -> tuple[str, str]:
    """The (fill, text) colours of a cell holding `count` (at least 1) when the largest is `top`.

    `xterm` (terminal views, and their SVG): from the 256-colour palette while it has a shade for
    every count, so any colour terminal shows the same; beyond that, the smooth ramp."""
    share = (count - 1) / (top - 1) if top > 1 else 1.0
    t = NEAR + (FAR - NEAR) * min(max(share, 0.0), 1.0)
    t = t if background == "dark" else 1.0 - t
    if xterm and top <= XTERM_STEPS:
        fill = XTERM_VIRIDIS[round(t * (len(XTERM_VIRIDIS) - 1))]
    else:
        fill = ramp(t)
    # Contrast ratios against black and white text: (L1 + 0.05) / (L2 + 0.05).
    lum = luminance(fill)
    text = "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
    return hex_colour(fill), text


def terminal_background(light: bool) -> Background:
    """The shades for a light terminal background (`Environment.light_background`), or dark."""
    return "light" if light else "dark"
