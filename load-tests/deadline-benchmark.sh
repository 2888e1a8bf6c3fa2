#!/usr/bin/env bash
# The deadline scheduler benchmark (issue 5's target): N open deadlines (default 100000) due over
# SPREAD seconds (default 60) against the local Cassandra node (started if none answers on 9042).
# Prints the raw read+delete baseline of this run, the backlog catch-up rate and its ratio to the
# baseline, and how late each deadline fires at steady state.
#   load-tests/deadline-benchmark.sh [N] [SPREAD]
exec "$(dirname "$0")/test-main.sh" payledger.sla.DeadlineSchedulerBenchmark "$@"
