"""Benchmark autosummit against its floors, as ratios measured in the same run.

    python bench/run.py [--runs 15] [--quick]

Whole processes are timed: with hyperfine when it is installed, otherwise with Python's own
clock, the commands of a pair interleaved (A B A B ...) so that a noisy machine slows both
alike; each ratio is the median of the per-round ratios. Peak memory is each process's own
maximum resident set size (wait4). Synthetic corpora come from bench/make_corpus.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "summit.yaml"
SIZES = (100, 1_000, 10_000)
QUERY = ["search", "supply", "chain", "-f", "json", "--limit", "5"]
# A question no item of the synthetic corpora answers with every word: the any-word fallback.
FALLBACK_QUERY = ["search", "profits", "of", "dealers", "in", "a", "price", "war", "-f", "json"]
FALLBACK_QUERY += ["--limit", "5"]

MINIMAL_TYPER = """
import json, typer
app = typer.Typer()
@app.command()
def main(name: str = "speakers"):
    print(json.dumps([{"id": "liu-yurui", "name": "Liu Yurui"}], indent=2))
app()
"""
# The CLI entered without launch.py, so with the collector as usual: what the pauses save.
COLLECTOR_AS_USUAL = """
import sys
from autosummit_cli.cli.app import main
sys.exit(main())
"""
# The floor of a cold build: every file parsed by libyaml, one process per core, nothing else.
PARSE_FLOOR = """
import multiprocessing, os, sys, yaml
def parse(name):
    with open(name, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
if __name__ == "__main__":
    folder = sys.argv[1]
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".yaml"))
    with multiprocessing.Pool(os.cpu_count()) as pool:
        for _ in pool.imap(parse, files, chunksize=8):
            pass
"""
FLOOR = """
import json, sys, yaml
data = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
print(json.dumps([{"id": s["id"], "name": s["name"]} for s in data["speakers"]], indent=2))
"""


def precompile() -> None:
    """Byte-compile the package, as installing a wheel does: an editable install under
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every run."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("autosummit_cli")
    if spec and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            compileall.compile_dir(location, quiet=1)


def autosummit() -> list[str]:
    found = shutil.which("autosummit")
    if not found:
        sys.exit("autosummit is not installed: python -m pip install -e .")
    return [found]


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process."""
    elapsed, _, peak = run_measured(command, env)
    return elapsed, peak


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (its own and its workers', which it waits for) and peak RSS
    (KiB) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"benchmark command failed: {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def paired(
    a: list[str], b: list[str], runs: int, env: dict[str, str], env_b: dict[str, str] | None = None
) -> dict[str, float]:
    """Median times of A and B and the median of their per-round ratios."""
    if shutil.which("hyperfine"):
        return _hyperfine(a, b, runs, env, env_b or env)
    for _ in range(2):  # warm-up: page cache, .pyc files, the autosummit cache
        run_once(a, env)
        run_once(b, env_b or env)
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        ta, _ = run_once(a, env)
        tb, _ = run_once(b, env_b or env)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return {
        "a": statistics.median(times_a),
        "b": statistics.median(times_b),
        "ratio": statistics.median(ratios),
    }


def _hyperfine(
    a: list[str], b: list[str], runs: int, env: dict[str, str], env_b: dict[str, str]
) -> dict[str, float]:
    # hyperfine takes one environment: pass B's differences inline with `env`.
    extra = [f"{k}={v}" for k, v in env_b.items() if env.get(k) != v]
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [
                "hyperfine",
                "-N",
                "--warmup",
                "2",
                "--runs",
                str(runs),
                "--export-json",
                report.name,
                subprocess.list2cmdline(a),
                subprocess.list2cmdline(["env", *extra, *b] if extra else b),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        results = json.loads(Path(report.name).read_text())["results"]
    ma, mb = (statistics.median(r["times"]) for r in results)
    return {"a": ma, "b": mb, "ratio": ma / mb}


def sqlite_utils_table(workdir: Path) -> list[str] | None:
    tool = shutil.which("sqlite-utils")
    if not tool:
        return None
    database = workdir / "speakers.db"
    database.unlink(missing_ok=True)
    rows = json.loads(
        subprocess.run(
            [*autosummit(), "speakers", "-f", "json"], check=True, capture_output=True
        ).stdout
    )
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE speakers (id, name, role, organisation, session_id)")
        connection.executemany(
            "INSERT INTO speakers VALUES (?, ?, ?, ?, ?)",
            [(r["id"], r["name"], r["role"], r["organisation"], r["session_id"]) for r in rows],
        )
    return [tool, "query", str(database), "select * from speakers", "--table"]


def corpus(workdir: Path, talks: int) -> Path:
    folder = workdir / f"corpus-{talks}"
    if not folder.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "make_corpus.py"),
                "--talks",
                str(talks),
                "--out",
                str(folder),
            ],
            check=True,
            capture_output=True,
        )
    return folder


def unique_speaker(data: Path, env: dict[str, str]) -> str:
    """A speaker id that names someone in one summit of the corpus only, for `talk NAME`."""
    rows = json.loads(
        subprocess.run(
            [*autosummit(), "--data", str(data), "speakers", "-f", "json"],
            env=env,
            check=True,
            capture_output=True,
        ).stdout
    )
    counts = Counter(row["id"] for row in rows)
    for ident in (i for i, n in counts.items() if n == 1):
        # An id can also begin others elsewhere (xu-mei-1, xu-mei-10): take one that resolves
        # in a single event.
        found = subprocess.run(
            [*autosummit(), "--data", str(data), "talk", ident, "-f", "json"],
            env=env,
            capture_output=True,
        )
        if found.returncode == 0:
            return ident
    sys.exit(f"no speaker of {data} is named in one event only")


def cold_build(data: Path, env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median seconds and peak MiB of a first run, each on an empty cache."""
    times, peaks = [], []
    for n in range(runs):
        fresh = {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix=f"cold{n}-")}
        seconds, peak = run_once(
            [*autosummit(), "--data", str(data), "events", "-f", "json"], fresh
        )
        shutil.rmtree(fresh["XDG_CACHE_HOME"], ignore_errors=True)
        times.append(seconds)
        peaks.append(peak / 1024)
    return statistics.median(times), max(peaks)


def edit_one_file(data: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds of a warm run, and of a run after one file of the corpus was edited
    (a copy of it, so the corpus stays as made), and their ratio."""
    scratch = Path(tempfile.mkdtemp(prefix="edit-"))
    copy = scratch / data.name
    shutil.copytree(data, copy)
    fresh = {**env, "XDG_CACHE_HOME": str(scratch / "cache")}
    command = [*autosummit(), "--data", str(copy), "speakers", "-f", "json"]
    edited = sorted(copy.glob("*.yaml"))[len(list(copy.glob("*.yaml"))) // 2]
    original = edited.read_text(encoding="utf-8")
    run_once(command, fresh)
    time.sleep(2.5)  # past the racy window of the files just copied (see store.build.RACY_NS)
    run_once(command, fresh)
    warm, after_edit = [], []
    for n in range(runs):
        warm.append(run_once(command, fresh)[0])
        edited.write_text(original.replace("title: Auto Forum", f"title: Edited {n}", 1))
        after_edit.append(run_once(command, fresh)[0])
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "a": statistics.median(after_edit),
        "b": statistics.median(warm),
        "ratio": statistics.median(after_edit) / statistics.median(warm),
    }


def large_corpus(workdir: Path, env: dict[str, str], rows: list[tuple[str, str, str]]) -> None:
    """The targets on 100,000 talks: a cold build against the parse floor, its peak memory,
    the catalog's size against the data's, and a warm search against the bundled summit."""
    data = corpus(workdir, 100_000)
    cache = Path(tempfile.mkdtemp(prefix="large-"))
    fresh = {**env, "XDG_CACHE_HOME": str(cache)}
    # The floor before and after the build, so that a change in the machine's load between
    # the two shows; CPU seconds compare them even so.
    floor = [run_measured([sys.executable, str(workdir / "parse_floor.py"), str(data)], env)]
    build = run_measured([*autosummit(), "--data", str(data), "events", "-f", "json"], fresh)
    floor.append(run_measured([sys.executable, str(workdir / "parse_floor.py"), str(data)], env))
    seconds, cpu, peak = build
    floor_seconds = statistics.mean(f[0] for f in floor)
    floor_cpu = statistics.mean(f[1] for f in floor)
    catalog = sum(p.stat().st_size for p in (cache / "autosummit").iterdir())
    source = sum(p.stat().st_size for p in data.glob("*.yaml"))
    pair = paired([*autosummit(), "--data", str(data), *QUERY], [*autosummit(), *QUERY], 5, fresh)
    shutil.rmtree(cache, ignore_errors=True)
    rows += [
        (
            "cold build of 100,000 talks / parallel libyaml parse",
            f"{seconds / floor_seconds:.2f}x",
            f"{seconds:.1f} s vs {floor_seconds:.1f} s; target <= 1.5x",
        ),
        (
            "  the same in CPU time",
            f"{cpu / floor_cpu:.2f}x",
            f"{cpu:.0f} s vs {floor_cpu:.0f} s (floor: {floor[0][1]:.0f} s, {floor[1][1]:.0f} s)",
        ),
        ("  its peak memory", f"{peak / 1024:.0f} MiB", "target <= 400 MiB"),
        (
            "catalog on disk / data, 100,000 talks",
            f"{catalog / source:.2f}x",
            f"{catalog / 2**20:.0f} MiB vs {source / 2**20:.0f} MiB; target <= 1.5x",
        ),
        (
            "search on 100,000 talks, warm / bundled",
            f"{pair['ratio']:.2f}x",
            f"{pair['a'] * 1000:.0f} ms vs {pair['b'] * 1000:.0f} ms; target <= 1.3x",
        ),
    ]


def fallback_cost(data: Path, talks: int, env: dict[str, str], runs: int) -> tuple[str, str, str]:
    """What the any-word fallback adds to a warm search of the same corpus (all words found)."""
    fallback = [*autosummit(), "--data", str(data), *FALLBACK_QUERY]
    note = subprocess.run(fallback, env=env, capture_output=True, text=True).stderr
    if "no item has every word" not in note:
        sys.exit(f"the fallback query finds every word in {data}: choose another")
    pair = paired(fallback, [*autosummit(), "--data", str(data), *QUERY], runs, env)
    added = (pair["a"] - pair["b"]) * 1000
    return (
        f"  any-word fallback on {talks:,} talks / all-words search",
        f"{pair['ratio']:.2f}x",
        f"{added:+.0f} ms ({pair['a'] * 1000:.0f} vs {pair['b'] * 1000:.0f} ms); target: a few ms",
    )


def warm_peak(command: list[str], env: dict[str, str]) -> float:
    run_once(command, env)
    return max(run_once(command, env)[1] for _ in range(3)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed rounds per pair")
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-talk corpus")
    parser.add_argument(
        "--large", action="store_true", help="also the 100,000-talk corpus (minutes, 300 MB)"
    )
    args = parser.parse_args()
    sizes = SIZES[:2] if args.quick else SIZES
    workdir = Path(tempfile.gettempdir()) / "autosummit-bench"
    workdir.mkdir(exist_ok=True)
    (workdir / "minimal_typer.py").write_text(MINIMAL_TYPER)
    (workdir / "floor.py").write_text(FLOOR)
    (workdir / "parse_floor.py").write_text(PARSE_FLOOR)
    (workdir / "collector_as_usual.py").write_text(COLLECTOR_AS_USUAL)
    env = {**os.environ, "XDG_CACHE_HOME": str(workdir / "cache"), "COLUMNS": "100"}
    env.pop("AUTOSUMMIT_DATA", None)
    tool = autosummit()
    precompile()
    timer = "hyperfine" if shutil.which("hyperfine") else "python timing, interleaved"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; {timer}; "
        f"{args.runs} rounds; medians\n"
    )
    rows: list[tuple[str, str, str]] = []

    speakers_json = [*tool, "speakers", "-f", "json"]
    pair = paired(
        speakers_json, [sys.executable, str(workdir / "minimal_typer.py")], args.runs, env
    )
    rows.append(
        (
            "speakers -f json / minimal Typer app",
            f"{pair['ratio']:.2f}x",
            f"{pair['a'] * 1000:.0f} ms vs {pair['b'] * 1000:.0f} ms; target <= 1.10x",
        )
    )
    pair = paired(
        [sys.executable, str(workdir / "collector_as_usual.py"), "speakers", "-f", "json"],
        [sys.executable, str(workdir / "minimal_typer.py")],
        args.runs,
        env,
    )
    rows.append(
        (
            "  (the same without launch.py's collector pauses / minimal Typer app)",
            f"{pair['ratio']:.2f}x",
            f"{pair['a'] * 1000:.0f} ms vs {pair['b'] * 1000:.0f} ms; what the pauses save",
        )
    )
    pair = paired(
        [sys.executable, str(ROOT / "bench" / "shape_floor.py"), "speakers", "-f", "json"],
        [sys.executable, str(workdir / "minimal_typer.py")],
        args.runs,
        env,
    )
    rows.append(
        (
            "  (the same options doing nothing / minimal Typer app)",
            f"{pair['ratio']:.2f}x",
            f"{pair['a'] * 1000:.0f} ms vs {pair['b'] * 1000:.0f} ms; the shape's own floor",
        )
    )
    pair = paired(
        speakers_json, [sys.executable, str(workdir / "floor.py"), str(BUNDLED)], args.runs, env
    )
    rows.append(
        (
            "speakers -f json / python+yaml+json floor",
            f"{pair['ratio']:.2f}x",
            f"{pair['a'] * 1000:.0f} ms vs {pair['b'] * 1000:.0f} ms; target <= 2.5x",
        )
    )
    other = sqlite_utils_table(workdir)
    if other:
        pair = paired([*tool, "speakers", "-f", "table"], other, args.runs, env)
        rows.append(
            (
                "speakers -f table / sqlite-utils query --table",
                f"{pair['ratio']:.2f}x",
                f"{pair['a'] * 1000:.0f} ms vs {pair['b'] * 1000:.0f} ms; target <= 1.0x",
            )
        )
    else:
        rows.append(
            (
                "speakers -f table / sqlite-utils query --table",
                "n/a",
                "sqlite-utils is not installed (pip install sqlite-utils)",
            )
        )

    bundled_search = [*tool, *QUERY]
    growth: list[str] = []
    for talks in sizes:
        data = corpus(workdir, talks)
        search = [*tool, "--data", str(data), *QUERY]
        pair = paired(search, bundled_search, max(5, args.runs // 2), env)
        peak = warm_peak(search, env)
        seconds, build_peak = cold_build(data, env, 1 if talks == 10_000 else 3)
        listing = paired(
            [*tool, "--data", str(data), "speakers", "-f", "json"],
            speakers_json,
            max(5, args.runs // 3),
            env,
        )
        detail = paired(
            [*tool, "--data", str(data), "talk", unique_speaker(data, env), "-f", "json"],
            [*tool, "talk", "yurui", "-f", "json"],
            max(5, args.runs // 3),
            env,
        )
        growth.append(
            f"{talks:>6} talks  search warm {pair['a'] * 1000:5.0f} ms "
            f"({pair['ratio']:.2f}x bundled, peak {peak:.0f} MiB)  "
            f"speakers {listing['a'] * 1000:4.0f} ms  talk NAME {detail['a'] * 1000:4.0f} ms  "
            f"cold build {seconds:5.2f} s, peak {build_peak:.0f} MiB"
        )
        if talks == max(sizes):
            rows.append(fallback_cost(data, talks, env, max(5, args.runs // 2)))
        if talks == 10_000:
            edit = edit_one_file(data, env, max(3, args.runs // 5))
            rows.append(
                (
                    "edit one file of 1,000, next run / warm run",
                    f"{edit['ratio']:.2f}x",
                    f"{edit['a'] * 1000:.0f} ms vs {edit['b'] * 1000:.0f} ms; target <= 3x",
                )
            )
        if talks == max(sizes):
            rows.append(
                (
                    f"search on {talks:,} talks, warm / bundled",
                    f"{pair['ratio']:.2f}x",
                    f"peak {peak:.0f} MiB; targets <= 1.3x, <= 60 MiB",
                )
            )
            rows.append(
                (
                    f"cold build of {talks:,} talks",
                    f"{seconds:.2f} s",
                    f"peak {build_peak:.0f} MiB; target <= 5 s",
                )
            )

    if args.large:
        large_corpus(workdir, env, rows)
    else:
        rows.append(("100,000 talks: cold build, memory, disk, search", "n/a", "run with --large"))
    width = max(len(r[0]) for r in rows)
    for name, value, detail in rows:
        print(f"{name:<{width}}  {value:>8}  {detail}")
    print("\nhow it grows:")
    print("\n".join(growth))


if __name__ == "__main__":
    main()
