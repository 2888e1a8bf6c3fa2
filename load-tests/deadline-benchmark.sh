#!/usr/bin/env bash
# The deadline scheduler benchmark (issue 5's target): N open deadlines (default 100000) due over
# SPREAD seconds (default 60) against the local Cassandra node (started if none answers on 9042).
# Prints the raw read+delete baseline of this run, the backlog catch-up rate and its ratio to the
# baseline, and how late each deadline fires at steady state.
#   load-tests/deadline-benchmark.sh [N] [SPREAD]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dlogback.configurationFile=src/main/resources/logback.xml \
  payledger.sla.DeadlineSchedulerBenchmark "$@"
