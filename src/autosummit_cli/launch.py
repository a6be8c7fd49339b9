"""The `autosummit` command's entry point: the CLI, started and ended safely and quickly.

Safely: Ctrl-C is handled from the first line here, before the imports that take most of a
start-up, so an interrupt at any moment ends the process with 130 and no traceback (once the
command runs, the error boundary in `boundary.py` handles it as usual). And the standard file
descriptors 0-2, when the caller closed them (`2>&-`), are opened on /dev/null: otherwise the
next file opened (a cache file) would get the number and whatever writes there by number would
land in it. Python has already set a closed stream to None, and autosummit writes nothing to a
None stream: messages are dropped rather than sent to stdout, and a closed stdout is reported.

Quickly: importing Typer, click and this package makes tens of thousands of objects and frees
almost none, yet the cyclic garbage collector walks them again and again as they pile up, and
all of them once more when the interpreter exits: about a tenth of the instructions of a warm
`speakers -f json`. So the imports run with the collector paused, and what they made is frozen
(`gc.freeze`: kept out of every later collection) before the command runs with the collector
on, as usual. What is left when the command ends is frozen too, since the process is about to
hand it all back to the operating system; the interpreter still flushes its streams and runs
every `atexit` and `__del__` that reference counting reaches. Nothing in autosummit relies on
the collector to release a resource: files and databases are closed where they are used.

`cli.py` is free of all this, so importing it (tests, other programs) changes nothing.
"""

import gc
import os
import signal  # imported by the CLI's dependencies anyway: no cost of its own

INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED, without importing anything before the handler


def _quit_quietly(signum: int, frame: object) -> None:
    # Nothing has been written yet (or, at exit, everything has been): leave at once, with no
    # exception to unwind through half-finished imports or interpreter shutdown.
    os._exit(INTERRUPTED)


def _open_closed_standard_descriptors() -> None:
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)  # takes the lowest free number: this one
            if opened != descriptor:
                os.close(opened)


def main() -> None:
    signal.signal(signal.SIGINT, _quit_quietly)
    _open_closed_standard_descriptors()
    gc.disable()
    try:
        # seam: the CLI's imports only after the Ctrl-C handler, with the collector paused
        from autosummit_cli.cli.app import main as run
    finally:
        gc.freeze()
        gc.enable()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # the boundary's from here on
    try:
        run()
    finally:
        signal.signal(signal.SIGINT, _quit_quietly)  # an interrupt while exiting: still quiet
        gc.freeze()
