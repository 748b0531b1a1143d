"""The Spark engine in local mode gives the same events as the local engine."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from sidelines.config import Settings
from sidelines.engines.load import load
from sidelines.store import Store
from tests.engines.conftest import events_of

pytestmark = pytest.mark.spark


def _java() -> str | None:
    java = shutil.which("java", path=os.path.join(os.environ.get("JAVA_HOME", ""), "bin") + os.pathsep +
                        os.environ.get("PATH", ""))
    if java is None:
        return None
    done = subprocess.run([java, "-version"], check=False, capture_output=True, text=True, timeout=60)
    return java if done.returncode == 0 else None


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed")
    if _java() is None:
        pytest.skip("Java is not installed (Spark needs Java 17 or later)")
    from sidelines.engines.spark import session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = session("local[2]", app="sidelines-test")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def test_spark_and_the_local_engine_give_the_same_events(spark, engine_input, local_db, analyser, tmp_path):
    from sidelines.engines.spark import run

    local, local_summary = local_db
    out = tmp_path / "parquet"
    summary = run(spark, [engine_input], out, Settings(), partitions=2)
    assert (summary.read, summary.duplicates, summary.failed, summary.stored) == \
           (local_summary.read, local_summary.duplicates, local_summary.failed, local_summary.stored)
    for table in ("articles", "mentions", "reports", "quotes", "verbal", "failures"):
        assert any(p.suffix == ".parquet" for p in (out / table).iterdir()), table

    db = tmp_path / "spark.duckdb"
    with Store.open(db) as store:
        loaded = load(out, store, analyser.events)
        assert loaded.stored == local_summary.stored and loaded.failed == 1
        counts = store.counts()
        again = load(out, store, analyser.events)  # loading twice changes nothing
        assert again.stored == 0 and again.duplicates == loaded.stored and store.counts() == counts
    with Store.open(local, read_only=True) as store:
        assert store.counts() == counts
    assert events_of(db) == events_of(local)
    assert len(events_of(db)) > 5
