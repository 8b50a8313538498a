"""Replays RevPulse's exported write batches through the official Neo4j Python driver.

Used by `revpulse bench load --python …` to compare the Rust batch writer with the official
driver on the identical workload: same Cypher, same rows, same batch boundaries, one
transaction per batch, sequential. Prints {"seconds": …, "batches": …, "rows": …} as JSON.
"""

import argparse
import json
import sys
import time

import neo4j
from neo4j.time import Date, DateTime


def typed(value):
    """Turns the export's tagged dates back into the driver's temporal types."""
    if isinstance(value, dict):
        if "$date" in value and len(value) == 1:
            return Date.from_iso_format(value["$date"])
        if "$datetime" in value and len(value) == 1:
            return DateTime.from_iso_format(value["$datetime"].replace("Z", "+00:00"))
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--uri", required=True)
    parser.add_argument("--batches", required=True, help="JSONL export from revpulse")
    args = parser.parse_args()

    batches = []
    with open(args.batches, encoding="utf-8") as f:
        for line in f:
            batch = json.loads(line)
            batches.append((batch["cypher"], typed(batch["rows"])))

    rows = sum(len(r) for _, r in batches)
    with neo4j.GraphDatabase.driver(args.uri, auth=("neo4j", "bench")) as driver:
        driver.verify_connectivity()
        with driver.session() as session:
            session.run("RETURN 1").consume()
            started = time.perf_counter()
            for cypher, batch_rows in batches:
                session.execute_write(lambda tx, c=cypher, r=batch_rows: tx.run(c, rows=r).consume())
            seconds = time.perf_counter() - started
    json.dump({"seconds": seconds, "batches": len(batches), "rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
