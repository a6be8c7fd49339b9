"""The `autosummit` command's entry point: the CLI, started and ended without the cyclic
garbage collector walking objects that live as long as the process does.

Importing Typer, click and this package makes tens of thousands of objects and frees almost
none, yet the collector walks them again and again as they pile up, and all of them once more
when the interpreter exits: about a tenth of the instructions of a warm `speakers -f json`.
So the imports run with the collector paused, and what they made is frozen (`gc.freeze`: kept
out of every later collection) before the command runs with the collector on, as usual. What
is left when the command ends is frozen too, since the process is about to hand it all back to
the operating system; the interpreter still flushes its streams and runs every `atexit` and
`__del__` that reference counting reaches. Nothing in autosummit relies on the collector to
release a resource: files and databases are closed where they are used.

`cli.py` is free of this, so importing it (tests, other programs) changes nothing.
"""

import gc


def main() -> None:
    gc.disable()
    try:
        from autosummit_cli.cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    try:
        run()
    finally:
        gc.freeze()
