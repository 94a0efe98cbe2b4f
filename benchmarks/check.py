"""Benchmark `raqm check`: the rule suites on 1M synthetic claims, and the command on real articles.

    python benchmarks/check.py                 # synthetic suites + seeds + whole corpus
    python benchmarks/check.py --skip-corpus   # without the 31k-article run

Prints wall time and peak memory for each part. Targets (issue 3): the suites on 1M claims
in 100k quantities under 2 s; `raqm check` on the whole corpus, extraction included, under
60 s; `raqm check seeds/` under 1.5 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def synthetic_claims(n_claims: int, n_quantities: int, disagree: float, seed: int = 7):
    """A claims table: ``n_claims`` rows over ``n_quantities`` quantities, 5 articles each, 5 quantities a story."""
    import polars as pl

    from checker.schema import CLAIMS_SCHEMA

    rng = random.Random(seed)
    per = n_claims // n_quantities
    units = ["person", "soldier", "vehicle", "house", "dollar"]
    predicates = ["killed", "injured", "destroyed", "arrested", None]
    cols: dict[str, list] = {name: [] for name in CLAIMS_SCHEMA}
    stories: dict[str, str] = {}
    for q in range(n_quantities):
        story = q // 5
        unit, predicate = units[q % 5], predicates[q % 5]
        base = float(rng.randint(2, 5000))
        odd = rng.random() < disagree
        for i in range(per):
            doc = f"s{story}_d{i % 5}.txt"
            stories[doc] = f"S{story}"
            value = base + (3 if odd and i == per - 1 else 0)
            row = {
                "claim_id": f"{q}-{i}", "doc_id": doc, "outlet": f"outlet{i % 5}", "published_at": "2020-02-28",
                "start": 10 * i, "end": 10 * i + 2, "number_text": str(int(value)), "value": value, "low": value,
                "high": value, "qualifier": "exact", "kind": "count", "unit": unit, "unit_text": unit,
                "predicate": predicate, "side": None, "source": None, "sentence": f"قتل {int(value)} شخصا",
                "sentence_start": 10 * i, "in_title": False, "form": "digits", "decimals": 0,
            }
            for name in CLAIMS_SCHEMA:
                cols[name].append(row.get(name))
    return pl.DataFrame(cols, schema=CLAIMS_SCHEMA), stories


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_suites(n_claims: int, n_quantities: int) -> None:
    from checker.findings import run_rules
    from checker.rules import load_suites

    frame, stories = synthetic_claims(n_claims, n_quantities, disagree=0.01)
    suites = load_suites()
    run_rules(frame.head(1000), stories, suites)  # warm up imports and caches
    t0 = time.perf_counter()
    findings = run_rules(frame, stories, suites)
    wall = time.perf_counter() - t0
    print(f"suites: {frame.height:,} claims in {n_quantities:,} quantities -> {len(findings):,} findings "
          f"in {wall:.2f} s (target < 2 s), peak RSS {peak_mb():.0f} MB")


def bench_command(label: str, args: list[str], target: float) -> None:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "checker.cli", "check", *args, "--format", "json", "-o", "/dev/null",
                          "--fail-on", "never"], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    status = "ok" if out.returncode == 0 else f"exit {out.returncode}: {out.stderr.strip()[:200]}"
    print(f"{label}: {wall:.2f} s wall (target < {target:g} s), peak RSS of the run "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB, {status}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--quantities", type=int, default=100_000)
    ap.add_argument("--skip-corpus", action="store_true")
    args = ap.parse_args()
    bench_command("raqm check seeds/", [str(ROOT / "seeds")], 1.5)
    bench_suites(args.claims, args.quantities)
    if not args.skip_corpus:
        if CORPUS.exists():
            bench_command(f"raqm check {CORPUS.name}", [str(CORPUS)], 60)
        else:
            print(f"corpus: {CORPUS} is not here; skipped")


if __name__ == "__main__":
    main()
