"""The browser's building blocks: a list pane with vim keys, and a page drawn as the CLI draws it.

Data reaches Textual only as `rich.text.Text` built from escaped strings, never as a string
(Textual reads strings as markup), so a `[b]` in a name shows as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from autosummit_cli.browse.pages import Link, Page, Target
from autosummit_cli.render.document import Items, Paragraph
from autosummit_cli.render.keys import BROWSE_KEYS
from autosummit_cli.render.safe import one_line, visible
from autosummit_cli.render.terminal import blocks_view, highlighted

# The key map's row movements, as OptionList's actions.
_ROW_ACTIONS = {"down": "cursor_down", "up": "cursor_up", "first": "first", "last": "last"}


class Pane(OptionList):
    """A list whose options open pages: arrows, j/k, g/G, Enter or a click."""

    BINDINGS = [
        Binding(",".join(keys), _ROW_ACTIONS[action], show=False)
        for keys, action, _, _ in BROWSE_KEYS
        if action in _ROW_ACTIONS
    ]

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.targets: dict[str, Target] = {}

    def show_links(self, links: Sequence[Link]) -> None:
        self.show_options([(Text(one_line(link.label)), link.target) for link in links])

    def show_options(
        self, options: Sequence[tuple[Text, Target | None]], spaced: bool = False
    ) -> None:
        """Replace the options (`spaced`: a rule between them); one without a target is a note
        (it cannot be chosen)."""
        self.clear_options()
        self.targets = {}
        for n, (prompt, target) in enumerate(options):
            if spaced and n:
                self.add_option(None)
            self.add_option(Option(prompt, id=str(n), disabled=target is None))
            if target is not None:
                self.targets[str(n)] = target
        if self.targets:
            self.highlighted = int(next(iter(self.targets)))

    def target(self, option: Option) -> Target | None:
        return self.targets.get(option.id or "")

    def highlighted_target(self) -> Target | None:
        option = self.highlighted_option
        return self.target(option) if option is not None else None


def _item(marker: str, text: Text) -> RenderableType:
    """One list item, laid out as `blocks_view` lays out a list."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    grid.add_row(Text(marker), text)
    return Padding(grid, (0, 0, 0, 2), expand=False)


class PageView(VerticalScroll):
    """A page as the terminal view draws it, one widget per block and per list item, so the
    item a link or a search hit points at can be scrolled into view and marked."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.can_focus = True
        self.hit_text = ""  # the text of the marked item

    def show(self, page: Page, target: Target | None = None, columns: int = 80) -> None:
        self.remove_children()
        self.hit_text = ""
        widgets: list[Static] = []
        hit: Static | None = None
        for block in page.blocks:
            if isinstance(block, Items):
                texts = [
                    (f"{n}." if block.numbered else "•", t) for n, t in enumerate(block.items, 1)
                ]
            elif isinstance(block, Paragraph):
                texts = [("", block.text)]
            else:
                widgets.append(Static(blocks_view([block], columns)))
                continue
            for marker, text in texts:
                at = text.find(target.focus) if target and target.focus and not hit else -1
                spans = [(s + at, e + at) for s, e in target.spans] if target and at >= 0 else []
                shown = highlighted(text, spans) if at >= 0 else Text(visible(text))
                drawn = _item(marker, shown) if marker else Padding(shown, (0, 0, 0, 2))
                widgets.append(Static(drawn, classes="hit" if at >= 0 else ""))
                if at >= 0:
                    hit, self.hit_text = widgets[-1], text
        self.mount_all(widgets)
        self.scroll_home(animate=False)
        if hit is not None:
            found = hit
            self.call_after_refresh(lambda: self.scroll_to_widget(found, animate=False, top=True))

    def hit(self) -> Static | None:
        """The marked item, if the page was opened at one."""
        for widget in self.query(".hit"):
            if isinstance(widget, Static):
                return widget
        return None
