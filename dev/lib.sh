# Shell helpers shared by run-local and the benchmarks in bench/. Source it from the repository root.

# Starts the local Kafka broker (one KRaft node in its own JVM) with its files under $1; sets BOOTSTRAP and
# appends the broker's pid to the pids array.
start_kafka() {
  local state
  state=$(realpath "$1")
  ./mvnw -q -B -pl test-support dependency:build-classpath -Dmdep.outputFile="$state/kafka.classpath" >/dev/null
  rm -f "$state/kafka.bootstrap"
  java -Xmx512m -cp "test-support/target/classes:$(cat "$state/kafka.classpath")" \
    io.switchboard.testing.LocalKafka "$state/kafka.bootstrap" >"$state/kafka.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do [[ -s "$state/kafka.bootstrap" ]] && break; sleep 0.5; done
  [[ -s "$state/kafka.bootstrap" ]] || { echo "Kafka did not start; see $state/kafka.log" >&2; return 1; }
  BOOTSTRAP=$(cat "$state/kafka.bootstrap")
}

# The management port (health and metrics) of the service whose API is on port $1, as launch sets it.
management_port() {
  echo $(($1 + 1000))
}

# Waits until the service whose API is on port $1 reports ready on its management port, for at most 60 s.
await_ready() {
  for _ in $(seq 1 240); do
    curl -fs "http://localhost:$(management_port "$1")/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "the service on port $1 did not become ready" >&2
  return 1
}

# Stops the processes of the pids array: every one but the first (the services) together, then the first (the broker
# they flush to); whatever is still running 20 s after being asked is killed.
stop_all() {
  ((${#pids[@]})) || return 0
  stop_together "${pids[@]:1}"
  stop_together "${pids[0]}"
}


stop_together() {
  local pid
  (($#)) || return 0
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 100); do
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && break; done
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$@" 2>/dev/null || true
}

# Runs a service from $1, a quarkus-run.jar or a native executable, with the -D settings that follow, its health and
# metrics on management_port of its -Dquarkus.http.port. Call it in the background (launch ... &): it execs, so that
# $! is the service's own pid.
launch() {
  local runner=$1 arg; shift
  for arg in "$@"; do
    [[ $arg != -Dquarkus.http.port=* ]] || set -- "$@" "-Dquarkus.management.port=$(management_port "${arg#*=}")"
  done
  if [[ $runner == *.jar ]]; then exec java -Xmx512m "$@" -jar "$runner"; else exec "$runner" "$@"; fi
}

BENCH_KEY=sk-bench

# The common start of a benchmark named $1: hey at hand, a state folder in STATE, every process it starts stopped and
# the folder removed at exit, and the services built.
bench_begin() {
  command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 1; }
  STATE=$(mktemp -d "/tmp/switchboard-$1.XXXXXX")
  pids=()
  trap 'stop_all; rm -rf "$STATE"' EXIT
  [[ -f router-svc/target/quarkus-app/quarkus-run.jar && -f breaker-svc/target/quarkus-app/quarkus-run.jar ]] \
    || ./mvnw -q -B -DskipTests install
}

# The SHA-256 (hex) of a key, as the routing file lists it.
sha256_of() {
  printf %s "$1" | sha256sum | cut -d' ' -f1
}

# Writes a routing file to $1 that serves model "bench" (upstream model sim-small) from one provider "bench", given
# as YAML in $2, for the key $BENCH_KEY.
bench_routing() {
  cat >"$1" <<YAML
providers:
  bench: $2
models:
  bench: {deployments: [{provider: bench, model: sim-small}]}
prices: {version: bench, models: {sim-small: {input: 150000, output: 600000}}}
keys: [{id: bench, sha256: $(sha256_of "$BENCH_KEY"), user: bench, team: bench}]
capture: {bench-capture: {sampleRate: 1, redact: [email, key, number]}}
YAML
}

# Starts Kafka and two routers of $RUNNER: U on 18090 serving only its simulated provider (the "direct" target,
# /simulator/bench/v1/chat/completions), and R on 18091 routing model "bench" to U as a provider of type $1.
bench_upstream_and_router() {
  start_kafka "$STATE"
  bench_routing "$STATE/upstream.yaml" '{type: simulated, latency: 1ms, chunkInterval: 1ms}'
  bench_routing "$STATE/router.yaml" "{type: $1, baseUrl: \"http://127.0.0.1:18090/simulator/bench/v1\"}"
  launch "$RUNNER" -Dquarkus.http.port=18090 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dswitchboard.router.routing-file="$STATE/upstream.yaml" >"$STATE/upstream.log" 2>&1 &
  pids+=($!)
  launch "$RUNNER" -Dquarkus.http.port=18091 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dswitchboard.router.routing-file="$STATE/router.yaml" >"$STATE/router.log" 2>&1 &
  pids+=($!)
  await_ready 18090
  await_ready 18091
}

# The start of the hot-path benchmarks: Kafka, the Node upstream on 18090 (bench/openai-upstream.js), a routing file
# $STATE/router.yaml that routes model "bench" to it, and $STATE/post.lua, the wrk script of a chat completion for it.
bench_node_upstream() {
  start_kafka "$STATE"
  node bench/openai-upstream.js 18090 >"$STATE/upstream.log" 2>&1 &
  pids+=($!)
  bench_routing "$STATE/router.yaml" '{type: openai-compatible, baseUrl: "http://127.0.0.1:18090/v1"}'
  cat >"$STATE/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"bench","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something about routers."}],"max_tokens":24}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $BENCH_KEY"
LUA
}
