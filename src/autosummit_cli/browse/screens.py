"""The browser's other screens: a page with its links, the heat map, the keys, the events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static

from autosummit_cli.browse.pages import Browser, Page, Target
from autosummit_cli.browse.widgets import PageView, Pane
from autosummit_cli.domain import matrix
from autosummit_cli.render.document import Fields
from autosummit_cli.render.heat import terminal_background
from autosummit_cli.render.keys import BROWSE_KEYS, TOUR_KEYS, TOUR_MEANINGS
from autosummit_cli.render.safe import one_line
from autosummit_cli.render.terminal import ACCENT, blocks_view, heat_cell
from autosummit_cli.search.engine import event_rows

if TYPE_CHECKING:
    from autosummit_cli.domain.model import Summit


def _browser(screen: Screen[Any]) -> Browser:
    return cast("Browser", screen.app)


class DetailScreen(Screen[None]):
    """A talk, theme, session or matrix cell, drawn as the CLI draws it, with its links."""

    def __init__(self, shown: Page, target: Target) -> None:
        super().__init__()
        self.shown, self.target = shown, target

    def compose(self) -> ComposeResult:
        yield Static(Text(one_line(self.shown.title)), id="event-title")
        with Horizontal(id="body"):
            yield Pane("Links", id="links")
            yield PageView(id="page")
        yield Footer()

    def on_mount(self) -> None:
        links = self.query_one("#links", Pane)
        links.show_links(self.shown.links)
        links.display = bool(self.shown.links)
        self.query_one("#page", PageView).show(self.shown, self.target, self.size.width)
        (links if self.shown.links else self.query_one("#page", PageView)).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        pane = event.option_list
        target = pane.target(event.option) if isinstance(pane, Pane) else None
        if target is not None:
            _browser(self).open(target)


class MatrixScreen(Screen[None]):
    """Speakers x themes as a heat map; Enter (or a click) on a cell opens the items behind it."""

    def __init__(self, summit: Summit, light: bool = False) -> None:
        super().__init__()
        self.summit, self.light = summit, light
        self.rows = matrix.rows(summit)
        self.themes = [t.id for t in summit.themes]

    def compose(self) -> ComposeResult:
        title = f"Who speaks to which theme: {self.summit.event.title}"
        yield Static(Text(one_line(title)), id="event-title")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=False)
        with VerticalScroll(id="legend"):
            yield Static(self._legend())
        yield Footer()

    def _legend(self) -> Any:
        titles = {t.id: t.title for t in self.summit.themes}
        pairs = [(str(n), f"{titles[t]}  [{t}]") for n, t in enumerate(self.themes, 1)]
        note = "cell: how many of the speaker's points and recommendations touch the theme"
        return blocks_view([Fields(pairs), Fields([("", note)])], self.size.width)

    def on_mount(self) -> None:
        table = self.query_one("#matrix", DataTable)
        table.add_column(Text("speaker", style=ACCENT), key="speaker")
        for n, theme in enumerate(self.themes, 1):
            table.add_column(Text(str(n), style=ACCENT), key=theme)
        table.add_column(Text("total", style=ACCENT), key="total")
        keys = {t: matrix.key(t) for t in self.themes}  # the rows' column per theme
        top = max((r[keys[t]] for r in self.rows.records for t in self.themes), default=1)
        background = terminal_background(self.light)  # the same viridis shades as `matrix`
        for record in self.rows.records:
            cells = [heat_cell(record[keys[t]], top, background) for t in self.themes]
            table.add_row(
                Text(one_line(record["speaker_name"])),
                *cells,
                Text(str(record["total"])),
                key=record["speaker_id"],
            )
        table.focus()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        speaker = event.cell_key.row_key.value or ""
        column = event.cell_key.column_key.value or ""
        if column in self.themes:
            _browser(self).open(Target("cell", speaker, other=column))
        else:
            _browser(self).open(Target("speaker", speaker))


def _key_name(key: str) -> str:
    names = {"slash": "/", "question_mark": "?", "space": "Space", "pagedown": "PgDn"}
    names |= {"pageup": "PgUp", "escape": "Esc", "backspace": "Backspace", "enter": "Enter"}
    names |= {"right": "→", "left": "←", "up": "↑", "down": "↓", "home": "Home", "end": "End"}
    names |= {"tab": "Tab", "shift+tab": "Shift-Tab", "ctrl+c": "Ctrl-C"}
    return names.get(key, key)


def keys_table() -> Table:
    """Every key of the browser, then the tour's, from the one key map."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style=ACCENT, no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row(Text("Browser", style="bold"), Text(""))
    for keys, _, _, what in BROWSE_KEYS:
        table.add_row(Text(" ".join(_key_name(k) for k in keys)), Text(what))
    table.add_row(Text(""), Text(""))
    table.add_row(Text("Tour", style="bold"), Text("(autosummit tour)"))
    for action, keys in TOUR_KEYS.items():
        table.add_row(Text(" ".join(_key_name(k) for k in keys)), Text(TOUR_MEANINGS[action]))
    table.add_row(Text("7 Enter"), Text("go to slide 7"))
    return table


class KeysScreen(Screen[None]):
    """`?`: every key, and what it does."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Keys (Escape: back)"), id="event-title")
        with VerticalScroll(id="keys-list"):
            yield Static(keys_table())
        yield Footer()


class EventsScreen(Screen[None]):
    """Several summits are loaded: choose the one to browse."""

    def __init__(self, events: list[tuple[str, str]]) -> None:
        super().__init__()
        self.events = events

    def compose(self) -> ComposeResult:
        yield Static(Text(f"{len(self.events)} events loaded: choose one"), id="event-title")
        yield Pane("Events", id="events")
        yield Footer()

    def on_mount(self) -> None:
        counted = {row["id"]: row for row in _browser(self).searching(event_rows)}
        options = []
        for ident, title in self.events:
            prompt = Text(f"{one_line(title)}  [{one_line(ident)}]")
            if ident in counted:
                row = counted[ident]
                prompt.append(f"\n{row['speakers']} speakers, {row['talks']} talks", style="dim")
            options.append((prompt, Target("event", ident)))
        pane = self.query_one("#events", Pane)
        pane.show_options(options, spaced=True)
        pane.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        pane = event.option_list
        target = pane.target(event.option) if isinstance(pane, Pane) else None
        if target is not None:
            _browser(self).choose_event(target.ident)
