#!/usr/bin/env bash
# The disk spool's cost: events/s of the Kafka producer alone against the spool-then-Kafka path, in alternating
# rounds against an in-JVM broker (UsageSpoolBenchmark, a JUnit class that runs only with -Dbench=true).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl router-svc -am test -Dtest=UsageSpoolBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true
