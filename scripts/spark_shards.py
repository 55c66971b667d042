#!/usr/bin/env python3
"""Drive `sitrep code` from Apache Spark (local mode) over a sharded corpus and
check that the records equal those of `sitrep ingest` + `sitrep export`.

    python3 scripts/spark_shards.py --sitrep target/release/sitrep --corpus corpus.jsonl [--partitions 4]

Spark splits the JSON Lines corpus into partitions and pipes each one through
`sitrep code` (`RDD.pipe`), the way a cluster would run it over many
machines. The same corpus is ingested into a store and exported. Document
records are compared without `path` (a shard reads standard input); actor
records are deduplicated (each shard lists the actors it used). Exits 1 with
the first differences when the two sides disagree.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile


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
    try:
        lines = spark.sparkContext.textFile(corpus, minPartitions=args.partitions)
        shards = lines.getNumPartitions()
        out = lines.pipe(f"{sitrep} code").collect()
    finally:
        spark.stop()
    spark_records = canonical(json.loads(l) for l in out if l.strip())

    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "store.db")
        subprocess.run([sitrep, "ingest", "--quiet", "--db", db, corpus], check=True)
        exported = subprocess.run([sitrep, "export", "--db", db], check=True, capture_output=True, text=True).stdout
    store_records = canonical(json.loads(l) for l in exported.splitlines() if l.strip())

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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
