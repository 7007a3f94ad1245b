#!/usr/bin/env bash
# The router's hot path against a direct call, side by side in one run: a small Node upstream (bench/openai-upstream.js)
# answers chat completions at once; the JVM router and, when built, the native router route model "bench" to it
# (key check, body inspection, one more HTTP hop, a usage event to a local Kafka broker). wrk drives each target in
# turn, round after round, so that machine noise hits all alike; then streamed answers at one client; then each
# router's RSS. With CAPTURE=1 each router is measured a second time ("<name>+cap") with requests of a workload whose
# traffic is captured (every request, with the built-in redactions), to show what capture costs.
#
#   ROUNDS (3)  DURATION (10s)  CONCURRENCY ("1 32")  CAPTURE (0)
#   ROUTERS ("jvm=router-svc/target/quarkus-app/quarkus-run.jar native=router-svc/target/router-svc-*-runner", the
#   native one if built): the routers measured, name=runner each (a quarkus-run.jar or a native executable)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONCURRENCY=${CONCURRENCY:-1 32}
CAPTURE=${CAPTURE:-0}
NATIVE=$(compgen -G 'router-svc/target/router-svc-*-runner' | head -1 || true)
ROUTERS=${ROUTERS:-jvm=router-svc/target/quarkus-app/quarkus-run.jar${NATIVE:+ native=$NATIVE}}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
command -v node >/dev/null || { echo "needs node (apt-get install nodejs)"; exit 1; }
source dev/lib.sh
bench_begin hotpath

bench_node_upstream
sed 's/^wrk.headers\["Content-Type"\].*/&\nwrk.headers["x-switchboard-workload"] = "bench-capture"/' "$STATE/post.lua" \
  >"$STATE/capture.lua"
targets=(direct) urls=(http://127.0.0.1:18090/v1/chat/completions) scripts=(post) ports=()
start_router() { # name runner port
  launch "$2" -Dquarkus.http.port="$3" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dswitchboard.router.routing-file="$STATE/router.yaml" -Dswitchboard.router.usage.spool-dir="$STATE/usage-$1" \
    -Dswitchboard.router.traces.spool-dir="$STATE/traces-$1" >"$STATE/$1.log" 2>&1 &
  pids+=($!)
  await_ready "$3"
  targets+=("$1") urls+=("http://127.0.0.1:$3/v1/chat/completions") scripts+=(post) ports+=("$1:$3:$!")
  if [ "$CAPTURE" = 1 ]; then
    targets+=("$1+cap") urls+=("http://127.0.0.1:$3/v1/chat/completions") scripts+=(capture)
  fi
}
port=18091
for router in $ROUTERS; do
  start_router "${router%%=*}" "${router#*=}" $((port++))
done

to_ms() { awk '{v=$1; if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else printf "%.3f", v*1000}'; }
load() { # url connections duration script -> "p50_ms p99_ms rps non2xx"
  local out
  out=$(wrk -t1 -c"$2" -d"$3" --latency -s "$STATE/$4.lua" "$1")
  printf '%s %s %s %s\n' "$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)" "$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)" \
    "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")" "$(awk '/Non-2xx/ {print $4}' <<<"$out" | grep . || echo 0)"
}

echo "warming up..."
for i in "${!targets[@]}"; do load "${urls[$i]}" 8 30s "${scripts[$i]}" >/dev/null; done

declare -A sum50 sum99 sumrps
printf '\n%-7s %-5s %-10s %9s %9s %9s %6s\n' clients round target p50_ms p99_ms req/s non2xx
for c in $CONCURRENCY; do
  for r in $(seq 1 "$ROUNDS"); do
    for i in "${!targets[@]}"; do
      read -r p50 p99 rps err < <(load "${urls[$i]}" "$c" "$DURATION" "${scripts[$i]}")
      printf '%-7s %-5s %-10s %9s %9s %9s %6s\n' "$c" "$r" "${targets[$i]}" "$p50" "$p99" "$rps" "$err"
      k="$c/${targets[$i]}"
      sum50[$k]=$(awk -v a="${sum50[$k]:-0}" -v b="$p50" 'BEGIN {print a+b}')
      sum99[$k]=$(awk -v a="${sum99[$k]:-0}" -v b="$p99" 'BEGIN {print a+b}')
      sumrps[$k]=$(awk -v a="${sumrps[$k]:-0}" -v b="$rps" 'BEGIN {print a+b}')
    done
  done
done

echo; echo "mean of $ROUNDS rounds; added = routed - direct; throughput as a share of direct"
printf '%-7s %-10s %9s %9s %9s %9s %9s %8s\n' clients target p50_ms p99_ms added50 added99 req/s share
for c in $CONCURRENCY; do
  for t in "${targets[@]}"; do
    awk -v c="$c" -v t="$t" -v n="$ROUNDS" -v a="${sum50[$c/$t]}" -v b="${sum99[$c/$t]}" -v r="${sumrps[$c/$t]}" \
      -v da="${sum50[$c/direct]}" -v db="${sum99[$c/direct]}" -v dr="${sumrps[$c/direct]}" \
      'BEGIN {printf "%-7s %-10s %9.3f %9.3f %9.3f %9.3f %9.0f %7.0f%%\n", c, t, a/n, b/n, (a-da)/n, (b-db)/n, r/n, 100*r/dr}'
  done
done

echo; echo "streamed answer, 1 client: latency of the whole stream, which the upstream sends at once (so: the time"
echo "to the first token, plus a few hundred bytes more), after a streamed warm-up of each target"
for script in post capture; do
  sed 's/"max_tokens"/"stream":true,"max_tokens"/' "$STATE/$script.lua" >"$STATE/$script-stream.lua"
done
for i in "${!targets[@]}"; do wrk -t1 -c8 -d20s -s "$STATE/${scripts[$i]}-stream.lua" "${urls[$i]}" >/dev/null; done
printf '%-10s %9s %9s %9s %9s\n' target p50_ms p99_ms added50 added99
for i in "${!targets[@]}"; do
  out=$(wrk -t1 -c1 -d"$DURATION" --latency -s "$STATE/${scripts[$i]}-stream.lua" "${urls[$i]}")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms) p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  ((i)) || { d50=$p50 d99=$p99; }
  awk -v t="${targets[$i]}" -v a="$p50" -v b="$p99" -v c="$d50" -v d="$d99" \
    'BEGIN {printf "%-10s %9.3f %9.3f %9.3f %9.3f\n", t, a, b, a-c, b-d}'
done

echo; echo "RSS after the run (MiB), usage events and traces published"
for entry in "${ports[@]}"; do
  IFS=: read -r name port pid <<<"$entry"
  metrics=$(curl -fs "http://127.0.0.1:$(management_port "$port")/q/metrics")
  published=$(awk '/^switchboard_router_usage_events_total\{result="published"/ {print $2}' <<<"$metrics")
  traces=$(awk '/^switchboard_router_traces_events_total\{result="published"/ {print $2}' <<<"$metrics")
  printf '%-10s %6s MiB %12s events %12s traces\n' "$name" "$(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024))" \
    "${published:-0}" "${traces:-0}"
done
