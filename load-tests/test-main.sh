#!/usr/bin/env bash
# Runs a main class of the test sources (the benchmarks that are not load tests: deadline
# scheduler, order recovery) with the test classpath, from the project's root.
#   load-tests/test-main.sh CLASS [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
main=$1
shift
mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dlogback.configurationFile=src/main/resources/logback.xml "$main" "$@"
