#!/usr/bin/env bash
# Start-up time and memory of the router, native executable against JVM, side by side in one run.
# Needs both builds: ./mvnw -DskipTests install, and the native one (see README, "Native executable").
# For each runner and round: time from exec to the first 200 from /v1/chat/completions, then RSS after 1,000 requests.
set -euo pipefail
cd "$(dirname "$0")/.."
NATIVE=router-svc/target/router-svc-0.1.0-SNAPSHOT-runner
JAR=router-svc/target/quarkus-app/quarkus-run.jar
[[ -x $NATIVE && -f $JAR ]] || { echo "build both first: $NATIVE and $JAR"; exit 1; }
ROUNDS=${ROUNDS:-3}
source dev/lib.sh
bench_begin startup
start_kafka "$STATE"

bench_routing "$STATE/routing.yaml" '{type: simulated, latency: 1ms, chunkInterval: 1ms}'
BODY='{"model":"bench","messages":[{"role":"user","content":"Hello"}]}'

measure() { # name runner
  local name=$1 runner=$2
  local start end pid
  start=$(date +%s%N)
  launch "$runner" -Dquarkus.http.port=18095 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dswitchboard.router.routing-file="$STATE/routing.yaml" >"$STATE/$name.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null -H "Authorization: Bearer $BENCH_KEY" -H 'Content-Type: application/json' \
    -d "$BODY" http://127.0.0.1:18095/v1/chat/completions; do sleep 0.005; done
  end=$(date +%s%N)
  hey -n 1000 -c 8 -m POST -T application/json -H "Authorization: Bearer $BENCH_KEY" -d "$BODY" \
    http://127.0.0.1:18095/v1/chat/completions >/dev/null
  local rss
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-7s %22d %18d\n' "$name" $(((end - start) / 1000000)) $((rss / 1024))
}

printf '%-7s %22s %18s\n' runner first_response_ms rss_after_1k_MiB
for _ in $(seq 1 "$ROUNDS"); do
  measure native "$NATIVE"
  measure jvm "$JAR"
done
