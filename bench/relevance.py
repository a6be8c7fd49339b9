"""How often search answers what people mean: a judged query set, our search against a baseline.

    python3 bench/relevance.py [--misses]

Each on-topic query names what a relevant answer is by its CONTENT (who said it, what kind of
item, a few words any faithful paraphrase of it keeps), never by item id, so the set survives
rewording of data/summit.yaml. For each engine it prints top-1 (the first result is relevant),
top-3, MRR (over the first 10) and how many on-topic queries found nothing; off-topic queries
must find nothing or only partial matches (the "showing items with most of them" fallback).

The engines: `autosummit search` (in process, on the bundled data, every kind), and the
baseline, plain FTS5 with every word required (porter unicode61; recommendations, points,
summaries and quotes; no fallback). The last line is a one-line summary of both.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "summit.yaml"
sys.path.insert(0, str(ROOT / "src"))  # a clean clone runs it without installing


@dataclass(frozen=True)
class R:
    """A relevant answer: said by `speaker` (None: anyone, or a theme), of one of `kinds` (empty:
    any), holding each of `words` (each matched at a word start, any case)."""

    speaker: str | None = None
    kinds: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def holds(self, result: dict[str, object]) -> bool:
        if self.speaker and result.get("speaker_id") != self.speaker:
            return False
        if self.kinds and result.get("kind") not in self.kinds:
            return False
        text = str(result.get("text", ""))
        return all(re.search(rf"(?<!\w){re.escape(w)}", text, re.IGNORECASE) for w in self.words)


THEME = ("theme",)
EV = (
    R(words=("electric vehicle",)),
    R(words=("NEV",)),
    R(words=("new energy",)),
    R(words=("EVs",)),
)
ABROAD = (R(words=("abroad",)), R(words=("overseas",)), R(words=("global",)))
GOING_GLOBAL = (*ABROAD, R(words=("globaliz",)))

# (kind of query, query, relevant answers); no answers: off-topic, must find nothing relevant.
QUERIES: list[tuple[str, str, tuple[R, ...]]] = [
    ("question", "how should chinese carmakers go global?", GOING_GLOBAL),
    ("question", "what are the four core modules", (R("liu-yurui", (), ("four", "modules")),)),
    ("question", "profits of dealers", (R(words=("dealers", "profit")),)),
    ("question", "why are traditional automakers struggling", (R("shen-xiaojie"),)),
    ("question", "what did Deloitte say about AI?", (R("liu-yurui"),)),
    ("question", "how can generative AI be scaled in the auto sector", (R("liu-yurui"),)),
    ("question", "what is the ethical baseline for entrepreneurs", (R(words=("harm",)),)),
    (
        "question",
        "how big is the car industry in the Chinese economy",
        (R("liu-erhai"), R("huang-zhuo"), R(None, THEME, ("economy",))),
    ),
    ("question", "what are the three paradigm shifts", (R(words=("paradigm",)),)),
    ("question", "how can universities help with talent", (R(words=("universit",)),)),
    ("question", "what should industrial software companies do", (R("cheng-hai"),)),
    ("question", "how to avoid homogenized competition when deploying AI", (R("hou-hong"),)),
    (
        "question",
        "how should automotive ecosystems be rebuilt",
        (R("hou-hong"), R(None, THEME, ("ecosystems",))),
    ),
    ("question", "what does new-quality productive forces mean", (R(words=("productive",)),)),
    (
        "question",
        "should carmakers build plants overseas or form joint ventures",
        (R("wu-shaoge"),),
    ),
    ("question", "is going overseas the same as globalization", (R(words=("overseas",)),)),
    (
        "question",
        "what risks do chinese firms face abroad",
        (R("deng-ziliang"), R(None, THEME, ("risk",))),
    ),
    ("question", "move from quantity to quality", (R("guo-xuhao"), R(None, THEME, ("quantity",)))),
    ("question", "where should R&D effort go", (R(words=("R&D",)), R(words=("research",)))),
    ("question", "what is the output value of the auto sector", (R(words=("trillion",)),)),
    ("who", "Deloitte", (R("liu-yurui"),)),
    ("who", "Pera Global", (R("cheng-hai"),)),
    ("who", "Joy Capital", (R("liu-erhai"),)),
    ("who", "Professor Hou", (R("hou-hong"),)),
    ("who", "Deloitte AI", (R("liu-yurui"),)),
    ("who", "EqualOcean", (R("yang-yongping"),)),
    ("who", "vice dean economy", (R("huang-zhuo"),)),
    ("who", "Professor Deng policy risk", (R("deng-ziliang"),)),
    ("who", "Shen Xiaojie supply chain", (R("shen-xiaojie"),)),
    ("synonym", "EV", EV),
    ("synonym", "electric vehicles", EV),
    ("synonym", "new energy vehicles", EV),
    ("synonym", "electric cars", EV),
    ("synonym", "artificial intelligence", (R(words=("AI",)),)),
    ("synonym", "GenAI", (R(words=("generative",)),)),
    ("synonym", "going abroad", GOING_GLOBAL),
    ("synonym", "international expansion", GOING_GLOBAL),
    ("synonym", "research and development", (R(words=("R&D",)),)),
    ("synonym", "price war", (R(words=("price",)), R(words=("homogenized",)))),
    ("synonym", "talent gap", (R(words=("talent",)),)),
    ("synonym", "car makers going abroad", GOING_GLOBAL),
    ("synonym", "automaker profits", (R(words=("profit",)),)),
    ("british", "localisation", (R(words=("locali",)),)),
    (
        "british",
        "organisation restructuring",
        (R("liu-yurui", (), ("restructur",)), R(None, THEME, ("restructur",))),
    ),
    ("british", "homogenised competition", (R("hou-hong"),)),
    ("british", "globalisation strategy", (R(words=("globali",)), R(words=("strateg",)))),
    ("british", "decentralised deployment", (R("liu-yurui"), R(None, THEME, ("decentrali",)))),
    ("british", "prioritise core technologies", (R(words=("core technolog",)),)),
    ("stem", "quality over quantity", (R("guo-xuhao"), R(None, THEME, ("quality",)))),
    ("stem", "qualitative growth", (R("guo-xuhao"), R(None, THEME, ("quality",)))),
    ("stem", "quantity", (R("guo-xuhao"), R(None, THEME, ("quantity",)))),
    ("stem", "strategic positioning", (R(words=("strateg",)),)),
    ("stem", "profitable supply chains", (R(words=("profit",)),)),
    ("stem", "electrify", (R(words=("electrif",)),)),
    ("compound", "multimodal globalization", (R("wu-shaoge"),)),
    ("compound", "multi modal", (R("wu-shaoge"),)),
    ("compound", "homegrown AI", (R(words=("home-grown",)),)),
    ("compound", "crosstechnology", (R("cheng-hai"),)),
    ("compound", "light weight expansion", (R("wu-shaoge"),)),
    ("compound", "high spec low price", (R("wu-shaoge"),)),
    ("scope", "talent shortage", (R(words=("talent", "shortage")),)),
    ("scope", "dominate the global market", (R("yang-yongping"),)),
    ("scope", "largest industry by GDP", (R("liu-erhai"), R(None, THEME, ("GDP",)))),
    ("scope", "digital twins", (R(words=("digital twins",)),)),
    ("scope", "pillar industries headwinds", (R("huang-zhuo"), R(None, THEME, ("pillar",)))),
    ("scope", "cross-human", (R("cheng-hai"),)),
    ("scope", "responsibility and ethics", (R(words=("responsibility",)),)),
    ("off-topic", "Tesla", ()),
    ("off-topic", "battery recycling", ()),
    ("off-topic", "hydrogen fuel cells", ()),
    ("off-topic", "Elon Musk", ()),
    ("off-topic", "lidar sensors", ()),
    ("off-topic", "football world cup", ()),
    ("off-topic", "charging stations", ()),
]


@dataclass(frozen=True)
class Answer:
    results: list[dict[str, object]]
    partial: bool  # only some of the words: the fallback, said so on stderr


Engine = Callable[[str], Answer]


def ours() -> Engine:
    """`autosummit search` in process, as a user runs it (every kind, JSON)."""
    from typer.testing import CliRunner

    from autosummit_cli.cli.app import app

    runner = CliRunner()
    env = {"XDG_CACHE_HOME": tempfile.mkdtemp(prefix="relevance-"), "AUTOSUMMIT_DATA": ""}

    def answer(query: str) -> Answer:
        args = ["--data", str(DATA), "search", "-f", "json", "--limit", "10", "--", query]
        result = runner.invoke(app, args, env=env)
        if result.exit_code not in (0, 1):  # a data or usage error: no figure would be true
            sys.exit(f"relevance: search failed on {query!r}: {result.stderr.strip()[:300]}")
        if result.exit_code != 0:
            return Answer([], False)
        return Answer(json.loads(result.stdout), "no item has every word" in result.stderr)

    return answer


def baseline() -> Engine:
    """Plain FTS5, every word required: what search was without the fallback and vocabulary."""
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, speaker UNINDEXED, text,"
        " tokenize='porter unicode61')"
    )
    for talk in data["talks"]:
        rows = [("summary", talk["summary"])]
        rows += [("point", p["text"]) for p in talk.get("points", [])]
        rows += [("recommendation", r["text"]) for r in talk.get("recommendations", [])]
        rows += [("quote", q) for q in talk.get("quotes", [])]
        connection.executemany(
            "INSERT INTO docs VALUES (?, ?, ?)", [(k, talk["speaker"], t) for k, t in rows]
        )

    def answer(query: str) -> Answer:
        words = re.findall(r"\w+", query.casefold())
        if not words:
            return Answer([], False)
        expression = " AND ".join('"' + w + '"' for w in words)
        found = connection.execute(
            "SELECT kind, speaker, text FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10",
            (expression,),
        )
        return Answer([{"kind": k, "speaker_id": s, "text": t} for k, s, t in found], False)

    return answer


@dataclass
class Score:
    top1: int = 0
    top3: int = 0
    reciprocal: float = 0.0
    zero: int = 0
    on_topic: int = 0
    quiet: int = 0  # off-topic queries answered with nothing (or only partial matches)
    off_topic: int = 0

    def line(self) -> str:
        n = self.on_topic or 1
        return (
            f"top-1 {self.top1 / n:.2f}  top-3 {self.top3 / n:.2f}  MRR {self.reciprocal / n:.2f}"
            f"  zero-result {self.zero}/{self.on_topic}"
            f"  off-topic quiet {self.quiet}/{self.off_topic}"
        )


def judge(engine: Engine, queries: Sequence[tuple[str, str, tuple[R, ...]]], misses: bool) -> Score:
    score = Score()
    for kind, query, relevant in queries:
        answer = engine(query)
        if not relevant:
            score.off_topic += 1
            score.quiet += not answer.results or answer.partial
            if misses and answer.results and not answer.partial:
                print(f"  loud  [{kind}] {query!r}: {answer.results[0]['text']}")
            continue
        score.on_topic += 1
        ranks = [
            n for n, r in enumerate(answer.results[:10], 1) if any(x.holds(r) for x in relevant)
        ]
        score.zero += not answer.results
        score.top1 += bool(ranks) and ranks[0] == 1
        score.top3 += bool(ranks) and ranks[0] <= 3
        score.reciprocal += 1 / ranks[0] if ranks else 0.0
        if misses and (not ranks or ranks[0] > 1):
            first = answer.results[0]["text"] if answer.results else "(nothing)"
            print(f"  miss  [{kind}] {query!r}: rank {ranks[0] if ranks else '-'}; first: {first}")
    return score


def reexec_with_autosummit_python() -> None:
    """Without the package's dependencies here, run again under the Python that the installed
    `autosummit` script uses."""
    script = shutil.which("autosummit")
    if script:
        first = Path(script).read_text(encoding="utf-8", errors="replace").splitlines()[:1]
        interpreter = first[0][2:].strip() if first and first[0].startswith("#!") else ""
        if interpreter and Path(interpreter).exists() and interpreter != sys.executable:
            os.execv(interpreter, [interpreter, __file__, *sys.argv[1:]])
    sys.exit("relevance: autosummit's dependencies are missing; run: python -m pip install -e .")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the queries each engine misses")
    parser.add_argument("--data", type=Path, help="another summit file (default: the bundled one)")
    args = parser.parse_args()
    if args.data:
        global DATA
        DATA = args.data.resolve()
    try:
        engines = {"search": ours(), "baseline": baseline()}
    except ImportError:
        reexec_with_autosummit_python()
        return
    on_topic = sum(1 for _, _, r in QUERIES if r)
    off_topic = len(QUERIES) - on_topic
    print(f"{len(QUERIES)} queries ({on_topic} on-topic, {off_topic} off-topic) on {DATA.name}")
    lines = {}
    for name, engine in engines.items():
        if args.misses:
            print(f"{name}:")
        lines[name] = judge(engine, QUERIES, args.misses).line()
        print(f"{name:>9}  {lines[name]}")
    print(f"relevance: search {lines['search']} | baseline {lines['baseline']}")


if __name__ == "__main__":
    main()
