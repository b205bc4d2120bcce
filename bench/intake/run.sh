#!/usr/bin/env bash
# Intake throughput: POST /api/v1/reminders vs. POST /api/v1/noop (framework ceiling) vs. the same inserts over JDBC
# (database ceiling), one run, fixed concurrency. The service runs from the packaged jar on loopback with its embedded
# PostgreSQL in a fresh /tmp folder, -Xmx512m, and dispatch polling OFF (tixing.dispatch.poll-interval=off) so that
# only intake is measured. The embedded PostgreSQL is the default one: durable (fsync, synchronous_commit and
# full_page_writes on; the service log states them).
#
#   bench/intake/run.sh [concurrency=32] [warmup seconds=10] [measured seconds=30]
# The no-op endpoint is off unless tixing.bench.noop-enabled=true, which this script sets for its own service only.
# Statements: pg_stat_statements (loaded at the second start, as in bench/dispatch) gives the app role's costliest
# statements in µs of execution per request of each database target, and pg_stat_wal the WAL per request.
# Env: SKIP_BUILD=1 to reuse target/quarkus-app; EXPLAIN=<ms> to log the plans of statements slower than that; PG_CONF='name = value' adds a server setting; HTTP_PORT / PG_PORT (defaults 18090 / 15490); EXTRA_OPTS (JVM options).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/service.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
CONCURRENCY=${1:-32}; WARMUP=${2:-10}; MEASURE=${3:-30}
HTTP_PORT=${HTTP_PORT:-18090}; PG_PORT=${PG_PORT:-15490}
KEY=bench-admin-key-for-local-load-runs-only
DATA=$(mktemp -d /tmp/tixing-bench-intake-XXXXXX)

if [[ "${SKIP_BUILD:-}" != 1 ]]; then ./mvnw -B -q package -DskipTests; fi
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

SERVICE=
start() {  # the packaged service on this run's data directory
  "$JAVA" -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$HTTP_PORT \
    -Dtixing.embedded-db.data-dir="$DATA/postgres" -Dtixing.embedded-db.port=$PG_PORT \
    -Dtixing.security.bootstrap-admin-key=$KEY -Dtixing.dispatch.poll-interval=off -Dtixing.bench.noop-enabled=true \
    ${EXTRA_OPTS:-} \
    -Dquarkus.log.category.\"io.tixing\".level=WARN \
    -jar target/quarkus-app/quarkus-run.jar >> "$DATA/service.log" 2>&1 &
  SERVICE=$!
  await_ready
}
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
# First start: the database is created and migrated; pg_stat_statements is created (its library is loaded at the next
# start, with auto_explain), so the run can say which of the app role's statements cost what per request.
start
SUPER_PASSWORD=$(sed -n 's/^postgres=//p' "$DATA/postgres-credentials.properties")
PGPASSWORD="$SUPER_PASSWORD" psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d tixing -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
kill $SERVICE; wait $SERVICE 2>/dev/null || true
preload_statement_stats
start
echo "service pid $SERVICE, data $DATA; $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); load: $(uptime | sed 's/.*load average/load average/')"
grep -h "fsync=" "$DATA/service.log" | tail -1 || true
# The embedded server's generated passwords (scram-sha-256), kept beside its data directory.
APP_PASSWORD=$(sed -n 's/^tixing_app=//p' "$DATA/postgres-credentials.properties")

PG_PID=$(sed -n 's/.*embedded PostgreSQL on [^ ]* (pid \([0-9]*\)).*/\1/p' "$DATA/service.log" | tail -1)
"$JAVA" -Dbench.service-pid=$SERVICE -Dbench.superuser-password="$SUPER_PASSWORD" -Dbench.postgres-pid=${PG_PID:-0} -Dbench.clk-tck=$(getconf CLK_TCK) \
  -cp "$(cat target/bench-classpath.txt)" bench/intake/IntakeLoad.java "http://127.0.0.1:$HTTP_PORT" "$KEY" \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/tixing" tixing_app "$APP_PASSWORD" "$CONCURRENCY" "$WARMUP" "$MEASURE"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
