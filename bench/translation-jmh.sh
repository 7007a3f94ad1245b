#!/usr/bin/env bash
# JMH: the request side of pass-through and of each translation, on the recorded Claude Code and Codex requests.
# Prints p50/p99 per benchmark (microseconds).
#
#   JMH_ARGS (extra arguments for JMH, e.g. "-wi 1 -i 2")
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -pl router-svc -am test-compile -DskipTests 2>/dev/null || ./mvnw -q -B -pl router-svc -am test-compile
./mvnw -q -B -o -pl router-svc dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="router-svc/target/test-classes:router-svc/target/classes:$(cat router-svc/target/bench-classpath.txt)"
java -cp "$CP" org.openjdk.jmh.Main TranslationBenchmark ${JMH_ARGS:-} | awk '
  /:p0\.50 / {sub(/:p0\.50/, "", $1); p50[$1]=$(NF-1)}
  /:p0\.99 / {sub(/:p0\.99/, "", $1); p99[$1]=$(NF-1)}
  END {for (b in p50) printf "%-50s p50 %9.1f us   p99 %9.1f us\n", b, p50[b], p99[b]}' | sort
