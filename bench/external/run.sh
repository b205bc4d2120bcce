#!/usr/bin/env bash
# Dispatch throughput on an external PostgreSQL, with one and with two instances: a cluster of its own made with
# Debian's server binaries (apt-get install postgresql), the roles created by the script in docs/OPERATIONS.md
# ("Creating the roles"), packaged instances configured only through the documented environment variables.
# Each round pre-loads N reminders with dispatch off, then starts the dispatching instance(s) and times first attempt
# → last SENT from the database's own timestamps (bench/dispatch/DispatchLoad.java watch).
#
#   bench/external/run.sh [N=2000]          Env: SKIP_BUILD=1 to reuse target/quarkus-app
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
N=${1:-2000}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] || { echo "needs Debian's PostgreSQL server: apt-get install postgresql" >&2; exit 1; }
command -v psql >/dev/null || { echo "needs psql: apt-get install postgresql-client" >&2; exit 1; }
KEY=bench-admin-key-for-local-load-runs-only
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
secret() { python3 -c 'import secrets, string; print("".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32)))'; }

if [[ "${SKIP_BUILD:-}" != 1 ]]; then ./mvnw -B -q package -DskipTests; fi
./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
CP=$(cat target/bench-classpath.txt)

WORK=$(mktemp -d /tmp/tixing-bench-external-XXXXXX)
chmod 755 "$WORK"
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; AS=(runuser -u postgres --); fi  # initdb and pg_ctl refuse root
SUPER_PW=$(secret); OWNER_PW=$(secret); APP_PW=$(secret)
echo "$SUPER_PW" > "$WORK/pw"
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pw"; fi
"${AS[@]}" "$BIN/initdb" -D "$WORK/data" -U postgres --pwfile="$WORK/pw" --auth=scram-sha-256 -E UTF8 --locale=C >/dev/null
rm -f "$WORK/pw"
PG_PORT=$(free_port)
"${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK" start >/dev/null
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  "${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

sed -n '/^### Creating the roles/,/^```$/p' docs/OPERATIONS.md | sed -n '/^```sql$/,/^```$/p' | sed '1d;$d' \
  | sed "s/<owner-password>/$OWNER_PW/; s/<app-password>/$APP_PW/" > "$WORK/roles.sql"
PGPASSWORD=$SUPER_PW psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q -f "$WORK/roles.sql" postgres

PORTS=()
launch() {  # launch <name> <poll-interval>: an instance configured as docs/OPERATIONS.md says, in the background
  local name=$1 poll=$2 port; port=$(free_port)
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/tixing" \
  QUARKUS_DATASOURCE_USERNAME=tixing_app QUARKUS_DATASOURCE_PASSWORD="$APP_PW" \
  QUARKUS_FLYWAY_USERNAME=tixing_owner QUARKUS_FLYWAY_PASSWORD="$OWNER_PW" \
  TIXING_CONTACT_LOG_ANCHOR_DIR="$WORK/anchors" TIXING_CONTACT_LOG_ANCHOR_KEY_FILE="$WORK/anchor-key" \
  TIXING_CONTACT_LOG_CHECKPOINT_KEY_FILE="$WORK/checkpoint-key" TIXING_SECURITY_BOOTSTRAP_KEY_FILE="$WORK/admin-key" \
  "$JAVA" -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dtixing.security.bootstrap-admin-key=$KEY \
    -Dtixing.dispatch.poll-interval="$poll" -Dquarkus.log.category.\"io.tixing\".level=WARN \
    -jar target/quarkus-app/quarkus-run.jar >> "$WORK/$name.log" 2>&1 &
  PIDS+=($!); PORTS+=("$port")
}
await_ready() {  # every launched instance answers /q/health/ready
  local i
  for i in "${!PORTS[@]}"; do
    for _ in $(seq 1 360); do
      curl -fs "http://127.0.0.1:${PORTS[$i]}/q/health/ready" >/dev/null 2>&1 && break
      kill -0 "${PIDS[$i]}" 2>/dev/null || { tail -40 "$WORK"/*.log >&2; exit 1; }
      sleep 0.5
    done
  done
}
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; PIDS=(); PORTS=(); }
watch() { "$JAVA" -cp "$CP" bench/dispatch/DispatchLoad.java watch "jdbc:postgresql://127.0.0.1:$PG_PORT/tixing" tixing_app "$APP_PW" "$1" "$N"; }

echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (fsync on), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), N=$N"
for instances in 1 2; do
  RUN=ext$instances-$(date +%s)
  launch loader off; await_ready
  "$JAVA" -cp "$CP" bench/external/ExternalLoad.java load "http://127.0.0.1:${PORTS[0]}" $KEY "$RUN" "$N" $(( (instances - 1) * 5000 ))
  stop_all
  # Started together, so both dispatch from (nearly) the first attempt on.
  for i in $(seq 1 "$instances"); do launch "dispatcher-$instances-$i" 1s; done
  await_ready
  echo -n "$instances instance(s): "
  watch "$RUN"
  stop_all
done
