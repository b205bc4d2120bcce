#!/usr/bin/env bash
# Bulk intake throughput and heap: one POST /api/v1/reminders/batch of N NDJSON lines (default 200,000; at most 1,000,000)
# to the packaged service on its embedded PostgreSQL (durable defaults: fsync and synchronous_commit on) in a fresh /tmp
# folder, -Xmx512m, dispatch polling OFF so only intake is measured.
#
# Heap: a JFR recording (default settings, plus the GC heap summaries) runs throughout; the figure reported is the largest
# heap used right after a GC (jdk.GCHeapSummary, when="After GC") — what the service actually keeps, not the garbage it has
# not yet collected. The largest occupancy jstat saw (every 200 ms, garbage included) is printed too.
# Database work: commits and rows inserted, from pg_stat_database / pg_stat_user_tables before and after, per line.
# With PROFILE=1 the recording uses settings=profile (10/20 ms CPU samples) and the top frames are printed.
#
#   bench/batch/run.sh [lines=200000]
# Statements: pg_stat_statements (loaded at a second start) gives the app role's costliest statements in µs per line.
# Env: SKIP_BUILD=1 to reuse target/quarkus-app; EXPLAIN=<ms> logs the plans of slower statements; PG_CONF='name = value' adds a server setting; HTTP_PORT / PG_PORT (defaults 18091 / 15491); PROFILE=1; EXTRA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/service.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
LINES=${1:-200000}
if (( LINES > 1000000 )); then echo "at most 1,000,000 lines per batch" >&2; exit 2; fi
HTTP_PORT=${HTTP_PORT:-18091}; PG_PORT=${PG_PORT:-15491}
KEY=bench-admin-key-for-local-load-runs-only
DATA=$(mktemp -d /tmp/tixing-bench-batch-XXXXXX)
SETTINGS=default; [[ "${PROFILE:-}" == 1 ]] && SETTINGS=profile

if [[ "${SKIP_BUILD:-}" != 1 ]]; then ./mvnw -B -q package -DskipTests; fi

SERVICE=
JSTAT=
start() {  # start [more JVM options...]
  "$JAVA" -Xmx512m "$@" ${EXTRA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$HTTP_PORT \
    -Dtixing.embedded-db.data-dir="$DATA/postgres" -Dtixing.embedded-db.port=$PG_PORT \
    -Dtixing.security.bootstrap-admin-key=$KEY -Dtixing.dispatch.poll-interval=off \
    -Dquarkus.log.category.\"io.tixing\".level=WARN \
    -jar target/quarkus-app/quarkus-run.jar >> "$DATA/service.log" 2>&1 &
  SERVICE=$!
  await_ready
}
trap 'kill $JSTAT 2>/dev/null || true; kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
# First start creates and migrates the database, and pg_stat_statements (its library loads at the second start).
start
SUPER_PASSWORD=$(sed -n 's/^postgres=//p' "$DATA/postgres-credentials.properties")
pgsu() { PGPASSWORD="$SUPER_PASSWORD" psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d tixing "$@"; }
pgsu -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
kill $SERVICE; wait $SERVICE 2>/dev/null || true
preload_statement_stats
start -XX:StartFlightRecording=filename="$DATA/batch.jfr",settings=$SETTINGS,dumponexit=true
echo "service pid $SERVICE, data $DATA; $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); load: $(uptime | sed 's/.*load average/load average/')"
grep -h "fsync=" "$DATA/service.log" | tail -1 || true
APP_PASSWORD=$(sed -n 's/^tixing_app=//p' "$DATA/postgres-credentials.properties")
stats() {
  PGPASSWORD="$APP_PASSWORD" psql -h 127.0.0.1 -p $PG_PORT -U tixing_app -d tixing -Atc \
    "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = 'tixing'),
            (SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables)" 2>/dev/null || echo "0|0"
}
BEFORE=$(stats)
# CPU seconds used by the service and by PostgreSQL (postmaster, its reaped children, its live backends): on a machine
# shared with other work, lines per CPU-second says what the code costs, whatever the others take.
PG_PID=$(sed -n 's/.*embedded PostgreSQL on [^ ]* (pid \([0-9]*\)).*/\1/p' "$DATA/service.log" | tail -1)
cpu() { # clock ticks: $1 = pid, with its reaped children when $2 = all
  awk -v all="${2:-}" '{ sub(/.*\) /, ""); t = $12 + $13; if (all == "all") t += $14 + $15; print t }' /proc/$1/stat 2>/dev/null || echo 0; }
pg_cpu() { local t; t=$(cpu $PG_PID all); for p in $(pgrep -P $PG_PID); do t=$((t + $(cpu $p))); done; echo $t; }
pgsu -Atc "SELECT pg_stat_statements_reset()" >/dev/null
WAL0=$(pgsu -Atc "SELECT wal_records || ' ' || wal_fpi || ' ' || wal_bytes FROM pg_stat_wal")
JVM_CPU0=$(cpu $SERVICE); PG_CPU0=$(pg_cpu)

"$JAVA_HOME/bin/jstat" -gc $SERVICE 200 > "$DATA/jstat.txt" &
JSTAT=$!
"$JAVA" bench/batch/BatchLoad.java "http://127.0.0.1:$HTTP_PORT" "$KEY" "$LINES"
kill $JSTAT 2>/dev/null || true
JVM_CPU1=$(cpu $SERVICE); PG_CPU1=$(pg_cpu); HZ=$(getconf CLK_TCK)
awk -v j=$((JVM_CPU1 - JVM_CPU0)) -v p=$((PG_CPU1 - PG_CPU0)) -v hz=$HZ -v n=$LINES 'BEGIN {
  printf "cpu: service %.1f s, postgres %.1f s, together %.0f lines per cpu-second (%.0f us of cpu per line)\n",
    j / hz, p / hz, n / ((j + p) / hz), (j + p) / hz / n * 1e6 }'
echo "load after: $(uptime | sed 's/.*load average/load average/')"
sleep 1 # pg_stat counters are flushed by the backends at most every 500 ms
AFTER=$(stats)
awk -F'|' -v b="$BEFORE" -v a="$AFTER" -v n="$LINES" 'BEGIN { split(b, x, "|"); split(a, y, "|");
  printf "database: %d commits (%.4f per line), %d rows inserted or updated (%.2f per line)\n",
    y[1] - x[1], (y[1] - x[1]) / n, y[2] - x[2], (y[2] - x[2]) / n }'
WAL1=$(pgsu -Atc "SELECT wal_records || ' ' || wal_fpi || ' ' || wal_bytes FROM pg_stat_wal")
awk -v b="$WAL0" -v a="$WAL1" -v n="$LINES" 'BEGIN { split(b, x, " "); split(a, y, " ");
  printf "WAL per line: %.1f records, %.2f full-page images, %.0f bytes\n", (y[1] - x[1]) / n, (y[2] - x[2]) / n, (y[3] - x[3]) / n }'
# The app role's costliest statements, in µs of execution per line (as bench/dispatch prints per message).
echo "statements by execution time (µs per line, calls, rows):"
pgsu -Atc "SELECT format('  %s µs %s %s  %s', to_char(total_exec_time * 1000 / $LINES, 'FM99990.0'), calls, rows,
                       left(regexp_replace(query, '\s+', ' ', 'g'), 110))
         FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'tixing_app'
         ORDER BY total_exec_time DESC LIMIT 12"
awk 'NR==1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
     $1 ~ /^[0-9.]+$/ { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > max) max = used; n++ }
     END { printf "max heap occupancy, garbage included (jstat, sampled %d times): %.0f MiB of -Xmx512m\n", n, max / 1024 }' "$DATA/jstat.txt"
"$JAVA_HOME/bin/jcmd" $SERVICE JFR.dump name=1 filename="$DATA/batch.jfr" >/dev/null
"$JAVA_HOME/bin/jfr" print --events jdk.GCHeapSummary "$DATA/batch.jfr" | awk '
  /when = / { after = ($0 ~ /After GC/) } /heapUsed = / && after { v = $3; u = $4; if (u ~ /MB/) v *= 1; else if (u ~ /kB/) v /= 1024; else if (u ~ /GB/) v *= 1024; else if (u ~ /bytes/) v /= 1048576;
  if (v > max) max = v; n++ } END { printf "peak heap used after GC (JFR jdk.GCHeapSummary, %d GCs): %.0f MiB of -Xmx512m\n", n, max }'
if [[ "$SETTINGS" == profile ]]; then
  echo "top frames (jdk.ExecutionSample, all threads):"
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 1 "$DATA/batch.jfr" | grep -A1 "stackTrace = \[" | grep -v "stackTrace\|--" \
    | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -40
fi
echo "recording: $DATA/batch.jfr"
