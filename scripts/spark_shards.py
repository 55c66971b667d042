#!/usr/bin/env python3
"""Drive `sitrep code` from Apache Spark (local mode) over a sharded corpus and
check that the records equal those of `sitrep ingest` + `sitrep export`.

    python3 scripts/spark_shards.py --sitrep target/release/sitrep --corpus corpus.jsonl [--partitions 4]

Spark splits the JSON Lines corpus into partitions and pipes each one through
`sitrep code` (`RDD.pipe`), the way a cluster would run it over many
machines. The same corpus is ingested into a store and exported. Document
records are compared without `path` (a shard reads standard input); actor
records are deduplicated (each shard lists the actors it used).

Then each partition runs `sitrep code --parquet-out TREE --part N` (one
shard's files, part-N.parquet, in a shared Hive-partitioned tree), and Spark
reads every table of the tree with `spark.read.parquet`, discovering the
outlet/year/month partitions: the ids of each kind must be those of the
export, each once (actors once per shard that used them), and each document
must sit in the partition of its outlet and publication month.

Exits 1 with the first differences when the two sides disagree.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

KINDS = {"document": "documents", "event": "events", "relation": "relations", "statement": "statements", "actor": "actors"}


def canonical(records):
    by_kind = {}
    for r in records:
        if r.get("kind") == "document":
            r.pop("path", None)
        by_kind.setdefault(r.get("kind"), set()).add(json.dumps(r, sort_keys=True, ensure_ascii=False))
    return by_kind


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sitrep", required=True, help="path to the sitrep binary")
    ap.add_argument("--corpus", required=True, help="a JSON Lines corpus")
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    sitrep = os.path.abspath(args.sitrep)
    corpus = os.path.abspath(args.corpus)

    from pyspark.sql import SparkSession  # imported late so --help works without Spark

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("sitrep-shards")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory() as work:
        try:
            lines = spark.sparkContext.textFile(corpus, minPartitions=args.partitions)
            shards = lines.getNumPartitions()
            out = lines.pipe(f"{sitrep} code").collect()
            tree = os.path.join(work, "tree")
            # Exit status 1 means some input lines were rejected (as the store rejects them too).
            failures = [r for r in lines.mapPartitionsWithIndex(parquet_shard(sitrep, tree)).collect() if r[1] > 1]
            tables = {} if failures else read_tree(spark, tree)
        finally:
            spark.stop()

        db = os.path.join(work, "store.db")
        subprocess.run([sitrep, "ingest", "--quiet", "--db", db, corpus], check=True)
        exported = subprocess.run([sitrep, "export", "--db", db], check=True, capture_output=True, text=True).stdout
    spark_records = canonical(json.loads(l) for l in out if l.strip())
    store_list = [json.loads(l) for l in exported.splitlines() if l.strip()]
    store_records = canonical(json.loads(l) for l in exported.splitlines() if l.strip())  # pops document paths

    ok = True
    for kind in sorted(set(spark_records) | set(store_records), key=str):
        a, b = spark_records.get(kind, set()), store_records.get(kind, set())
        print(f"{kind}: spark {len(a)}, store {len(b)}, differing {len(a ^ b)}")
        if a != b:
            ok = False
            for r in sorted(a - b)[:3]:
                print(f"  only from spark: {r[:300]}")
            for r in sorted(b - a)[:3]:
                print(f"  only in the store: {r[:300]}")
    print(f"{shards} shards: {'records equal' if ok else 'RECORDS DIFFER'}")

    for index, code, err in failures:
        print(f"parquet shard {index}: sitrep code exited {code}: {err}")
    parquet_ok = not failures and check_tree(tables, store_list, shards)
    print(f"{shards} shards to Parquet: {'tables equal' if parquet_ok else 'TABLES DIFFER'}")
    return 0 if ok and parquet_ok else 1


def parquet_shard(sitrep, tree):
    """A Spark partition function: its lines through `sitrep code --parquet-out`."""

    def run(index, lines):
        import subprocess
        import tempfile

        with tempfile.TemporaryFile() as err:
            cmd = [sitrep, "code", "--parquet-out", tree, "--part", str(index)]
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err)
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
            code = proc.wait()
            err.seek(0)
            yield (index, code, err.read().decode("utf-8", "replace")[-2000:])

    return run


def read_tree(spark, tree):
    """Each table of the tree as Spark reads it: kind -> list of Rows."""
    tables = {}
    for kind, table in KINDS.items():
        path = os.path.join(tree, table)
        if not any(name.endswith(".parquet") for _, _, names in os.walk(path) for name in names):
            tables[kind] = []
            continue
        df = spark.read.parquet(path)
        columns = ["id", "outlet", "year", "month"] if kind == "document" else ["id"]
        tables[kind] = df.select(*columns).collect()
    return tables


def partition_of(doc):
    """(outlet, year, month) a document's records are partitioned by; None when unknown."""
    outlet = (doc.get("outlet") or "").strip() or None
    published = doc.get("published") or ""
    year = int(published[:4]) if len(published) >= 4 and published[:4].isdigit() else None
    month = int(published[5:7]) if year and len(published) >= 7 and published[5:7].isdigit() else None
    return (outlet, year, month)


def check_tree(tables, store_list, shards):
    ok = True
    for kind in KINDS:
        want = sorted(r["id"] for r in store_list if r.get("kind") == kind)
        got = sorted(row["id"] for row in tables.get(kind, []))
        if kind == "actor":
            # Each shard lists the actors it used: every id at least once, at most once a shard.
            counts = {i: got.count(i) for i in set(got)}
            same = sorted(counts) == want and all(n <= shards for n in counts.values())
            print(f"{KINDS[kind]}: parquet {len(got)} rows, {len(counts)} distinct ids, store {len(want)}")
        else:
            same = got == want
            print(f"{KINDS[kind]}: parquet {len(got)} rows, store {len(want)}, ids {'equal' if same else 'DIFFER'}")
        if not same:
            ok = False
            print(f"  only in parquet: {sorted(set(got) - set(want))[:5]}")
            print(f"  only in the store: {sorted(set(want) - set(got))[:5]}")
            if kind != "actor" and len(set(got)) != len(got):
                print("  some ids are in the tree more than once")
    # Spark reads the partition values back from the directory names.
    want = {r["id"]: partition_of(r) for r in store_list if r.get("kind") == "document"}
    wrong = [
        (row["id"], (row["outlet"], row["year"], row["month"]), want.get(row["id"]))
        for row in tables.get("document", [])
        if want.get(row["id"]) != (row["outlet"], row["year"], row["month"])
    ]
    print(f"documents: {len(want) - len(wrong)} of {len(want)} in the partition of their outlet and month")
    for w in wrong[:3]:
        print(f"  {w[0]}: partition {w[1]}, expected {w[2]}")
    return ok and not wrong


if __name__ == "__main__":
    sys.exit(main())
