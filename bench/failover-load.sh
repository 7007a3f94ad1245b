#!/usr/bin/env bash
# The router under load while one of two providers fails half the time, against the same load with both healthy.
# Both providers are simulated (20 ms to answer); the model spreads requests over them by weight, so half the traffic
# meets the failing one first. A second router runs with circuit breakers that never open, to show failover alone.
# Reports success rate, p50/p99 latency and throughput for each case.
#
#   DURATION (20s)  CONCURRENCY (16)  RUNNER (router-svc/target/quarkus-app/quarkus-run.jar, or the native runner)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONCURRENCY=${CONCURRENCY:-16}
RUNNER=${RUNNER:-router-svc/target/quarkus-app/quarkus-run.jar}
source dev/lib.sh
bench_begin failover

start_kafka "$STATE"
cat >"$STATE/routing.yaml" <<YAML
defaults:
  circuitBreaker: {window: ${WINDOW:-10}}
providers:
  steady: {type: simulated, latency: 20ms}
  also-steady: {type: simulated, latency: 20ms}
  flaky: {type: simulated, latency: 20ms, failureRate: 0.5}
models:
  healthy:
    strategy: weighted
    deployments: [{provider: also-steady, model: sim-small}, {provider: steady, model: sim-small}]
  one-failing:
    strategy: weighted
    deployments: [{provider: flaky, model: sim-small}, {provider: steady, model: sim-small}]
prices: {version: bench, models: {sim-small: {input: 150000, output: 600000}}}
keys: [{id: bench, sha256: $(sha256_of "$BENCH_KEY"), user: bench, team: bench}]
YAML
sed 's/window: 10}/window: 100000000}/' "$STATE/routing.yaml" >"$STATE/no-breaker.yaml"
launch "$RUNNER" -Dquarkus.http.port=18092 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -Dswitchboard.router.routing-file="$STATE/routing.yaml" >"$STATE/router.log" 2>&1 &
pids+=($!)
launch "$RUNNER" -Dquarkus.http.port=18093 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -Dswitchboard.router.routing-file="$STATE/no-breaker.yaml" >"$STATE/router-no-breaker.log" 2>&1 &
pids+=($!)
await_ready 18092
await_ready 18093

load() { # port model duration -> "ok total p50_ms p99_ms rps"
  local body="{\"model\":\"$2\",\"messages\":[{\"role\":\"user\",\"content\":\"Say something.\"}],\"max_tokens\":16}"
  hey -z "$3" -c "$CONCURRENCY" -m POST -T application/json -H "Authorization: Bearer $BENCH_KEY" -d "$body" \
    "http://127.0.0.1:$1/v1/chat/completions" | awk '
    /Requests\/sec/ {rps=$2}
    /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
    /^  \[[0-9]+\]/ {code=substr($1,2,3); total+=$2; if (code == "200") ok+=$2}
    END {printf "%d %d %.1f %.1f %.0f\n", ok, total, p50, p99, rps}'
}

echo "warming up..."
load 18092 healthy 10s >/dev/null
load 18093 healthy 10s >/dev/null
printf '\n%-44s %9s %9s %8s %8s %9s\n' case requests success p50_ms p99_ms req_per_s
run() { # label port model
  local ok total p50 p99 rps
  read -r ok total p50 p99 rps < <(load "$2" "$3" "$DURATION")
  printf '%-44s %9d %8.2f%% %8s %8s %9s\n' "$1" "$total" "$(awk -v a="$ok" -v b="$total" 'BEGIN {print 100*a/b}')" \
    "$p50" "$p99" "$rps"
}
run "both providers healthy" 18092 healthy
run "one failing half the time" 18092 one-failing
run "one failing half the time, breakers off" 18093 one-failing
for port in 18092 18093; do
  echo; echo "router on $port:"
  curl -fs "http://127.0.0.1:$(management_port "$port")/q/metrics" \
    | grep -E '^switchboard_router_(failovers|circuit_skips)_total\{.*one-failing' | sed 's/^/  /' || true
done
