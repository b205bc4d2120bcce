#!/usr/bin/env bash
# Contact-log query benchmark (not run by CI). Usage: bench/contactlog/run.sh [rows=10000000] [runs=50] [all|stats]
# Starts a fresh embedded PostgreSQL in a temp dir, applies the real migrations, loads synthetic rows as the
# owner role (bypassing the hash chain: this measures queries, not appends) and prints p50/p95 per query.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
RUNS="${2:-50}"
WHICH="${3:-all}"   # "stats": only the dashboard aggregates
./mvnw -q -B -o -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
# A run takes long at 10M rows: it reads its own copy of the classes, so a rebuild meanwhile cannot change them under it.
rm -rf target/bench-classes && cp -r target/classes target/bench-classes
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); date: $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/bench-classes:$(cat target/bench-classpath.txt)" bench/contactlog/ContactLogBench.java "$ROWS" "$RUNS" "$WHICH"
