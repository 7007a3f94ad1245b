#!/usr/bin/env bash
# Metering's throughput (usage events/s through the topology) and freshness (publish to visible in the spend API,
# p50/p99), against the packaged service as a process: MeteringBenchmark, a JUnit class that runs only with
# -Dbench=true. Options go to Maven, e.g. -Dbench.events=400000 -Dbench.probes=250.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl metering-svc -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=MeteringBenchmark -Dbench=true "$@"
