"""``raqm daily``: dedupe, idempotent reruns, new/open/resolved, --as-of, crashes, locking, GX gate, Dask, replay."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import warnings
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from conftest import ROOT, shared_path
from typer.testing import CliRunner

from checker import daily
from checker.cli import app
from checker.daily import ContractFailure, Options, classify, content_hash, run_daily
from checker.store import Store, day_report

DAYS = ("2015-08-01", "2015-08-02", "2015-08-03")


def _cluster_inboxes(root: Path) -> list[Path]:
    """The 50 cluster articles as three daily JSONL feeds (by publication date); day 2 repeats one of day 1."""
    folder = shared_path("corpus", "clusters")
    rows = [json.loads(line) for line in (folder.parent / "clusters-manifest.jsonl").read_text("utf-8").splitlines()]
    rows.sort(key=lambda r: (r["published_at"], r["doc"]))
    buckets: list[list[dict]] = [[], [], []]
    for r in rows:
        k = 0 if r["published_at"] < "2015-07-27" else 1 if r["published_at"] < "2015-08-05" else 2
        buckets[k].append({**r, "text": (folder / r["doc"]).read_text(encoding="utf-8")})
    buckets[1].append({**buckets[0][0], "doc": "copy-from-another-feed.txt", "outlet": "feed2"})
    inboxes = []
    for day, bucket in zip(DAYS, buckets, strict=True):
        (root / day).mkdir(parents=True)
        (root / day / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in bucket),
                                               encoding="utf-8")
        inboxes.append(root / day)
    return inboxes


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    """A store after the three cluster days, with each day's summary and finding rows as first reported."""
    root = tmp_path_factory.mktemp("daily")
    inboxes = _cluster_inboxes(root / "inbox")
    store = Store(root / "store")
    seen = {}
    for day, inbox in zip(DAYS, inboxes, strict=True):
        summary = run_daily([inbox], store, day, options=Options(workers=1))
        seen[day] = (summary, day_report(store, day)[1])
    return store, inboxes, seen


def _fingerprints(rows: list[dict]) -> list[tuple[str, str]]:
    return sorted((r["fingerprint"], r["status"]) for r in rows)


def test_every_article_is_stored_once(replayed):
    store, _, seen = replayed
    articles = store.records("article")
    assert articles["article_id"].n_unique() == articles.height == 50
    assert seen["2015-08-02"][0]["articles_seen"] == seen["2015-08-02"][0]["articles_new"] + 1
    claims = store.records("claim")
    assert claims["claim_id"].n_unique() == claims.height > 0
    assert set(claims["article_id"]) <= set(articles["article_id"])


def test_findings_carry_over_as_open(replayed):
    _, _, seen = replayed
    first, second = seen["2015-08-01"], seen["2015-08-02"]
    assert first[0]["findings"]["new"] > 0 and first[0]["previous_date"] is None
    assert second[0]["previous_date"] == "2015-08-01"
    carried = {r["fingerprint"] for r in second[1] if r["status"] in ("open", "resolved")}
    assert carried == {r["fingerprint"] for r in first[1] if r["status"] == "new"}
    assert second[0]["findings"]["open"] + second[0]["findings"]["resolved"] == first[0]["findings"]["new"]
    assert all(r["evidence"] for r in second[1] if r["status"] != "expired")


def test_rerunning_a_day_is_a_no_op(replayed):
    store, inboxes, seen = replayed
    version = store.version()
    again = run_daily([inboxes[-1]], store, DAYS[-1], options=Options(workers=1))
    assert again == seen[DAYS[-1]][0]
    assert store.version() == version


def test_as_of_reproduces_an_earlier_day(replayed):
    store, _, seen = replayed
    for day in DAYS:
        summary, rows = day_report(store, day)
        assert summary == seen[day][0]
        assert _fingerprints(rows) == _fingerprints(seen[day][1])


def test_a_rerun_with_more_articles_replaces_the_day_and_as_of_still_sees_the_first(replayed, tmp_path):
    store, inboxes, seen = replayed
    copy = Store(tmp_path / "store")
    shutil.copytree(store.path, copy.path)
    extra = tmp_path / "late"
    extra.mkdir()
    lines = (inboxes[0] / "feed.jsonl").read_text("utf-8").splitlines()
    late = {**json.loads(lines[1]), "doc": "late.txt", "text": "قتل 7 أشخاص وأصيب 12 في حادث سير على طريق الرياض"}
    (extra / "late.jsonl").write_text(json.dumps(late, ensure_ascii=False) + "\n", encoding="utf-8")
    before = copy.version()
    summary = run_daily([inboxes[-1], extra], copy, DAYS[-1], options=Options(workers=1))
    assert summary["articles_new"] == seen[DAYS[-1]][0]["articles_new"] + 1
    assert summary["store_version"] == before + 1
    assert copy.records("article").height == 51
    old = copy.records("article", version=before, days=[DAYS[-1]])
    assert old.height == seen[DAYS[-1]][0]["articles_new"]


def test_classify_new_open_resolved_expired():
    prev = [
        {"fingerprint": "kept", "first_seen": "2015-08-01", "last_day": "2015-08-01", "doc_ids": ["a", "b"]},
        {"fingerprint": "gone", "first_seen": "2015-08-01", "last_day": "2015-08-01", "doc_ids": ["a", "c"]},
        {"fingerprint": "elsewhere", "first_seen": "2015-08-01", "last_day": "2015-08-01", "doc_ids": ["x", "y"]},
        {"fingerprint": "old", "first_seen": "2015-07-01", "last_day": "2015-07-02", "doc_ids": ["o", "p"]},
    ]
    prev = [{**p, "rule": "r", "severity": "error", "message": "m", "quantity": "q", "story": "s"} for p in prev]

    def finding(fp: str, docs: list[str]) -> dict:
        return {"fingerprint": fp, "rule": "r", "severity": "error", "message": "m", "quantity": "q", "story": "S1",
                "claims": [{"doc_id": d} for d in docs]}

    found = [finding("kept", ["a", "b"]), finding("fresh", ["a", "n"]), finding("old-only", ["a", "c2"])]
    day_of = {"a": "2015-08-01", "b": "2015-08-01", "c": "2015-08-01", "c2": "2015-08-01", "n": "2015-08-10"}
    rows, counts = classify(found, prev, {"n"}, day_of, "2015-08-10", 14)
    status = {r["fingerprint"]: r["status"] for r in rows}
    assert status == {"kept": "open", "gone": "resolved", "elsewhere": "open", "old": "expired", "fresh": "new"}
    assert counts == {"new": 1, "open": 2, "resolved": 1, "expired": 1}


def test_content_hash_ignores_layout_but_not_words():
    from checker.article import Article

    a = Article(doc_id="a", text="قتل 33  جنديا\n", outlet="x", title="عنوان")
    b = Article(doc_id="b", text="قتل 33 جنديا", outlet="y", title=" عنوان ")
    c = Article(doc_id="a", text="قتل 36 جنديا", outlet="x", title="عنوان")
    assert content_hash(a) == content_hash(b) != content_hash(c)


def test_a_failing_contract_commits_nothing(replayed, tmp_path, monkeypatch):
    _, inboxes, _ = replayed

    class Failing(daily.Validation):
        def failures(self):
            return [f"value is null only for vague quantities (1 row: {self.claims['claim_id'][0]})"]

    monkeypatch.setattr(daily, "start_validation", Failing)
    fresh = Store(tmp_path / "store")
    with pytest.raises(ContractFailure, match="not committed"):
        run_daily([inboxes[0]], fresh, DAYS[0], options=Options(workers=1))
    assert not fresh.exists()
    result = CliRunner().invoke(app, ["daily", "--store", str(fresh.path), "--inbox", str(inboxes[0]),
                                      "--date", DAYS[0], "--no-progress"])
    assert result.exit_code == 1
    assert "fail the claims contract" in result.stderr and "1 row: " in result.stderr
    assert not fresh.exists()


def test_cli_json_and_store_stats(replayed, tmp_path):
    store, inboxes, seen = replayed
    runner = CliRunner()
    out = runner.invoke(app, ["daily", "--store", str(store.path), "--inbox", str(inboxes[-1]), "--date", DAYS[-1],
                              "--format", "json", "--no-progress"])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout)
    assert summary == seen[DAYS[-1]][0]
    assert set(summary) >= {"date", "articles_seen", "articles_new", "claims_new", "findings", "store_version"}
    assert set(summary["findings"]) >= {"new", "open", "resolved"}
    stats = runner.invoke(app, ["store", "stats", "--store", str(store.path), "--format", "json"])
    figures = json.loads(stats.stdout)
    assert figures["articles"] == 50 and figures["versions"] == store.version() + 1 and figures["claims"] > 0
    text = runner.invoke(app, ["daily", "--store", str(store.path), "--as-of", DAYS[0], "--html", str(tmp_path)])
    assert text.exit_code == 0 and "(first run)" in text.stdout
    assert (tmp_path / f"raqm-daily-{DAYS[0]}.html").read_text("utf-8").startswith("<!")


@pytest.mark.parametrize("args, message", [
    (["--inbox", "nowhere", "--date", "2015-08-01"], "nowhere: no such file or directory"),
    (["--inbox", ".", "--date", "1 August"], "--date 1 August: not a date"),
    (["--as-of", "2015-08-01"], "no store here"),
    ([], "--inbox DIR is required"),
])
def test_bad_input_is_a_one_line_error(tmp_path, args, message):
    result = CliRunner().invoke(app, ["daily", "--store", str(tmp_path / "s"), *args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_broken_article_is_skipped_and_the_day_still_committed(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "seeds", inbox)
    (inbox / "broken.txt").write_bytes(b"\x00\x01binary\xff")
    result = CliRunner().invoke(app, ["daily", "--store", str(tmp_path / "s"), "--inbox", str(inbox),
                                      "--date", "2020-03-01", "--format", "json", "--no-progress"])
    assert result.exit_code == 2
    assert "broken.txt" in result.stderr
    assert json.loads(result.stdout)["articles_new"] == 5


def _raqm(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from checker.cli import main; sys.argv = ['raqm', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "CI": "1", **(env or {})}, cwd=ROOT, timeout=300)


def test_a_second_run_waits_or_stops(replayed, tmp_path):
    store, inboxes, _ = replayed
    with Store(store.path).lock():
        busy = _raqm("daily", "--store", str(store.path), "--inbox", str(inboxes[-1]), "--date", DAYS[-1],
                     "--no-wait")
    assert busy.returncode == 2
    assert "another raqm run is writing this store" in busy.stderr


@pytest.fixture(scope="module")
def first_day(replayed, tmp_path_factory):
    """A store holding only the first cluster day (time travel would do too; a copy is simpler)."""
    _, inboxes, _ = replayed
    store = Store(tmp_path_factory.mktemp("first") / "store")
    run_daily([inboxes[0]], store, DAYS[0], options=Options(workers=1))
    return store


@pytest.mark.parametrize("point", ["extracting", "before_commit", "store:before_write", "after_commit"])
def test_sigkill_loses_nothing_and_duplicates_nothing(replayed, first_day, tmp_path, point):
    """Kill `raqm daily` (SIGKILL) at a point of its second day; the store keeps all of that day or none of it."""
    _, inboxes, seen = replayed
    killed = Store(tmp_path / "store")
    shutil.copytree(first_day.path, killed.path)
    args = ["daily", "--store", str(killed.path), "--format", "json", "--workers", "1", "--inbox", str(inboxes[1]),
            "--date", DAYS[1]]
    crash = _raqm(*args, env={"RAQM_CRASH_AT": point})
    assert crash.returncode == -signal.SIGKILL, crash.stderr
    assert (killed.run_of(DAYS[1]) is not None) == (point == "after_commit")
    articles = killed.records("article")
    assert articles["article_id"].is_unique().all()
    assert articles.height == seen[DAYS[0]][0]["articles_new"] + (point == "after_commit") * seen[DAYS[1]][0][
        "articles_new"]
    done = _raqm(*args)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == seen[DAYS[1]][0]
    assert killed.records("article").height == sum(seen[d][0]["articles_new"] for d in DAYS[:2])
    assert _fingerprints(day_report(killed, DAYS[1])[1]) == _fingerprints(seen[DAYS[1]][1])


def test_dask_engine_matches_the_local_pool(replayed):
    distributed = pytest.importorskip("distributed")
    _, inboxes, _ = replayed
    from checker.api import read

    articles = read([inboxes[2]])
    local = daily.extract(articles, Options(workers=1), daily.Progress())
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        remote = daily.extract(articles, Options(engine="dask", scheduler=cluster.scheduler_address),
                               daily.Progress())
    assert remote.height == local.height > 0
    assert remote.equals(local)


def _split(corpus: Path, out: Path, every: int) -> list[Path]:
    days: dict[str, list[str]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every == 0:
                days.setdefault(json.loads(line)["published_at"][:10], []).append(line)
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    inboxes = []
    for k in range((last - first).days + 1):
        day = (first + timedelta(days=k)).isoformat()
        (out / day).mkdir(parents=True)
        (out / day / "feed.jsonl").write_text("".join(days.get(day, [])), encoding="utf-8")
        inboxes.append(out / day)
    return inboxes


EVERY = 20  # the replay test reads every 20th article (about 1,550); benchmarks/daily.py replays all of them


def test_replay_of_the_corpus_as_22_daily_inboxes(tmp_path):
    """Every distinct article is stored once; the last day reruns as a no-op; --as-of gives an earlier day back."""
    corpus = shared_path("corpus", "saudinewsnet.jsonl.gz")
    from checker.api import read

    inboxes = _split(corpus, tmp_path / "inbox", EVERY)
    assert len(inboxes) == 22
    store = Store(tmp_path / "store")
    reports = {}
    for inbox in inboxes:
        try:
            summary = run_daily([inbox], store, inbox.name, options=Options(), on_skip=lambda _s: None)
        except ContractFailure as exc:  # an extraction bug, not the store's: record it, keep replaying
            warnings.warn(f"{inbox.name}: {exc}", stacklevel=1)
            summary = run_daily([inbox], store, inbox.name, options=Options(), on_skip=lambda _s: None,
                                validate=False)
        reports[inbox.name] = (summary, _fingerprints(day_report(store, inbox.name)[1]))
    distinct = {content_hash(a) for inbox in inboxes for a in read([inbox])}
    articles = store.records("article", columns=["article_id"])
    assert articles.height == len(distinct) and articles["article_id"].is_unique().all()
    assert store.stats()["days"] == 22
    version = store.version()
    last = inboxes[-1]
    assert run_daily([last], store, last.name, on_skip=lambda _s: None) == reports[last.name][0]
    assert store.version() == version
    for day in ("2015-07-26", "2015-08-04"):
        summary, rows = day_report(store, day)
        assert (summary, _fingerprints(rows)) == reports[day]
    assert pl.Series([r[0]["articles_new"] for r in reports.values()]).sum() == len(distinct)
