# Shared by the bench scripts (sourced): waits until the service started as $SERVICE answers ready on $HTTP_PORT,
# printing the end of $DATA/service.log and exiting if it dies first or is not ready within 2 minutes.
await_ready() {
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE" 2>/dev/null || { tail -40 "$DATA/service.log"; exit 1; }
    sleep 0.5
  done
  echo "service did not start"; exit 1
}

# Before the measured start: pg_stat_statements (created by the first start) and auto_explain load with the server;
# EXPLAIN=<ms> logs the plans of statements slower than that to $DATA/pglog (they cost time: not for measured runs);
# PG_CONF='name = value' adds one server setting, printed with the results.
preload_statement_stats() {
  printf "shared_preload_libraries = 'pg_stat_statements,auto_explain'\npg_stat_statements.track_utility = off\n" \
    >> "$DATA/postgres/postgresql.conf"
  if [[ -n "${EXPLAIN:-}" ]]; then
    printf "auto_explain.log_min_duration = '%sms'\nauto_explain.log_analyze = on\nauto_explain.log_buffers = on\nlogging_collector = on\nlog_directory = '%s'\n" \
      "$EXPLAIN" "$DATA/pglog" >> "$DATA/postgres/postgresql.conf"
  fi
  if [[ -n "${PG_CONF:-}" ]]; then printf '%s\n' "$PG_CONF" >> "$DATA/postgres/postgresql.conf"; echo "postgresql.conf + $PG_CONF"; fi
}
