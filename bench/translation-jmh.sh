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
  /^TranslationBenchmark\.[A-Za-z]+ / {name=$1}
  /p0\.50/ {p50=$NF} /p0\.99 / {printf "%-55s p50 %8s us   p99 %8s us\n", name, p50, $NF}
  /^Benchmark|·p0\.50|·p0\.99/ {print}'
