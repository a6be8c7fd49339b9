"""`autosummit browse`: a live, keyboard-driven explorer built on Textual.

Only the `browse` command imports this package, so no other command pays for Textual.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from autosummit_cli.browse.app import make_app
from autosummit_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from autosummit_cli.render.environment import Environment
    from autosummit_cli.render.formats import ColorMode
    from autosummit_cli.store.corpus import Scope


def run(scope: Scope, color: ColorMode, env: Environment) -> int:
    """Run the browser until `q` (0) or Ctrl-C (130); the exit status."""
    if not (env.stdin_tty and env.stdout_tty):
        raise UsageError(
            "browse needs a terminal; in a script use search, talk or themes, which print"
        )
    saved = os.environ.get("NO_COLOR")
    _colour(color)
    try:
        app = make_app(scope, env.light_background)
        app.run()
    finally:  # the process's own NO_COLOR again, for whatever runs next in it
        if saved is None:
            os.environ.pop("NO_COLOR", None)
        else:
            os.environ["NO_COLOR"] = saved
    return app.return_code or 0


def _colour(color: ColorMode) -> None:
    """--color wins over NO_COLOR, which Textual reads when the app starts."""
    if color == "never":
        os.environ["NO_COLOR"] = "1"
    elif color == "always":
        os.environ.pop("NO_COLOR", None)
