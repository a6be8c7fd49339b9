"""`autosummit browse`: the summit as a full-screen app, keyboard first, mouse too.

Screens stack up as you open things (a history): Escape or Backspace goes back one. The keys
come from the one key map, `render/keys.py`, which the tour shares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static

from autosummit_cli.browse.pages import Target, hit_target, page
from autosummit_cli.browse.screens import DetailScreen, EventsScreen, KeysScreen, MatrixScreen
from autosummit_cli.browse.widgets import PageView, Pane
from autosummit_cli.domain.errors import NotFound
from autosummit_cli.render.keys import BROWSE_KEYS, FOOTER_ACTIONS
from autosummit_cli.render.safe import one_line
from autosummit_cli.render.terminal import highlighted
from autosummit_cli.search.engine import search
from autosummit_cli.search.query import KINDS, Filters

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from autosummit_cli.domain.model import Summit
    from autosummit_cli.store.corpus import Scope

T = TypeVar("T")
APP_ACTIONS = ("search", "open", "back", "matrix", "keys", "quit", "events", "interrupt")
RESULTS = 50  # search results listed as you type

CSS = """
#event-title { height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
#search { height: 3; }
#body { height: 1fr; }
#panes { width: 1fr; }
#panes Pane { height: 1fr; border: round $secondary; }
#panes Pane:focus { border: round $accent; }
#right { width: 2fr; }
#results { height: 1fr; display: none; border: round $secondary; }
#results:focus { border: round $accent; }
#links { width: 1fr; border: round $secondary; }
#links:focus { border: round $accent; }
PageView { width: 2fr; height: 1fr; padding: 0 1; }
#preview { width: 1fr; }
.hit { background: $boost; border-left: thick $warning; }
#matrix { height: auto; max-height: 60%; }
#legend { height: 1fr; padding: 0 1; }
#keys-list { height: 1fr; padding: 0 1; }
#events { height: 1fr; border: round $accent; }
"""


def _bindings() -> list[Binding]:
    return [
        Binding(
            ",".join(keys),
            action,
            label,
            show=action in FOOTER_ACTIONS,
            priority=action == "interrupt",
        )
        for keys, action, label, _ in BROWSE_KEYS
        if action in APP_ACTIONS
    ]


class BrowseApp(App[int]):
    """The explorer over one event at a time (a picker first when several are loaded)."""

    CSS = CSS
    BINDINGS = _bindings()  # type: ignore[assignment]
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        events: list[tuple[str, str]],
        load: Callable[[str], Summit],
        searching: Callable[[Callable[[sqlite3.Connection], Any]], Any],
        several: bool,
        light: bool = False,
    ) -> None:
        super().__init__()
        self.events, self.load, self.several = events, load, several
        self._searching = searching
        self.light = light  # the terminal's background (Environment.light_background)
        self.event_id = events[0][0]
        self.title = "autosummit browse"
        self._summits: dict[str, Summit] = {}

    def searching(self, run: Callable[[sqlite3.Connection], T]) -> T:
        found: T = self._searching(run)
        return found

    @property
    def summit(self) -> Summit:
        """The summit of the event in view, loaded the first time it is chosen."""
        if self.event_id not in self._summits:
            self._summits[self.event_id] = self.load(self.event_id)
        return self._summits[self.event_id]

    def get_default_screen(self) -> Screen[Any]:
        if len(self.events) > 1:
            return EventsScreen(self.events)
        return MainScreen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (and refuse) what needs an event until one is chosen, and the picker when
        there is nothing to pick."""
        if action in ("search", "matrix") and isinstance(self.screen, EventsScreen):
            return False
        return not (action == "events" and len(self.events) < 2)

    def choose_event(self, event_id: str) -> None:
        self.event_id = event_id
        self.push_screen(MainScreen())

    def open(self, target: Target) -> None:
        self.push_screen(DetailScreen(page(self.summit, target), target))

    async def action_back(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen) and screen.clear_search():
            return
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def _to_main(self) -> MainScreen | None:
        """Back through the history to the main screen of the event in view."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        return self.screen if isinstance(self.screen, MainScreen) else None

    def action_search(self) -> None:
        main = self._to_main()
        if main is not None:
            main.query_one("#search", Input).focus()

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_select()
        elif isinstance(focused, DataTable):
            focused.action_select_cursor()

    def action_matrix(self) -> None:
        if not isinstance(self.screen, (MatrixScreen, EventsScreen)):  # an event is chosen
            self.push_screen(MatrixScreen(self.summit, self.light))

    def action_keys(self) -> None:
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen())

    def action_events(self) -> None:
        while len(self.events) > 1 and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_interrupt(self) -> None:
        self.exit(130, return_code=130)

    async def action_quit(self) -> None:
        self.exit(0, return_code=0)


class MainScreen(Screen[None]):
    """Sessions, speakers and themes; the highlighted one previewed; search as you type."""

    BINDINGS = [Binding("down", "results", show=False)]
    previewed: Target | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="event-title")
        yield Input(placeholder='/ search: words, "a phrase", prefix*, -exclude, OR', id="search")
        with Horizontal(id="body"):
            with Vertical(id="panes"):
                yield Pane("Sessions", id="sessions")
                yield Pane("Speakers", id="speakers")
                yield Pane("Themes", id="themes")
            with Vertical(id="right"):
                yield Pane("Results", id="results")
                yield PageView(id="preview")
        yield Footer()

    @property
    def browser(self) -> BrowseApp:
        assert isinstance(self.app, BrowseApp)
        return self.app

    def on_mount(self) -> None:
        summit = self.browser.summit
        self.query_one("#event-title", Static).update(Text(one_line(summit.event.title)))
        names = {s.id: s.name for s in summit.speakers}
        self.query_one("#sessions", Pane).show_options(
            [(Text(one_line(s.title)), Target("session", s.id)) for s in summit.sessions]
        )
        self.query_one("#speakers", Pane).show_options(
            [(Text(one_line(names[s.id])), Target("speaker", s.id)) for s in summit.speakers]
        )
        self.query_one("#themes", Pane).show_options(
            [(Text(one_line(t.title)), Target("theme", t.id)) for t in summit.themes]
        )
        self.query_one("#speakers", Pane).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus:
            self.preview(event.option_list)

    def on_descendant_focus(self) -> None:
        if isinstance(self.focused, OptionList):
            self.preview(self.focused)

    def preview(self, pane: OptionList) -> None:
        """The highlighted session, speaker or theme, shown beside the lists."""
        target = pane.highlighted_target() if isinstance(pane, Pane) else None
        if target is not None and pane.id != "results" and target != self.previewed:
            self.previewed = target
            self.query_one("#preview", PageView).show(
                page(self.browser.summit, target), None, self.size.width
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        pane = event.option_list
        target = pane.target(event.option) if isinstance(pane, Pane) else None
        if target is not None:
            self.browser.open(target)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_results()

    def action_results(self) -> None:
        results = self.query_one("#results", Pane)
        if self.focused is self.query_one("#search", Input) and results.targets:
            results.focus()

    def show_results(self, text: str) -> None:
        """The matches for what is typed, best first, as `search --all` finds them."""
        results = self.query_one("#results", Pane)
        results.display = bool(text.strip())
        self.query_one("#preview").display = not results.display
        if not results.display:
            return
        event = (self.browser.event_id,) if self.browser.several else ()
        try:
            filters = Filters(KINDS, event=event)
            answer = self.browser.searching(lambda index: search(index, text, filters, RESULTS))
        except NotFound as error:
            results.border_title = "Results: none"
            results.show_options([(Text(one_line(str(error))), None)])
            return
        found = answer.records
        results.border_title = f"Results: {len(found)} of {answer.total}"
        results.show_options(
            [(_result(record), hit_target(record)) for record in found], spaced=True
        )

    def clear_search(self) -> bool:
        """Empty the search box, if it holds anything; say whether it did."""
        box = self.query_one("#search", Input)
        if not box.value and self.focused is not box:
            return False
        box.value = ""
        self.query_one("#speakers", Pane).focus()
        return True


def _result(record: dict[str, Any]) -> Text:
    """A search hit: who and what kind, then the text with the matches marked."""
    line = Text()
    if record["speaker"]:
        label = f"{one_line(record['speaker'])} · {record['kind']}"
    else:  # a theme summary is nobody's: its theme says what it is
        label = f"Theme summary · {one_line(record['id'])}"
    line.append(label + "\n", style="bold")
    line.append_text(highlighted(record["text"], record.get("matches") or []))
    return line


def make_app(scope: Scope, light: bool = False) -> BrowseApp:
    """The app over the events in effect (the one --event names, or all of them)."""
    titles = dict(scope.store.events())
    events = [(event, titles.get(event, event)) for event in scope.event_ids]
    store = scope.store
    return BrowseApp(events, store.summit, store.searching, len(titles) > 1, light)
