#!/usr/bin/env bash
# What pass-through and translation add for a Claude Code-sized request (~76 KB), side by side in one run.
#
# U serves its simulated provider (which speaks OpenAI chat completions) over HTTP; R routes model "bench" to U. hey
# sends, in alternating rounds:
#   direct       a 76 KB chat-completions body straight to U
#   passthrough  the same body through R's /v1/chat/completions (same API: forwarded as is, model renamed)
#   translated   a recorded Claude Code request (76 KB) through R's /v1/messages (Anthropic -> chat -> Anthropic)
# passthrough - direct is the router's overhead on a large body; translated - passthrough is what translating the
# request and the answer adds on top.
#
#   ROUNDS (2)  DURATION (10s)  CONCURRENCY ("1")
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10s}
CONCURRENCY=${CONCURRENCY:-1}
RUNNER=${RUNNER:-router-svc/target/quarkus-app/quarkus-run.jar}
FIXTURE=router-svc/src/test/resources/wire/anthropic-messages/request-claude-code.json
source dev/lib.sh
bench_begin translation

bench_upstream_and_router openai-compatible

python3 - "$FIXTURE" "$STATE" <<'PY'
import json, sys
claude = json.load(open(sys.argv[1]))
claude.update(model="bench", stream=False, max_tokens=24)
claude.pop("thinking", None)  # the simulated upstream answers at once; thinking settings do not change the work
open(sys.argv[2] + "/messages.json", "w").write(json.dumps(claude))
size = len(json.dumps(claude))
chat = {"model": "bench", "max_tokens": 24, "messages": [
    {"role": "system", "content": "x" * (size - 200)}, {"role": "user", "content": "Say something."}]}
open(sys.argv[2] + "/chat.json", "w").write(json.dumps(chat))
print(f"request bodies: messages {size} bytes, chat {len(json.dumps(chat))} bytes")
PY

load() { # url body-file concurrency duration -> "p50_ms p99_ms rps errors"
  hey -z "$4" -c "$3" -m POST -T application/json -H "Authorization: Bearer $BENCH_KEY" \
    -H "anthropic-version: 2023-06-01" -D "$2" "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
    /^  \[[0-9]+\]/ {code=substr($1,2,3); if (code != "200") err+=$2}
    END {printf "%.3f %.3f %.0f %d\n", p50, p99, rps, err}'
}
DIRECT=http://127.0.0.1:18090/simulator/bench/v1/chat/completions
CHAT=http://127.0.0.1:18091/v1/chat/completions
MESSAGES=http://127.0.0.1:18091/v1/messages

echo "warming up..."
load "$DIRECT" "$STATE/chat.json" 4 8s >/dev/null
load "$CHAT" "$STATE/chat.json" 4 8s >/dev/null
load "$MESSAGES" "$STATE/messages.json" 4 8s >/dev/null

printf '\n%-11s %-5s %-12s %10s %10s %10s %7s\n' concurrency round path p50_ms p99_ms req_per_s errors
for c in $CONCURRENCY; do
  for r in $(seq 1 "$ROUNDS"); do
    read -r d50 d99 drps derr < <(load "$DIRECT" "$STATE/chat.json" "$c" "$DURATION")
    read -r p50 p99 prps perr < <(load "$CHAT" "$STATE/chat.json" "$c" "$DURATION")
    read -r t50 t99 trps terr < <(load "$MESSAGES" "$STATE/messages.json" "$c" "$DURATION")
    printf '%-11s %-5s %-12s %10s %10s %10s %7s\n' "$c" "$r" direct "$d50" "$d99" "$drps" "$derr"
    printf '%-11s %-5s %-12s %10s %10s %10s %7s\n' "$c" "$r" passthrough "$p50" "$p99" "$prps" "$perr"
    printf '%-11s %-5s %-12s %10s %10s %10s %7s\n' "$c" "$r" translated "$t50" "$t99" "$trps" "$terr"
    awk -v a="$d50" -v b="$p50" -v t="$t50" \
      'BEGIN {printf "            passthrough adds %.3f ms p50; translation adds %.3f ms p50 more\n", b-a, t-b}'
  done
done
