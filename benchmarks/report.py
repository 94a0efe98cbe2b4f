"""Measure the HTML report of a large run: its size and how long Chromium takes to open it.

    python benchmarks/report.py [--corpus PATH] [--limit N] [--workers N] [-o FILE] [--runs N]
    python benchmarks/report.py --seed-screenshot docs/seed-report.png

The corpus (default: ``../shared/corpus/saudinewsnet.jsonl.gz`` next to the project) is
checked as ``raqm report`` does it, the report is rendered and written, then opened in
headless Chromium (``--runs`` times, a fresh page each time). The load time runs from
navigation to the second animation frame after the load event: the page parsed, styled,
laid out and painted. ``--seed-screenshot`` renders the seed articles' report and saves a
screenshot of it instead (the picture linked from the README).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def _browser():
    """The DevTools-pipe driver shared with the browser tests, or None without Chromium."""
    from test_report_browser import Chromium, chromium_binary

    binary = chromium_binary()
    return (lambda **kw: Chromium(binary, **kw)) if binary else None


def seed_screenshot(path: Path) -> None:
    """Render the seed articles' report and save a screenshot of its first screens as PNG."""
    from checker.findings import check
    from checker.report import write_html

    path = path.resolve()
    start = _browser()
    if start is None:
        raise SystemExit("no Chromium found (install the `chromium` package or set $CHROMIUM)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seeds.html"
        os.chdir(ROOT)  # so that the page shows seeds/… paths, as `raqm report seeds/` run here would
        write_html(check(["seeds"]), page, title="تقرير رقم · المقالات الخمس")
        with start(width=1100, height=900) as browser:
            browser.open(page)
            browser.screenshot(path, max_height=2400)
    print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")


def main() -> None:
    """Check the corpus, write its report, and time Chromium opening it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="articles (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: every core)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="keep the report here")
    parser.add_argument("--runs", type=int, default=3, help="page loads to time (default: %(default)s)")
    parser.add_argument("--seed-screenshot", type=Path, default=None, help="only save the seed report's picture")
    args = parser.parse_args()
    if args.seed_screenshot:
        seed_screenshot(args.seed_screenshot)
        return
    if not args.corpus.exists():
        print(f"benchmark skipped: no corpus at {args.corpus} (give one with --corpus PATH)")
        return
    from itertools import islice

    from checker.api import iter_read
    from checker.findings import check_articles
    from checker.report import render_html

    start = time.perf_counter()
    articles = list(islice(iter_read([args.corpus], on_skip=lambda _: None), args.limit))
    result = check_articles(articles, workers=args.workers)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    html = render_html(result)
    rendered = time.perf_counter() - start
    out = args.output or Path(tempfile.mkdtemp(prefix="raqm-report-")) / "report.html"
    out.write_text(html, encoding="utf-8")
    s = result["summary"]
    print(f"corpus: {args.corpus}" + (f" (first {args.limit} articles)" if args.limit else ""))
    print(f"{s['articles']} articles, {s['stories']} stories, {s['claims']} claims, {s['findings']} findings "
          f"({s['error']} errors, {s['warning']} warnings, {s['info']} notes)")
    print(f"check {checked:.1f} s, render {rendered:.2f} s; report {out} : {out.stat().st_size / 1e6:.2f} MB")
    browser = _browser()
    if browser is None:
        print("Chromium load time skipped: no Chromium found (install `chromium` or set $CHROMIUM)")
        return
    for label, kw in (("laptop 1280x900", {}), ("phone 390x844", {"width": 390, "height": 844, "mobile": True})):
        times = []
        with browser(**kw) as page:
            for _ in range(args.runs):
                times.append(page.open(out))
            nodes = page.evaluate("document.getElementsByTagName('*').length")
            requests = [u for u in page.requests() if not u.startswith(("file:", "data:", "about:"))]
        print(f"Chromium, {label}: open {times[0]:.2f} s first, {statistics.median(times):.2f} s median of "
              f"{len(times)}; {nodes} elements; outside requests: {len(requests)}")


if __name__ == "__main__":
    main()
