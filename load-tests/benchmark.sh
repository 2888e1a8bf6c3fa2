#!/usr/bin/env bash
# The ingestion benchmark (see README.md): builds the service and the load tests, then, in one
# run, the raw Cassandra ceiling, the service's sustained durable ingestion and its latency at half
# that rate. Results: load-tests/target/benchmark/results.json and a new section of
# docs/BENCHMARKS.md; Gatling's HTML reports under load-tests/target/gatling (not committed).
#   load-tests/benchmark.sh [-Dseconds=60] [-Dconcurrency=128] [-DrawRows=200000] [-Dwarmup=90]
#                           [-DserviceJvm="…"] [-Dbatch=N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
(cd load-tests && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/classpath.txt)
exec java -Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED "$@" \
  -cp "load-tests/target/test-classes:$(cat load-tests/target/classpath.txt)" payledger.load.Benchmark
