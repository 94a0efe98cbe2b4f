"""The Delta store: one atomic commit per day, time travel, the writer lock, and leftovers of killed writes."""

from __future__ import annotations

import threading
import time

import polars as pl
import pytest

from checker.store import LOCK_NAME, Store, StoreError


def _day(day: str, n: int, tag: str = "a") -> list[pl.DataFrame]:
    articles = pl.DataFrame({"day": [day] * n, "record": ["article"] * n,
                             "article_id": [f"{tag}{day}{i}" for i in range(n)], "text": ["نص"] * n})
    run = pl.DataFrame({"day": [day], "record": ["run"], "articles_new": [n], "findings_new": [0],
                        "findings_open": [0]})
    return [articles, run]


def test_each_day_is_one_version_and_a_rerun_replaces_it(tmp_path):
    store = Store(tmp_path / "s")
    assert store.commit_day("2015-08-01", _day("2015-08-01", 3)) == 0
    assert store.commit_day("2015-08-02", _day("2015-08-02", 2)) == 1
    assert store.commit_day("2015-08-01", _day("2015-08-01", 4, tag="b")) == 2
    articles = store.records("article")
    assert articles.height == 6
    assert articles.filter(pl.col("day") == "2015-08-01")["article_id"].str.starts_with("b").all()
    assert store.runs()["day"].to_list() == ["2015-08-01", "2015-08-02"]
    # time travel: version 1 still has the first content of 2015-08-01
    old = store.records("article", version=1, days=["2015-08-01"])
    assert sorted(old["article_id"]) == [f"a2015-08-01{i}" for i in range(3)]
    assert set(store.records("run")["store_version"]) == {1, 2}
    stats = store.stats()
    assert (stats["articles"], stats["days"], stats["versions"], stats["last_day"]) == (6, 2, 3, "2015-08-02")


def test_the_table_is_plain_delta_readable_by_other_tools(tmp_path):
    from deltalake import DeltaTable

    store = Store(tmp_path / "s")
    store.commit_day("2015-08-01", _day("2015-08-01", 2))
    table = DeltaTable(str(store.path))
    assert table.metadata().partition_columns == ["day", "record"]
    assert table.to_pyarrow_table().num_rows == 3


def test_enum_columns_are_written_as_strings(tmp_path):
    store = Store(tmp_path / "s")
    frame = _day("2015-08-01", 1)[0].with_columns(pl.col("text").cast(pl.Enum(["نص"])))
    store.commit_day("2015-08-01", [frame])
    assert store.records("article")["text"].dtype == pl.String


def test_files_of_a_killed_write_are_never_read(tmp_path):
    """A write killed before its log entry leaves data files that no version references."""
    store = Store(tmp_path / "s")
    store.commit_day("2015-08-01", _day("2015-08-01", 2))
    stray = store.path / "day=2015-08-02" / "record=article"
    stray.mkdir(parents=True)
    _day("2015-08-02", 5)[0].drop("day", "record").write_parquet(stray / "part-00000-killed.parquet")
    assert store.records("article").height == 2
    assert store.commit_day("2015-08-02", _day("2015-08-02", 1)) == 1
    assert store.records("article").height == 3


def test_a_second_writer_stops_with_a_clear_message_or_waits(tmp_path):
    store = Store(tmp_path / "s")
    with store.lock():
        assert (store.path / LOCK_NAME).read_text().strip().isdigit()
        with pytest.raises(StoreError, match=r"another raqm run is writing this store \(pid \d+\)"), \
                Store(store.path).lock(wait=False):
            pass
    messages: list[str] = []
    order: list[str] = []

    def second() -> None:
        with Store(store.path).lock(on_wait=messages.append):
            order.append("second")

    with store.lock():
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first done")
    thread.join(10)
    assert order == ["first done", "second"]
    assert messages and "waiting for another raqm run" in messages[0]


def test_no_store_is_a_one_line_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "nothing").stats()
    assert Store(tmp_path / "nothing").run_of("2015-08-01") is None
