#!/usr/bin/env bash
# The audit benchmark (issue 8's targets: full verification >= 50,000 events/s, NDJSON export
# >= 100,000 events/s): seeds N chained events (default 100000) in keyspace payledger_bench on the
# local Cassandra node (started if none answers on 9042), then times the NDJSON export and a full
# verification in one JVM with a small heap (HEAP, default 96m), printing the heap each needed.
#   load-tests/audit-benchmark.sh [N]        (REUSE=true: measure the journal seeded last time)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn=(mvn); command -v flock >/dev/null && mvn=(flock /tmp/payledger-mvn.lock mvn)
"${mvn[@]}" -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx"${HEAP:-96m}" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dlogback.configurationFile=audit-cli-logback.xml -Dbench.reuse="${REUSE:-false}" \
  payledger.audit.AuditBenchmark "$@"
