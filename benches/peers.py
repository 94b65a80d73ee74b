#!/usr/bin/env python3
"""Rate the same call records with `nanp rate`, DuckDB and Polars, side by side.

The peers are not Rust crates, so criterion cannot hold them; this script
runs every contender as a child process, in interleaved rounds, on the
files `examples/make_cdrs.rs` writes, and prints the median wall time, the
peak memory (the child's maximum resident set) and the ratio of each to
`nanp rate` with every core:

    cargo build --release
    cargo run --release --example make_cdrs -- 300000 10000000 /tmp/rating
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install duckdb polars
    /tmp/peers/bin/python benches/peers.py /tmp/rating

Every contender does the same job: read the call records, find each dialed
number's code in the deck, decide the jurisdiction from the caller's and
the destination's NPA (same US state: intrastate; another state or a
Canadian caller: interstate; withheld, toll-free or unknown caller:
indeterminate; destination outside the US: non-domestic), pick the rate
with the same fallbacks, bill in 6/6 increments, cost exactly in decimal,
write every rated record to a CSV file and total calls, billed seconds and
cost per jurisdiction. The totals of every contender must agree with
`nanp rate`'s summary, or the script fails.

The peers are given an easier job, and the figures should be read so: the
deck holds only NPA-NXX codes, so they join on the six digits for
equality where `nanp rate` matches the longest prefix; they need not keep
the records in input order; they write no rejects file; and their cost
is `rate x (billed / 6) / 10`, exact only because the increment is 6/6.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

JURISDICTIONS = ["interstate", "intrastate", "indeterminate", "non-domestic"]

# The jurisdiction and the rate chosen, in SQL; the same rules drive the
# Polars expression below. `a_*` is the caller's NPA, `d_*` the dialed one's.
DUCKDB_QUERY = """
CREATE TEMP TABLE rated AS
WITH
npa AS (
    SELECT * FROM read_csv('{dir}/npa.csv', header = true,
        columns = {{'npa': 'VARCHAR', 'state': 'VARCHAR', 'category': 'VARCHAR'}})
),
deck AS (
    SELECT substr(code, 2) AS code6, inter, intra, indeterminate
    FROM read_csv('{dir}/deck.csv', header = true,
        columns = {{'code': 'VARCHAR', 'inter': 'DECIMAL(18,6)',
                    'intra': 'DECIMAL(18,6)', 'indeterminate': 'DECIMAL(18,6)'}})
),
cdr AS (
    SELECT *,
        CASE WHEN length(ani) = 11 AND ani[1] = '1' THEN ani[2:4] END AS ani_npa,
        CASE WHEN length(dialed) = 11 AND dialed[1] = '1' THEN dialed[2:7] END AS code6,
        CAST(billsec * 1000 AS BIGINT) AS ms
    FROM read_csv('{dir}/cdrs.csv', header = true,
        columns = {{'id': 'VARCHAR', 'start': 'VARCHAR', 'ani': 'VARCHAR',
                    'dialed': 'VARCHAR', 'billsec': 'DECIMAL(18,3)'}})
),
decided AS (
    SELECT cdr.id, cdr.start, cdr.ani, cdr.dialed, cdr.billsec, deck.code6 AS matched_code,
        deck.inter, deck.intra, deck.indeterminate,
        CASE
            WHEN d.category IS DISTINCT FROM 'us-domestic' THEN 'non-domestic'
            WHEN a.category = 'us-domestic' AND a.state = d.state THEN 'intrastate'
            WHEN a.category = 'us-domestic' OR a.category = 'canadian' THEN 'interstate'
            ELSE 'indeterminate'
        END AS jurisdiction,
        CASE WHEN cdr.ms = 0 THEN 0
             WHEN cdr.ms <= 6000 THEN 6
             ELSE 6 + (cdr.ms - 6000 + 5999) // 6000 * 6 END AS billed_seconds
    FROM cdr
    JOIN deck ON deck.code6 = cdr.code6
    LEFT JOIN npa d ON d.npa = substr(cdr.code6, 1, 3)
    LEFT JOIN npa a ON a.npa = cdr.ani_npa
),
priced AS (
    SELECT *,
        CASE jurisdiction
            WHEN 'intrastate' THEN coalesce(intra, inter)
            WHEN 'indeterminate' THEN coalesce(indeterminate, intra, inter)
            ELSE inter END AS rate,
        CASE jurisdiction
            WHEN 'intrastate' THEN CASE WHEN intra IS NULL THEN 'inter' ELSE 'intra' END
            WHEN 'indeterminate' THEN CASE WHEN indeterminate IS NOT NULL THEN 'indeterminate'
                                           WHEN intra IS NOT NULL THEN 'intra' ELSE 'inter' END
            ELSE 'inter' END AS rate_kind
    FROM decided
)
SELECT id, start, ani, dialed, billsec, jurisdiction, matched_code, rate_kind, rate,
    billed_seconds, rate * (billed_seconds // 6) * 0.1 AS cost
FROM priced;
COPY rated TO '{out}' (HEADER);
"""


def run_duckdb(threads, data, out):
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(DUCKDB_QUERY.format(dir=data, out=out))
    rows = con.execute(
        "SELECT jurisdiction, count(*), sum(billed_seconds), sum(cost) FROM rated GROUP BY 1"
    ).fetchall()
    read = con.execute(f"SELECT count(*) FROM read_csv('{data}/cdrs.csv', header = true)")
    return totals(rows, read.fetchone()[0])


def run_polars(data, out):
    import polars as pl

    rate = pl.Decimal(18, 6)
    npa = pl.scan_csv(f"{data}/npa.csv", schema_overrides={"npa": pl.Utf8})
    deck = pl.scan_csv(
        f"{data}/deck.csv",
        schema_overrides={"code": pl.Utf8, "inter": rate, "intra": rate, "indeterminate": rate},
    ).select(pl.col("code").str.slice(1).alias("code6"), "inter", "intra", "indeterminate")
    eleven = lambda c: (pl.col(c).str.len_bytes() == 11) & pl.col(c).str.starts_with("1")
    cdr = pl.scan_csv(
        f"{data}/cdrs.csv",
        schema_overrides={"id": pl.Utf8, "ani": pl.Utf8, "dialed": pl.Utf8, "billsec": pl.Utf8},
    ).with_columns(
        pl.when(eleven("ani")).then(pl.col("ani").str.slice(1, 3)).alias("ani_npa"),
        pl.when(eleven("dialed")).then(pl.col("dialed").str.slice(1, 6)).alias("code6"),
        (pl.col("billsec").cast(pl.Decimal(18, 3)) * 1000).cast(pl.Int64).alias("ms"),
    )
    a = npa.select(pl.col("npa").alias("ani_npa"), pl.col("state").alias("a_state"),
                   pl.col("category").alias("a_cat"))
    d = npa.select(pl.col("npa").alias("d_npa"), pl.col("state").alias("d_state"),
                   pl.col("category").alias("d_cat"))
    us = pl.col("a_cat") == "us-domestic"
    j = (
        pl.when(pl.col("d_cat").fill_null("") != "us-domestic").then(pl.lit("non-domestic"))
        .when(us & (pl.col("a_state") == pl.col("d_state"))).then(pl.lit("intrastate"))
        .when(us | (pl.col("a_cat") == "canadian")).then(pl.lit("interstate"))
        .otherwise(pl.lit("indeterminate"))
    )
    ms = pl.col("ms")
    billed = (
        pl.when(ms == 0).then(0).when(ms <= 6000).then(6)
        .otherwise(6 + (ms - 6000 + 5999) // 6000 * 6)
    )
    jn = pl.col("jurisdiction")
    chosen = (
        pl.when(jn == "intrastate").then(pl.coalesce("intra", "inter"))
        .when(jn == "indeterminate").then(pl.coalesce("indeterminate", "intra", "inter"))
        .otherwise(pl.col("inter"))
    )
    kind = (
        pl.when((jn == "intrastate") & pl.col("intra").is_not_null()).then(pl.lit("intra"))
        .when((jn == "indeterminate") & pl.col("indeterminate").is_not_null())
        .then(pl.lit("indeterminate"))
        .when((jn == "indeterminate") & pl.col("intra").is_not_null()).then(pl.lit("intra"))
        .otherwise(pl.lit("inter"))
    )
    rated = (
        cdr.join(deck, on="code6", how="inner")
        .with_columns(pl.col("code6").str.slice(0, 3).alias("d_npa"))
        .join(d, on="d_npa", how="left")
        .join(a, on="ani_npa", how="left")
        .with_columns(j.alias("jurisdiction"), billed.alias("billed_seconds"))
        .with_columns(chosen.alias("rate"), kind.alias("rate_kind"))
        .with_columns((pl.col("rate").cast(pl.Decimal(38, 7)) * pl.col("billed_seconds") / 60)
                      .alias("cost"))
        .select("id", "start", "ani", "dialed", "billsec", "jurisdiction",
                pl.col("code6").alias("matched_code"), "rate_kind", "rate",
                "billed_seconds", "cost")
        .collect()
    )
    rated.write_csv(out)
    rows = rated.group_by("jurisdiction").agg(
        pl.len(), pl.col("billed_seconds").sum(), pl.col("cost").sum()
    ).rows()
    read = pl.scan_csv(f"{data}/cdrs.csv", schema_overrides={"id": pl.Utf8}).select(pl.len())
    return totals(rows, read.collect().item())


def totals(rows, read):
    by = {j: {"calls": 0, "billed_seconds": 0, "cost": "0"} for j in JURISDICTIONS}
    for name, calls, billed, cost in rows:
        by[name] = {"calls": int(calls), "billed_seconds": int(billed), "cost": str(cost)}
    return {"cdrs_read": int(read), "jurisdictions": by}


def child(argv):
    """One run of one contender, in this process: `child duckdb|polars THREADS DATA OUT`."""
    peer, threads, data, out = argv
    if peer == "duckdb":
        result = run_duckdb(int(threads), data, out)
    else:
        result = run_polars(data, out)
    json.dump(result, sys.stdout)


def measure(cmd, env):
    """Run `cmd`; its wall seconds, peak RSS in MB and standard output.

    `nanp rate` exits 1 when it rejected records (the data has calls to
    codes the deck lacks, on purpose): that is a finished run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed with status {status}")
    return wall, usage.ru_maxrss / 1024, out


def exact(text):
    from decimal import Decimal

    return Decimal(text).normalize()


def agree(ours, theirs, who):
    """The peer's totals must be `nanp rate`'s: same calls, seconds, cost."""
    if theirs["cdrs_read"] != ours["cdrs_read"]:
        sys.exit(f"{who}: read {theirs['cdrs_read']} records, nanp rate {ours['cdrs_read']}")
    for j in JURISDICTIONS:
        a, b = ours["jurisdictions"][j], theirs["jurisdictions"][j]
        same = (a["calls"], a["billed_seconds"], exact(a["cost"])) == (
            b["calls"], b["billed_seconds"], exact(b["cost"]))
        if not same:
            sys.exit(f"{who}: {j} totals {b} differ from nanp rate's {a}")


def main(argv):
    if argv[:1] == ["child"]:
        return child(argv[1:])
    if len(argv) not in (1, 2, 3):
        sys.exit("usage: peers.py DATA_DIR [NANP_BINARY] [ROUNDS]")
    data = os.path.abspath(argv[0])
    nanp = argv[1] if len(argv) > 1 else "target/release/nanp"
    rounds = int(argv[2]) if len(argv) > 2 else 3
    cores = os.cpu_count()
    scratch = tempfile.mkdtemp(prefix="peers-")
    out = os.path.join(scratch, "rated.csv")
    summary = os.path.join(scratch, "summary.json")

    contenders = []
    for threads in sorted({1, cores}):
        contenders.append(("nanp rate", threads, [
            nanp, "rate", f"{data}/cdrs.csv", "--deck", f"{data}/deck.csv",
            "-o", out, "--summary-json", summary, "--jobs", str(threads)], None))
    for threads in sorted({1, cores}):
        contenders.append(("DuckDB", threads, [
            sys.executable, __file__, "child", "duckdb", str(threads), data, out], None))
        env = dict(os.environ, POLARS_MAX_THREADS=str(threads))
        contenders.append(("Polars", threads, [
            sys.executable, __file__, "child", "polars", str(threads), data, out], env))

    walls = {(name, threads): [] for name, threads, *_ in contenders}
    peaks = {(name, threads): 0.0 for name, threads, *_ in contenders}
    ours = None
    for round_ in range(rounds):
        for name, threads, cmd, env in contenders:
            wall, peak, stdout = measure(cmd, env)
            walls[name, threads].append(wall)
            peaks[name, threads] = max(peaks[name, threads], peak)
            who = f"{name}, {threads} thread(s)"
            if name == "nanp rate":
                with open(summary) as f:
                    result = json.load(f)
                ours = ours or result
                agree(ours, result, who)
            else:
                agree(ours, json.loads(stdout), who)
            os.remove(out)
            print(f"round {round_ + 1}: {who}: {wall:.2f} s, {peak:.0f} MB", file=sys.stderr)

    size = os.path.getsize(f"{data}/cdrs.csv") / 1e6
    print(f"{ours['cdrs_read']:,} records ({size:.0f} MB), {cores} cores, "
          f"median of {rounds} interleaved rounds; every total agrees with nanp rate's")
    print()
    best = statistics.median(walls["nanp rate", cores])
    print("| contender | threads | wall | peak RSS | relative to nanp rate, all cores |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, threads, *_ in contenders:
        wall = statistics.median(walls[name, threads])
        peak = peaks[name, threads]
        print(f"| {name} | {threads} | {wall:.2f} s | {peak:.0f} MB | {wall / best:.2f}x |")
    os.remove(summary)
    os.rmdir(scratch)


if __name__ == "__main__":
    main(sys.argv[1:])
