#!/usr/bin/env bash
# The settlement benchmark (settlement-benchmark.sh, same JVM and arguments) with a CPU profile:
# JFR on the benchmark's JVM and on the Cassandra node (already running on CASSANDRA_PORT, started
# with "LocalCassandra start <worktree>" so the benchmark reads its CPU too), every thread's CPU of
# both from /proc (thread_cpu.py), and the benchmark's output with a time stamp per line, so each
# phase's samples can be told apart (summarize.py). Build first as settlement-benchmark.sh does;
# EXTRA_JAVA_OPTS adds JVM flags (e.g. -Ddatastax-java-driver.basic.request.timeout=60s on a busy box).
#   CASSANDRA_PORT=9160 CASSANDRA_CONTACT_POINT=127.0.0.1:9160 \
#     load-tests/profiles/profile-settlement.sh OUTDIR [N] [LAYOUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1; shift
mkdir -p "$out"
node=$(cat var/cassandra/cassandra.pid)
jcmd "$node" JFR.start name=stlprof settings=profile filename="$out/node.jfr" >/dev/null
java -Xmx"${HEAP:-768m}" -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -XX:StartFlightRecording=settings=profile,filename="$out/client.jfr" ${EXTRA_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dlogback.configurationFile=audit-cli-logback.xml payledger.settlement.SettlementBenchmark "$@" \
  > >(while IFS= read -r l; do printf '%s %s\n' "$(date +%s%3N)" "$l"; done > "$out/bench.out") 2>"$out/bench.err" &
bench=$!
load-tests/profiles/thread_cpu.py "$out/threads.txt" "$bench" "$node" &
sampler=$!
rc=0; wait "$bench" || rc=$?
jcmd "$node" JFR.stop name=stlprof >/dev/null
kill "$sampler" 2>/dev/null || true
sleep 1
cat "$out/bench.out"
exit $rc
