"""`tour`: the summit as slides for a live audience, paced by a clicker or printed in order."""

from typing import Annotated

import typer

from autosummit_cli.cli.options import SessionOpt
from autosummit_cli.cli.state import output_for, scope_of, state_of
from autosummit_cli.domain.names import resolve_session
from autosummit_cli.render.slideshow import run_tour
from autosummit_cli.render.tour import tour_screens

commands = typer.Typer()  # built into click commands one at a time, by cli.lazy.LazyGroup


@commands.command()
def tour(
    ctx: typer.Context,
    session: SessionOpt = None,
    no_pause: Annotated[
        bool,
        typer.Option(
            "--no-pause", help="Print every screen in order instead of waiting for a key."
        ),
    ] = False,
) -> None:
    """A guided walk for a live audience: the overview, then each session and talk.

    On a terminal, a slide show: Space, Right or PgDn (a clicker) advance, Left or b go back.

    Example: autosummit tour --session round-table
    """
    scope = scope_of(ctx)
    corpus = scope.named(("session", session)) if session else scope.one_event("the tour")
    summit, session_id = corpus.one(
        lambda s: resolve_session(s, session) if session else None, "the tour"
    )
    env = state_of(ctx).env
    paced = not no_pause and env.stdin_tty and env.stdout_tty
    run_tour(list(tour_screens(summit, session_id)), output_for(ctx, None), paced)
