#!/usr/bin/env python3
"""Accounts for the CPU of one profiled settlement benchmark run (profile-settlement.sh OUTDIR):
splits the run into phases from the benchmark's time-stamped output, sums every thread's CPU per
phase and process from /proc (threads.txt), and divides the Java threads' share of each process
and phase by what its JFR execution samples were doing (rules below: the first rule matching any
frame of a sample's stack names it). GC, JIT and other JVM threads are counted from /proc.

    load-tests/profiles/summarize.py OUTDIR [JOIN_START_EPOCH_MS]
"""
import collections
import datetime
import re
import subprocess
import sys

CLIENT_RULES = [
    ("hash: SHA-256 of the file", ["sun.security.provider", "DigestInputStream"]),
    ("import pass 1: read + check every line", ["SettlementImport.scan"]),
    ("import pass 2: parse again to stage", [("SettlementImport.stage", "SettlementReader")]),
    ("run: build result writes", ["markSettled", "OrderSettlement"]),
    ("bulk writes: build + bind batches (SettlementWrites: stl_lines when importing, results in the run)",
     ["CassandraSettlementStore.stage", "SettlementWrites", "PartitionWrites", "SimpleStatement", "BatchStatement"]),
    ("run: decode stl_lines rows", ["CassandraSettlementStore.line"]),
    ("run: stl_payments lookup (build + decode)", ["CassandraSettlementStore.ledger",
                                                   "CassandraSettlementStore.payment",
                                                   "SettlementReconciliation.lookup"]),
    ("run: LedgerJoin (merge join with the day scan)", ["LedgerJoin"]),
    ("run: SortedSpill + LineCodec (spill runs, merge)", ["SortedSpill", "LineCodec.write"]),
    ("chunks: encode/decode + deflate/inflate (stl_chunks)", ["LineChunks", "java.util.zip"]),
    ("run: text order comparisons (sort, merge joins: SettledJoin.byCodePoint)", ["SettledJoin.byCodePoint"]),
    ("run: SettledJoin (missing check)", ["SettledJoin", "unsettledOn",
                                          "SettlementReconciliation.missing"]),
    ("run: matching + tallies", ["Matching", "RunTally", "SettlementKpis", "SettlementReconciliation.match"]),
    ("driver: protocol codecs (encode requests, decode rows)", ["com.datastax.oss.protocol",
                                                               "com.datastax.oss.driver.internal.core.type.codec",
                                                               "com.datastax.oss.driver.internal.core.protocol"]),
    ("driver: other (request handling, metadata)", ["com.datastax"]),
    ("netty I/O", ["io.netty"]),
    ("pekko streams / dispatch", ["org.apache.pekko"]),
    ("parse (baseline)", ["SettlementReader"]),
]

NODE_RULES = [
    ("read: multi-key IN, one partition at a time (stl_payments)", ["MultiPartitionPager"]),
    ("read: paged single partition (stl_lines; day scans of the missing check)", ["SinglePartitionPager"]),
    ("commit log", ["org.apache.cassandra.db.commitlog"]),
    ("flush (memtable -> sstable)", ["Flushing", "Memtable$FlushRunnable", "flush", "SSTableWriter",
                                     "BigTableWriter", "BtiTableWriter"]),
    ("compaction", ["org.apache.cassandra.db.compaction"]),
    ("write: apply mutation to memtable", ["Memtable.put", "TrieMemtable.put", "SkipListMemtable.put",
                                           "Keyspace.applyInternal", "Mutation.apply", "CassandraTableWriteHandler"]),
    ("write: coordinate (batch/insert statement, StorageProxy.mutate)", ["BatchStatement", "ModificationStatement",
                                                                        "StorageProxy.mutate",
                                                                        "StorageProxy.performLocally",
                                                                        "UpdateParameters"]),
    ("read: sstable/memtable partition lookup", ["SSTableReader", "BloomFilter", "KeyCache", "PartitionIndex",
                                                 "RowIndexEntry", "BigTableReader", "BtiTableReader",
                                                 "Memtable.rowIterator", "Memtable.getPartition",
                                                 "TrieMemtable", "SkipListMemtable"]),
    ("read: execute + merge + serialize rows", ["ReadCommand", "SinglePartitionReadCommand", "ReadExecutionController",
                                                "UnfilteredSerializer", "ReadResponse", "StorageProxy.read",
                                                "UnfilteredRowIterator", "RowIterator", "ReadCallback"]),
    ("read: coordinate (select statement, paging, result set)", ["SelectStatement", "QueryPager", "ResultSet",
                                                                "PartitionRangeReadCommand"]),
    ("CQL transport (frame decode/encode, query parse)", ["org.apache.cassandra.transport", "QueryProcessor",
                                                         "org.apache.cassandra.cql3"]),
    ("netty", ["io.netty"]),
    ("other cassandra", ["org.apache.cassandra"]),
]

NON_JAVA = re.compile(r"^(GC_Thread|G1_|C1_Compiler|C2_Compiler|VM_|JFR_|Sweeper|Service_Thread|Monitor_Def)")


def epoch_ms(hms):
    t = datetime.datetime.strptime("2026-12-07 " + hms[:12], "%Y-%m-%d %H:%M:%S.%f")
    return int(t.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def phases(outdir, join_start):
    out = [(int(l.split(" ", 1)[0]), l.split(" ", 1)[1]) for l in open(f"{outdir}/bench.out") if l[:1].isdigit()]
    seconds = {}
    for t, text in out:
        for key in ("baseline", "import (check", "reconciliation run ", "seeded", "generated", "CPU seconds"):
            if text.startswith(key):
                m = re.search(r"in\s+([\d.]+) s", text)
                seconds[key] = (t, float(m.group(1)) if m else None)
    base_t, base_s = seconds["baseline"]
    result = [("parse alone (baseline)", base_t - int(base_s * 1000), base_t)]
    if "import (check" in seconds:
        imp_s = seconds["import (check"][1]
        run_s = seconds["reconciliation run "][1]
        end = seconds["CPU seconds"][0]
        run_start = end - int(run_s * 1000)
        result.append(("import", run_start - int(imp_s * 1000), run_start))
        if join_start:
            result.append(("run: lines, lookups, matching, writes", run_start, join_start))
            result.append(("run: missing check (SettledJoin) + figures", join_start, end))
        else:
            result.append(("reconciliation run", run_start, end))
    return result


def thread_cpu(outdir, windows):
    """{(phase, pid, group): cpu seconds}; a thread's delta between samples goes to its later name."""
    last = {}
    cpu = collections.Counter()
    for line in open(f"{outdir}/threads.txt"):
        t, pid, tid, ticks, name = line.split()
        t, ticks = int(t), int(ticks)
        prev = last.get((pid, tid))
        last[(pid, tid)] = (t, ticks)
        if prev is None:
            continue
        for phase, a, b in windows:
            if a <= t <= b + 999:  # samples are 1 s apart: the one after the end still counts
                cpu[(phase, pid, re.sub(r"[-#:]?\d+$", "", name))] += (ticks - prev[1]) / 100
    return cpu


def matches(key, frames):
    """A text found in some frame, or a tuple of texts each found in some frame."""
    return all(any(k in f for f in frames) for k in (key if isinstance(key, tuple) else (key,)))


def read_samples(path):
    """[(epoch ms, [frames, top first])] of a recording's execution samples."""
    text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                          capture_output=True, text=True, check=True).stdout
    samples = []
    for event in text.split("jdk.ExecutionSample {")[1:]:
        m = re.search(r"startTime = (\d\d:\d\d:\d\d\.\d+)", event)
        frames = [f.strip() for f in event.split("stackTrace = [", 1)[1].split("\n")[1:]
                  if f.strip() not in ("", "]", "}", "...")]
        samples.append((epoch_ms(m.group(1)), frames))
    return samples


def classify(samples, rules, windows):
    counts = collections.Counter()
    tops = collections.Counter()
    for t, frames in samples:
        phase = next((p for p, a, b in windows if a <= t <= b), None)
        if phase is None:
            continue
        category = next((c for c, keys in rules if any(matches(k, frames) for k in keys)), "other")
        counts[(phase, category)] += 1
        if frames:
            tops[(phase, re.sub(r"\(.*", "", frames[0]))] += 1
    return counts, tops


def main():
    outdir = sys.argv[1]
    join_start = int(sys.argv[2]) if len(sys.argv) > 2 else None
    windows = phases(outdir, join_start)
    pids = sorted({l.split()[1] for l in open(f"{outdir}/threads.txt")})
    node_pid = next((l.split()[1] for l in open(f"{outdir}/threads.txt") if "ReadStage" in l or "MutationStage" in l), None)
    cpu = thread_cpu(outdir, windows)
    for phase, a, b in windows:
        print(f"== {phase}: {(b - a) / 1000:.1f} s wall")
        for who, pid, jfr, rules in (("client", next(p for p in pids if p != node_pid), "client.jfr", CLIENT_RULES),
                                     ("node", node_pid, "node.jfr", NODE_RULES)):
            groups = {g: s for (p, q, g), s in cpu.items() if p == phase and q == pid and s > 0}
            total = sum(groups.values())
            java = sum(s for g, s in groups.items() if not NON_JAVA.match(g))
            print(f"  {who}: {total:.1f} CPU-s ({java:.1f} in Java threads); by thread group:")
            for g, s in sorted(groups.items(), key=lambda kv: -kv[1])[:12]:
                print(f"      {s:7.1f}  {g}")
            counts, tops = JFR[(outdir, jfr)]
            n = sum(c for (p, _), c in counts.items() if p == phase)
            print(f"    Java threads by JFR samples ({n} samples), CPU-s = share x {java:.1f}:")
            for (p, c), k in sorted(counts.items(), key=lambda kv: -kv[1]):
                if p == phase:
                    print(f"      {java * k / n:7.1f}  {100 * k / n:5.1f} %  {c}")
            print("    top frames:")
            for (p, f), k in sorted(tops.items(), key=lambda kv: -kv[1]):
                if p == phase and k >= max(3, n // 100):
                    print(f"      {100 * k / n:5.1f} %  {f}")


if __name__ == "__main__":
    d = sys.argv[1]
    client = read_samples(f"{d}/client.jfr")
    w = phases(d, None)
    run = next((a, b) for p, a, b in w if p == "reconciliation run") if len(w) > 2 else None
    join = min((t for t, fr in client if run and run[0] <= t <= run[1]
                and any(("SettledJoin" in f and "unsettled" in f) or "unsettledOn" in f for f in fr)), default=None)
    if len(sys.argv) > 2:
        join = int(sys.argv[2])
    if join:
        print(f"(the missing check's first sample: {join}, {(join - run[0]) / 1000:.1f} s into the run)")
    w = phases(d, join)
    sys.argv[2:] = [str(join)] if join else []
    JFR = {(d, "client.jfr"): classify(client, CLIENT_RULES, w),
           (d, "node.jfr"): classify(read_samples(f"{d}/node.jfr"), NODE_RULES, w)}
    main()
