"""Kill an ingest at random points, again and again, then let it finish: the store must be identical to
the one a single uninterrupted run makes.

    .venv/bin/python scripts/kill_check.py            # 6 kills of a 60-article feed (about a minute)
    .venv/bin/python scripts/kill_check.py --kills 10 --articles 120 --seed 7

Each ingest is a real process (the library, with a small store batch) killed with SIGKILL at a random
moment after it opened the store: while the model loads, mid-analysis, or mid-write. The feed is made
up from people of the bundled knowledge base (load only, no facts). Exit status 0 when the stores are
identical (every table, row for row, but the time each article was stored), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CITIES = ("Geneva", "Vienna", "Jakarta", "Nairobi", "Brasilia", "Ankara", "Doha", "Singapore", "Oslo", "Lima")
#: The ingest process: the library with a small store batch, so a kill often lands between batches too.
CHILD = """
import sys
from sidelines.config import Settings
from sidelines.ingest.run import ingest
from sidelines.pipeline import Analyser
from sidelines.store import Store

analyser = Analyser.load(Settings(store_batch=int(sys.argv[3])))
with Store.open(sys.argv[1]) as store:
    print("opened", flush=True)
    summary = ingest([sys.argv[2]], store, analyser)
print("done", summary.stored, summary.failed, flush=True)
"""
#: Columns that differ between two runs by nature: when an article was stored.
VOLATILE = {"ingested_at"}


def write_feed(path: Path, count: int, seed: int) -> Path:
    """``count`` short made-up meeting reports between people the knowledge base knows."""
    from sidelines.knowledge.actors import ActorTable

    people = sorted((a for a in ActorTable.load(()).by_id.values() if a.offices), key=lambda a: a.id)
    pick = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            a, b = pick.sample(people, 2)
            day = date(2024, 1, 1) + timedelta(days=pick.randrange(360))
            city = pick.choice(CITIES)
            text = (f"{a.name} met {b.name} in {city} on {day:%B} {day.day}, {day.year}, officials said. "
                    "The two discussed trade and security and agreed to meet again next year.")
            handle.write(json.dumps({"id": f"kill-{n:03d}", "published": str(day + timedelta(days=1)),
                                     "title": f"Talks in {city}", "text": text}) + "\n")
    return path


def run_ingest(db: Path, feed: Path, batch: int, kill_after: float | None = None) -> str:
    """One ingest process; killed ``kill_after`` seconds after it opened the store (None: let it end)."""
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(feed), str(batch)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    if kill_after is None:
        output, _ = process.communicate(timeout=600)
        return output.strip().splitlines()[-1] if output.strip() else f"exit {process.returncode}"
    opened = process.stdout.readline()  # blocks until the store is open (after the model loaded)
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return f"killed {kill_after:.2f} s after '{opened.strip()}'"


def stored(db: Path) -> int:
    """Articles the store holds (0 when the killed run had not created it yet)."""
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]


def table_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without the volatile columns."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        found = {}
        for table in tables:
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            found[table] = sorted(rows, key=repr)
    return found


def differences(a: Path, b: Path) -> list[str]:
    left, right = table_rows(a), table_rows(b)
    lines = [f"table {t} only in one store" for t in sorted(set(left) ^ set(right))]
    for table in sorted(set(left) & set(right)):
        if left[table] != right[table]:
            lines.append(f"{table}: {len(left[table])} rows against {len(right[table])}, "
                         f"{len(set(map(repr, left[table])) ^ set(map(repr, right[table])))} differ")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--batch", type=int, default=5, help="articles per store batch")
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    pick = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="sidelines-kill-") as folder:
        work = Path(folder)
        feed = write_feed(work / "feed.jsonl", args.articles, args.seed)
        clean, killed = work / "clean.duckdb", work / "killed.duckdb"
        started = time.monotonic()
        print("clean run:", run_ingest(clean, feed, args.batch), flush=True)
        span = max(time.monotonic() - started - 3.0, 1.0)  # the run's time after the model loaded, roughly
        for n in range(args.kills):  # each kill lands early enough that the next run still has work to do
            said = run_ingest(killed, feed, args.batch, pick.uniform(0.0, 2 * span / args.kills))
            print(f"kill {n + 1}: {said}; {stored(killed)} of {args.articles} articles stored", flush=True)
        print("final run:", run_ingest(killed, feed, args.batch), flush=True)
        found = differences(clean, killed)
    for line in found:
        print("DIFFERENT:", line)
    print("identical" if not found else "the stores differ")
    return 0 if not found else 1


if __name__ == "__main__":
    sys.exit(main())
