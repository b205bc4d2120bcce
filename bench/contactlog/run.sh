#!/usr/bin/env bash
# Contact-log query benchmark (not run by CI). Usage: bench/contactlog/run.sh [rows=10000000] [runs=50] [all|stats]
# Starts a fresh embedded PostgreSQL in a temp dir, applies the real migrations, loads synthetic rows as the
# owner role (bypassing the hash chain: this measures queries, not appends) and prints p50/p95 per query.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
RUNS="${2:-50}"
WHICH="${3:-all}"   # "stats": only the dashboard aggregates
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); date: $(date -u +%FT%TZ)"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat target/bench-classpath.txt)" bench/contactlog/ContactLogBench.java "$ROWS" "$RUNS" "$WHICH"
