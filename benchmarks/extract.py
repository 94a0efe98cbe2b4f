"""Measure Raqm's claim extraction, and pyarabic's number-phrase finder on the same texts.

    python benchmarks/extract.py [--corpus PATH] [--limit N] [--workers N]

The corpus is a JSONL(.gz) file of articles (default: ``../shared/corpus/saudinewsnet.jsonl.gz``
next to the project). Each run happens in a fresh process, so that its peak memory is its
own. The runs, all over the same first N articles:

* ``raqm, 1 process``: :func:`checker.api.claims_of` with one process, articles already read;
* ``raqm, K processes``: the same with a pool of K worker processes (default: every core);
* ``raqm, K processes, reading included``: :func:`checker.api.claims_of` fed straight from
  the reader, as ``raqm extract`` does (decompressing and parsing the file count too);
* ``pyarabic``: ``pyarabic.number.extract_number_phrases`` on each text, one process.

MB are millions of bytes of article text in UTF-8. Peak RSS is the largest resident size of
the main process, and of the largest worker for pools. Compiling the grammar (once per
process, before any article) is reported on its own and left out of the timings.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def _peak_mb(who: int) -> float:
    """Peak resident set size in MB (ru_maxrss is in KB on Linux, in bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _read(corpus: str, limit: int | None) -> list:
    from checker.api import iter_read

    return list(islice(iter_read([corpus]), limit))


def _measure(mode: str, corpus: str, limit: int | None, workers: int) -> dict:
    """Run one measurement in this process and return its figures."""
    sys.path.insert(0, str(ROOT))
    result: dict = {"mode": mode}
    if mode == "pyarabic":
        try:
            from pyarabic.number import extract_number_phrases
        except ImportError:
            return {"mode": mode, "skipped": "pyarabic is not installed"}
        texts = [a.text for a in _read(corpus, limit)]
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # some pyarabic number helpers print
            found = sum(len(extract_number_phrases(text)) for text in texts)
        seconds = time.perf_counter() - start
        articles, size = len(texts), sum(len(t.encode("utf-8")) for t in texts)
    else:
        from checker.api import claims_of, iter_read
        from checker.claim_patterns import context

        start = time.perf_counter()
        context()
        result["startup"] = time.perf_counter() - start
        if mode == "stream":
            size = 0
            articles = 0

            def counted():
                nonlocal size, articles
                for article in islice(iter_read([corpus]), limit):
                    size += len(article.text.encode("utf-8"))
                    articles += 1
                    yield article

            start = time.perf_counter()
            found = claims_of(counted(), workers=workers).height
            seconds = time.perf_counter() - start
        else:
            batch = _read(corpus, limit)
            articles, size = len(batch), sum(len(a.text.encode("utf-8")) for a in batch)
            start = time.perf_counter()
            found = claims_of(batch, workers=1 if mode == "single" else workers).height
            seconds = time.perf_counter() - start
    result.update(articles=articles, bytes=size, seconds=seconds, found=found,
                  rss_main=_peak_mb(resource.RUSAGE_SELF), rss_worker=_peak_mb(resource.RUSAGE_CHILDREN))
    return result


def _run(mode: str, args: argparse.Namespace) -> dict:
    """Run one measurement in a fresh Python process."""
    cmd = [sys.executable, __file__, "--corpus", str(args.corpus), "--workers", str(args.workers), "--_measure", mode]
    if args.limit is not None:
        cmd += ["--limit", str(args.limit)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark run {mode!r} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(label: str, r: dict, unit: str) -> str:
    if "skipped" in r:
        return f"{label:<40} skipped: {r['skipped']}"
    mb, s = r["bytes"] / 1e6, r["seconds"]
    rss = f"{r['rss_main']:.0f}" + (f" + {r['rss_worker']:.0f}" if r["rss_worker"] > 1 else "")
    return (f"{label:<40} {r['articles']:>8} {mb:>8.1f} {s:>8.2f} {mb / s:>7.2f} {r['articles'] / s:>8.0f} "
            f"{r['found']:>9} {unit:<8} {rss:>12}")


def main() -> None:
    """Parse the options, run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="JSONL(.gz) articles (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: every core)")
    parser.add_argument("--_measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.workers is None:
        args.workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if args._measure:
        print(json.dumps(_measure(args._measure, str(args.corpus), args.limit, args.workers)))
        return
    if not args.corpus.exists():
        print(f"benchmark skipped: no corpus at {args.corpus} (give one with --corpus PATH)")
        return
    k = args.workers
    print(f"corpus: {args.corpus}" + (f" (first {args.limit} articles)" if args.limit else ""))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {k} worker(s) for the pool runs")
    runs = [
        ("raqm, 1 process", "single", "claims"),
        (f"raqm, {k} processes", "pool", "claims"),
        (f"raqm, {k} processes, reading included", "stream", "claims"),
        ("pyarabic extract_number_phrases", "pyarabic", "phrases"),
    ]
    print(f"{'run':<40} {'articles':>8} {'MB':>8} {'seconds':>8} {'MB/s':>7} {'art/s':>8} {'found':>9} {'':<8} "
          f"{'peak RSS MB':>12}")
    startup = None
    for label, mode, unit in runs:
        r = _run(mode, args)
        startup = r.get("startup", startup)
        print(_row(label, r, unit), flush=True)
    if startup is not None:
        print(f"(compiling Raqm's grammar takes {startup:.2f} s per process, not counted above; "
              "peak RSS: main process + largest worker)")


if __name__ == "__main__":
    main()
