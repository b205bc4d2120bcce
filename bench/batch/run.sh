#!/usr/bin/env bash
# Bulk intake throughput: one POST /api/v1/reminders/batch of N NDJSON lines (default 200,000; at most 1,000,000) to the
# packaged service on its embedded PostgreSQL (durable defaults: fsync and synchronous_commit on) in a fresh /tmp folder,
# -Xmx512m, dispatch polling OFF so only intake is measured. The heap actually used is sampled with jstat every 200 ms;
# the figure is the largest young+old occupancy seen (a sampled peak, not an exact one).
#
#   bench/batch/run.sh [lines=200000]
# Env: SKIP_BUILD=1 to reuse target/quarkus-app; HTTP_PORT / PG_PORT (defaults 18091 / 15491).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
LINES=${1:-200000}
if (( LINES > 1000000 )); then echo "at most 1,000,000 lines per batch" >&2; exit 2; fi
HTTP_PORT=${HTTP_PORT:-18091}; PG_PORT=${PG_PORT:-15491}
KEY=bench-admin-key-for-local-load-runs-only
DATA=$(mktemp -d /tmp/tixing-bench-batch-XXXXXX)

if [[ "${SKIP_BUILD:-}" != 1 ]]; then ./mvnw -B -q package -DskipTests; fi

"$JAVA" -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$HTTP_PORT \
  -Dtixing.embedded-db.data-dir="$DATA/postgres" -Dtixing.embedded-db.port=$PG_PORT \
  -Dtixing.security.bootstrap-admin-key=$KEY -Dtixing.dispatch.poll-interval=off \
  -Dquarkus.log.category.\"io.tixing\".level=WARN \
  -jar target/quarkus-app/quarkus-run.jar > "$DATA/service.log" 2>&1 &
SERVICE=$!
JSTAT=
trap 'kill $JSTAT 2>/dev/null || true; kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $SERVICE 2>/dev/null || { tail -40 "$DATA/service.log"; exit 1; }
  sleep 0.5
done
echo "service pid $SERVICE, data $DATA; $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); load: $(uptime | sed 's/.*load average/load average/')"

"$JAVA_HOME/bin/jstat" -gc $SERVICE 200 > "$DATA/jstat.txt" &
JSTAT=$!
"$JAVA" bench/batch/BatchLoad.java "http://127.0.0.1:$HTTP_PORT" "$KEY" "$LINES"
kill $JSTAT 2>/dev/null || true
awk 'NR==1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
     $1 ~ /^[0-9.]+$/ { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > max) max = used; n++ }
     END { printf "max heap used (sampled %d times): %.0f MiB of -Xmx512m\n", n, max / 1024 }' "$DATA/jstat.txt"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
