# Sourced by the benchmark scripts, from the project's root: builds the service jar and the load
# tests' classes and classpath, through the Maven lock (mvnlock) when it is on PATH, so a benchmark
# on a shared machine holds the lock for its build only. BENCH_SKIP_BUILD=1 reuses the last build.
mvn_locked() {
  if command -v mvnlock >/dev/null; then mvnlock "$@"; else mvn "$@"; fi
}
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  mvn_locked -o -q -B -DskipTests package
  (cd load-tests && mvn_locked -o -q -B test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt)
fi
