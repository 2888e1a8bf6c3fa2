#!/usr/bin/env bash
# The settlement import at scale (issue 23: a 1,000,000-line file imported and reconciled in
# <= 60 s, streaming, with <= 256 MB of extra heap over parsing alone): generates an N-line file
# (default 1000000) in LAYOUT (adyen or stripe, default adyen), seeds the ledger's payments for it
# in keyspace payledger_bench on the local Cassandra node (started if none answers on 9042), then
# times parsing alone (the baseline) and the import + reconciliation run in one JVM of HEAP
# (default 768m), printing the heap each needed.
#   load-tests/settlement-benchmark.sh [N] [LAYOUT]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn=(mvn); command -v flock >/dev/null && mvn=(flock /tmp/payledger-mvn.lock mvn)
"${mvn[@]}" -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx"${HEAP:-768m}" -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dlogback.configurationFile=audit-cli-logback.xml payledger.settlement.SettlementBenchmark "$@"
