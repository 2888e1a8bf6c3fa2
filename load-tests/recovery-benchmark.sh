#!/usr/bin/env bash
# How long an order takes to start from the journal by its number of events, snapshots off and on
# (the measurement behind payledger.order.snapshot-every), against the local Cassandra node
# (started if none answers on 9042). Prints a table per setting.
#   flock /tmp/payledger-mvn.lock load-tests/recovery-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dlogback.configurationFile=src/main/resources/logback.xml \
  payledger.order.OrderRecoveryBenchmark "$@"
