#!/usr/bin/env bash
# Where the JVM router spends its time and allocates on the hot path: the router, with Java Flight Recorder on,
# routes non-streaming chat completions to the Node upstream (bench/openai-upstream.js) under wrk load; then
# bench/jfr-hotpath.py says, for the measured window, allocation per request, where the event loops' CPU goes and
# which sites allocate most.
#
#   CONNECTIONS (32)  DURATION (30s)
#   RUNNER (router-svc/target/quarkus-app/quarkus-run.jar)  RECORDING (where to keep the recording; not kept by default)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-30s}
RUNNER=${RUNNER:-router-svc/target/quarkus-app/quarkus-run.jar}
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
source dev/lib.sh
bench_begin profile
RECORDING=${RECORDING:-$STATE/hotpath.jfr}

bench_node_upstream
# Recording from the start: a recording started later by jcmd costs the JIT-compiled code its compilation.
launch "$RUNNER" -XX:StartFlightRecording=name=hotpath,settings=profile -Dquarkus.http.port=18091 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -Dswitchboard.router.routing-file="$STATE/router.yaml" >"$STATE/router.log" 2>&1 &
pids+=($!)
router=$!
await_ready 18091
URL=http://127.0.0.1:18091/v1/chat/completions
echo "warming up..."
wrk -t1 -c8 -d45s -s "$STATE/post.lua" "$URL" >/dev/null
start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$STATE/post.lua" "$URL")
end=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
jcmd "$router" JFR.dump name=hotpath filename="$RECORDING" >/dev/null
requests=$(awk '/requests in/ {print $1}' <<<"$out")
echo "$out" | grep -E 'Requests/sec|requests in'
"$JAVA_BIN/jfr" print --json --stack-depth 128 \
  --events jdk.ExecutionSample,jdk.GCHeapSummary,jdk.ObjectAllocationSample "$RECORDING" \
  | python3 bench/jfr-hotpath.py "$start" "$end" "$requests"
