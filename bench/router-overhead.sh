#!/usr/bin/env bash
# The router's added latency: the same simulated upstream called directly, and through the router, side by side.
#
# Two router processes run: U only serves its simulated provider over HTTP (the "direct" target,
# /simulator/bench/v1/chat/completions); R routes model "bench" to U as an OpenAI-compatible provider, checks the key,
# relays the answer and publishes a usage event to a local Kafka broker. hey drives both with the same request, in
# alternating rounds, so that machine noise hits both alike.
#
#   ROUNDS (2)  DURATION (15s)  CONCURRENCY ("1 16")
#   RUNNER (router-svc/target/quarkus-app/quarkus-run.jar, or the native router-svc/target/router-svc-*-runner)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
CONCURRENCY=${CONCURRENCY:-1 16}
RUNNER=${RUNNER:-router-svc/target/quarkus-app/quarkus-run.jar}
source dev/lib.sh
bench_begin overhead

bench_upstream_and_router openai

BODY='{"model":"bench","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something about routers."}],"max_tokens":24}'
DIRECT=http://127.0.0.1:18090/simulator/bench/v1/chat/completions
ROUTED=http://127.0.0.1:18091/v1/chat/completions
load() { # url concurrency duration -> "p50_ms p99_ms rps errors"
  hey -z "$3" -c "$2" -m POST -T application/json -H "Authorization: Bearer $BENCH_KEY" -d "$BODY" "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
    /^  \[[0-9]+\]/ {code=substr($1,2,3); if (code != "200") err+=$2}
    END {printf "%.3f %.3f %.0f %d\n", p50, p99, rps, err}'
}

echo "warming up..."
load "$DIRECT" 8 10s >/dev/null
load "$ROUTED" 8 10s >/dev/null

printf '\n%-11s %-5s %-7s %10s %10s %10s %7s\n' concurrency round path p50_ms p99_ms req_per_s errors
for c in $CONCURRENCY; do
  for r in $(seq 1 "$ROUNDS"); do
    read -r d50 d99 drps derr < <(load "$DIRECT" "$c" "$DURATION")
    read -r r50 r99 rrps rerr < <(load "$ROUTED" "$c" "$DURATION")
    printf '%-11s %-5s %-7s %10s %10s %10s %7s\n' "$c" "$r" direct "$d50" "$d99" "$drps" "$derr"
    printf '%-11s %-5s %-7s %10s %10s %10s %7s\n' "$c" "$r" routed "$r50" "$r99" "$rrps" "$rerr"
    awk -v a="$d50" -v b="$r50" -v c="$d99" -v d="$r99" \
      'BEGIN {printf "%-11s %-5s %-7s %10.3f %10.3f\n", "", "", "added", b-a, d-c}'
  done
done
published=$(curl -fs "http://127.0.0.1:$(management_port 18091)/q/metrics" | awk '/^switchboard_router_usage_events_total\{result="published"/ {print $2}')
echo; echo "usage events published by the router: ${published:-0}"
