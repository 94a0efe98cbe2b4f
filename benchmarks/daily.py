"""Replay a news archive day by day through ``raqm daily`` and measure each day's time and memory.

    python benchmarks/daily.py [--corpus PATH] [--every N] [--workers 1,2] [--days N] [--json FILE]

The corpus (default ``../shared/corpus/saudinewsnet.jsonl.gz``) is split by ``published_at``
into one inbox per calendar day from its first day to its last (22 for SaudiNewsNet; days
without articles get an empty inbox); ``--every N`` keeps every N-th article. Each day then
runs in a fresh process, as a daily job would, into one store per worker count. Reported
per day: articles read and new, claims, findings (new, open, resolved), the run's time
inside the process (``run``: reading the inbox to the commit, imports excluded) and by stage,
the whole process's time (``process``: interpreter start, imports and great-expectations
included) and its peak memory (the main process and the largest extraction worker).
The replay's totals are checked: every distinct article stored once, and a second run of
the last day changes nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def split_by_day(corpus: Path, out: Path, every: int = 1) -> list[Path]:
    """Write one ``DAY/feed.jsonl`` inbox per calendar day of ``corpus`` (by ``published_at``); return them in order."""
    days: dict[str, list[str]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") if corpus.suffix == ".gz" else corpus.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every == 0 and line.strip():
                days.setdefault(json.loads(line)["published_at"][:10], []).append(line)
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    inboxes = []
    for k in range((last - first).days + 1):
        day = (first + timedelta(days=k)).isoformat()
        folder = out / day
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "feed.jsonl").write_text("".join(days.get(day, [])), encoding="utf-8")
        inboxes.append(folder)
    return inboxes


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def one_day(inbox: str, store: str, day: str, workers: int) -> dict:
    """Run one day in this process and return its figures (what the child process prints)."""
    start = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from checker.daily import ContractFailure, Options, Progress, run_daily
    from checker.store import Store

    imported = time.perf_counter()
    stages: dict[str, float] = {}

    class Clock(Progress):
        def __init__(self) -> None:
            self.name, self.since = "", time.perf_counter()

        def stage(self, name: str, total: int | None = None) -> None:
            now = time.perf_counter()
            if self.name:
                stages[self.name] = round(now - self.since, 3)
            self.name, self.since = name, now

    clock = Clock()
    refused = None
    try:
        summary = run_daily([inbox], Store(store), day, options=Options(workers=workers), progress=clock,
                            on_skip=lambda _s: None)
    except ContractFailure as exc:  # an extraction bug: say so, and replay the day without the gate
        refused = "; ".join(exc.lines)
        clock = Clock()
        summary = run_daily([inbox], Store(store), day, options=Options(workers=workers), progress=clock,
                            on_skip=lambda _s: None, validate=False)
    end = time.perf_counter()
    if clock.name:
        stages[clock.name] = round(end - clock.since, 3)
    return {**summary, "refused": refused, "run": round(end - imported, 3), "imports": round(imported - start, 3),
            "stages": stages,
            "peak_mb": round(_peak_mb(resource.RUSAGE_SELF)),
            "worker_peak_mb": round(_peak_mb(resource.RUSAGE_CHILDREN))}


def _child(inbox: Path, store: Path, workers: int) -> dict:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--one-day", str(inbox), str(store), inbox.name, str(workers)],
                         capture_output=True, text=True, check=False)
    if out.returncode not in (0, 2) or not out.stdout.strip():  # 2: the day ran, some inputs were skipped
        raise SystemExit(f"day {inbox.name} failed:\n{out.stderr}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["process"] = round(time.perf_counter() - started, 3)
    return figures


def replay(inboxes: list[Path], store: Path, workers: int) -> list[dict]:
    """Run every inbox in order into ``store``, one process per day; print and return each day's figures."""
    rows = []
    print(f"\n== {workers} worker(s), store {store}")
    print(f"{'day':<11}{'read':>6}{'new':>6}{'claims':>8}{'new f':>7}{'open':>6}{'res':>5}{'run s':>7}"
          f"{'proc s':>8}{'peak MB':>9}{'worker MB':>10}  stages")
    for inbox in inboxes:
        r = _child(inbox, store, workers)
        f = r["findings"]
        stages = " ".join(f"{k}={v}" for k, v in r["stages"].items())
        print(f"{r['date']:<11}{r['articles_seen']:>6}{r['articles_new']:>6}{r['claims_new']:>8}{f['new']:>7}"
              f"{f['open']:>6}{f['resolved']:>5}{r['run']:>7.2f}{r['process']:>8.2f}{r['peak_mb']:>9}"
              f"{r['worker_peak_mb']:>10}  {stages}", flush=True)
        if r["refused"]:
            print(f"  {r['date']} was refused by the claims contract ({r['refused']}); replayed without it")
        rows.append(r)
    return rows


def main() -> None:
    """Split the corpus, replay it with each worker count, and print the figures and totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--every", type=int, default=1, help="keep every N-th article")
    parser.add_argument("--workers", default="2,1", help="worker counts: the first replays every day, "
                        "the others the first --speedup-days days (for the speed-up)")
    parser.add_argument("--speedup-days", type=int, default=4)
    parser.add_argument("--days", type=int, default=None, help="replay only the first N days")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: no corpus here")
    sys.path.insert(0, str(ROOT))
    from checker.api import iter_read
    from checker.daily import content_hash
    from checker.store import Store

    with tempfile.TemporaryDirectory(prefix="raqm-daily-") as tmp:
        inboxes = split_by_day(args.corpus, Path(tmp) / "inbox", args.every)[: args.days]
        distinct = {content_hash(a) for box in inboxes for a in iter_read([box])}
        results = {}
        for n, workers in enumerate(int(w) for w in args.workers.split(",")):
            store = Path(tmp) / f"store-{workers}"
            days = inboxes if n == 0 else inboxes[: args.speedup_days]
            rows = replay(days, store, workers)
            again = _child(days[-1], store, workers)
            stats = Store(store).stats()
            same = {k: v for k, v in again.items() if k not in ("run", "process", "imports", "stages", "peak_mb",
                                                                  "worker_peak_mb")}
            last = {k: v for k, v in rows[-1].items() if k in same}
            unchanged = stats["versions"] == len(rows)
            busy = [r for r in rows if r["articles_new"] >= 1000]
            typical = sorted(r["run"] for r in busy)[len(busy) // 2] if busy else None
            print(f"totals: {stats['articles']:,} articles stored ({len(distinct):,} distinct in the inboxes), "
                  f"{stats['claims']:,} claims, {stats['findings']:,} findings, {stats['versions']} versions; "
                  f"{len(days)} days in {sum(r['process'] for r in rows):.1f} s "
                  f"({sum(r['run'] for r in rows):.1f} s in runs); "
                  f"median day of 1,000+ articles {typical} s; max peak {max(r['peak_mb'] for r in rows)} MB; "
                  f"rerun of the last day: {'no change' if same == last and unchanged else 'CHANGED'}"
                  f" ({again['run']:.2f} s)")
            if n == 0:
                assert stats["articles"] == len(distinct), "every distinct article should be stored exactly once"
            results[workers] = {"days": rows, "stats": stats, "typical_day_s": typical}
        if len(results) > 1:  # the same first days, with each worker count
            base = min(results)
            for w, r in results.items():
                if w != base:
                    k = min(len(r["days"]), len(results[base]["days"]))
                    t0 = sum(d["run"] for d in results[base]["days"][:k])
                    t1 = sum(d["run"] for d in r["days"][:k])
                    e0 = sum(d["stages"].get("extracting", 0) for d in results[base]["days"][:k])
                    e1 = sum(d["stages"].get("extracting", 0) for d in r["days"][:k])
                    print(f"speed-up {base} -> {w} workers over the first {k} days: runs {t0 / t1:.2f}x "
                          f"({t0:.1f} s -> {t1:.1f} s), extraction {e0 / e1:.2f}x ({e0:.1f} s -> {e1:.1f} s)")
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--one-day":
        print(json.dumps(one_day(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))))
    else:
        main()
