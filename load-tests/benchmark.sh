#!/usr/bin/env bash
# The ingestion benchmark (see README.md): builds the service and the load tests, then, in one
# run: the raw Cassandra ceiling; a warm-up until the service's JIT settles; -Drepeat times the
# service's sustained durable ingestion and its latency at half that rate, each counted until the
# read models and the receipt mails caught up; an optional soak; the raw ceiling again. Figures per
# acknowledged payment event (CPU-ms of the service, Cassandra, the generator, the SMTP sink and the
# rest of the box; Cassandra mutations and reads per table). Results:
# load-tests/target/benchmark/results.json and a new section of docs/BENCHMARKS.md; Gatling's HTML
# reports under load-tests/target/gatling (not committed).
#   load-tests/benchmark.sh [-Dseconds=60] [-Dconcurrency=128] [-DrawRows=200000] [-Drepeat=3]
#                           [-Dwarmup=600] [-DwarmupStep=30] [-Dpin=false]
#                           [-Dsoak=0] [-DserviceJvm="…"] [-Dbatch=N]
#   -Dseconds      length of each measured phase
#   -Dconcurrency  orders in flight in the saturation phase (closed model)
#   -DrawRows      rows written for each raw-ceiling measurement (before and after the service)
#   -Drepeat       repetitions of the saturation and half-rate phases (min / median / max reported)
#   -Dwarmup       warm-up limit in seconds of load: steps of -DwarmupStep s at saturation, each
#                  until the consumers caught up, until the JIT threads took < 5 % of the service's
#                  CPU in the last step
#   -Dpin=true     Cassandra on core 0, the service on core 1 (taskset); a reused node is pinned
#                  for the run only
#   -Dsoak=600     a soak at half saturation for that many seconds, sampled every 30 s
#   -DserviceJvm   options for the service's JVM (e.g. a JFR recording)
#   -Dbatch=N      payment events posted N at a time to the batch endpoint
# On a shared machine the builds take the Maven lock (mvnlock, when it is on PATH), and the
# measurement runs without it, so other builds wait minutes, not the whole run:
#   BENCH_BUILD_ONLY=1 load-tests/benchmark.sh   only builds (under the lock)
#   BENCH_SKIP_BUILD=1 load-tests/benchmark.sh … only measures, with the last build
set -euo pipefail
cd "$(dirname "$0")/.."
source load-tests/build.sh
if [[ "${BENCH_BUILD_ONLY:-0}" == 1 ]]; then
  exit 0
fi
exec java -Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED "$@" \
  -cp "load-tests/target/test-classes:$(cat load-tests/target/classpath.txt)" payledger.load.Benchmark
