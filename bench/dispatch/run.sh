#!/usr/bin/env bash
# Dispatch throughput end to end (claim, policy under the borrower lock, render, contact-log writes, sandbox send,
# record) with sandbox channels: pre-load N reminders with polling off, stop the service, start it again on the same
# embedded PostgreSQL with polling on, and time first attempt → last SENT from the database's own timestamps.
# It runs only between 08:30 and 20:00 Shanghai time (00:30-12:00 UTC): the +86 numbers put every reminder in CN quiet hours
# otherwise, and the loader refuses to start rather than let the watcher wait for reminders that are deferred.
# Statements and commits per message are counted by the database itself over the same window: pg_stat_statements
# calls of the app role (DML and queries; BEGIN/COMMIT are not statements here: track_utility is off) and
# pg_stat_database.xact_commit, each delta divided by the messages SENT in the window (the watcher's own polling
# commits are subtracted). Anyone can repeat it: the extension ships with the embedded binaries.
#
#   bench/dispatch/run.sh [N=20000] [extra JVM -D options for the dispatching service...]
# Env: SKIP_BUILD=1 to reuse target/quarkus-app; PG_CONF='shared_buffers = 512MB' for one more server setting; EXPLAIN=20 to log the plans of statements slower than 20 ms; HTTP_PORT / PG_PORT (defaults 18091 / 15491).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/service.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
N=${1:-20000}; shift || true
HTTP_PORT=${HTTP_PORT:-18091}; PG_PORT=${PG_PORT:-15491}
KEY=bench-admin-key-for-local-load-runs-only
DATA=$(mktemp -d /tmp/tixing-bench-dispatch-XXXXXX)
RUN=disp-$(date +%s)

if [[ "${SKIP_BUILD:-}" != 1 ]]; then ./mvnw -B -q package -DskipTests; fi
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
CP=$(cat target/bench-classpath.txt)

SERVICE=
start() {  # start <poll-interval> [more -D...]
  local poll=$1; shift
  "$JAVA" -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$HTTP_PORT \
    -Dtixing.embedded-db.data-dir="$DATA/postgres" -Dtixing.embedded-db.port=$PG_PORT \
    -Dtixing.security.bootstrap-admin-key=$KEY -Dtixing.dispatch.poll-interval=$poll \
    -Dquarkus.log.category.\"io.tixing\".level=WARN "$@" \
    -jar target/quarkus-app/quarkus-run.jar >> "$DATA/service.log" 2>&1 &
  SERVICE=$!
  await_ready
}
stop() { kill $SERVICE; wait $SERVICE 2>/dev/null || true; }
trap 'kill $SERVICE 2>/dev/null || true' EXIT

start off
"$JAVA" -cp "$CP" bench/dispatch/DispatchLoad.java load "http://127.0.0.1:$HTTP_PORT" $KEY $RUN "$N" 16
SUPER_PASSWORD=$(sed -n 's/^postgres=//p' "$DATA/postgres-credentials.properties")
"$JAVA" -cp "$CP" bench/dispatch/DispatchLoad.java extension "jdbc:postgresql://127.0.0.1:$PG_PORT/tixing" postgres "$SUPER_PASSWORD"
stop
preload_statement_stats

start 1s "$@"
echo "dispatching service pid $SERVICE ($*), data $DATA; $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
grep -h "fsync=" "$DATA/service.log" | tail -1 || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU seconds of the service and of PostgreSQL (postmaster, its reaped children, its live backends) over the watch: on a
# machine shared with other work, CPU per message says what the code costs, whatever the others take.
PG_PID=$(grep -h "embedded PostgreSQL on" "$DATA/service.log" | tail -1 | sed -n 's/.*(pid \([0-9]*\)).*/\1/p')
cpu() { awk -v all="${2:-}" '{ sub(/.*\) /, ""); t = $12 + $13; if (all == "all") t += $14 + $15; print t }' /proc/$1/stat 2>/dev/null || echo 0; }
pg_cpu() { local t; t=$(cpu $PG_PID all); for p in $(pgrep -P $PG_PID); do t=$((t + $(cpu $p))); done; echo $t; }
# Per thread of the service: "<tid> <name> <ticks>", to split its CPU into the dispatch threads, the JIT compilers, GC...
threads_cpu() { for t in /proc/$SERVICE/task/*; do
  printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ < $t/comm)" "$(awk '{ sub(/.*\) /, ""); print $12 + $13 }' $t/stat)"; done 2>/dev/null; }
thread_groups() { awk -v hz=$(getconf CLK_TCK) -v n=$3 'FNR == NR { t0[$1] = $3; next } ($1 in t0) {
    g = $2; gsub(/[-_#]?[0-9]+$/, "", g); d[g] += $3 - t0[$1] }
  END { for (g in d) if (d[g] > 0) printf "  %-24s %6.1f s  %5.0f us per message\n", g, d[g] / hz, n ? d[g] / hz / n * 1e6 : 0 }' "$1" "$2" | sort -k2 -nr; }
JVM_CPU0=$(cpu $SERVICE); PG_CPU0=$(pg_cpu); threads_cpu > "$DATA/threads0.txt"
"$JAVA" -cp "$CP" bench/dispatch/DispatchLoad.java watch "jdbc:postgresql://127.0.0.1:$PG_PORT/tixing" postgres "$SUPER_PASSWORD" $RUN "$N" \
  | tee "$DATA/watch.txt"
WINDOW=$(sed -n 's/^in the watch window: \([0-9]*\) messages SENT.*/\1/p' "$DATA/watch.txt")
JVM_CPU1=$(cpu $SERVICE); PG_CPU1=$(pg_cpu); threads_cpu > "$DATA/threads1.txt"
awk -v j=$((JVM_CPU1 - JVM_CPU0)) -v p=$((PG_CPU1 - PG_CPU0)) -v hz=$(getconf CLK_TCK) -v n="${WINDOW:-0}" 'BEGIN {
  printf "cpu over the watch window: service %.1f s, postgres %.1f s: %.0f + %.0f us of cpu per message sent in it\n",
    j / hz, p / hz, n ? j / hz / n * 1e6 : 0, n ? p / hz / n * 1e6 : 0 }'
echo "service cpu by thread group over the watch window (threads alive at both ends; JIT = C1/C2 compiler threads):"
thread_groups "$DATA/threads0.txt" "$DATA/threads1.txt" "${WINDOW:-0}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
stop
