#!/usr/bin/env bash
# The replay proof at full size: ReplayProofIT (part of ./mvnw verify with 50,000 records) with a million usage
# records, 5% of them redeliveries, metering killed with SIGKILL halfway; every aggregate compared exactly.
# Usage: bench/metering-replay-proof.sh [records]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
started=$SECONDS
./mvnw -q -B -pl metering-svc -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ReplayProofIT -Dproof.events="$records"
echo "replay proof of $records records passed: $((SECONDS - started)) s, the build included"
