"""The layout docs/architecture.md describes, held: layers only import downward (import-linter's
contracts in pyproject.toml), no module imports itself back through others, imports sit at the
top of modules except at the named seams, and modules and functions stay small."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import autosummit_cli
from tests.conftest import _process_env, run

PACKAGE = Path(autosummit_cli.__file__).parent
ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400
MAX_BODY_LINES = 50  # a function's statements, not its signature or docstring


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_layers_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    assert lint.exists(), f"{lint} is missing: install the test extras (pip install -e '.[test]')"
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


# Run apart: grimp's graph is built by a pool of threads that stays, and a later test that
# forks (the parallel build) must not run in a multi-threaded process.
CYCLES = """
import grimp, json
graph = grimp.build_graph("autosummit_cli", cache_dir=None)  # nothing written
print(json.dumps([
    [module, other]
    for module in sorted(graph.modules)
    for other in sorted(graph.find_modules_directly_imported_by(module))
    if graph.find_shortest_chain(importer=other, imported=module) is not None
]))
"""


def test_no_module_imports_itself_back() -> None:
    """Counting every import, also those inside functions and under TYPE_CHECKING."""
    done = subprocess.run([sys.executable, "-c", CYCLES], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def _function_imports(tree: ast.Module) -> list[ast.stmt]:
    found: list[ast.stmt] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append(child)
            walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    walk(tree, False)
    return found


def _at_seam(lines: list[str], node: ast.stmt) -> bool:
    """`# seam:` on the import's own lines, or on the line above it and the imports it heads."""
    if any("# seam:" in line for line in lines[node.lineno - 1 : node.end_lineno]):
        return True
    above = node.lineno - 2
    while above >= 0 and lines[above].lstrip().startswith(("from ", "import ")):
        above -= 1
    return above >= 0 and lines[above].lstrip().startswith("# seam:")


def test_imports_inside_functions_are_only_at_named_seams() -> None:
    """Each says why on its line or the line above, as `# seam: ...`."""
    unexplained = []
    for path in _modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in _function_imports(ast.parse("\n".join(lines))):
            if not _at_seam(lines, node):
                unexplained.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert unexplained == []


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    body = body[1:] or body  # the docstring is not code
                lines = (body[-1].end_lineno or 0) - body[0].lineno + 1
                if lines > MAX_BODY_LINES:
                    too_long.append(f"{path.relative_to(PACKAGE)}: {node.name}(): {lines} lines")
    assert too_long == []


COMMAND_MODULES = {p.stem for p in (PACKAGE / "cli" / "commands").glob("[a-z]*.py")}


# The command run as the console script runs it, then the command modules it imported, on stderr
# (importlib.import_module, which LazyGroup uses, is not seen by -X importtime).
PROBE = """
import sys
sys.argv = ["autosummit", *sys.argv[1:]]
from autosummit_cli.launch import main
try:
    main()
finally:
    prefix = "autosummit_cli.cli.commands."
    print(sorted(m[len(prefix):] for m in sys.modules if m.startswith(prefix)), file=sys.stderr)
"""


def _command_modules_imported(*args: str) -> set[str]:
    run(*args)  # warm the cache
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=_process_env(None), capture_output=True
    )
    assert done.returncode == 0, done.stderr
    return set(ast.literal_eval(done.stderr.decode().splitlines()[-1]))


def test_a_command_imports_its_own_module_of_commands_only() -> None:
    """click's LazyGroup, as cli/app.py maps them: `speakers` never loads `export`'s module."""
    assert {
        "lists",
        "records",
        "publish",
        "find",
        "data",
        "cache",
        "tour",
        "help",
    } <= COMMAND_MODULES
    assert _command_modules_imported("speakers", "-f", "json") == {"lists"}
    assert _command_modules_imported("search", "supply", "-f", "json") == {"find"}
    assert _command_modules_imported("talk", "yurui", "-f", "json") == {"records"}


def test_help_lists_every_command_of_every_module() -> None:
    listed = run("--help").stdout.decode()
    for name in ("validate", "speakers", "talk", "search", "export", "tour", "cache", "help"):
        assert f"  {name} " in listed
