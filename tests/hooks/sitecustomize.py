"""Put on PYTHONPATH by tests to reach moments a real process only rarely hits on its own.

INTERRUPT_AT_IMPORT=module: the process sends itself SIGINT (Ctrl-C) as that module starts to
import. FAIL_AT_IMPORT=module: importing that module raises, standing in for a bug.
"""

import os
import signal
import sys


class _Hook:
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == os.environ.get("INTERRUPT_AT_IMPORT"):
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        if name == os.environ.get("FAIL_AT_IMPORT"):
            raise ZeroDivisionError("a stand-in bug")
        return None


sys.meta_path.insert(0, _Hook())
