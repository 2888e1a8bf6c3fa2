#!/usr/bin/env bash
# How long a long order takes to start from the journal, snapshots off and on (the measurement
# behind payledger.order.snapshot-every): the shipped jar against the local Cassandra node (started
# if none answers on 9042), a fresh service JVM per setting and round; wall time, the service's and
# Cassandra's CPU-ms and Cassandra's reads per start. Prints markdown tables (see Recovery.java).
#   load-tests/recovery-benchmark.sh [-Dsizes=200,1000] [-DsnapshotEvery=0,100] [-Dorders=5] [-Drounds=2]
# Builds like benchmark.sh (through mvnlock when it is on PATH; BENCH_SKIP_BUILD=1 reuses the last
# build) and measures without the Maven lock.
set -euo pipefail
cd "$(dirname "$0")/.."
source load-tests/build.sh
exec java -Xmx512m "$@" \
  -cp "load-tests/target/test-classes:$(cat load-tests/target/classpath.txt)" payledger.load.Recovery
