#!/usr/bin/env bash
# Start-up time and memory of each service, native executable against JVM, side by side in one run.
# Needs both builds of each service measured: ./mvnw -DskipTests install, and the native one (README, "Native
# executable"); a service without its native executable is left out.
#
#   bench/native-vs-jvm.sh [SERVICE...]     router, metering, breaker (default: every one built natively)
#   BASELINE=/path/to/an-earlier-runner bench/native-vs-jvm.sh router
#                                            an earlier native build of that one service too, as runner "base"
#
# For each service, runner and round: the time from exec to the first answered request (the router: a chat
# completion; metering: ready, then a spend query; the breaker: ready, then a sessions query), then RSS after 1,000
# more such requests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
PORT=18095
source dev/lib.sh

services=("$@")
if ((${#services[@]} == 0)); then
  for service in router metering breaker; do
    compgen -G "$service-svc/target/*-runner" >/dev/null && services+=("$service")
  done
fi
((${#services[@]})) || { echo "no native executable built yet (README, \"Native executable\")"; exit 1; }
[[ -z ${BASELINE:-} ]] || ((${#services[@]} == 1)) || { echo "BASELINE is one service's: name that service"; exit 1; }
for service in "${services[@]}"; do
  compgen -G "$service-svc/target/*-runner" >/dev/null && [[ -f $service-svc/target/quarkus-app/quarkus-run.jar ]] \
    || { echo "build both first: $service-svc/target/*-runner and $service-svc/target/quarkus-app/quarkus-run.jar"; exit 1; }
done

bench_begin startup
start_kafka "$STATE"
bench_routing "$STATE/routing.yaml" '{type: simulated, latency: 1ms, chunkInterval: 1ms}'
ADMIN=sk-bench-admin
echo "adminKeys: [{id: admin, sha256: $(sha256_of "$ADMIN")}]" >>"$STATE/routing.yaml"

# Each service's settings (-D options) for run $2, and the request it is measured with. Every run of a Kafka Streams
# service is an application of its own: its own state folder, and no wait for the last run's consumers to time out
# of the group (Streams leaves no group on close).
settings() {
  local streams="-Dkafka-streams.state.dir=$STATE/state-$2 -Dquarkus.kafka-streams.application-id=bench-$1-$2"
  case $1 in
    router) echo "-Dswitchboard.router.routing-file=$STATE/routing.yaml" ;;
    metering) echo "$streams -Dswitchboard.metering.routing-file=$STATE/routing.yaml" ;;
    breaker) echo "$streams -Dswitchboard.breaker.admin-keys=$(sha256_of "$ADMIN")" \
      "-Dswitchboard.breaker.public-url=http://localhost:$PORT -Dswitchboard.breaker.token-secret=bench-secret-of-32-bytes-or-more" ;;
  esac
}
request() { # service -> method and path
  case $1 in
    router) echo "POST /v1/chat/completions" ;;
    metering) echo "GET /v1/spend?groupBy=user,model" ;;
    breaker) echo "GET /v1/sessions?state=pending" ;;
  esac
}
BODY='{"model":"bench","messages":[{"role":"user","content":"Hello"}]}'

measure() { # service runner-name runner round
  local service=$1 name=$2 runner=$3 round=$4 start end pid method path key rss
  read -r method path <<<"$(request "$service")"
  key=$ADMIN; [[ $service == router ]] && key=$BENCH_KEY
  start=$(date +%s%N)
  # shellcheck disable=SC2046
  launch "$runner" -Dquarkus.http.port=$PORT -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    $(settings "$service" "$name-$round") >"$STATE/$service-$name.log" 2>&1 &
  pid=$!
  local ask=(-fs -o /dev/null -H "Authorization: Bearer $key")
  [[ $method == POST ]] && ask+=(-H 'Content-Type: application/json' -d "$BODY")
  until curl "${ask[@]}" "http://127.0.0.1:$PORT$path"; do
    kill -0 "$pid" 2>/dev/null || { echo "$service ($name) exited; see $STATE/$service-$name.log" >&2; exit 1; }
    sleep 0.005
  done
  end=$(date +%s%N)
  if [[ $method == POST ]]; then
    hey -n 1000 -c 8 -m POST -T application/json -H "Authorization: Bearer $key" -d "$BODY" \
      "http://127.0.0.1:$PORT$path" >/dev/null
  else
    hey -n 1000 -c 8 -H "Authorization: Bearer $key" "http://127.0.0.1:$PORT$path" >/dev/null
  fi
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-9s %-7s %22d %18d\n' "$service" "$name" $(((end - start) / 1000000)) $((rss / 1024))
}

printf '%-9s %-7s %22s %18s\n' service runner first_response_ms rss_after_1k_MiB
for service in "${services[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    [[ -z ${BASELINE:-} ]] || measure "$service" base "$BASELINE" "$round"
    measure "$service" native "$(compgen -G "$service-svc/target/*-runner")" "$round"
    measure "$service" jvm "$service-svc/target/quarkus-app/quarkus-run.jar" "$round"
  done
done
