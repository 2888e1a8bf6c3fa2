#!/usr/bin/env bash
# How long an order takes to start from the journal by its number of events, snapshots off and on
# (the measurement behind payledger.order.snapshot-every), against the local Cassandra node
# (started if none answers on 9042). Prints a table per setting.
#   flock /tmp/payledger-mvn.lock load-tests/recovery-benchmark.sh
exec "$(dirname "$0")/test-main.sh" payledger.order.OrderRecoveryBenchmark "$@"
