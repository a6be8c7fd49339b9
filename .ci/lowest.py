"""Print a pip constraints file pinning every runtime dependency to its lowest allowed version.

.ci/run installs with it once, so the lower bounds in pyproject.toml are tested, not hoped for.
Reads pyproject.toml with a regular expression: tomllib is not in Python 3.10.
"""

import re
import sys
from pathlib import Path

text = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text(encoding="utf-8")
block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M)
if block is None:
    sys.exit("no dependencies = [...] in pyproject.toml")
for name, lowest in re.findall(r'^\s*"([A-Za-z0-9_.-]+)[^"]*?>=([^,"]+)', block.group(1), re.M):
    print(f"{name}=={lowest}")
