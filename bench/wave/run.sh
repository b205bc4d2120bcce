#!/usr/bin/env bash
# Uploads one big wave against a fresh embedded PostgreSQL and reports: time to accept (every line validated, valid
# recipients staged, 202 received), time to plan (every accepted recipient has its reminder, dispatch task and REQUEST
# log entry: counts.staged reaches 0 on GET /api/v1/waves/{id}, polled every 2 s), peak heap of a -Xmx512m service, and
# the sandbox dispatch rate over a window after planning.
#   bench/wave/run.sh [recipients=100000] [dispatch-window-seconds=60]
set -euo pipefail
N=${1:-100000}
WINDOW=${2:-60}
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
DATA=$(mktemp -d /tmp/tixing-wave-bench.XXXX)
KEY=bench-admin-$RANDOM$RANDOM-local-load-run-key
BASE=http://127.0.0.1:$PORT
"$JAVA_HOME/bin/java" -Xmx512m -Xlog:gc:file="$DATA/gc.log" -Dquarkus.http.port="$PORT" -Dquarkus.http.limits.max-body-size=1024M -Dtixing.embedded-db.data-dir="$DATA/pg" \
     -Dtixing.security.bootstrap-admin-key="$KEY" -Dquarkus.log.category.\"io.tixing\".level=WARN \
     -jar target/quarkus-app/quarkus-run.jar > "$DATA/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; [ -n "${SAMPLER:-}" ] && kill $SAMPLER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; kill -0 $SERVICE 2>/dev/null || { tail -20 "$DATA/service.log"; exit 1; }; sleep 1; done
OP=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d '{"client":"bench-ops","roles":["operator"]}' "$BASE/api/v1/admin/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')

curl -s "$BASE/q/metrics" > "$DATA/metrics-at-start.txt" || true
heap() { curl -s "$BASE/q/metrics" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {printf "%d\n", s}'; }
( while true; do heap >> "$DATA/heap.samples" || true; sleep 1; done ) & SAMPLER=$!

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
T0=$(date +%s.%N)
python3 bench/wave/gen.py "$N" "$START" "$(date +%s)" | \
  curl -sS -X POST -T - -H "Authorization: Bearer $OP" -H 'Content-Type: application/x-ndjson' "$BASE/api/v1/waves" \
  -o "$DATA/accept.json"
T1=$(date +%s.%N)
ID=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["id"]); print("accepted", d["accepted"], "invalid", d["invalid"], file=sys.stderr)' "$DATA/accept.json")
staged() { curl -sf -H "Authorization: Bearer $OP" "$BASE/api/v1/waves/$ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["staged"])'; }
while [ "$(staged)" != "0" ]; do sleep 2; done
T2=$(date +%s.%N)
sent() { curl -sf -H "Authorization: Bearer $OP" "$BASE/api/v1/waves/$ID" | python3 -c 'import json,sys; c=json.load(sys.stdin)["counts"]; print(c["sent"]+c["delivered"])'; }
S0=$(sent); sleep "$WINDOW"; S1=$(sent)
kill $SAMPLER; SAMPLER=
PEAK=$(sort -n "$DATA/heap.samples" | tail -1)
curl -sf -H "Authorization: Bearer $OP" "$BASE/api/v1/waves/$ID" > "$DATA/progress.json"
echo "recipients:          $N"
echo "time to accept:      $(python3 -c "print(round($T1-$T0,1))") s  ($(python3 -c "print(round($N/($T1-$T0)))") lines/s; validated and staged)"
echo "time to plan:        $(python3 -c "print(round($T2-$T0,1))") s from the first byte ($(python3 -c "print(round($N/($T2-$T0)))") recipients/s; reminder + task + REQUEST entry each)"
echo "peak heap (metrics): $((PEAK/1024/1024)) MiB of -Xmx512m"
echo "dispatch rate:       $(python3 -c "print(round(($S1-$S0)/$WINDOW,1))") sent/s over ${WINDOW}s after planning (sandbox SMS; sent before window: $S0)"
echo "progress:            $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print({k: d[k] for k in ("accepted","invalid","reconciled")}, d["counts"]["pending"], "pending")' "$DATA/progress.json")"
echo "load average:        at start $LOAD0; at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine:             $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)" MiB"}' /proc/meminfo), $(uname -sr); $(date -u +%FT%TZ)"
echo "logs:                $DATA"
