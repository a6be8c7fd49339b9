"""Long output on a terminal goes through a pager, as git and gh do (`less -FRX` by default:
quit if it fits, keep colours, leave the text on the screen)."""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess

from autosummit_cli.render.environment import Environment


def page(text: str, command: str, env: Environment) -> bool:
    """Show `text` through `command`; False if the pager cannot be started (print it instead)."""
    try:
        process = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE)
    except (OSError, ValueError):
        return False
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search), as in git.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end: fine
            process.stdin.write(text.encode(env.encoding or "utf-8", "replace"))
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
