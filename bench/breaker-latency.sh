#!/usr/bin/env bash
# How fast a runaway session is stopped, end to end through Kafka, while the router is under load:
#   crossing -> pause: from the response to the request that crosses the breaker's rules to the router refusing the
#                      session as paused (usage event, breaker's question and pause decision, every router's table);
#   answer -> block:   from the owner's "stop" being accepted to the router refusing the session as blocked.
# The breaker runs with rules small enough to cross in a second. Sessions are measured one after another; curl polls
# the router every 10 ms, so figures are good to about 15 ms. Three uncounted sessions warm the services up first.
#
#   SESSIONS (30)  CONCURRENCY (4, the background load)
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${SESSIONS:-30}
CONCURRENCY=${CONCURRENCY:-4}
source dev/lib.sh
bench_begin breaker

start_kafka "$STATE"
bench_routing "$STATE/routing.yaml" '{type: simulated, latency: 1ms, chunkInterval: 1ms}'
launch router-svc/target/quarkus-app/quarkus-run.jar -Dquarkus.http.port=18094 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -Dswitchboard.router.routing-file="$STATE/routing.yaml" >"$STATE/router.log" 2>&1 &
pids+=($!)
launch breaker-svc/target/quarkus-app/quarkus-run.jar -Dquarkus.http.port=18096 -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -Dkafka-streams.state.dir="$STATE/breaker-state" -Dswitchboard.breaker.public-url=http://127.0.0.1:18096 \
  -Dswitchboard.breaker.token-secret=bench-secret-of-enough-length \
  -Dswitchboard.breaker.defaults.active-duration=PT1S -Dswitchboard.breaker.defaults.tokens=1 \
  -Dswitchboard.breaker.defaults.policy=pause >"$STATE/breaker.log" 2>&1 &
pids+=($!)
await_ready 18094
await_ready 18096

BODY='{"model":"bench","messages":[{"role":"user","content":"Keep going."}],"max_tokens":8}'
chat() { # session -> writes the body to $STATE/last, prints the status
  curl -s -o "$STATE/last" -w '%{http_code}' http://127.0.0.1:18094/v1/chat/completions \
    -H "Authorization: Bearer $BENCH_KEY" -H 'Content-Type: application/json' -H "X-Session-Id: $1" -d "$BODY"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
wait_for() { # session text -> waits until the router's answer for the session contains the text
  until chat "$1" >/dev/null && grep -q "$2" "$STATE/last"; do sleep 0.01; done
}

echo "background load: $CONCURRENCY clients"
hey -z 10m -c "$CONCURRENCY" -m POST -T application/json -H "Authorization: Bearer $BENCH_KEY" -d "$BODY" \
  http://127.0.0.1:18094/v1/chat/completions >/dev/null &
load=$!

# The first sessions warm the services up; they are not counted.
for i in $(seq -2 "$SESSIONS"); do
  session="bench-$i-$RANDOM"
  chat "$session" >/dev/null
  sleep 1.1
  chat "$session" >/dev/null
  crossed=$(now_ms)
  wait_for "$session" '"code":"paused"'
  paused=$(($(now_ms) - crossed))
  token=$(grep -o 'token=[A-Za-z0-9_.-]*' "$STATE/last" | head -1 | cut -d= -f2)
  # the question may not have reached the breaker's own table yet: ask again until the answer is taken
  until [[ $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18096/v1/sessions/"$session"/answer \
    -H 'Content-Type: application/json' -d "{\"token\":\"$token\",\"answer\":\"stop\"}") == 200 ]]; do
    sleep 0.05
  done
  answered=$(now_ms)
  wait_for "$session" '"code":"blocked"'
  if ((i > 0)); then
    echo "$paused" >>"$STATE/pause.ms"
    echo $(($(now_ms) - answered)) >>"$STATE/block.ms"
  fi
done
kill -9 "$load"
wait "$load" 2>/dev/null || true

stats() { # file -> "p50 p99 max"
  sort -n "$1" | awk '{v[NR]=$1} END {i50=int((NR+1)*0.5); i99=int(NR*0.99+0.999); if (i99>NR) i99=NR;
    printf "%6d %6d %6d", v[i50], v[i99], v[NR]}'
}
printf '\n%-22s %8s %6s %6s %6s\n' "ms, $SESSIONS sessions" sessions p50 p99 max
printf '%-22s %8d %s\n' "crossing -> paused" "$SESSIONS" "$(stats "$STATE/pause.ms")"
printf '%-22s %8d %s\n' "stop -> blocked" "$SESSIONS" "$(stats "$STATE/block.ms")"
